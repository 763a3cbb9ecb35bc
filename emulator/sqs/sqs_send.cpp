// SendMessage and SendMessageBatch (aws-anchors.md §4.2): per-message checks, the batch-level
// limits, and one transaction for the whole batch.

#include <fmt/format.h>

#include "emulator/common/md5.hpp"
#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/message_limits.hpp"
#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

std::expected<void, SqsError> check_entry(const QueueRow& queue, const SendMessageEntry& entry) {
  if (auto fits = check_message_fits(entry.body, entry.message_attributes, queue.max_message_bytes); !fits) {
    return fits;
  }
  if (entry.delay && (entry.delay->count() < 0 || entry.delay->count() > 900)) {
    return std::unexpected(sqs_errors::invalid_parameter(
        fmt::format("Value {} for parameter DelaySeconds is invalid. Reason: must be >= 0 and <= 900.",
                    entry.delay->count())));
  }
  return {};
}

// Stores `entry` in `queue` at `now` under a new MessageId (its delay, or the queue's), and what
// SendMessage answers for it.
SentMessage store_message(Database& db, SqsService& sqs, const QueueRow& queue, const SendMessageEntry& entry,
                          std::int64_t now) {
  SentMessage sent;
  sent.id = entry.id;
  sent.message_id = random_uuid(SqsInternals::random(sqs));
  sent.md5_of_message_body = md5_hex(entry.body);
  sent.md5_of_message_attributes = md5_of_message_attributes(entry.message_attributes);
  const std::int64_t delay_s = entry.delay ? entry.delay->count() : queue.delay_s;
  std::optional<std::string> attributes;
  if (!entry.message_attributes.empty()) {
    attributes = encode_message_attributes(entry.message_attributes);
  }
  queue_store::insert_message(db, {.queue_id = queue.id,
                                   .message_id = sent.message_id,
                                   .body = entry.body,
                                   .md5_body = sent.md5_of_message_body,
                                   .attributes = attributes,
                                   .md5_attributes = sent.md5_of_message_attributes,
                                   .trace_header = entry.aws_trace_header,
                                   .sender_id = sqs.options().sender_id,
                                   .sent_ms = now,
                                   .visible_ms = now + delay_s * 1000});
  return sent;
}

}  // namespace

std::expected<SentMessage, SqsError> SqsService::send_message(std::string_view queue_name,
                                                              const SendMessageEntry& entry) {
  return with_queue(m_store.db(), queue_name,
                    [&](Database& db, const QueueRow& queue) -> std::expected<SentMessage, SqsError> {
                      if (auto checked = check_entry(queue, entry); !checked) {
                        return std::unexpected(checked.error());
                      }
                      return store_message(db, *this, queue, entry, SqsInternals::now_ms(*this));
                    });
}

std::expected<SendBatchResult, SqsError> SqsService::send_message_batch(
    std::string_view queue_name, const std::vector<SendMessageEntry>& entries) {
  std::vector<std::string> ids;
  ids.reserve(entries.size());
  std::int64_t total = 0;
  for (const auto& entry : entries) {
    ids.push_back(entry.id);
    total += message_size(entry.body, entry.message_attributes);
  }
  if (auto checked = check_batch_ids(ids, "SendMessageBatchRequestEntry"); !checked) {
    return std::unexpected(checked.error());
  }
  if (total > k_max_batch_bytes) {
    return std::unexpected(
        SqsError{"AWS.SimpleQueueService.BatchRequestTooLong",
                 fmt::format("Batch requests cannot be longer than {} bytes. You have sent {} bytes.",
                             k_max_batch_bytes, total),
                 true});
  }
  return with_queue(
      m_store.db(), queue_name,
      [&](Database& db, const QueueRow& queue) -> std::expected<SendBatchResult, SqsError> {
        const std::int64_t now = SqsInternals::now_ms(*this);
        SendBatchResult result;
        for (const auto& entry : entries) {
          if (auto checked = check_entry(queue, entry); !checked) {
            result.failed.push_back({entry.id, checked.error().code, checked.error().message, true});
            continue;
          }
          result.successful.push_back(store_message(db, *this, queue, entry, now));
        }
        return result;
      });
}

}  // namespace drydock::emulator
