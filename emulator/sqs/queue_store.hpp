#pragma once
// Private to emulator/sqs/*.cpp: the queue store, SQS's storage apart from AWS's rules. It holds the
// queue row, every SQL statement the service runs on the queues table (the statements on messages and
// move tasks are in message_rows.hpp and move_task_rows.hpp, included here), and the scope each
// operation runs in: `guarded` (store failures become SqsErrors), `in_transaction` (one write
// transaction, committed when the operation succeeds), and `with_queue` / `reading_queue` (the same
// for an operation on one named queue, with or without the write lock). The service files keep the
// rules (limits, error codes, lazy redrive, receipt handles) and call these; SQL stays in here.

#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "emulator/sqs/message_rows.hpp"
#include "emulator/sqs/move_task_rows.hpp"
#include "emulator/sqs/queue_config.hpp"
#include "emulator/sqs/sqs_error.hpp"
#include "emulator/state/sqlite_db.hpp"

namespace drydock::emulator {

// One row of `queues`.
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
  std::int64_t receive_wait_s = 0;
  std::optional<std::string> redrive_allow_policy;
  std::optional<std::string> policy;
};

namespace queue_store {

// The queue named `name`, nullopt when there is none.
std::optional<QueueRow> find_queue(Database& db, std::string_view name);
// The queue whose ARN is `arn`, nullopt when there is none.
std::optional<QueueRow> find_queue_by_arn(Database& db, std::string_view arn);
// find_queue, or NonExistentQueue.
std::expected<QueueRow, SqsError> require_queue(Database& db, std::string_view name);
// Every queue name, sorted.
std::vector<std::string> queue_names(Database& db);
// Whether some queue's RedrivePolicy names the queue `name` as its DLQ.
bool is_some_queues_dlq(Database& db, std::string_view name);

// Inserts the queue `config` describes, with ARN `arn`, created at `created_ms`.
void insert_queue(Database& db, const QueueConfig& config, std::string_view arn, std::int64_t created_ms);
// Gives the existing queue `config.name` the ARN `arn` and `config`'s settings (its messages stay).
void update_queue(Database& db, const QueueConfig& config, std::string_view arn);
// Deletes the queue `queue_id`: its messages, its move tasks, then its row.
void delete_queue(Database& db, std::int64_t queue_id);
// Deletes every message of the queue `queue_id`; returns how many there were.
std::int64_t delete_queue_messages(Database& db, std::int64_t queue_id);
// Records `now_ms` as the time of the queue's last PurgeQueue.
void set_last_purge(Database& db, std::int64_t queue_id, std::int64_t now_ms);

// The queue's tags, by key.
std::map<std::string, std::string, std::less<>> queue_tags(Database& db, std::int64_t queue_id);
// Adds `tags` to the queue's, replacing the values of keys it has.
void set_queue_tags(Database& db, std::int64_t queue_id,
                    const std::map<std::string, std::string, std::less<>>& tags);
// Removes the tags with these keys (keys it does not have are ignored).
void remove_queue_tags(Database& db, std::int64_t queue_id, const std::vector<std::string>& keys);

}  // namespace queue_store

// Runs `body` against `db`, converts a StoreFailure thrown from the store into an SqsError, and
// releases the statements it used (so no read snapshot outlives the operation).
template <typename Body>
auto guarded(Database& db, Body&& body) -> decltype(body()) {
  return run_guarded(db, std::forward<Body>(body), [](const StoreFailure& failure) {
    return sqs_errors::store_failure(failure.what(), failure.busy());
  });
}

// guarded(body) inside one write Transaction (a savepoint within a Group), committed when `body`
// returns a value and rolled back when it returns an error or throws.
template <typename Body>
auto in_transaction(Database& db, Body&& body) -> decltype(body()) {
  return guarded(db, [&]() -> decltype(body()) {
    Transaction transaction(db);
    auto result = body();
    if (result) {
      transaction.commit();
    }
    return result;
  });
}

// in_transaction for an operation on the queue `name`: `body(db, queue)` runs with its row, read
// inside the transaction; NonExistentQueue, without running `body`, when there is no such queue.
template <typename Body>
auto with_queue(Database& db, std::string_view name, Body&& body)
    -> std::invoke_result_t<Body&, Database&, const QueueRow&> {
  using Result = std::invoke_result_t<Body&, Database&, const QueueRow&>;
  return in_transaction(db, [&]() -> Result {
    auto queue = queue_store::require_queue(db, name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    return body(db, *queue);
  });
}

// with_queue for a read: guarded, without a Transaction (no write lock is taken, nothing commits).
template <typename Body>
auto reading_queue(Database& db, std::string_view name, Body&& body)
    -> std::invoke_result_t<Body&, Database&, const QueueRow&> {
  using Result = std::invoke_result_t<Body&, Database&, const QueueRow&>;
  return guarded(db, [&]() -> Result {
    auto queue = queue_store::require_queue(db, name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    return body(db, *queue);
  });
}

}  // namespace drydock::emulator
