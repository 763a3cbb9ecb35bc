#pragma once
// Private to emulator/sqs/*.cpp, part of the queue store (queue_store.hpp): the rows of `messages`
// and every SQL statement SQS runs on them. Columns are stored as the service hands them over
// (message attributes already encoded); what a row means for AWS is the service's business.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/state/sqlite_db.hpp"

namespace drydock::emulator {

// One row of `messages`, every column.
struct MessageRow {
  std::int64_t seq = 0;
  std::string message_id;
  std::string body;
  std::string md5_body;
  std::optional<std::string> attributes;  // encoded message attributes; nullopt when there are none
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

// The columns of a message as SendMessage stores it (never received: receive count 0, no receipt).
// The views must stay alive until insert_message returns.
struct NewMessageRow {
  std::int64_t queue_id = 0;
  std::string_view message_id;
  std::string_view body;
  std::string_view md5_body;
  std::optional<std::string_view> attributes;  // encoded; nullopt stores NULL
  std::optional<std::string_view> md5_attributes;
  std::optional<std::string_view> trace_header;
  std::string_view sender_id;
  std::int64_t sent_ms = 0;
  std::int64_t visible_ms = 0;
};

// What a receipt handle is checked against: the message's queue, its newest receipt, and when it is
// visible next.
struct ReceiptRow {
  std::int64_t queue_id = 0;
  std::optional<std::string> receipt;
  std::int64_t visible_ms = 0;
};

// A message's row and its encoded attributes (nullopt when it has none).
struct AttributesRow {
  std::int64_t seq = 0;
  std::optional<std::string> attributes;
};

// The approximate counts of GetQueueAttributes.
struct MessageCounts {
  std::int64_t visible = 0;
  std::int64_t in_flight = 0;
  std::int64_t delayed = 0;
};

namespace queue_store {

// Inserts `message`.
void insert_message(Database& db, const NewMessageRow& message);

// Up to `limit` messages of the queue `queue_id` visible at `now_ms`, oldest-visible first (then by
// seq). Read completely before it returns, so the caller may change the rows afterwards.
std::vector<MessageRow> visible_messages(Database& db, std::int64_t queue_id, std::int64_t now_ms,
                                         std::int64_t limit);
// Up to `limit` messages of the queue `queue_id`, in arrival (seq) order, whatever their state.
std::vector<MessageRow> queue_messages(Database& db, std::int64_t queue_id, std::size_t limit);
// Whether the queue named `queue_name` has a message visible at `now_ms`: one read, which finds the
// queue by name itself (false for a queue that does not exist).
bool any_visible(Database& db, std::string_view queue_name, std::int64_t now_ms);
// The counts of the queue's messages sent after `retained_after_ms` (younger than the retention
// period): visible at `now_ms`, in flight (received, not visible), delayed (never received, not visible).
MessageCounts count_messages(Database& db, std::int64_t queue_id, std::int64_t now_ms,
                             std::int64_t retained_after_ms);
// The earliest visible_ms after `now_ms` among the queue's messages; nullopt when there is none.
std::optional<std::int64_t> next_visible_ms(Database& db, std::int64_t queue_id, std::int64_t now_ms);

// The columns a receipt handle naming the row `seq` is checked against; nullopt when the row is gone.
std::optional<ReceiptRow> receipt_row(Database& db, std::int64_t seq);
// Marks the message at `seq` received: its new receive count, first receive time, visibility and
// receipt nonce.
void mark_received(Database& db, std::int64_t seq, std::int64_t receive_count, std::int64_t first_receive_ms,
                   std::int64_t visible_ms, std::string_view receipt);
// Makes the message at `seq` visible at `visible_ms`.
void set_visible_ms(Database& db, std::int64_t seq, std::int64_t visible_ms);
// Moves the message at `seq` to the DLQ `dlq_id` as redrive does: visible at `now_ms`, no receipt,
// DeadLetterQueueSourceArn `source_arn`; its receive count and first receive stay.
void move_to_dlq(Database& db, std::int64_t seq, std::int64_t dlq_id, std::int64_t now_ms,
                 std::string_view source_arn);
// Moves the message at row `seq` to the queue `destination_id` as a move task does (AWS's
// StartMessageMoveTask): visible at `now_ms`, receive count 0, no receipt, no first receive, no
// DeadLetterQueueSourceArn. The row (and with it the MessageId and the attempt history) stays.
void move_message_row(Database& db, std::int64_t seq, std::int64_t destination_id, std::int64_t now_ms);

// Deletes the message at `seq`.
void delete_message_row(Database& db, std::int64_t seq);
// Deletes the message at `seq` if it is in the queue `queue_id` and `receipt` is its newest receipt;
// nothing otherwise.
void delete_by_receipt(Database& db, std::int64_t seq, std::int64_t queue_id, std::string_view receipt);

// Calls `visit(seq, message_id, queue name)` for every message of every queue, in seq order.
void scan_all_message_ids(Database& db,
                          const std::function<void(std::int64_t, std::string, std::string)>& visit);
// Calls `visit(seq, message_id)` for every message of the queue `queue_id`, in seq order.
void scan_message_ids(Database& db, std::int64_t queue_id,
                      const std::function<void(std::int64_t, std::string)>& visit);
// The row and attributes of the message `message_id` of the queue `queue_id`; nullopt when the queue
// does not hold it.
std::optional<AttributesRow> find_message_row(Database& db, std::int64_t queue_id,
                                              std::string_view message_id);
// The encoded attributes of the message at `seq` (nullopt when it has none; the row must exist).
std::optional<std::string> message_attributes_at(Database& db, std::int64_t seq);
// Replaces the body of the message at `seq` and its MD5 (`body` is bound without a copy).
void replace_body(Database& db, std::int64_t seq, std::string_view body, std::string_view md5_body);

}  // namespace queue_store
}  // namespace drydock::emulator
