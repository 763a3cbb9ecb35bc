#pragma once
// Private to emulator/sqs/*.cpp: the queue row, receipt handles, ids, and the boundary that turns
// store failures into SqsErrors. Not part of the service's contract.

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/uuid.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator {

struct QueueRow {
  std::int64_t id = 0;
  std::string name;
  std::string arn;
  std::int64_t visibility_timeout_s = 0;
  std::int64_t retention_s = 0;
  std::int64_t delay_s = 0;
  std::int64_t max_message_bytes = 0;
  std::optional<std::string> dlq_name;
  std::int64_t max_receive_count = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> last_purge_ms;
};

// A receipt handle names the queue that issued it, the message and the receive's nonce.
struct ReceiptHandle {
  std::int64_t queue_id = 0;
  std::int64_t seq = 0;
  std::string nonce;
};

std::string format_receipt_handle(const ReceiptHandle& handle);
std::optional<ReceiptHandle> parse_receipt_handle(std::string_view text);
SqsError receipt_handle_invalid(std::string_view text);

struct SqsInternals {
  static std::int64_t now_ms(const SqsService& sqs) { return sqs.m_clock.now().time_since_epoch().count(); }
  static Database& db(const SqsService& sqs) { return sqs.m_store.db(); }
  static std::mt19937_64& random(SqsService& sqs) { return sqs.m_random; }
};

// The queue named `name`, nullopt when there is none.
std::optional<QueueRow> find_queue(Database& db, std::string_view name);
// The queue whose ARN is `arn`, nullopt when there is none.
std::optional<QueueRow> find_queue_by_arn(Database& db, std::string_view arn);
// find_queue, or NonExistentQueue.
std::expected<QueueRow, SqsError> require_queue(Database& db, std::string_view name);

std::string random_nonce(std::mt19937_64& random);

// Moves the message at row `seq` to the queue `destination_id` as a move task does (AWS's
// StartMessageMoveTask): visible at `now_ms`, receive count 0, no receipt, no first receive, no
// DeadLetterQueueSourceArn. The row (and with it the MessageId and the attempt history) stays.
void move_message_row(Database& db, std::int64_t seq, std::int64_t destination_id, std::int64_t now_ms);

// Runs `body` against `db`, converts a StoreFailure thrown from the store into an SqsError, and
// releases the statements it used (so no read snapshot outlives the operation).
template <typename Body>
auto guarded(Database& db, Body&& body) -> decltype(body()) {
  return run_guarded(db, std::forward<Body>(body), [](const StoreFailure& failure) {
    return sqs_errors::store_failure(failure.what(), failure.busy());
  });
}

}  // namespace drydock::emulator
