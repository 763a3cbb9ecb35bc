#pragma once
// Standard SQS queues, durable in the project's state store, with AWS's semantics and limits
// (aws-anchors.md §4.1-4.2): visibility timeouts, receive counts, lazy redrive to a DLQ on the
// receive after maxReceiveCount, move tasks back out of a DLQ, batch and size limits, MD5s.
//
// Every operation that changes state is one SQLite transaction, so a process killed at any instant
// leaves each message exactly once in some queue (visible, in flight or in a DLQ) or deleted. Time
// comes from the injected Clock, so a VirtualClock makes a 300-second visibility timeout pass at once.
// Not thread-safe: one SqsService per thread (several processes may share a state store).

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/clock.hpp"
#include "emulator/sqs/message.hpp"
#include "emulator/sqs/queue_config.hpp"
#include "emulator/sqs/sqs_error.hpp"
#include "emulator/state/state_store.hpp"

namespace drydock::emulator {

struct SqsOptions {
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  std::string sender_id = "AIDAIENQZJOLO23YVJ4VO";  // SenderId of every message (AWS's sample IAM user id)
  // Seeds message ids, receipt nonces and task handles; nullopt seeds from std::random_device.
  std::optional<std::uint64_t> seed;
  // AWS allows one PurgeQueue per queue every 60 seconds (PurgeQueueInProgress). Drydock's own
  // commands may turn this off.
  bool enforce_purge_interval = true;
};

enum class MoveTaskStatus { running, completed, cancelling, cancelled, failed };

struct MoveTask {
  std::string task_handle;
  std::string source_arn;
  std::optional<std::string> destination_arn;  // nullopt: each message's original source queue
  MoveTaskStatus status = MoveTaskStatus::running;
  std::optional<int> max_number_of_messages_per_second;
  std::int64_t approximate_number_of_messages_to_move = 0;
  std::int64_t approximate_number_of_messages_moved = 0;
  std::int64_t started_timestamp_ms = 0;
  std::optional<std::string> failure_reason;
};

std::string_view to_string(MoveTaskStatus status);  // "RUNNING", "COMPLETED", ...

class SqsService {
 public:
  SqsService(StateStore& store, const Clock& clock, SqsOptions options = {});

  // ---- queues ----
  // Creates the queue, or checks an existing one: AWS's CreateQueue is idempotent for identical
  // attributes and fails with QueueAlreadyExists otherwise; Drydock provisions queues from the
  // project on every run, so `update_existing` applies new settings to an existing queue instead
  // (SetQueueAttributes), keeping its messages. Fails for invalid names or attribute values, and for a
  // RedrivePolicy naming a queue that does not exist.
  std::expected<std::string, SqsError> create_queue(const QueueConfig& config, bool update_existing = false);
  // Deletes the queue and its messages. NonExistentQueue when unknown.
  std::expected<void, SqsError> delete_queue(std::string_view name);
  // Every queue name, sorted.
  std::expected<std::vector<std::string>, SqsError> list_queues() const;
  std::expected<QueueAttributes, SqsError> queue_attributes(std::string_view name) const;
  // The queue's settings alone: queue_attributes without counting its messages (a scan of the queue).
  std::expected<QueueConfig, SqsError> queue_config(std::string_view name) const;
  std::string queue_arn(std::string_view name) const;
  std::string queue_url(std::string_view name) const;  // https://sqs.<region>.amazonaws.com/<account>/<name>

  // ---- tags ----
  using QueueTags = std::map<std::string, std::string, std::less<>>;
  // TagQueue: adds `tags`, replacing the values of keys the queue has. InvalidParameterValue for an
  // empty key or one over 128 characters, a value over 256, a key starting with "aws:", or more than 50
  // tags on the queue afterwards; NonExistentQueue.
  std::expected<void, SqsError> tag_queue(std::string_view name, const QueueTags& tags);
  // UntagQueue: removes the tags with these keys (others are ignored).
  std::expected<void, SqsError> untag_queue(std::string_view name, const std::vector<std::string>& keys);
  // ListQueueTags.
  std::expected<QueueTags, SqsError> queue_tags(std::string_view name) const;

