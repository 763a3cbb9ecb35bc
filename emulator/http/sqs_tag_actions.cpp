// The SQS operations on queue tags: TagQueue, UntagQueue, ListQueueTags (the service keeps the limits).

#include <fmt/format.h>

#include "emulator/http/sqs_operations.hpp"

namespace drydock::emulator::http::sqs_wire {

Result<SqsService::QueueTags> tag_map(const Json& tags) {
  SqsService::QueueTags map;
  for (const auto& [key, value] : tags.items()) {
    if (!value.is_string()) {
      return std::unexpected(
          sqs_errors::invalid_parameter(fmt::format("The value of tag {} must be a string.", key)));
    }
    map.emplace(key, value.get<std::string>());
  }
  return map;
}

Result<Json> tag_queue(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto tags = tag_map(object_member(input, "Tags"));
  if (auto failed = first_error(name, tags)) {
    return std::unexpected(*failed);
  }
  if (tags->empty()) {
    return std::unexpected(sqs_errors::missing_parameter("Tags"));
  }
  if (auto tagged = sqs.tag_queue(*name, *tags); !tagged) {
    return std::unexpected(tagged.error());
  }
  return Json::object();
}

Result<Json> untag_queue(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto keys = string_list(input, "TagKeys");
  if (auto failed = first_error(name, keys)) {
    return std::unexpected(*failed);
  }
  if (keys->empty()) {
    return std::unexpected(sqs_errors::missing_parameter("TagKeys"));
  }
  if (auto untagged = sqs.untag_queue(*name, *keys); !untagged) {
    return std::unexpected(untagged.error());
  }
  return Json::object();
}

Result<Json> list_queue_tags(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  auto tags = sqs.queue_tags(*name);
  if (!tags) {
    return std::unexpected(tags.error());
  }
  if (tags->empty()) {
    return Json::object();
  }
  Json out = Json::object();
  for (const auto& [key, value] : *tags) {
    out[key] = value;
  }
  return Json{{"Tags", std::move(out)}};
}

}  // namespace drydock::emulator::http::sqs_wire
