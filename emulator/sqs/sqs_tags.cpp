// Queue tags: TagQueue, UntagQueue, ListQueueTags, with AWS's limits (SQS Developer Guide, "Tagging
// your queue": up to 50 tags a queue, keys of 1 to 128 characters, values of at most 256, keys
// case-sensitive, the aws: prefix reserved).

#include <fmt/format.h>

#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator {
namespace {

constexpr std::size_t k_max_tags = 50;
constexpr std::size_t k_max_key_length = 128;
constexpr std::size_t k_max_value_length = 256;

std::expected<void, SqsError> check_tags(const SqsService::QueueTags& tags) {
  for (const auto& [key, value] : tags) {
    if (key.empty() || key.size() > k_max_key_length) {
      return std::unexpected(sqs_errors::invalid_parameter(
          fmt::format("Tag key '{}' is invalid: a key is 1 to 128 characters.", key)));
    }
    if (value.size() > k_max_value_length) {
      return std::unexpected(sqs_errors::invalid_parameter(
          fmt::format("The value of tag {} is invalid: a value is at most 256 characters.", key)));
    }
    if (key.starts_with("aws:")) {
      return std::unexpected(sqs_errors::invalid_parameter(
          fmt::format("Tag key {}: the aws: prefix is reserved for AWS.", key)));
    }
  }
  return {};
}

}  // namespace

std::expected<void, SqsError> SqsService::tag_queue(std::string_view name, const QueueTags& tags) {
  if (auto checked = check_tags(tags); !checked) {
    return checked;
  }
  return with_queue(
      m_store.db(), name, [&](Database& db, const QueueRow& queue) -> std::expected<void, SqsError> {
        auto merged = queue_store::queue_tags(db, queue.id);
        for (const auto& [key, value] : tags) {
          merged.insert_or_assign(key, value);
        }
        if (merged.size() > k_max_tags) {
          return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
              "Queue {} would have {} tags: a queue has at most 50.", queue.name, merged.size())));
        }
        queue_store::set_queue_tags(db, queue.id, tags);
        return {};
      });
}

std::expected<void, SqsError> SqsService::untag_queue(std::string_view name,
                                                      const std::vector<std::string>& keys) {
  return with_queue(m_store.db(), name,
                    [&](Database& db, const QueueRow& queue) -> std::expected<void, SqsError> {
                      queue_store::remove_queue_tags(db, queue.id, keys);
                      return {};
                    });
}

std::expected<SqsService::QueueTags, SqsError> SqsService::queue_tags(std::string_view name) const {
  return reading_queue(m_store.db(), name,
                       [](Database& db, const QueueRow& queue) -> std::expected<QueueTags, SqsError> {
                         return queue_store::queue_tags(db, queue.id);
                       });
}

}  // namespace drydock::emulator