  // ---- messages ----
  std::expected<SentMessage, SqsError> send_message(std::string_view queue, const SendMessageEntry& entry);
  // One transaction for the whole batch; entries that fail a per-message check are reported in
  // `failed` and the others are sent (AWS's partial success). Batch-level errors fail the call.
  std::expected<SendBatchResult, SqsError> send_message_batch(std::string_view queue,
                                                              const std::vector<SendMessageEntry>& entries);
  // Up to max_number_of_messages visible messages, oldest-visible first. A message already received
  // maxReceiveCount times is moved to the queue's DLQ instead of being returned (lazy redrive,
  // aws-anchors.md §4.1). Messages past the retention period are deleted. WaitTimeSeconds is checked
  // but never waited for: time is the Clock's, and an empty result is final for this instant.
  std::expected<std::vector<ReceivedMessage>, SqsError> receive_message(std::string_view queue,
                                                                        const ReceiveRequest& request = {});
  // Deletes the message if `receipt_handle` is its newest; a stale handle (the message was received
  // again, or moved) or an already-deleted message succeeds without deleting, as AWS allows.
  // ReceiptHandleIsInvalid for a handle this queue never issued.
  std::expected<void, SqsError> delete_message(std::string_view queue, std::string_view receipt_handle);
  std::expected<BatchResult, SqsError> delete_message_batch(std::string_view queue,
                                                            const std::vector<ReceiptEntry>& entries);
  // ---- Drydock-internal batching (no AWS operation; the Lambda dispatcher uses them) ----
  // `batch_count` receive_message calls in a row at one instant, in ONE transaction: each message is
  // treated exactly as those calls would treat it (lazy redrive, retention, visibility timeout, receive
  // count, a fresh receipt handle), and the batches are what they would return, in order. Stops at the
  // first call that would return nothing, so it returns fewer batches (none at all when nothing is
  // visible) when the queue runs out; never an empty batch. Fails like receive_message.
  std::expected<std::vector<std::vector<ReceivedMessage>>, SqsError> receive_message_batches(
      std::string_view queue, std::size_t batch_count, const ReceiveRequest& request = {});
  // delete_message for each handle, in order, in ONE transaction, for any number of handles. One
  // result per handle: success when it deleted the message and for a stale handle or an already
  // deleted message (nothing deleted); ReceiptHandleIsInvalid for a handle this queue never issued.
  // NonExistentQueue (the whole call) when the queue does not exist.
  std::expected<std::vector<std::expected<void, SqsError>>, SqsError> delete_messages(
      std::string_view queue, const std::vector<std::string>& receipt_handles);
  // Makes an in-flight message visible after `timeout` from now (0..43200 s). MessageNotInflight when
  // it is not in flight; InvalidParameterValue for a stale handle.
  std::expected<void, SqsError> change_message_visibility(std::string_view queue,
                                                          std::string_view receipt_handle,
                                                          std::chrono::seconds timeout);
  // Deletes every message of the queue. PurgeQueueInProgress within 60 s of the last purge (unless
  // SqsOptions::enforce_purge_interval is off).
  std::expected<std::int64_t, SqsError> purge_queue(std::string_view queue);
  // Every message of the queue in arrival order, without receiving it (no count, no visibility change).
  std::expected<std::vector<PeekedMessage>, SqsError> peek_messages(std::string_view queue,
                                                                    std::size_t limit = SIZE_MAX) const;

  // When the earliest message of the queue that is not visible now (in flight or delayed) becomes
  // visible; nullopt when every message is visible or the queue is empty. The dispatcher moves the
  // virtual clock there when nothing else can happen (a retry after a visibility timeout).
  std::expected<std::optional<Instant>, SqsError> next_visible_at(std::string_view queue) const;

  // ---- move tasks (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask) ----
  // Starts moving the messages now in the DLQ `source_arn` to `destination_arn`, or each back to the
  // queue it was redriven from when nullopt. Fails when the source is not some queue's DLQ ("Source
  // queue must be configured as a Dead Letter Queue."), a task is already running for it, the
  // destination does not exist, or the rate is outside 1..500. The task moves nothing until
  // run_move_tasks() is called.
  std::expected<std::string, SqsError> start_message_move_task(
      std::string_view source_arn, std::optional<std::string> destination_arn,
      std::optional<int> max_per_second = std::nullopt);
  // Advances every running task: messages move in chunks, each chunk one transaction together with
  // the task's progress, so an interrupted task resumes with nothing lost or duplicated. A moved
  // message keeps its MessageId, body, attributes and SentTimestamp; its receive count starts again
  // at 0 and DeadLetterQueueSourceArn is dropped. Returns how many messages moved.
  std::expected<std::int64_t, SqsError> run_move_tasks();
  // The most recent tasks of the source queue, newest first (1..10, default 1).
  std::expected<std::vector<MoveTask>, SqsError> list_message_move_tasks(std::string_view source_arn,
                                                                         int max_results = 1) const;
  std::expected<std::int64_t, SqsError> cancel_message_move_task(std::string_view task_handle);

  // ---- Drydock's own batching (no AWS operation) ----
  // Every operation made while a Group is open (on this service's connection) joins one store
  // transaction, so their commits cost one; each operation still succeeds or fails on its own (a failed
  // one is rolled back alone). commit() makes them durable; destroying the Group without commit(), or a
  // crash, undoes them all. For callers that would have redone the whole group anyway after a crash: the
  // Starbase's SendMessageBatch calls for one template (a fan-out message that fails is retried whole).
  class Group {
   public:
    explicit Group(std::unique_ptr<Transaction> transaction) : m_transaction(std::move(transaction)) {}
    std::expected<void, SqsError> commit();

