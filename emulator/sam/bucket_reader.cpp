// AWS::S3::Bucket: its name and the notifications it sends to SQS queues
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-notificationconfig.html).
#include <fmt/format.h>

#include "emulator/sam/resource_readers.hpp"

namespace drydock::emulator::detail {
namespace {

using workers::FieldPath;
using workers::yaml::Node;
using workers::yaml::Type;

FieldPath indexed(const FieldPath& path, std::size_t index) {
  FieldPath out = path;
  out.emplace_back(static_cast<std::int64_t>(index));
  return out;
}

// BucketName as written: a literal (or a parameter's Default), or the text of a `!Sub`.
void read_bucket_name(TemplateReader& reader, const Node& name, SamBucket& bucket) {
  const Intrinsic call = reader.intrinsic(name);
  if (call.function.empty()) {
    bucket.name = name.type == Type::string ? name.text : "";
    return;
  }
  bucket.name_intrinsic = call.short_tag();
  if (call.function == "Ref" && call.argument->type == Type::string) {
    if (const Node* value = reader.parameter_default(call.argument->text);
        value != nullptr && value->type == Type::string) {
      bucket.name = value->text;
      bucket.name_intrinsic.clear();
    }
    return;
  }
  if (call.function == "Fn::Sub") {
    // `!Sub 'text'` or `!Sub ['text', {variables}]`: keep the text, unexpanded.
    const Node& argument = *call.argument;
    const Node* text =
        argument.type == Type::sequence && !argument.items.empty() ? argument.items[0] : &argument;
    bucket.name = text->type == Type::string ? text->text : "";
  }
}

void read_filter_rules(TemplateReader& reader, const Node& filter_node, const FieldPath& field,
                       SamQueueNotification& notification) {
  const Node* filter = reader.mapping(&filter_node, field);
  const Node* key = filter != nullptr ? filter->find("S3Key") : nullptr;
  if (key == nullptr || (key = reader.mapping(key, child(field, "S3Key"))) == nullptr) {
    return;
  }
  const FieldPath rules_field = child(child(field, "S3Key"), "Rules");
  const Node* rules = reader.required(*key, "Rules", child(field, "S3Key"));
  if (rules == nullptr || (rules = reader.sequence(rules, rules_field)) == nullptr) {
    return;
  }
  for (std::size_t i = 0; i < rules->items.size(); ++i) {
    const FieldPath rule_field = indexed(rules_field, i);
    const Node* rule = reader.mapping(rules->items[i], rule_field);
    if (rule == nullptr) {
      continue;
    }
    const Node* name_node = reader.required(*rule, "Name", rule_field);
    const Node* value_node = reader.required(*rule, "Value", rule_field);
    if (name_node == nullptr || value_node == nullptr) {
      continue;
    }
    const auto name = reader.string(name_node, child(rule_field, "Name"));
    auto value = reader.string(value_node, child(rule_field, "Value"));
    if (!name || !value) {
      continue;
    }
    // Templates write "Prefix" as well as "prefix"; both are read.
    std::string lowered;
    for (char c : *name) {
      lowered += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (lowered == "prefix") {
      notification.prefix = std::move(*value);
    } else if (lowered == "suffix") {
      notification.suffix = std::move(*value);
    } else {
      reader.error(name_node, child(rule_field, "Name"),
                   fmt::format("must be prefix or suffix, found '{}'", *name));
    }
  }
}

}  // namespace

SamBucket read_bucket(TemplateReader& reader, const std::string& logical_id, const Node& resource,
                      const FieldPath& field) {
  SamBucket bucket;
  bucket.logical_id = logical_id;
  bucket.mark = resource.mark;
  const Node* found = resource.find("Properties");
  const FieldPath properties_field = child(field, "Properties");
  const Node* properties = found != nullptr ? reader.mapping(found, properties_field) : nullptr;
  if (properties == nullptr) {
    return bucket;
  }
  if (const Node* name = properties->find("BucketName")) {
    read_bucket_name(reader, *name, bucket);
  }
  const Node* notification_node = properties->find("NotificationConfiguration");
  const FieldPath notification_field = child(properties_field, "NotificationConfiguration");
  const Node* notification =
      notification_node != nullptr ? reader.mapping(notification_node, notification_field) : nullptr;
  const Node* queues_node = notification != nullptr ? notification->find("QueueConfigurations") : nullptr;
  const FieldPath queues_field = child(notification_field, "QueueConfigurations");
  const Node* queues = queues_node != nullptr ? reader.sequence(queues_node, queues_field) : nullptr;
  if (queues == nullptr) {
    return bucket;
  }
  for (std::size_t i = 0; i < queues->items.size(); ++i) {
    const FieldPath item_field = indexed(queues_field, i);
    const Node* item = reader.mapping(queues->items[i], item_field);
    if (item == nullptr) {
      continue;
    }
    SamQueueNotification out;
    if (const Node* event = reader.required(*item, "Event", item_field)) {
      out.event = reader.string(event, child(item_field, "Event")).value_or("");
    }
    if (const Node* queue = reader.required(*item, "Queue", item_field)) {
      out.queue = reader.queue_reference(queue, child(item_field, "Queue")).value_or("");
    }
    if (const Node* filter = item->find("Filter")) {
      read_filter_rules(reader, *filter, child(item_field, "Filter"), out);
    }
    bucket.queue_notifications.push_back(std::move(out));
  }
  return bucket;
}

}  // namespace drydock::emulator::detail
