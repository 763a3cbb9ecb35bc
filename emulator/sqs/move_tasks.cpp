// StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask (aws-anchors.md §4.1, "Redrive
// back"). A task records how far it got in the same transaction that moves each chunk of messages, so
// an interrupted task resumes without losing or duplicating a message.

#include <fmt/format.h>

#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

constexpr std::int64_t k_chunk = 100;

MoveTaskStatus parse_status(std::string_view text) {
  for (const auto status : {MoveTaskStatus::running, MoveTaskStatus::completed, MoveTaskStatus::cancelling,
                            MoveTaskStatus::cancelled, MoveTaskStatus::failed}) {
    if (to_string(status) == text) {
      return status;
    }
  }
  return MoveTaskStatus::failed;
}

bool is_some_queues_dlq(Database& db, std::string_view name) {
  auto& select = db.statement("SELECT 1 FROM queues WHERE dlq_name = ?1 LIMIT 1");
  select.bind(1, name);
  const bool found = select.step();
  select.reset();
  return found;
}

void finish(Database& db, std::int64_t task_id, MoveTaskStatus status, std::optional<std::string> reason) {
  db.statement("UPDATE move_tasks SET status = ?2, failure_reason = ?3 WHERE id = ?1")
      .bind(1, task_id)
      .bind(2, to_string(status))
      .bind(3, reason)
      .run();
}

struct RunningTask {
  std::int64_t id = 0;
  std::int64_t source_queue_id = 0;
  std::optional<std::string> destination_arn;
  std::int64_t last_seq = 0;
};

struct ChunkResult {
  std::int64_t moved = 0;
  bool ended = false;  // the task completed or failed in this step
};

// Moves one chunk of `task` in the current transaction.
ChunkResult move_chunk(Database& db, const RunningTask& task, std::int64_t now) {
  auto& select = db.statement(
      "SELECT seq, dlq_source_arn, message_id FROM messages WHERE queue_id = ?1 AND seq <= ?2 AND visible_ms "
      "<= ?3 "
      "ORDER BY seq LIMIT ?4");
  select.bind(1, task.source_queue_id).bind(2, task.last_seq).bind(3, now).bind(4, k_chunk);
  struct Row {
    std::int64_t seq;
    std::optional<std::string> source;
    std::string message_id;
  };
  std::vector<Row> rows;
  while (select.step()) {
    rows.push_back({select.column_int(0), select.column_optional_text(1), select.column_text(2)});
  }
  select.reset();
  if (rows.empty()) {
    finish(db, task.id, MoveTaskStatus::completed, std::nullopt);
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
    const auto destination = find_queue_by_arn(db, *target);
    if (!destination) {
      failure = fmt::format("Destination queue {} of message {} does not exist.", *target, row.message_id);
      break;
    }
    move_message_row(db, row.seq, destination->id, now);
    ++moved;
  }
  db.statement("UPDATE move_tasks SET moved = moved + ?2 WHERE id = ?1")
      .bind(1, task.id)
      .bind(2, moved)
      .run();
  if (failure) {
    finish(db, task.id, MoveTaskStatus::failed, failure);
  }
  return {moved, failure.has_value()};
}

MoveTask read_task(const Statement& row) {
  MoveTask task;
  task.task_handle = row.column_text(0);
  task.source_arn = row.column_text(1);
  task.destination_arn = row.column_optional_text(2);
  task.status = parse_status(row.column_text(3));
  if (auto rate = row.column_optional_int(4)) {
    task.max_number_of_messages_per_second = static_cast<int>(*rate);
  }
  task.approximate_number_of_messages_to_move = row.column_int(5);
  task.approximate_number_of_messages_moved = row.column_int(6);
  task.started_timestamp_ms = row.column_int(7);
  task.failure_reason = row.column_optional_text(8);
  return task;
}

}  // namespace

void move_message_row(Database& db, std::int64_t seq, std::int64_t destination_id, std::int64_t now_ms) {
  db.statement(
        "UPDATE messages SET queue_id = ?2, visible_ms = ?3, receipt = NULL, receive_count = 0, "
        "first_receive_ms = NULL, dlq_source_arn = NULL WHERE seq = ?1")
      .bind(1, seq)
      .bind(2, destination_id)
      .bind(3, now_ms)
      .run();
}