   private:
    std::unique_ptr<Transaction> m_transaction;
  };
  // Opens a Group: takes the store's write lock until it ends. Fails like any operation (StateLocked).
  std::expected<Group, SqsError> group();

  const SqsOptions& options() const { return m_options; }
  const Clock& clock() const { return m_clock; }

 private:
  friend struct SqsInternals;
  StateStore& m_store;
  const Clock& m_clock;
  SqsOptions m_options;
  std::mt19937_64 m_random;
};

}  // namespace drydock::emulator

// ---- Drydock's own operations by MessageId (the `drydock dlq` commands; no AWS operation) ----
// SqsService's thread rule applies. SQLite's failures come back as SqsError (Drydock.StateLocked, …).
namespace drydock::emulator {

// Where a message is: its queue and its row in the store (`messages.seq`, which the attempt history is
// keyed by; a message keeps it through redrive and move tasks).
struct MessageLocation {
  std::string queue;
  std::int64_t seq = 0;
  bool operator==(const MessageLocation&) const = default;
};

// For each of `message_ids` (in order), the queue holding it and its row: among `queues` when the
// list is not empty, else in any queue; nullopt for an id no such queue holds. One read of the queues
// concerned (a message id is not indexed: a scan of their messages, not one per id).
// NonExistentQueue when a queue of `queues` does not exist.
std::expected<std::vector<std::optional<MessageLocation>>, SqsError> find_messages(
    const SqsService& sqs, const std::vector<std::string>& message_ids,
    const std::vector<std::string>& queues = {});
// find_messages for one id.
std::expected<std::optional<MessageLocation>, SqsError> find_message(
    const SqsService& sqs, std::string_view message_id, const std::vector<std::string>& queues = {});

enum class DeleteByIdOutcome {
  deleted,    // it was in one of the queues and is deleted
  not_found,  // no queue of the list holds it: nothing of it changed
  kept,       // found, but kept because another id was not found (all_or_nothing)
};

// Deletes each message of `message_ids` from whichever of `queues` holds it, whether visible or in
// flight, in ONE transaction; one outcome per id, in order (an id given twice is deleted once, then
// not_found). With `all_or_nothing`, an id that is not found keeps every message (outcome `kept` for
// the ones found) and the store is unchanged. NonExistentQueue when a queue of `queues` does not exist.
std::expected<std::vector<DeleteByIdOutcome>, SqsError> delete_messages_by_id(
    SqsService& sqs, const std::vector<std::string>& queues, const std::vector<std::string>& message_ids,
    bool all_or_nothing);

// Replaces the body of the message `message_id` of `queue` in place, keeping its id, attributes,
// receive count, SentTimestamp and position; MD5OfMessageBody is recomputed and returned. The body
// gets SendMessage's checks (characters, the queue's maximum size with the message's attributes).
// Drydock.MessageNotFound when the queue does not hold it; NonExistentQueue for an unknown queue.
std::expected<std::string, SqsError> replace_message_body(SqsService& sqs, std::string_view queue,
                                                          std::string_view message_id, std::string_view body);

// One message to take back out of a DLQ (`drydock dlq replay`).
struct MessageMove {
  std::string message_id;
  std::string from_queue;           // the queue holding it (a DLQ)
  std::string to_queue;             // where it goes (the queue it was redriven from)
  std::optional<std::string> body;  // a new body replacing the message's; nullopt keeps it
};

// Moves each message as a move task moves it (StartMessageMoveTask): its row is updated in place, so
// it keeps its MessageId, its row (and with them its attempt history), body, attributes and
// SentTimestamp; its receive count starts again at 0, its receipt handle is cleared (a handle issued
// before is stale), DeadLetterQueueSourceArn is dropped, and it is visible at once. A `body` replaces
// the message's after SendMessage's checks against the destination's maximum size (MD5OfMessageBody
// recomputed). ONE transaction, all or nothing: Drydock.MessageNotFound naming every id its
// from_queue does not hold (a move given twice finds it gone the second time), a body that fails a
// check, NonExistentQueue for an unknown queue: then nothing was moved or changed.
std::expected<void, SqsError> move_messages_by_id(SqsService& sqs, const std::vector<MessageMove>& moves);

// The message row (`messages.seq`) a receipt handle issued by Drydock names, for the attempt history;
// nullopt when `receipt_handle` is not one of Drydock's.
std::optional<std::int64_t> receipt_handle_seq(std::string_view receipt_handle);

namespace sqs_errors {
SqsError message_not_found(std::string_view queue, std::string_view message_id);  // Drydock.MessageNotFound
}  // namespace sqs_errors

}  // namespace drydock::emulator
