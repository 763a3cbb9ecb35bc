#include "emulator/state/state_schema.hpp"

#include <fmt/format.h>

namespace drydock::emulator {
namespace {

// messages.visible_ms is when the message can next be received: the send time plus its delay, the
// end of its visibility timeout while in flight. `receipt` is the nonce of the latest receive (NULL
// until received, and again after a move), so only the newest receipt handle deletes the message.
// `dlq_source_arn` is DeadLetterQueueSourceArn: set when redrive moves a message to a DLQ, it is also
// where a move task without a destination returns the message.
constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE queues(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  arn TEXT NOT NULL,
  visibility_timeout_s INTEGER NOT NULL,
  retention_s INTEGER NOT NULL,
  delay_s INTEGER NOT NULL,
  max_message_bytes INTEGER NOT NULL,
  dlq_name TEXT,
  max_receive_count INTEGER,
  created_ms INTEGER NOT NULL,
  last_purge_ms INTEGER
);
CREATE TABLE messages(
  seq INTEGER PRIMARY KEY,
  queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  body BLOB NOT NULL,
  md5_body TEXT NOT NULL,
  attributes BLOB,
  md5_attributes TEXT,
  trace_header TEXT,
  sender_id TEXT NOT NULL,
  sent_ms INTEGER NOT NULL,
  first_receive_ms INTEGER,
  receive_count INTEGER NOT NULL,
  visible_ms INTEGER NOT NULL,
  receipt TEXT,
  dlq_source_arn TEXT
);
CREATE INDEX messages_ready ON messages(queue_id, visible_ms, seq);
CREATE TABLE move_tasks(
  id INTEGER PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  source_queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  destination_arn TEXT,
  status TEXT NOT NULL,
  max_per_second INTEGER,
  to_move INTEGER NOT NULL,
  moved INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  failure_reason TEXT
);
INSERT INTO meta(key, value) VALUES('schema_version', '1');
)sql";

}  // namespace

std::expected<void, std::string> migrate_state_schema(Database& db) {
  Transaction transaction(db);
  auto& has_meta = db.statement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  has_meta.step();
  if (has_meta.column_int(0) == 0) {
    auto& tables = db.statement("SELECT count(*) FROM sqlite_master");
    tables.step();
    if (tables.column_int(0) != 0) {
      return std::unexpected(
          fmt::format("{}: not a Drydock state store (it has tables but no `meta`)", db.path().string()));
    }
    db.exec(k_schema_v1);
    transaction.commit();
    return {};
  }
  auto& version = db.statement("SELECT value FROM meta WHERE key = 'schema_version'");
  const int found = version.step() ? std::stoi(version.column_text(0)) : 0;
  if (found != k_state_schema_version) {
    return std::unexpected(fmt::format(
        "{}: state store schema version {} is not the version this Drydock reads ({}); remove the state "
        "directory or use the Drydock that wrote it",
        db.path().string(), found, k_state_schema_version));
  }
  transaction.commit();
  return {};
}

}  // namespace drydock::emulator