std::expected<std::string, SqsError> SqsService::start_message_move_task(
    std::string_view source_arn, std::optional<std::string> destination_arn,
    std::optional<int> max_per_second) {
  if (max_per_second && (*max_per_second < 1 || *max_per_second > 500)) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.",
        *max_per_second)));
  }
  return guarded(m_store.db(), [&]() -> std::expected<std::string, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    const auto source = find_queue_by_arn(db, source_arn);
    if (!source) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    if (!is_some_queues_dlq(db, source->name)) {
      return std::unexpected(
          sqs_errors::invalid_parameter("Source queue must be configured as a Dead Letter Queue."));
    }
    if (destination_arn && !find_queue_by_arn(db, *destination_arn)) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    auto& running =
        db.statement("SELECT 1 FROM move_tasks WHERE source_queue_id = ?1 AND status = 'RUNNING'");
    running.bind(1, source->id);
    const bool busy = running.step();
    running.reset();
    if (busy) {
      return std::unexpected(
          SqsError{"AWS.SimpleQueueService.UnsupportedOperation",
                   "There is already a task running. Only one active task is allowed for a "
                   "source queue arn at a given time.",
                   true});
    }
    auto& bounds = db.statement("SELECT count(*), coalesce(max(seq), 0) FROM messages WHERE queue_id = ?1");
    bounds.bind(1, source->id);
    bounds.step();
    const std::int64_t to_move = bounds.column_int(0);
    const std::int64_t last_seq = bounds.column_int(1);
    bounds.reset();
    const std::string handle = random_uuid(m_random);
    auto& insert = db.statement(
        "INSERT INTO move_tasks(handle, source_queue_id, destination_arn, status, max_per_second, to_move, "
        "moved, "
        "last_seq, started_ms) VALUES(?1, ?2, ?3, 'RUNNING', ?4, ?5, 0, ?6, ?7)");
    insert.bind(1, handle).bind(2, source->id).bind(3, destination_arn).bind(5, to_move).bind(6, last_seq);
    insert.bind(7, SqsInternals::now_ms(*this));
    if (max_per_second) {
      insert.bind(4, std::int64_t{*max_per_second});
    }
    insert.run();
    transaction.commit();
    return handle;
  });
}

std::expected<std::int64_t, SqsError> SqsService::run_move_tasks() {
  return guarded(m_store.db(), [&]() -> std::expected<std::int64_t, SqsError> {
    Database& db = m_store.db();
    std::vector<std::int64_t> task_ids;
    {
      auto& select = db.statement("SELECT id FROM move_tasks WHERE status = 'RUNNING' ORDER BY id");
      while (select.step()) {
        task_ids.push_back(select.column_int(0));
      }
      select.reset();
    }
    std::int64_t total = 0;
    for (const std::int64_t id : task_ids) {
      for (;;) {
        Transaction transaction(db);
        // Re-read inside the transaction: another process may have cancelled or finished the task.
        auto& select = db.statement(
            "SELECT source_queue_id, destination_arn, last_seq FROM move_tasks WHERE id = ?1 AND status = "
            "'RUNNING'");
        select.bind(1, id);
        if (!select.step()) {
          select.reset();
          break;
        }
        const RunningTask task{id, select.column_int(0), select.column_optional_text(1),
                               select.column_int(2)};
        select.reset();
        const ChunkResult chunk = move_chunk(db, task, SqsInternals::now_ms(*this));
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
    const auto source = find_queue_by_arn(db, source_arn);
    if (!source) {
      return std::unexpected(sqs_errors::queue_does_not_exist());
    }
    auto& select = db.statement(
        "SELECT t.handle, q.arn, t.destination_arn, t.status, t.max_per_second, t.to_move, t.moved, "
        "t.started_ms, "
        "t.failure_reason FROM move_tasks t JOIN queues q ON q.id = t.source_queue_id WHERE "
        "t.source_queue_id = ?1 "
        "ORDER BY t.id DESC LIMIT ?2");
    select.bind(1, source->id).bind(2, std::int64_t{max_results});
    std::vector<MoveTask> tasks;
    while (select.step()) {
      tasks.push_back(read_task(select));
    }
    select.reset();
    return tasks;
  });
}

std::expected<std::int64_t, SqsError> SqsService::cancel_message_move_task(std::string_view task_handle) {
  return guarded(m_store.db(), [&]() -> std::expected<std::int64_t, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    auto& select = db.statement("SELECT id, moved FROM move_tasks WHERE handle = ?1 AND status = 'RUNNING'");
    select.bind(1, task_handle);
    if (!select.step()) {
      select.reset();
      return std::unexpected(SqsError{"ResourceNotFoundException", "Task does not exist.", true});
    }
    const std::int64_t id = select.column_int(0);
    const std::int64_t moved = select.column_int(1);
    select.reset();
    finish(db, id, MoveTaskStatus::cancelled, std::nullopt);
    transaction.commit();
    return moved;
  });
}

}  // namespace drydock::emulator
