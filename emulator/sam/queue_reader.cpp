// AWS::SQS::Queue properties, with AWS's defaults and ranges
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html).
#include "emulator/sam/resource_readers.hpp"

namespace drydock::emulator::detail {
namespace {

using workers::FieldPath;
using workers::yaml::Node;
using workers::yaml::Type;

constexpr std::string_view k_seconds = " number of seconds";

std::optional<SamRedrivePolicy> read_redrive_policy(TemplateReader& reader, const Node* node,
                                                    const FieldPath& field) {
  // CloudFormation also takes the policy as a JSON string; templates write it as a mapping, and a
  // string form would hide the !GetAtt Drydock needs, so only the mapping is read.
  const Node* policy = reader.mapping(node, field);
  if (policy == nullptr) {
    return std::nullopt;
  }
  SamRedrivePolicy out;
  bool complete = true;
  if (const Node* target = reader.required(*policy, "deadLetterTargetArn", field)) {
    if (auto queue = reader.queue_reference(target, child(field, "deadLetterTargetArn"))) {
      out.dead_letter_queue = std::move(*queue);
    } else {
      complete = false;
    }
  } else {
    complete = false;
  }
  if (const Node* count = reader.required(*policy, "maxReceiveCount", field)) {
    if (auto value = reader.integer(count, child(field, "maxReceiveCount"), 1, 1000)) {
      out.max_receive_count = static_cast<int>(*value);
    } else {
      complete = false;
    }
  } else {
    complete = false;
  }
  return complete ? std::optional(out) : std::nullopt;
}

}  // namespace

std::optional<std::string> literal_queue_name(TemplateReader& reader, const Node& resource) {
  const Node* properties = resource.find("Properties");
  const Node* name =
      properties != nullptr && properties->type == Type::mapping ? properties->find("QueueName") : nullptr;
  if (name == nullptr) {
    return std::nullopt;
  }
  const Intrinsic call = reader.intrinsic(*name);
  if (call.function.empty()) {
    return name->type == Type::string ? std::optional(name->text) : std::nullopt;
  }
  // Only a parameter's Default can be known before a deployment.
  const Node* value = call.function == "Ref" && call.argument->type == Type::string
                          ? reader.parameter_default(call.argument->text)
                          : nullptr;
  return value != nullptr && value->type == Type::string ? std::optional(value->text) : std::nullopt;
}

SamQueue read_queue(TemplateReader& reader, const std::string& logical_id, const Node& resource,
                    const FieldPath& field) {
  SamQueue queue;
  queue.logical_id = logical_id;
  queue.mark = resource.mark;
  queue.name = logical_id;
  queue.name_generated = true;
  const Node* found = resource.find("Properties");
  const FieldPath properties_field = child(field, "Properties");
  const Node* properties = found != nullptr ? reader.mapping(found, properties_field) : nullptr;
  if (properties == nullptr) {
    return queue;
  }
  const auto seconds = [&](std::string_view key, std::int64_t min, std::int64_t max,
                           std::chrono::seconds& out) {
    if (const Node* value = properties->find(key)) {
      if (auto number =
              reader.integer(value, child(properties_field, std::string(key)), min, max, k_seconds)) {
        out = std::chrono::seconds(*number);
      }
    }
  };
  if (const Node* name = properties->find("QueueName")) {
    const Intrinsic call = reader.intrinsic(*name);
    // A name CloudFormation computes at deploy time (!Sub, !Join) is as good as a generated one here.
    if (call.function.empty() || call.function == "Ref") {
      if (auto text = reader.string(name, child(properties_field, "QueueName"))) {
        queue.name = std::move(*text);
        queue.name_generated = false;
      }
    }
  }
  seconds("VisibilityTimeout", 0, 43'200, queue.visibility_timeout);
  seconds("MessageRetentionPeriod", 60, 1'209'600, queue.message_retention_period);
  seconds("DelaySeconds", 0, 900, queue.delay_seconds);
  if (const Node* value = properties->find("MaximumMessageSize")) {
    if (auto bytes = reader.integer(value, child(properties_field, "MaximumMessageSize"), 1024, 1'048'576,
                                    " number of bytes")) {
      queue.maximum_message_size = static_cast<int>(*bytes);
    }
  }
  if (const Node* value = properties->find("FifoQueue")) {
    queue.fifo = reader.boolean(value, child(properties_field, "FifoQueue")).value_or(false);
  }
  if (const Node* value = properties->find("RedrivePolicy")) {
    queue.redrive_policy = read_redrive_policy(reader, value, child(properties_field, "RedrivePolicy"));
  }
  queue.has_redrive_allow_policy = properties->find("RedriveAllowPolicy") != nullptr;
  return queue;
}

}  // namespace drydock::emulator::detail
