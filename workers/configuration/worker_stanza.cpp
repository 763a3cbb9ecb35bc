#include "workers/configuration/worker_stanza.hpp"

#include <algorithm>
#include <array>

#include "workers/marshmallow/messages.hpp"
#include "workers/marshmallow/python_values.hpp"

namespace drydock::workers {
namespace {

using config::FieldSpec;
using config::Reporter;
using yaml::Node;

constexpr std::array<std::string_view, 4> k_included_ships = {
    "AccountIndexGeneratorShip", "AwsConfigWorkerShip", "GitHubSyncWorkerShip", "IamRoleWorkerShip"};

const std::vector<std::string>& alert_priority_names() {
  static const std::vector<std::string> names = {"NONE", "PROBLEM", "IMPORTANT", "SUCCESS", "INFORMATIONAL"};
  return names;
}

void string_field(const Node& v, const FieldPath& p, Reporter& r) {
  config::check_string(v, p, r);
}
void boolean_field(const Node& v, const FieldPath& p, Reporter& r) {
  config::check_boolean(v, p, r);
}

void alert_configuration_field(const Node& v, const FieldPath& p, Reporter& r) {
  const std::array<FieldSpec, 2> fields = {{
      {"ChannelId", true, string_field},
      {"AlertPriority", true,
       [](const Node& value, const FieldPath& path, Reporter& reporter) {
         config::check_one_of(value, path, reporter, alert_priority_names());
       }},
  }};
  config::check_schema(v, p, r, fields, config::Unknown::raise);
}

// WorkerShipBaseConfigurationTemplate's fields.
std::vector<FieldSpec> base_fields() {
  return {
      {"Enabled", true, boolean_field},
      {"TemplatePrefix", true, string_field},
      {"InvocationQueueUrl", true, config::check_https_url},
      {"InvocationSources", true,
       [](const Node& v, const FieldPath& p, Reporter& r) {
         config::check_list(v, p, r, [](const Node& item, const FieldPath& ip, Reporter& ir) {
           config::check_enum_name(item, ip, ir, invocation_source_names());
         });
       }},
      {"EventBridgeTimedFrequency", false,
       [](const Node& v, const FieldPath& p, Reporter& r) {
         config::check_enum_name(v, p, r, eventbridge_frequency_names());
       }},
      {"StarbaseInvocationTopicArn", false, string_field},
      {"AlertConfiguration", false, alert_configuration_field},
  };
}

// The fields each included ship's configuration template adds (src/starfleet/worker_ships/plugins).
void add_ship_fields(std::string_view name, std::vector<FieldSpec>& fields) {
  if (name == "AccountIndexGeneratorShip") {
    for (std::string_view key :
         {"OrgAccountAssumeRole", "OrgAccountId", "OrgRootId", "DescribeRegionsAssumeRole"}) {
      fields.push_back({key, true, string_field});
    }
  } else if (name == "AwsConfigWorkerShip" || name == "IamRoleWorkerShip") {
    fields.push_back({"WorkerRoleToAssume", true, string_field});
    fields.push_back({"WorkerRoleSessionName", false, string_field});
  }
}

std::optional<InvocationSource> invocation_source_of(std::string_view name) {
  if (name == "S3") {
    return InvocationSource::s3;
  }
  if (name == "SQS") {
    return InvocationSource::sqs;
  }
  if (name == "EVENTBRIDGE_TIMED_EVENT") {
    return InvocationSource::eventbridge_timed_event;
  }
  return std::nullopt;  // a Python attribute name that getattr() accepted
}

WorkerStanza stanza_of(std::string_view name, const Node& value, std::size_t source) {
  WorkerStanza stanza;
  stanza.name = std::string(name);
  stanza.enabled = marshmallow::python_truthy(*value.find("Enabled"));
  stanza.template_prefix = value.find("TemplatePrefix")->text;
  stanza.invocation_queue_url = value.find("InvocationQueueUrl")->text;
  for (const Node* item : value.find("InvocationSources")->items) {
    if (auto parsed = invocation_source_of(item->text)) {
      stanza.invocation_sources.push_back(*parsed);
    }
  }
  if (const Node* frequency = value.find("EventBridgeTimedFrequency")) {
    stanza.eventbridge_timed_frequency = frequency->text;
  }
  stanza.source = source;
  stanza.node = &value;
  return stanza;
}

// The schema's post_load rule (marshmallow runs it once the fields have loaded): a timed ship needs a
// frequency. Returns false, with the error and a note on where upstream itself fails, when it has none.
bool check_timed_frequency(const WorkerStanza& stanza, Reporter& reporter) {
  const auto& sources = stanza.invocation_sources;
  if (stanza.eventbridge_timed_frequency ||
      std::find(sources.begin(), sources.end(), InvocationSource::eventbridge_timed_event) == sources.end()) {
    return true;
  }
  const FieldPath path = {stanza.name, std::string(marshmallow::k_schema_key)};
  reporter.error(path, stanza.node->mark, k_timed_frequency_required);
  reporter.note(path, stanza.node->mark,
                "upstream's ship loader checks this stanza with the schema's .validate(), which skips this "
                "rule, so Starfleet loads the ship and fails later: every timed Starbase run, whatever its "
                "frequency, raises KeyError: 'EventBridgeTimedFrequency' before tasking any ship, and a ship "
                "that .load()s its configuration when it runs (IamRoleWorkerShip, AwsConfigWorkerShip) "
                "raises this error");
  return false;
}

}  // namespace

std::span<const std::string_view> included_ship_names() {
  return k_included_ships;
}

bool is_included_ship(std::string_view name) {
  return std::find(k_included_ships.begin(), k_included_ships.end(), name) != k_included_ships.end();
}

const std::vector<std::string>& invocation_source_names() {
  static const std::vector<std::string> names = {"S3", "SQS", "EVENTBRIDGE_TIMED_EVENT"};
  return names;
}

const std::vector<std::string>& eventbridge_frequency_names() {
  static const std::vector<std::string> names = {"FIVE_MIN",   "FIFTEEN_MIN",   "THIRTY_MIN", "HOURLY",
                                                 "SIX_HOURLY", "TWELVE_HOURLY", "DAILY"};
  return names;
}

std::optional<WorkerStanza> validate_worker_stanza(std::string_view name, const Node& value,
                                                   std::size_t source, Reporter& reporter) {
  auto fields = base_fields();
  add_ship_fields(name, fields);
  const auto errors_before = reporter.error_count();
  config::check_schema(value, {std::string(name)}, reporter, fields, config::Unknown::include);
  if (reporter.error_count() != errors_before) {
    return std::nullopt;
  }
  auto stanza = stanza_of(name, value, source);
  if (!check_timed_frequency(stanza, reporter)) {
    return std::nullopt;
  }
  return stanza;
}

}  // namespace drydock::workers
