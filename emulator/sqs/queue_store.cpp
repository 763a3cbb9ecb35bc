// The statements on `queues` (queue_store.hpp) and the reader of a queue row.

#include "emulator/sqs/queue_store.hpp"

namespace drydock::emulator::queue_store {
namespace {

// A row of the SELECTs of every queue column, in QueueRow's order.
QueueRow read_queue(const Statement& row) {
  QueueRow queue;
  queue.id = row.column_int(0);
  queue.name = row.column_text(1);
  queue.arn = row.column_text(2);
  queue.visibility_timeout_s = row.column_int(3);
  queue.retention_s = row.column_int(4);
  queue.delay_s = row.column_int(5);
  queue.max_message_bytes = row.column_int(6);
  queue.dlq_name = row.column_optional_text(7);
  queue.max_receive_count = row.column_int(8);
  queue.created_ms = row.column_int(9);
  queue.last_purge_ms = row.column_optional_int(10);
  queue.receive_wait_s = row.column_int(11);
  queue.redrive_allow_policy = row.column_optional_text(12);
  queue.policy = row.column_optional_text(13);
  return queue;
}

// The queue row `sql` (a SELECT of every queue column with one parameter) finds for `key`.
std::optional<QueueRow> select_queue(Database& db, const char* sql, std::string_view key) {
  auto& select = db.statement(sql);
  select.bind(1, key);
  if (!select.step()) {
    return std::nullopt;
  }
  return read_queue(select);
}

// Binds what insert_queue and update_queue share: ?1 the name, ?2-?11 the ARN and the settings.
void bind_settings(Statement& write, const QueueConfig& config, std::string_view arn) {
  write.bind(1, config.name)
      .bind(2, arn)
      .bind(3, config.visibility_timeout.count())
      .bind(4, config.message_retention.count())
      .bind(5, config.delay.count())
      .bind(6, config.maximum_message_size)
      .bind(7, config.redrive_policy ? std::optional(config.redrive_policy->dead_letter_queue) : std::nullopt)
      .bind(8, std::int64_t{config.redrive_policy ? config.redrive_policy->max_receive_count : 0})
      .bind(9, config.receive_wait.count())
      .bind(10, config.redrive_allow_policy)
      .bind(11, config.policy);
}

}  // namespace

std::optional<QueueRow> find_queue(Database& db, std::string_view name) {
  return select_queue(db,
                      "SELECT id, name, arn, visibility_timeout_s, retention_s, delay_s, max_message_bytes, "
                      "dlq_name, max_receive_count, created_ms, last_purge_ms, receive_wait_s, "
                      "redrive_allow_policy, policy FROM queues WHERE name = ?1",
                      name);
}

std::optional<QueueRow> find_queue_by_arn(Database& db, std::string_view arn) {
  return select_queue(db,
                      "SELECT id, name, arn, visibility_timeout_s, retention_s, delay_s, max_message_bytes, "
                      "dlq_name, max_receive_count, created_ms, last_purge_ms, receive_wait_s, "
                      "redrive_allow_policy, policy FROM queues WHERE arn = ?1",
                      arn);
}

std::expected<QueueRow, SqsError> require_queue(Database& db, std::string_view name) {
  if (auto queue = find_queue(db, name)) {
    return *queue;
  }
  return std::unexpected(sqs_errors::queue_does_not_exist());
}

std::vector<std::string> queue_names(Database& db) {
  auto& select = db.statement("SELECT name FROM queues ORDER BY name");
  std::vector<std::string> names;
  while (select.step()) {
    names.push_back(select.column_text(0));
  }
  return names;
}

bool is_some_queues_dlq(Database& db, std::string_view name) {
  auto& select = db.statement("SELECT 1 FROM queues WHERE dlq_name = ?1 LIMIT 1");
  select.bind(1, name);
  const bool found = select.step();
  select.reset();
  return found;
}

void insert_queue(Database& db, const QueueConfig& config, std::string_view arn, std::int64_t created_ms) {
  auto& insert = db.statement(
      "INSERT INTO queues(name, arn, visibility_timeout_s, retention_s, delay_s, max_message_bytes, "
      "dlq_name, max_receive_count, receive_wait_s, redrive_allow_policy, policy, created_ms) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  bind_settings(insert, config, arn);
  insert.bind(12, created_ms);
  insert.run();
}

void update_queue(Database& db, const QueueConfig& config, std::string_view arn) {
  auto& update = db.statement(
      "UPDATE queues SET arn = ?2, visibility_timeout_s = ?3, retention_s = ?4, delay_s = ?5, "
      "max_message_bytes = ?6, dlq_name = ?7, max_receive_count = ?8, receive_wait_s = ?9, "
      "redrive_allow_policy = ?10, policy = ?11 WHERE name = ?1");
  bind_settings(update, config, arn);
  update.run();
}

void delete_queue(Database& db, std::int64_t queue_id) {
  delete_queue_messages(db, queue_id);
  db.statement("DELETE FROM move_tasks WHERE source_queue_id = ?1").bind(1, queue_id).run();
  db.statement("DELETE FROM queue_tags WHERE queue_id = ?1").bind(1, queue_id).run();
  db.statement("DELETE FROM queues WHERE id = ?1").bind(1, queue_id).run();
}

std::int64_t delete_queue_messages(Database& db, std::int64_t queue_id) {
  db.statement("DELETE FROM messages WHERE queue_id = ?1").bind(1, queue_id).run();
  return db.changes();
}

void set_last_purge(Database& db, std::int64_t queue_id, std::int64_t now_ms) {
  db.statement("UPDATE queues SET last_purge_ms = ?2 WHERE id = ?1").bind(1, queue_id).bind(2, now_ms).run();
}

std::map<std::string, std::string, std::less<>> queue_tags(Database& db, std::int64_t queue_id) {
  auto& select = db.statement("SELECT key, value FROM queue_tags WHERE queue_id = ?1 ORDER BY key");
  select.bind(1, queue_id);
  std::map<std::string, std::string, std::less<>> tags;
  while (select.step()) {
    tags.emplace(select.column_text(0), select.column_text(1));
  }
  return tags;
}

void set_queue_tags(Database& db, std::int64_t queue_id,
                    const std::map<std::string, std::string, std::less<>>& tags) {
  auto& upsert = db.statement(
      "INSERT INTO queue_tags(queue_id, key, value) VALUES(?1, ?2, ?3) "
      "ON CONFLICT(queue_id, key) DO UPDATE SET value = excluded.value");
  for (const auto& [key, value] : tags) {
    upsert.bind(1, queue_id).bind(2, key).bind(3, value).run();
    upsert.reset();
  }
}

void remove_queue_tags(Database& db, std::int64_t queue_id, const std::vector<std::string>& keys) {
  auto& remove = db.statement("DELETE FROM queue_tags WHERE queue_id = ?1 AND key = ?2");
  for (const auto& key : keys) {
    remove.bind(1, queue_id).bind(2, key).run();
    remove.reset();
  }
}

}  // namespace drydock::emulator::queue_store
