#include "workers/configuration/configuration_validator.hpp"

#include <algorithm>
#include <string>

#include "workers/configuration/account_index_stanza.hpp"
#include "workers/configuration/field_checks.hpp"
#include "workers/configuration/starfleet_stanza.hpp"
#include "workers/configuration/worker_stanza.hpp"
#include "workers/lint/config_lints.hpp"
#include "workers/marshmallow/messages.hpp"
#include "workers/marshmallow/python_values.hpp"

namespace drydock::workers {
namespace {

constexpr std::string_view k_starfleet_key = "STARFLEET";

// BaseConfigurationSchema: STARFLEET is a required, non-null Nested(StarfleetSchema).
void check_starfleet(const Configuration& config, const RegionUniverse& regions,
                     ConfigurationValidation& result) {
  const FieldPath path = {std::string(k_starfleet_key)};
  const TopLevelEntry* entry = config.find(k_starfleet_key);
  if (entry == nullptr) {
    config::Reporter(config.display_dir, result.diagnostics).error(path, {}, marshmallow::k_missing_required);
    return;
  }
  config::Reporter reporter(config.file_of(*entry), result.diagnostics);
  if (entry->value->type == yaml::Type::null) {
    reporter.error(path, entry->value->mark, marshmallow::k_may_not_be_null);
    return;
  }
  result.starfleet = validate_starfleet_stanza(*entry->value, regions, reporter);
}

// With no names from drydock.yaml: every stanza that looks like a worker's, and upstream's included
// ships, in the order the configuration defines them.
std::vector<std::string> discover_workers(const Configuration& config) {
  std::vector<std::string> names;
  for (const auto& entry : config.entries) {
    if (entry.key_node->type != yaml::Type::string || entry.key == k_starfleet_key ||
        entry.key == k_account_index_key) {
      continue;
    }
    const bool looks_like_worker =
        entry.value->find("TemplatePrefix") != nullptr || entry.value->find("InvocationSources") != nullptr;
    if (looks_like_worker || is_included_ship(entry.key)) {
      names.push_back(entry.key);
    }
  }
  return names;
}

void check_workers(const Configuration& config, const std::vector<std::string>& worker_names,
                   ConfigurationValidation& result) {
  auto names = worker_names.empty() ? discover_workers(config) : worker_names;
  std::vector<std::string> seen;
  for (const auto& name : names) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      continue;
    }
    seen.push_back(name);
    const TopLevelEntry* entry = config.find(name);
    if (entry == nullptr) {
      config::Reporter(config.display_dir, result.diagnostics)
          .warning({name}, {}, "no configuration: upstream skips this ship", "no-configuration");
      continue;
    }
    config::Reporter reporter(config.file_of(*entry), result.diagnostics);
    if (!marshmallow::python_truthy(*entry->value)) {
      reporter.warning({name}, entry->key_node->mark,
                       "no configuration (the stanza is empty): upstream skips this ship",
                       "no-configuration");
      continue;
    }
    if (auto stanza = validate_worker_stanza(name, *entry->value, entry->source, reporter)) {
      result.workers.push_back(std::move(*stanza));
    }
  }
}

void check_account_index(const Configuration& config, ConfigurationValidation& result) {
  if (const TopLevelEntry* entry = config.find(k_account_index_key)) {
    config::Reporter reporter(config.file_of(*entry), result.diagnostics);
    validate_account_index_stanza(*entry->value, reporter);
  }
}

}  // namespace

ConfigurationValidation validate_configuration(const Configuration& config, const RegionUniverse& regions,
                                               const std::vector<std::string>& worker_names) {
  ConfigurationValidation result;
  check_starfleet(config, regions, result);         // upstream refuses to start without it
  check_workers(config, worker_names, result);      // one invalid ship aborts upstream's ship loading
  check_account_index(config, result);              // read when the default account index loads
  auto lints = lint_configuration(config, result);  // traps that validate but misbehave at runtime
  result.diagnostics.insert(result.diagnostics.end(), lints.begin(), lints.end());
  return result;
}

}  // namespace drydock::workers
