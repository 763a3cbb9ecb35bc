// AWS::Serverless::Function: Timeout and the SQS and Schedule events
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html).
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "emulator/eventbridge/schedule_expression.hpp"
#include "emulator/sam/resource_readers.hpp"

namespace drydock::emulator::detail {
namespace {

using workers::FieldPath;
using workers::yaml::Node;
using workers::yaml::Type;

// EventBridge rule names: 1..64 of [.\-_A-Za-z0-9].
bool valid_rule_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

void read_sqs_event(TemplateReader& reader, const Node& properties, const FieldPath& field,
                    SamSqsEvent& event) {
  if (const Node* queue = reader.required(properties, "Queue", field)) {
    event.queue = reader.queue_reference(queue, child(field, "Queue")).value_or("");
  }
  if (const Node* value = properties.find("BatchSize")) {
    // 10000 is the standard-queue bound; above 10 Lambda also wants a batching window, not modelled.
    event.batch_size =
        static_cast<int>(reader.integer(value, child(field, "BatchSize"), 1, 10'000).value_or(10));
  }
  if (const Node* value = properties.find("Enabled")) {
    event.enabled = reader.boolean(value, child(field, "Enabled")).value_or(true);
  }
  if (const Node* value = properties.find("FunctionResponseTypes")) {
    const FieldPath types_field = child(field, "FunctionResponseTypes");
    if (const Node* types = reader.sequence(value, types_field)) {
      for (std::size_t i = 0; i < types->items.size(); ++i) {
        FieldPath item_field = types_field;
        item_field.emplace_back(static_cast<std::int64_t>(i));
        const auto type = reader.string(types->items[i], item_field);
        if (type && *type != "ReportBatchItemFailures") {
          reader.error(
              types->items[i], item_field,
              fmt::format("'{}' is not a response type; the only one is ReportBatchItemFailures", *type));
        }
        event.report_batch_item_failures =
            event.report_batch_item_failures || type == "ReportBatchItemFailures";
      }
    }
  }
}

void read_schedule_event(TemplateReader& reader, const Node& properties, const FieldPath& field,
                         SamScheduleEvent& event) {
  if (const Node* schedule = reader.required(properties, "Schedule", field)) {
    if (auto text = reader.string(schedule, child(field, "Schedule"))) {
      if (auto parsed = ScheduleExpression::parse(*text); !parsed) {
        reader.error(schedule, child(field, "Schedule"), parsed.error());
      }
      event.expression = std::move(*text);
    }
  }
  if (const Node* input = properties.find("Input")) {
    if (auto text = reader.string(input, child(field, "Input"))) {
      if (!nlohmann::json::accept(*text)) {
        reader.error(input, child(field, "Input"),
                     "must be valid JSON text (EventBridge rejects the target)");
      }
      event.input = std::move(*text);
    }
  }
  const Node* enabled = properties.find("Enabled");
  const Node* state = properties.find("State");
  if (enabled != nullptr && state != nullptr) {
    reader.error(state, child(field, "State"), "Enabled and State cannot both be set");
  } else if (enabled != nullptr) {
    event.enabled = reader.boolean(enabled, child(field, "Enabled")).value_or(true);
  } else if (state != nullptr) {
    const auto text = reader.string(state, child(field, "State"));
    if (text && *text != "ENABLED" && *text != "DISABLED") {
      reader.error(state, child(field, "State"), "must be ENABLED or DISABLED");
    }
    event.enabled = text != "DISABLED";
  }
  if (const Node* name = properties.find("Name")) {
    if (auto text = reader.string(name, child(field, "Name"))) {
      if (!valid_rule_name(*text)) {
        reader.error(name, child(field, "Name"),
                     "must be 1..64 characters of A-Z, a-z, 0-9, '.', '-' and '_'");
      }
      event.rule_name = std::move(*text);
      event.rule_name_generated = false;
    }
  }
}

}  // namespace

SamFunction read_function(TemplateReader& reader, const std::string& logical_id, const Node& resource,
                          const FieldPath& field, std::optional<std::chrono::seconds> global_timeout) {
  SamFunction function;
  function.logical_id = logical_id;
  function.mark = resource.mark;
  function.timeout = global_timeout.value_or(std::chrono::seconds(3));
  const Node* found = resource.find("Properties");
  const FieldPath properties_field = child(field, "Properties");
  const Node* properties = found != nullptr ? reader.mapping(found, properties_field) : nullptr;
  if (properties == nullptr) {
    return function;
  }
  if (const Node* value = properties->find("Timeout")) {
    if (auto seconds =
            reader.integer(value, child(properties_field, "Timeout"), 1, 900, " number of seconds")) {
      function.timeout = std::chrono::seconds(*seconds);
    }
  }
  const Node* events_node = properties->find("Events");
  const FieldPath events_field = child(properties_field, "Events");
  const Node* events = events_node != nullptr ? reader.mapping(events_node, events_field) : nullptr;
  if (events == nullptr) {
    return function;
  }
  for (const auto& entry : events->entries) {
    if (entry.key->type != Type::string) {
      reader.error(entry.key, events_field, "event names must be strings");
      continue;
    }
    const FieldPath event_field = child(events_field, entry.key->text);
    const Node* event = reader.mapping(entry.value, event_field);
    if (event == nullptr) {
      continue;
    }
    const Node* type_node = reader.required(*event, "Type", event_field);
    const auto type =
        type_node != nullptr ? reader.string(type_node, child(event_field, "Type")) : std::nullopt;
    if (type != "SQS" && type != "Schedule") {
      continue;  // API, S3, SNS, ScheduleV2, ...: not emulated
    }
    const FieldPath event_properties_field = child(event_field, "Properties");
    const Node* event_properties = reader.required(*event, "Properties", event_field);
    if (event_properties != nullptr) {
      event_properties = reader.mapping(event_properties, event_properties_field);
    }
    if (event_properties == nullptr) {
      continue;
    }
    if (type == "SQS") {
      SamSqsEvent sqs;
      sqs.name = entry.key->text;
      sqs.mark = entry.key->mark;
      read_sqs_event(reader, *event_properties, event_properties_field, sqs);
      function.sqs_events.push_back(std::move(sqs));
    } else {
      SamScheduleEvent schedule;
      schedule.name = entry.key->text;
      schedule.mark = entry.key->mark;
      // SAM names the rule resource <function><event>; CloudFormation derives the rule's name from it.
      schedule.rule_name = logical_id + entry.key->text;
      schedule.rule_name_generated = true;
      read_schedule_event(reader, *event_properties, event_properties_field, schedule);
      function.schedule_events.push_back(std::move(schedule));
    }
  }
  return function;
}

}  // namespace drydock::emulator::detail
