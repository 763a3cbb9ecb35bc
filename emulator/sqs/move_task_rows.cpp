// The statements of move tasks (move_task_rows.hpp) and the reader of a task row.

#include "emulator/sqs/move_task_rows.hpp"

namespace drydock::emulator::queue_store {
namespace {

MoveTaskStatus parse_status(std::string_view text) {
  for (const auto status : {MoveTaskStatus::running, MoveTaskStatus::completed, MoveTaskStatus::cancelling,
                            MoveTaskStatus::cancelled, MoveTaskStatus::failed}) {
    if (to_string(status) == text) {
      return status;
    }
  }
  return MoveTaskStatus::failed;
}

// A row of move_tasks_of's SELECT.
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

bool has_running_task(Database& db, std::int64_t source_queue_id) {
  auto& running = db.statement("SELECT 1 FROM move_tasks WHERE source_queue_id = ?1 AND status = 'RUNNING'");
  running.bind(1, source_queue_id);
  const bool busy = running.step();
  running.reset();
  return busy;
}

MessageBounds message_bounds(Database& db, std::int64_t queue_id) {
  auto& bounds = db.statement("SELECT count(*), coalesce(max(seq), 0) FROM messages WHERE queue_id = ?1");
  bounds.bind(1, queue_id);
  bounds.step();
  const MessageBounds result{bounds.column_int(0), bounds.column_int(1)};
  bounds.reset();
  return result;
}

void insert_move_task(Database& db, const NewMoveTaskRow& task) {
  auto& insert = db.statement(
      "INSERT INTO move_tasks(handle, source_queue_id, destination_arn, status, max_per_second, to_move, "
      "moved, "
      "last_seq, started_ms) VALUES(?1, ?2, ?3, 'RUNNING', ?4, ?5, 0, ?6, ?7)");
  insert.bind(1, task.handle)
      .bind(2, task.source_queue_id)
      .bind(3, task.destination_arn)
      .bind(5, task.to_move)
      .bind(6, task.last_seq);
  insert.bind(7, task.started_ms);
  if (task.max_per_second) {
    insert.bind(4, std::int64_t{*task.max_per_second});
  }
  insert.run();
}

std::vector<std::int64_t> running_task_ids(Database& db) {
  auto& select = db.statement("SELECT id FROM move_tasks WHERE status = 'RUNNING' ORDER BY id");
  std::vector<std::int64_t> ids;
  while (select.step()) {
    ids.push_back(select.column_int(0));
  }
  select.reset();
  return ids;
}

std::optional<RunningTask> running_task(Database& db, std::int64_t id) {
  auto& select = db.statement(
      "SELECT source_queue_id, destination_arn, last_seq FROM move_tasks WHERE id = ?1 AND status = "
      "'RUNNING'");
  select.bind(1, id);
  if (!select.step()) {
    select.reset();
    return std::nullopt;
  }
  RunningTask task{id, select.column_int(0), select.column_optional_text(1), select.column_int(2)};
  select.reset();
  return task;
}

std::optional<TaskProgress> running_task_by_handle(Database& db, std::string_view handle) {
  auto& select = db.statement("SELECT id, moved FROM move_tasks WHERE handle = ?1 AND status = 'RUNNING'");
  select.bind(1, handle);
  if (!select.step()) {
    select.reset();
    return std::nullopt;
  }
  const TaskProgress progress{select.column_int(0), select.column_int(1)};
  select.reset();
  return progress;
}

std::vector<MoveCandidate> move_candidates(Database& db, std::int64_t queue_id, std::int64_t last_seq,
                                           std::int64_t now_ms, std::int64_t limit) {
  auto& select = db.statement(
      "SELECT seq, dlq_source_arn, message_id FROM messages WHERE queue_id = ?1 AND seq <= ?2 AND visible_ms "
      "<= ?3 "
      "ORDER BY seq LIMIT ?4");
  select.bind(1, queue_id).bind(2, last_seq).bind(3, now_ms).bind(4, limit);
  std::vector<MoveCandidate> rows;
  while (select.step()) {
    rows.push_back({select.column_int(0), select.column_optional_text(1), select.column_text(2)});
  }
  select.reset();
  return rows;
}

void add_moved(Database& db, std::int64_t task_id, std::int64_t moved) {
  db.statement("UPDATE move_tasks SET moved = moved + ?2 WHERE id = ?1")
      .bind(1, task_id)
      .bind(2, moved)
      .run();
}

void finish_task(Database& db, std::int64_t task_id, MoveTaskStatus status,
                 const std::optional<std::string>& failure_reason) {
  db.statement("UPDATE move_tasks SET status = ?2, failure_reason = ?3 WHERE id = ?1")
      .bind(1, task_id)
      .bind(2, to_string(status))
      .bind(3, failure_reason)
      .run();
}

std::vector<MoveTask> move_tasks_of(Database& db, std::int64_t source_queue_id, std::int64_t limit) {
  auto& select = db.statement(
      "SELECT t.handle, q.arn, t.destination_arn, t.status, t.max_per_second, t.to_move, t.moved, "
      "t.started_ms, "
      "t.failure_reason FROM move_tasks t JOIN queues q ON q.id = t.source_queue_id WHERE "
      "t.source_queue_id = ?1 "
      "ORDER BY t.id DESC LIMIT ?2");
  select.bind(1, source_queue_id).bind(2, limit);
  std::vector<MoveTask> tasks;
  while (select.step()) {
    tasks.push_back(read_task(select));
  }
  select.reset();
  return tasks;
}

}  // namespace drydock::emulator::queue_store
