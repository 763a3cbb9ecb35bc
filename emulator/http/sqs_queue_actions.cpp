// The SQS operations on queues: create, find, list, delete, attributes, purge, dead-letter sources and
// move tasks.

#include <fmt/format.h>

#include <algorithm>

#include "emulator/http/sqs_operations.hpp"
#include "emulator/http/sqs_queue_attributes.hpp"

namespace drydock::emulator::http::sqs_wire {

namespace {

Json page_of_urls(const SqsService& sqs, const SqsEndpoint& endpoint, std::vector<std::string> names,
                  std::optional<std::int64_t> max_results, const std::optional<std::string>& next_token,
                  std::string_view member) {
  if (next_token) {
    names.erase(names.begin(), std::upper_bound(names.begin(), names.end(), *next_token));
  }
  const std::size_t limit = max_results ? static_cast<std::size_t>(*max_results) : 1000;
  Json out = Json::object();
  Json urls = Json::array();
  for (std::size_t k = 0; k < names.size() && k < limit; ++k) {
    urls.push_back(queue_url(sqs, endpoint, names[k]));
  }
  if (!urls.empty()) {
    out[member] = std::move(urls);
  }
  if (max_results && names.size() > limit) {
    out["NextToken"] = names[limit - 1];
  }
  return out;
}

}  // namespace

Result<Json> create_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto name = required_string(input, "QueueName");
  if (!name) {
    return std::unexpected(name.error());
  }
  QueueConfig config;
  config.name = *name;
  if (auto applied = apply_attributes(config, object_member(input, "Attributes")); !applied) {
    return std::unexpected(applied.error());
  }
  // The JSON protocol's member is `tags`; the Query protocol's Tag.N.Key/Value arrive as `Tags`.
  auto tags = tag_map(input.contains("tags") ? object_member(input, "tags") : object_member(input, "Tags"));
  if (!tags) {
    return std::unexpected(tags.error());
  }
  const bool existed = sqs.queue_config(*name).has_value();
  if (auto created = sqs.create_queue(config); !created) {
    return std::unexpected(created.error());
  }
  if (!existed && !tags->empty()) {  // tags are a new queue's; CreateQueue of an existing one keeps its own
    if (auto tagged = sqs.tag_queue(*name, *tags); !tagged) {
      return std::unexpected(tagged.error());
    }
  }
  return Json{{"QueueUrl", queue_url(sqs, endpoint, *name)}};
}

Result<Json> get_queue_url(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto name = required_string(input, "QueueName");
  if (!name) {
    return std::unexpected(name.error());
  }
  if (auto config = sqs.queue_config(*name); !config) {
    return std::unexpected(config.error());
  }
  return Json{{"QueueUrl", queue_url(sqs, endpoint, *name)}};
}

// The names after `next_token` (a name), at most max_results, and the token for the rest.

Result<Json> list_queues(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto prefix = optional_string(input, "QueueNamePrefix");
  auto limit = max_results(input);
  auto token = optional_string(input, "NextToken");
  auto names = sqs.list_queues();
  if (auto failed = first_error(prefix, limit, token, names)) {
    return std::unexpected(*failed);
  }
  if (*prefix) {
    std::erase_if(*names, [&](const std::string& name) { return !name.starts_with(**prefix); });
  }
  return page_of_urls(sqs, endpoint, std::move(*names), *limit, *token, "QueueUrls");
}

Result<Json> delete_queue(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  if (auto deleted = sqs.delete_queue(*name); !deleted) {
    return std::unexpected(deleted.error());
  }
  return Json::object();
}

Result<Json> get_queue_attributes(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto names = string_list(input, "AttributeNames");
  if (auto failed = first_error(name, names)) {
    return std::unexpected(*failed);
  }
  for (const auto& wanted : *names) {
    if (wanted != "All" && !known_queue_attribute(wanted)) {
      return std::unexpected(invalid_attribute_name(wanted));
    }
  }
  auto attributes = sqs.queue_attributes(*name);
  if (!attributes) {
    return std::unexpected(attributes.error());
  }
  Json values = queue_attribute_values(sqs, *attributes);
  Json out = Json::object();
  for (const auto& [key, value] : values.items()) {
    if (wants(*names, key)) {
      out[key] = value;
    }
  }
  return out.empty() ? Json::object() : Json{{"Attributes", std::move(out)}};
}

