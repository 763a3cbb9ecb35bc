// ReceiveMessage with lazy redrive (aws-anchors.md §4.1): a message already received
// maxReceiveCount times is moved to the DLQ by the receive that would have returned it for the
// (maxReceiveCount + 1)-th time, never when its visibility timeout lapses. Also peek (no receive).

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

struct Candidate {
  std::int64_t seq = 0;
  std::string message_id;
  std::string body;
  std::string md5_body;
  std::optional<std::string> attributes;
  std::optional<std::string> md5_attributes;
  std::optional<std::string> trace_header;
  std::string sender_id;
  std::int64_t sent_ms = 0;
  std::optional<std::int64_t> first_receive_ms;
  std::int64_t receive_count = 0;
  std::optional<std::string> dlq_source_arn;
  std::int64_t visible_ms = 0;
  std::optional<std::string> receipt;
};

Candidate read_candidate(const Statement& row) {
  Candidate c;
  c.seq = row.column_int(0);
  c.message_id = row.column_text(1);
  c.body = row.column_text(2);
  c.md5_body = row.column_text(3);
  c.attributes = row.column_optional_text(4);
  c.md5_attributes = row.column_optional_text(5);
  c.trace_header = row.column_optional_text(6);
  c.sender_id = row.column_text(7);
  c.sent_ms = row.column_int(8);
  c.first_receive_ms = row.column_optional_int(9);
  c.receive_count = row.column_int(10);
  c.dlq_source_arn = row.column_optional_text(11);
  c.visible_ms = row.column_int(12);
  c.receipt = row.column_optional_text(13);
  return c;
}

std::map<std::string, std::string> system_attributes(const Candidate& c) {
  std::map<std::string, std::string> attributes{
      {"ApproximateReceiveCount", std::to_string(c.receive_count)},
      {"SentTimestamp", std::to_string(c.sent_ms)},
      {"SenderId", c.sender_id},
  };
  if (c.first_receive_ms) {
    attributes.emplace("ApproximateFirstReceiveTimestamp", std::to_string(*c.first_receive_ms));
  }
  if (c.trace_header) {
    attributes.emplace("AWSTraceHeader", *c.trace_header);
  }
  if (c.dlq_source_arn) {
    attributes.emplace("DeadLetterQueueSourceArn", *c.dlq_source_arn);
  }
  return attributes;
}

std::expected<void, SqsError> check_request(const ReceiveRequest& request) {
  if (request.max_number_of_messages < 1 || request.max_number_of_messages > 10) {
    return std::unexpected(
        sqs_errors::invalid_parameter(fmt::format("Value {} for parameter MaxNumberOfMessages is invalid. "
                                                  "Reason: Must be between 1 and 10, if provided.",
                                                  request.max_number_of_messages)));
  }
  if (request.visibility_timeout &&
      (request.visibility_timeout->count() < 0 || request.visibility_timeout->count() > 43'200)) {
    return std::unexpected(
        sqs_errors::invalid_parameter(fmt::format("Value {} for parameter VisibilityTimeout is invalid. "
                                                  "Reason: Must be between 0 and 43200, if provided.",
                                                  request.visibility_timeout->count())));
  }
  if (request.wait_time.count() < 0 || request.wait_time.count() > 20) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.",
        request.wait_time.count())));
  }
  return {};
}

// What one ReceiveMessage call needs to know inside the caller's transaction.
struct ReceiveScope {
  Database& db;
  const QueueRow& queue;
  const std::optional<QueueRow>& dlq;  // nullopt: no RedrivePolicy, or its DLQ was deleted
  std::int64_t now = 0;
  std::int64_t visibility_s = 0;
  std::mt19937_64& random;
};

