#pragma once
// Private to emulator/sqs/*.cpp, part of the queue store (queue_store.hpp): the rows of `move_tasks`
// and every SQL statement a move task runs (StartMessageMoveTask and what follows it), the messages it
// moves included.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/sqs/sqs_service.hpp"
#include "emulator/state/sqlite_db.hpp"

namespace drydock::emulator {

// The columns of a task StartMessageMoveTask records (status RUNNING, nothing moved yet).
struct NewMoveTaskRow {
  std::string_view handle;
  std::int64_t source_queue_id = 0;
  std::optional<std::string> destination_arn;  // nullopt: each message's DeadLetterQueueSourceArn
  std::optional<int> max_per_second;           // nullopt stores NULL
  std::int64_t to_move = 0;
  std::int64_t last_seq = 0;  // the newest message of the source when the task started
  std::int64_t started_ms = 0;
};

// A running task as run_move_tasks advances it.
struct RunningTask {
  std::int64_t id = 0;
  std::int64_t source_queue_id = 0;
  std::optional<std::string> destination_arn;
  std::int64_t last_seq = 0;
};

// A message of the source queue a task is about to move.
struct MoveCandidate {
  std::int64_t seq = 0;
  std::optional<std::string> source;  // its DeadLetterQueueSourceArn
  std::string message_id;
};

// A running task's id and how many messages it has moved so far.
struct TaskProgress {
  std::int64_t id = 0;
  std::int64_t moved = 0;
};

// How many messages a queue holds and the newest one's seq (0 when it is empty).
struct MessageBounds {
  std::int64_t count = 0;
  std::int64_t last_seq = 0;
};

namespace queue_store {

// Whether a task of the queue `source_queue_id` is RUNNING.
bool has_running_task(Database& db, std::int64_t source_queue_id);
// The messages of the queue `queue_id` a task starting now would move: their count and the last seq.
MessageBounds message_bounds(Database& db, std::int64_t queue_id);
// Inserts the RUNNING task `task`.
void insert_move_task(Database& db, const NewMoveTaskRow& task);
// The ids of every RUNNING task, oldest first.
std::vector<std::int64_t> running_task_ids(Database& db);
// The task `id` if it is still RUNNING; nullopt when it ended or is gone.
std::optional<RunningTask> running_task(Database& db, std::int64_t id);
// The RUNNING task with handle `handle`; nullopt when there is none.
std::optional<TaskProgress> running_task_by_handle(Database& db, std::string_view handle);
// Up to `limit` visible-at-`now_ms` messages of the queue `queue_id` with seq <= `last_seq`, by seq.
std::vector<MoveCandidate> move_candidates(Database& db, std::int64_t queue_id, std::int64_t last_seq,
                                           std::int64_t now_ms, std::int64_t limit);
// Adds `moved` to the task's count of moved messages.
void add_moved(Database& db, std::int64_t task_id, std::int64_t moved);
// Ends the task with `status` and `failure_reason` (nullopt stores NULL).
void finish_task(Database& db, std::int64_t task_id, MoveTaskStatus status,
                 const std::optional<std::string>& failure_reason);
// Up to `limit` tasks of the queue `source_queue_id`, newest first.
std::vector<MoveTask> move_tasks_of(Database& db, std::int64_t source_queue_id, std::int64_t limit);

}  // namespace queue_store
}  // namespace drydock::emulator