Result<Json> set_queue_attributes(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  auto config = sqs.queue_config(*name);
  if (!config) {
    return std::unexpected(config.error());
  }
  if (auto applied = apply_attributes(*config, object_member(input, "Attributes")); !applied) {
    return std::unexpected(applied.error());
  }
  if (auto updated = sqs.create_queue(*config, /*update_existing=*/true); !updated) {
    return std::unexpected(updated.error());
  }
  return Json::object();
}

Result<Json> purge_queue(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  if (auto purged = sqs.purge_queue(*name); !purged) {
    return std::unexpected(purged.error());
  }
  return Json::object();
}

Result<Json> list_dead_letter_source_queues(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto name = queue_name(input);
  auto limit = max_results(input);
  auto token = optional_string(input, "NextToken");
  if (auto failed = first_error(name, limit, token)) {
    return std::unexpected(*failed);
  }
  if (auto exists = sqs.queue_config(*name); !exists) {
    return std::unexpected(exists.error());
  }
  auto names = sqs.list_queues();
  if (!names) {
    return std::unexpected(names.error());
  }
  std::vector<std::string> sources;
  for (const auto& candidate : *names) {
    auto config = sqs.queue_config(candidate);
    if (config && config->redrive_policy && config->redrive_policy->dead_letter_queue == *name) {
      sources.push_back(candidate);
    }
  }
  Json out = page_of_urls(sqs, endpoint, std::move(sources), *limit, *token, "queueUrls");
  if (!out.contains("queueUrls")) {
    out["queueUrls"] = Json::array();  // a required member
  }
  return out;
}

Result<Json> start_message_move_task(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto source = required_string(input, "SourceArn");
  auto destination = optional_string(input, "DestinationArn");
  auto rate = optional_integer(input, "MaxNumberOfMessagesPerSecond");
  if (auto failed = first_error(source, destination, rate)) {
    return std::unexpected(*failed);
  }
  auto handle = sqs.start_message_move_task(
      *source, *destination, *rate ? std::optional<int>(static_cast<int>(**rate)) : std::nullopt);
  if (!handle) {
    return std::unexpected(handle.error());
  }
  // The first chunk moves now; the server moves the rest on its own (ProjectServer's ticks).
  if (auto moved = sqs.run_move_tasks(); !moved) {
    return std::unexpected(moved.error());
  }
  return Json{{"TaskHandle", *handle}};
}

Result<Json> list_message_move_tasks(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto source = required_string(input, "SourceArn");
  auto limit = optional_integer(input, "MaxResults");
  if (auto failed = first_error(source, limit)) {
    return std::unexpected(*failed);
  }
  auto tasks = sqs.list_message_move_tasks(*source, static_cast<int>(limit->value_or(1)));
  if (!tasks) {
    return std::unexpected(tasks.error());
  }
  Json results = Json::array();
  for (const auto& task : *tasks) {
    Json entry{{"Status", std::string(to_string(task.status))},
               {"SourceArn", task.source_arn},
               {"ApproximateNumberOfMessagesMoved", task.approximate_number_of_messages_moved},
               {"ApproximateNumberOfMessagesToMove", task.approximate_number_of_messages_to_move},
               {"StartedTimestamp", task.started_timestamp_ms}};
    if (task.status == MoveTaskStatus::running) {
      entry["TaskHandle"] = task.task_handle;  // AWS gives the handle of a running task only
    }
    if (task.destination_arn) {
      entry["DestinationArn"] = *task.destination_arn;
    }
    if (task.max_number_of_messages_per_second) {
      entry["MaxNumberOfMessagesPerSecond"] = *task.max_number_of_messages_per_second;
    }
    if (task.failure_reason) {
      entry["FailureReason"] = *task.failure_reason;
    }
    results.push_back(std::move(entry));
  }
  return Json{{"Results", std::move(results)}};
}

Result<Json> cancel_message_move_task(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto handle = required_string(input, "TaskHandle");
  if (!handle) {
    return std::unexpected(handle.error());
  }
  auto moved = sqs.cancel_message_move_task(*handle);
  if (!moved) {
    return std::unexpected(moved.error());
  }
  return Json{{"ApproximateNumberOfMessagesMoved", *moved}};
}

Result<Json> permissions_not_emulated(SqsService&, const Json&, const SqsEndpoint&) {
  return std::unexpected(not_emulated("Queue policies (AddPermission, RemovePermission)"));
}

}  // namespace drydock::emulator::http::sqs_wire