// One ReceiveMessage call of up to `wanted` messages, inside the caller's transaction.
std::vector<ReceivedMessage> receive_one(const ReceiveScope& scope, std::size_t wanted) {
  Database& db = scope.db;
  const QueueRow& queue = scope.queue;
  const std::int64_t now = scope.now;
  std::vector<ReceivedMessage> received;
  while (received.size() < wanted) {
    // Candidates are read first and changed afterwards, so no row is changed under a running scan.
    const std::int64_t batch = static_cast<std::int64_t>(wanted - received.size());
    auto& select = db.statement(
        "SELECT seq, message_id, body, md5_body, attributes, md5_attributes, trace_header, sender_id, "
        "sent_ms, "
        "first_receive_ms, receive_count, dlq_source_arn, visible_ms, receipt FROM messages "
        "WHERE queue_id = ?1 AND visible_ms <= ?2 ORDER BY visible_ms, seq LIMIT ?3");
    select.bind(1, queue.id).bind(2, now).bind(3, batch);
    std::vector<Candidate> candidates;
    while (select.step()) {
      candidates.push_back(read_candidate(select));
    }
    select.reset();
    for (auto& c : candidates) {
      if (received.size() == wanted) {
        break;
      }
      if (c.sent_ms + queue.retention_s * 1000 <= now) {
        db.statement("DELETE FROM messages WHERE seq = ?1").bind(1, c.seq).run();
        continue;
      }
      if (scope.dlq && c.receive_count >= queue.max_receive_count) {
        db.statement(
              "UPDATE messages SET queue_id = ?2, visible_ms = ?3, receipt = NULL, dlq_source_arn = ?4 "
              "WHERE seq = ?1")
            .bind(1, c.seq)
            .bind(2, scope.dlq->id)
            .bind(3, now)
            .bind(4, queue.arn)
            .run();
        continue;
      }
      c.receive_count += 1;
      if (!c.first_receive_ms) {
        c.first_receive_ms = now;
      }
      const std::string nonce = random_nonce(scope.random);
      db.statement(
            "UPDATE messages SET receive_count = ?2, first_receive_ms = ?3, visible_ms = ?4, receipt = ?5 "
            "WHERE seq = ?1")
          .bind(1, c.seq)
          .bind(2, c.receive_count)
          .bind(3, *c.first_receive_ms)
          .bind(4, now + scope.visibility_s * 1000)
          .bind(5, nonce)
          .run();
      ReceivedMessage message;
      message.message_id = std::move(c.message_id);
      message.receipt_handle = format_receipt_handle({queue.id, c.seq, nonce});
      message.md5_of_body = std::move(c.md5_body);
      message.md5_of_message_attributes = std::move(c.md5_attributes);
      message.attributes = system_attributes(c);
      if (c.attributes) {
        message.message_attributes = decode_message_attributes(*c.attributes);
      }
      message.body = std::move(c.body);
      received.push_back(std::move(message));
    }
    if (static_cast<std::int64_t>(candidates.size()) < batch) {
      break;  // the queue has nothing more visible
    }
  }
  return received;
}

}  // namespace

std::expected<std::vector<ReceivedMessage>, SqsError> SqsService::receive_message(
    std::string_view queue_name, const ReceiveRequest& request) {
  auto batches = receive_message_batches(queue_name, 1, request);
  if (!batches) {
    return std::unexpected(batches.error());
  }
  return batches->empty() ? std::vector<ReceivedMessage>{} : std::move(batches->front());
}

