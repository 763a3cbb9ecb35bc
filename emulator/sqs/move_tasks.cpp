// StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask (aws-anchors.md §4.1, "Redrive
// back"). A task records how far it got in the same transaction that moves each chunk of messages, so
// an interrupted task resumes without losing or duplicating a message.

#include <fmt/format.h>

#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

constexpr std::int64_t k_chunk = 100;

struct ChunkResult {
  std::int64_t moved = 0;
  bool ended = false;  // the task completed or failed in this step
};

// Moves one chunk of `task` in the current transaction.
ChunkResult move_chunk(Database& db, const RunningTask& task, std::int64_t now) {
  const std::vector<MoveCandidate> rows =
      queue_store::move_candidates(db, task.source_queue_id, task.last_seq, now, k_chunk);
  if (rows.empty()) {
    queue_store::finish_task(db, task.id, MoveTaskStatus::completed, std::nullopt);
    return {0, true};
  }
  std::int64_t moved = 0;
  std::optional<std::string> failure;
  for (const auto& row : rows) {
    const std::optional<std::string> target = task.destination_arn ? task.destination_arn : row.source;
    if (!target) {
      failure = fmt::format(
          "Message {} has no original source queue (it was sent to the dead-letter queue "
          "directly); give a DestinationArn to move it.",
          row.message_id);
      break;
    }
    const auto destination = queue_store::find_queue_by_arn(db, *target);
    if (!destination) {
      failure = fmt::format("Destination queue {} of message {} does not exist.", *target, row.message_id);
      break;
    }
    queue_store::move_message_row(db, row.seq, destination->id, now);
    ++moved;
  }
  queue_store::add_moved(db, task.id, moved);
  if (failure) {
    queue_store::finish_task(db, task.id, MoveTaskStatus::failed, failure);
  }
  return {moved, failure.has_value()};
}

}  // namespace

std::expected<std::string, SqsError> SqsService::start_message_move_task(
    std::string_view source_arn, std::optional<std::string> destination_arn,
    std::optional<int> max_per_second) {
  if (max_per_second && (*max_per_second < 1 || *max_per_second > 500)) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.",
        *max_per_second)));
  }
  Database& db = m_store.db();
  return in_transaction(db, [&]() -> std::expected<std::string, SqsError> {
    const auto source = queue_store::find_queue_by_arn(db, source_arn);
    if (!source) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    if (!queue_store::is_some_queues_dlq(db, source->name)) {
      return std::unexpected(
          sqs_errors::invalid_parameter("Source queue must be configured as a Dead Letter Queue."));
    }
    if (destination_arn && !queue_store::find_queue_by_arn(db, *destination_arn)) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    if (queue_store::has_running_task(db, source->id)) {
      return std::unexpected(
          SqsError{"AWS.SimpleQueueService.UnsupportedOperation",
                   "There is already a task running. Only one active task is allowed for a "
                   "source queue arn at a given time.",
                   true});
    }
    const MessageBounds bounds = queue_store::message_bounds(db, source->id);
    const std::string handle = random_uuid(m_random);
    queue_store::insert_move_task(db, {.handle = handle,
                                       .source_queue_id = source->id,
                                       .destination_arn = destination_arn,
                                       .max_per_second = max_per_second,
                                       .to_move = bounds.count,
                                       .last_seq = bounds.last_seq,
                                       .started_ms = SqsInternals::now_ms(*this)});
    return handle;
  });
}

std::expected<std::int64_t, SqsError> SqsService::run_move_tasks() {
  return guarded(m_store.db(), [&]() -> std::expected<std::int64_t, SqsError> {
    Database& db = m_store.db();
    const std::vector<std::int64_t> task_ids = queue_store::running_task_ids(db);
    std::int64_t total = 0;
    for (const std::int64_t id : task_ids) {
      for (;;) {
        // Each chunk is one transaction together with the task's progress.
        Transaction transaction(db);
        // Re-read inside the transaction: another process may have cancelled or finished the task.
        const auto task = queue_store::running_task(db, id);
        if (!task) {
          break;
        }
        const ChunkResult chunk = move_chunk(db, *task, SqsInternals::now_ms(*this));
        transaction.commit();
        total += chunk.moved;
        if (chunk.ended) {
          break;
        }
      }
    }
    return total;
  });
}

std::expected<std::vector<MoveTask>, SqsError> SqsService::list_message_move_tasks(
    std::string_view source_arn, int max_results) const {
  if (max_results < 1 || max_results > 10) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter MaxResults is invalid. Reason: Must be between 1 and 10.", max_results)));
  }
  return guarded(m_store.db(), [&]() -> std::expected<std::vector<MoveTask>, SqsError> {
    Database& db = m_store.db();
    const auto source = queue_store::find_queue_by_arn(db, source_arn);
    if (!source) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    return queue_store::move_tasks_of(db, source->id, std::int64_t{max_results});
  });
}

std::expected<std::int64_t, SqsError> SqsService::cancel_message_move_task(std::string_view task_handle) {
  Database& db = m_store.db();
  return in_transaction(db, [&]() -> std::expected<std::int64_t, SqsError> {
    const auto task = queue_store::running_task_by_handle(db, task_handle);
    if (!task) {
      return std::unexpected(SqsError{"ResourceNotFoundException", "Task does not exist.", true});
    }
    queue_store::finish_task(db, task->id, MoveTaskStatus::cancelled, std::nullopt);
    return task->moved;
  });
}

}  // namespace drydock::emulator
