#pragma once
// Validation of a loaded configuration as upstream does it (starfleet-behavior.md §1.2–1.4, §2):
// the STARFLEET stanza, every worker ship stanza (base configuration plus the ship's own fields
// for upstream's included ships) and the StarfleetDefaultAccountIndex stanza, plus lint warnings
// for upstream's configuration traps.

#include <optional>
#include <string>
#include <vector>

#include "workers/configuration/configuration.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::workers {

enum class InvocationSource { s3, sqs, eventbridge_timed_event };

// STARFLEET as the rest of Drydock needs it (raw values; upstream applies no defaults at runtime).
struct StarfleetSettings {
  std::string deployment_region;
  std::string template_bucket;
  std::string fan_out_queue_url;
  std::optional<std::string> account_index;  // absent = upstream's KeyError bug (warned)
  std::vector<std::string> scope_to_regions;
};

// One worker ship stanza, as the Starbase reads it.
struct WorkerStanza {
  std::string name;      // the top-level key (the ship's class name)
  bool enabled = false;  // Python truthiness of the raw value, as upstream's loader
  std::string template_prefix;
  std::string invocation_queue_url;
  std::vector<InvocationSource> invocation_sources;
  std::optional<std::string> eventbridge_timed_frequency;
  std::size_t source = 0;            // index into Configuration::sources
  const yaml::Node* node = nullptr;  // the stanza mapping
};

struct ConfigurationValidation {
  std::vector<Diagnostic> diagnostics;         // errors and warnings, file/line/column filled in
  std::optional<StarfleetSettings> starfleet;  // set when the STARFLEET stanza is valid
  std::vector<WorkerStanza> workers;           // valid worker stanzas, in `worker_names` order
};

// Validates `config`. `worker_names` lists the ships to validate as workers (from drydock.yaml);
// when empty, every top-level mapping with a TemplatePrefix or InvocationSources key is a worker,
// and so are upstream's four included ships when present. A worker with no stanza, or an empty
// one, is a warning ("no configuration: upstream skips this ship"), never an error.
// Field paths start with the top-level key: ["STARFLEET", "DeploymentRegion"], ["IamRoleWorkerShip",
// "Enabled"], ["StarfleetDefaultAccountIndex", "IndexBucket"]; to_error_dict() of the errors is the
// dict upstream's schemas report. The configuration lints (workers/lint/config_lints.hpp) are
// included as warnings. `config` must outlive the result (WorkerStanza::node points into it).
ConfigurationValidation validate_configuration(const Configuration& config, const RegionUniverse& regions,
                                               const std::vector<std::string>& worker_names);

}  // namespace drydock::workers
