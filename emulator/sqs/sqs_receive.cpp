// ReceiveMessage with lazy redrive (aws-anchors.md §4.1): a message already received
// maxReceiveCount times is moved to the DLQ by the receive that would have returned it for the
// (maxReceiveCount + 1)-th time, never when its visibility timeout lapses. Also peek (no receive).

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

// The system attributes of a received or peeked message.
std::map<std::string, std::string> system_attributes(const MessageRow& c) {
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
    std::vector<MessageRow> candidates = queue_store::visible_messages(db, queue.id, now, batch);
    for (auto& c : candidates) {
      if (received.size() == wanted) {
        break;
      }
      if (c.sent_ms + queue.retention_s * 1000 <= now) {
        queue_store::delete_message_row(db, c.seq);
        continue;
      }
      if (scope.dlq && c.receive_count >= queue.max_receive_count) {
        queue_store::move_to_dlq(db, c.seq, scope.dlq->id, now, queue.arn);
        continue;
      }
      c.receive_count += 1;
      if (!c.first_receive_ms) {
        c.first_receive_ms = now;
      }
      const std::string nonce = random_nonce(scope.random);
      queue_store::mark_received(db, c.seq, c.receive_count, *c.first_receive_ms,
                                 now + scope.visibility_s * 1000, nonce);
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
  // Nothing visible: answer from a read, without taking the write lock (an idle queue polled by the
  // dispatcher would otherwise cost a write transaction per poll).
  const auto any = guarded(m_store.db(), [&]() -> std::expected<bool, SqsError> {
    if (queue_store::any_visible(m_store.db(), queue_name, SqsInternals::now_ms(*this))) {
      return true;
    }
    if (!queue_store::find_queue(m_store.db(), queue_name)) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    return false;
  });
  if (!any) {
    return std::unexpected(any.error());
  }
  if (!*any) {
    return Batches{};
  }
  return with_queue(m_store.db(), queue_name,
                    [&](Database& db, const QueueRow& queue) -> std::expected<Batches, SqsError> {
                      // A RedrivePolicy whose DLQ was deleted moves nothing: the message stays (never lost)
                      // and is returned as if the queue had no DLQ.
                      const std::optional<QueueRow> dlq =
                          queue.dlq_name ? queue_store::find_queue(db, *queue.dlq_name) : std::nullopt;
                      const ReceiveScope scope{.db = db,
                                               .queue = queue,
                                               .dlq = dlq,
                                               .now = SqsInternals::now_ms(*this),
                                               .visibility_s = request.visibility_timeout
                                                                   ? request.visibility_timeout->count()
                                                                   : queue.visibility_timeout_s,
                                               .random = m_random};
                      Batches batches;
                      const auto per_call = static_cast<std::size_t>(request.max_number_of_messages);
                      if (scope.visibility_s > 0) {
                        // Every message received is invisible afterwards, so `batch_count` calls in a row
                        // receive what one receive of batch_count × per_call messages does, cut into calls:
                        // read the candidates at once.
                        std::vector<ReceivedMessage> received = receive_one(scope, batch_count * per_call);
                        for (std::size_t start = 0; start < received.size(); start += per_call) {
                          const std::size_t end = std::min(received.size(), start + per_call);
                          batches.emplace_back(
                              std::make_move_iterator(received.begin() + static_cast<std::ptrdiff_t>(start)),
                              std::make_move_iterator(received.begin() + static_cast<std::ptrdiff_t>(end)));
                        }
                      }
                      while (scope.visibility_s == 0 && batches.size() < batch_count) {
                        // An empty receive changes nothing, so every later one at this instant would be empty
                        // too.
                        auto received = receive_one(scope, per_call);
                        if (received.empty()) {
                          break;
                        }
                        batches.push_back(std::move(received));
                      }
                      return batches;
                    });
}

std::expected<std::vector<PeekedMessage>, SqsError> SqsService::peek_messages(std::string_view queue_name,
                                                                              std::size_t limit) const {
  using Peeked = std::vector<PeekedMessage>;
  return reading_queue(m_store.db(), queue_name,
                       [&](Database& db, const QueueRow& queue) -> std::expected<Peeked, SqsError> {
                         const std::int64_t now = SqsInternals::now_ms(*this);
                         Peeked messages;
                         for (MessageRow& c : queue_store::queue_messages(db, queue.id, limit)) {
                           PeekedMessage message;
                           message.message_id = std::move(c.message_id);
                           message.body = std::move(c.body);
                           message.attributes = system_attributes(c);
                           if (c.attributes) {
                             message.message_attributes = decode_message_attributes(*c.attributes);
                           }
                           message.in_flight = c.visible_ms > now && c.receipt.has_value();
                           message.visible_at_ms = c.visible_ms;
                           messages.push_back(std::move(message));
                         }
                         return messages;
                       });
}

std::expected<std::optional<Instant>, SqsError> SqsService::next_visible_at(
    std::string_view queue_name) const {
  return reading_queue(
      m_store.db(), queue_name,
      [&](Database& db, const QueueRow& queue) -> std::expected<std::optional<Instant>, SqsError> {
        const auto next = queue_store::next_visible_ms(db, queue.id, SqsInternals::now_ms(*this));
        return next ? std::optional(Instant(std::chrono::milliseconds(*next))) : std::nullopt;
      });
}

}  // namespace drydock::emulator
