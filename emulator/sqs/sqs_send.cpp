// SendMessage and SendMessageBatch (aws-anchors.md §4.2): per-message checks, the batch-level
// limits, and one transaction for the whole batch.

#include <fmt/format.h>

#include "emulator/common/md5.hpp"
#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/message_limits.hpp"
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

SentMessage insert_message(SqsService& sqs, const QueueRow& queue, const SendMessageEntry& entry,
                           std::int64_t now) {
  SentMessage sent;
  sent.id = entry.id;
  sent.message_id = random_uuid(SqsInternals::random(sqs));
  sent.md5_of_message_body = md5_hex(entry.body);
  sent.md5_of_message_attributes = md5_of_message_attributes(entry.message_attributes);
  const std::int64_t delay_s = entry.delay ? entry.delay->count() : queue.delay_s;
  auto& insert = SqsInternals::db(sqs).statement(
      "INSERT INTO messages(queue_id, message_id, body, md5_body, attributes, md5_attributes, trace_header, "
      "sender_id, sent_ms, receive_count, visible_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)");
  insert.bind(1, queue.id)
      .bind(2, sent.message_id)
      .bind_blob_view(3, entry.body)
      .bind(4, sent.md5_of_message_body)
      .bind(6, sent.md5_of_message_attributes)
      .bind(7, entry.aws_trace_header)
      .bind(8, sqs.options().sender_id)
      .bind(9, now)
      .bind(10, now + delay_s * 1000);
  if (entry.message_attributes.empty()) {
    insert.bind_null(5);
  } else {
    insert.bind_blob(5, encode_message_attributes(entry.message_attributes));
  }
  insert.run();
  return sent;
}

}  // namespace

std::expected<SentMessage, SqsError> SqsService::send_message(std::string_view queue_name,
                                                              const SendMessageEntry& entry) {
  return guarded(m_store.db(), [&]() -> std::expected<SentMessage, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    auto queue = require_queue(db, queue_name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    if (auto checked = check_entry(*queue, entry); !checked) {
      return std::unexpected(checked.error());
    }
    SentMessage sent = insert_message(*this, *queue, entry, SqsInternals::now_ms(*this));
    transaction.commit();
    return sent;
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
  return guarded(m_store.db(), [&]() -> std::expected<SendBatchResult, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    auto queue = require_queue(db, queue_name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    const std::int64_t now = SqsInternals::now_ms(*this);
    SendBatchResult result;
    for (const auto& entry : entries) {
      if (auto checked = check_entry(*queue, entry); !checked) {
        result.failed.push_back({entry.id, checked.error().code, checked.error().message, true});
        continue;
      }
      result.successful.push_back(insert_message(*this, *queue, entry, now));
    }
    transaction.commit();
    return result;
  });
}

}  // namespace drydock::emulator