std::expected<std::vector<std::vector<ReceivedMessage>>, SqsError> SqsService::receive_message_batches(
    std::string_view queue_name, std::size_t batch_count, const ReceiveRequest& request) {
  using Batches = std::vector<std::vector<ReceivedMessage>>;
  if (auto checked = check_request(request); !checked) {
    return std::unexpected(checked.error());
  }
  return guarded(m_store.db(), [&]() -> std::expected<Batches, SqsError> {
    Database& db = m_store.db();
    // Nothing visible: answer from a read, without taking the write lock (an idle queue polled by the
    // dispatcher would otherwise cost a write transaction per poll).
    {
      auto& probe = db.statement(
          "SELECT 1 FROM messages WHERE queue_id = (SELECT id FROM queues WHERE name = ?1) AND visible_ms <= "
          "?2 "
          "LIMIT 1");
      probe.bind(1, queue_name).bind(2, SqsInternals::now_ms(*this));
      const bool any = probe.step();
      probe.reset();
      if (!any) {
        if (!find_queue(db, queue_name)) {
          return std::unexpected(sqs_errors::queue_does_not_exist());
        }
        return Batches{};
      }
    }
    Transaction transaction(db);
    auto queue = require_queue(db, queue_name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    // A RedrivePolicy whose DLQ was deleted moves nothing: the message stays (never lost) and is
    // returned as if the queue had no DLQ.
    const std::optional<QueueRow> dlq = queue->dlq_name ? find_queue(db, *queue->dlq_name) : std::nullopt;
    const ReceiveScope scope{.db = db,
                             .queue = *queue,
                             .dlq = dlq,
                             .now = SqsInternals::now_ms(*this),
                             .visibility_s = request.visibility_timeout ? request.visibility_timeout->count()
                                                                        : queue->visibility_timeout_s,
                             .random = m_random};
    Batches batches;
    const auto per_call = static_cast<std::size_t>(request.max_number_of_messages);
    if (scope.visibility_s > 0) {
      // Every message received is invisible afterwards, so `batch_count` calls in a row receive what one
      // receive of batch_count × per_call messages does, cut into calls: read the candidates at once.
      std::vector<ReceivedMessage> received = receive_one(scope, batch_count * per_call);
      for (std::size_t start = 0; start < received.size(); start += per_call) {
        const std::size_t end = std::min(received.size(), start + per_call);
        batches.emplace_back(std::make_move_iterator(received.begin() + static_cast<std::ptrdiff_t>(start)),
                             std::make_move_iterator(received.begin() + static_cast<std::ptrdiff_t>(end)));
      }
    }
    while (scope.visibility_s == 0 && batches.size() < batch_count) {
      // An empty receive changes nothing, so every later one at this instant would be empty too.
      auto received = receive_one(scope, per_call);
      if (received.empty()) {
        break;
      }
      batches.push_back(std::move(received));
    }
    transaction.commit();
    return batches;
  });
}

std::expected<std::vector<PeekedMessage>, SqsError> SqsService::peek_messages(std::string_view queue_name,
                                                                              std::size_t limit) const {
  return guarded(m_store.db(), [&]() -> std::expected<std::vector<PeekedMessage>, SqsError> {
    Database& db = m_store.db();
    auto queue = require_queue(db, queue_name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    const std::int64_t now = SqsInternals::now_ms(*this);
    auto& select = db.statement(
        "SELECT seq, message_id, body, md5_body, attributes, md5_attributes, trace_header, sender_id, "
        "sent_ms, "
        "first_receive_ms, receive_count, dlq_source_arn, visible_ms, receipt FROM messages "
        "WHERE queue_id = ?1 ORDER BY seq");
    select.bind(1, queue->id);
    std::vector<PeekedMessage> messages;
    while (messages.size() < limit && select.step()) {
      const Candidate c = read_candidate(select);
      PeekedMessage message;
      message.message_id = c.message_id;
      message.body = c.body;
      message.attributes = system_attributes(c);
      if (c.attributes) {
        message.message_attributes = decode_message_attributes(*c.attributes);
      }
      message.in_flight = c.visible_ms > now && c.receipt.has_value();
      message.visible_at_ms = c.visible_ms;
      messages.push_back(std::move(message));
    }
    select.reset();
    return messages;
  });
}

std::expected<std::optional<Instant>, SqsError> SqsService::next_visible_at(
    std::string_view queue_name) const {
  return guarded(m_store.db(), [&]() -> std::expected<std::optional<Instant>, SqsError> {
    Database& db = m_store.db();
    auto queue = require_queue(db, queue_name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    auto& select =
        db.statement("SELECT min(visible_ms) FROM messages WHERE queue_id = ?1 AND visible_ms > ?2");
    select.bind(1, queue->id).bind(2, SqsInternals::now_ms(*this));
    select.step();
    const auto next = select.column_optional_int(0);
    return next ? std::optional(Instant(std::chrono::milliseconds(*next))) : std::nullopt;
  });
}

}  // namespace drydock::emulator
