#include "workers/configuration/starfleet_stanza.hpp"

#include <array>
#include <string>
#include <vector>

#include "workers/marshmallow/fields.hpp"

namespace drydock::workers {
namespace {

using config::FieldSpec;
using config::Reporter;
using yaml::Node;

// OneOf over a Python set: the order upstream prints is random, Drydock's is sorted.
const std::vector<std::string>& log_levels() {
  static const std::vector<std::string> levels = {"CRITICAL", "DEBUG", "ERROR", "INFO", "NOTSET", "WARNING"};
  return levels;
}

// Whether SlackEnabled loads as true (the field itself was already checked).
bool slack_enabled(const Node& stanza) {
  const Node* value = stanza.find("SlackEnabled");
  if (value == nullptr) {
    return false;  // load_default=False
  }
  return marshmallow::boolean_value(*value).value_or(false);
}

StarfleetSettings settings_of(const Node& stanza) {
  StarfleetSettings settings;
  settings.deployment_region = stanza.find("DeploymentRegion")->text;
  settings.template_bucket = stanza.find("TemplateBucket")->text;
  settings.fan_out_queue_url = stanza.find("FanOutQueueUrl")->text;
  if (const Node* index = stanza.find("AccountIndex")) {
    settings.account_index = index->text;
  }
  if (const Node* scope = stanza.find("ScopeToRegions")) {
    for (const Node* region : scope->items) {
      settings.scope_to_regions.push_back(region->text);
    }
  }
  return settings;
}

}  // namespace

std::optional<StarfleetSettings> validate_starfleet_stanza(const Node& value, const RegionUniverse& regions,
                                                           Reporter& reporter) {
  const auto& region_choices = regions.sorted();
  auto string = [](const Node& v, const FieldPath& p, Reporter& r) { config::check_string(v, p, r); };
  auto region = [&](const Node& v, const FieldPath& p, Reporter& r) {
    config::check_one_of(v, p, r, region_choices);
  };
  const std::array<FieldSpec, 2> secrets_fields = {{
      {"SecretId", true, string},
      {"SecretRegion", true, region},
  }};
  const std::array<FieldSpec, 9> fields = {{
      {"DeploymentRegion", true, region},
      {"TemplateBucket", true, string},
      {"FanOutQueueUrl", true, config::check_https_url},
      {"AccountIndex", false, string},
      {"ScopeToRegions", false,
       [&](const Node& v, const FieldPath& p, Reporter& r) { config::check_list(v, p, r, region); }},
      {"SecretsManager", false,
       [&](const Node& v, const FieldPath& p, Reporter& r) {
         config::check_schema(v, p, r, secrets_fields, config::Unknown::raise);
       }},
      {"SlackEnabled", false,
       [](const Node& v, const FieldPath& p, Reporter& r) { config::check_boolean(v, p, r); }},
      {"LogLevel", false,
       [](const Node& v, const FieldPath& p, Reporter& r) { config::check_one_of(v, p, r, log_levels()); }},
      {"ThirdPartyLoggerLevels", false, config::check_dict},
  }};

  const FieldPath path = {std::string("STARFLEET")};
  const auto errors_before = reporter.error_count();
  config::check_schema(value, path, reporter, fields, config::Unknown::raise);
  if (reporter.error_count() != errors_before) {
    return std::nullopt;  // @validates_schema is skipped when there are field errors
  }
  if (slack_enabled(value) && value.find("SecretsManager") == nullptr) {
    const Node* slack = value.find("SlackEnabled");
    reporter.error(config::child(path, std::string("SlackEnabled")), slack->mark, k_slack_needs_secrets);
    return std::nullopt;
  }
  return settings_of(value);
}

}  // namespace drydock::workers
