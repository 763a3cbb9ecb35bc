#include "emulator/state/state_schema.hpp"

#include <fmt/format.h>

#include <iterator>

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

// v2: the attempt history of messages (emulator/history/). One row per failed attempt, written only
// when an invocation fails, so the hot path of successful messages never touches it. Rows name the
// message by `seq` AND `message_id`: a message keeps both through redrive and move tasks (UPDATEs of
// its row), and SQLite may reuse the seq of a deleted message for a new one, which the message id tells
// apart. No foreign key: deleting a message must cost nothing here; history of messages that are
// gone is collected later (AttemptHistory::collect_garbage).
constexpr const char* k_migrate_v1_to_v2 = R"sql(
CREATE TABLE attempts(
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  queue TEXT NOT NULL,
  function TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  virtual_ms INTEGER NOT NULL,
  wall_ms INTEGER NOT NULL,
  request_id TEXT,
  error TEXT NOT NULL,
  timed_out INTEGER NOT NULL,
  exit_code INTEGER,
  signal INTEGER,
  http_status INTEGER,
  error_payload BLOB,
  output_tail BLOB,
  duration_ms INTEGER NOT NULL
);
CREATE INDEX attempts_by_message ON attempts(seq);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

// v3: the queue attributes clients set over the wire (`drydock serve`) beyond the SAM template's:
// ReceiveMessageWaitTimeSeconds, RedriveAllowPolicy and Policy (JSON text as set), and queue tags.
constexpr const char* k_migrate_v2_to_v3 = R"sql(
ALTER TABLE queues ADD COLUMN receive_wait_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN redrive_allow_policy TEXT;
ALTER TABLE queues ADD COLUMN policy TEXT;
CREATE TABLE queue_tags(
  queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(queue_id, key)
) WITHOUT ROWID;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
)sql";

// Each step takes a store from version N (its index + 1) to N + 1.
constexpr const char* k_migrations[] = {k_migrate_v1_to_v2, k_migrate_v2_to_v3};
static_assert(std::size(k_migrations) + 1 == k_state_schema_version);

int schema_version(Database& db) {
  auto& version = db.statement("SELECT value FROM meta WHERE key = 'schema_version'");
  const int found = version.step() ? std::stoi(version.column_text(0)) : 0;
  version.reset();  // the migration updates this row
  return found;
}

// Runs the migrations from `from` to the current version inside the caller's transaction.
void migrate_from(Database& db, int from) {
  for (int version = from; version < k_state_schema_version; ++version) {
    db.exec(k_migrations[version - 1]);
  }
}

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
    migrate_from(db, 1);
    transaction.commit();
    return {};
  }
  const int found = schema_version(db);
  if (found >= 1 && found < k_state_schema_version) {
    migrate_from(db, found);
    transaction.commit();
    return {};
  }
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
