#pragma once
// A worker ship's configuration stanza, checked as upstream checks it when it loads ships
// (starfleet-behavior.md §1.3, §2, §12): `configuration_template_class().validate(stanza)` — the base
// WorkerShipBaseConfigurationTemplate (unknown keys allowed) plus the fields of upstream's included
// ships, and the schema's post_load rule (a timed ship needs an EventBridgeTimedFrequency), which
// upstream's loader skips (`.validate()`) but its schema tests and its ships' `.load()` apply.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "workers/configuration/configuration_validator.hpp"
#include "workers/configuration/field_checks.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

// The post_load rule's message, under [ship, "_schema"].
inline constexpr std::string_view k_timed_frequency_required =
    "A EventBridgeTimedFrequency is required when specifying an invocation event of EVENTBRIDGE_TIMED_EVENT.";

// Upstream's included ships, in its plugin discovery order (sorted package names).
std::span<const std::string_view> included_ship_names();
bool is_included_ship(std::string_view name);

// Member names of upstream's InvocationSource and EventBridgeFrequency enums, in definition order.
const std::vector<std::string>& invocation_source_names();
const std::vector<std::string>& eventbridge_frequency_names();

// Validates the stanza of ship `name` (a truthy value: upstream skips falsy ones). Errors go under
// [name, ...]. Returns the stanza's raw settings when it has no error, else nullopt.
std::optional<WorkerStanza> validate_worker_stanza(std::string_view name, const yaml::Node& value,
                                                   std::size_t source, config::Reporter& reporter);

}  // namespace drydock::workers
