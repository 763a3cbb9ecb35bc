#pragma once
// The STARFLEET stanza, checked as upstream's StarfleetSchema (starfleet/utils/config_schema.py)
// checks it (starfleet-behavior.md §1.2): unknown keys are "Unknown field.", region fields are
// OneOf the region universe (choices printed sorted: upstream joins a set, in random order), and
// the Slack rule runs only when no field has an error.

#include <optional>

#include "workers/configuration/configuration_validator.hpp"
#include "workers/configuration/field_checks.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

// Slack rule message (StarfleetSchema.verify_schema), reported under ["STARFLEET", "SlackEnabled"].
inline constexpr std::string_view k_slack_needs_secrets =
    "Slack can only be enabled if you are using Secrets Manager -- you need to configure the "
    "`SecretsManager` field.";

// Validates the value of the STARFLEET key (present and not None; the caller reports those cases).
// Errors go under ["STARFLEET", ...]. Returns the raw settings when the stanza has no error, else
// nullopt.
std::optional<StarfleetSettings> validate_starfleet_stanza(const yaml::Node& value,
                                                           const RegionUniverse& regions,
                                                           config::Reporter& reporter);

}  // namespace drydock::workers
