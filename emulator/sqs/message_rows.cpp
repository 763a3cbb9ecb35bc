// The statements on `messages` (message_rows.hpp) and the reader of a whole message row.

#include "emulator/sqs/message_rows.hpp"

namespace drydock::emulator::queue_store {
namespace {

// A row of the SELECTs of every message column, in MessageRow's order.
MessageRow read_message_row(const Statement& row) {
  MessageRow c;
  c.seq = row.column_int(0);
  c.message_id = row.column_text(1);
  c.body = row.column_text(2);
  c.md5_body = row.column_text(3);
  c.attributes = row.column_optional_text(4);
  c.md5_attributes = row.column_optional_text(5);
  c.trace_header = row.column_optional_text(6);
  c.sender_id = row.column_text(7);
  c.sent_ms = row.column_int(8);
  c.first_receive_ms = row.column_optional_int(9);
  c.receive_count = row.column_int(10);
  c.dlq_source_arn = row.column_optional_text(11);
  c.visible_ms = row.column_int(12);
  c.receipt = row.column_optional_text(13);
  return c;
}

// Binds `text` as TEXT, or NULL when nullopt.
void bind_optional(Statement& statement, int index, std::optional<std::string_view> text) {
  if (text) {
    statement.bind(index, *text);
  } else {
    statement.bind_null(index);
  }
}

}  // namespace

void insert_message(Database& db, const NewMessageRow& message) {
  auto& insert = db.statement(
      "INSERT INTO messages(queue_id, message_id, body, md5_body, attributes, md5_attributes, trace_header, "
      "sender_id, sent_ms, receive_count, visible_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)");
  insert.bind(1, message.queue_id)
      .bind(2, message.message_id)
      .bind_blob_view(3, message.body)
      .bind(4, message.md5_body);
  bind_optional(insert, 6, message.md5_attributes);
  bind_optional(insert, 7, message.trace_header);
  insert.bind(8, message.sender_id).bind(9, message.sent_ms).bind(10, message.visible_ms);
  if (message.attributes) {
    insert.bind_blob(5, *message.attributes);
  } else {
    insert.bind_null(5);
  }
  insert.run();
}

std::vector<MessageRow> visible_messages(Database& db, std::int64_t queue_id, std::int64_t now_ms,
                                         std::int64_t limit) {
  auto& select = db.statement(
      "SELECT seq, message_id, body, md5_body, attributes, md5_attributes, trace_header, sender_id, "
      "sent_ms, "
      "first_receive_ms, receive_count, dlq_source_arn, visible_ms, receipt FROM messages "
      "WHERE queue_id = ?1 AND visible_ms <= ?2 ORDER BY visible_ms, seq LIMIT ?3");
  select.bind(1, queue_id).bind(2, now_ms).bind(3, limit);
  std::vector<MessageRow> rows;
  while (select.step()) {
    rows.push_back(read_message_row(select));
  }
  select.reset();
  return rows;
}

std::vector<MessageRow> queue_messages(Database& db, std::int64_t queue_id, std::size_t limit) {
  auto& select = db.statement(
      "SELECT seq, message_id, body, md5_body, attributes, md5_attributes, trace_header, sender_id, "
      "sent_ms, "
      "first_receive_ms, receive_count, dlq_source_arn, visible_ms, receipt FROM messages "
      "WHERE queue_id = ?1 ORDER BY seq");
  select.bind(1, queue_id);
  std::vector<MessageRow> rows;
  while (rows.size() < limit && select.step()) {
    rows.push_back(read_message_row(select));
  }
  select.reset();
  return rows;
}

bool any_visible(Database& db, std::string_view queue_name, std::int64_t now_ms) {
  auto& probe = db.statement(
      "SELECT 1 FROM messages WHERE queue_id = (SELECT id FROM queues WHERE name = ?1) AND visible_ms <= "
      "?2 "
      "LIMIT 1");
  probe.bind(1, queue_name).bind(2, now_ms);
  const bool any = probe.step();
  probe.reset();
  return any;
}

MessageCounts count_messages(Database& db, std::int64_t queue_id, std::int64_t now_ms,
                             std::int64_t retained_after_ms) {
  auto& counts = db.statement(
      "SELECT coalesce(sum(visible_ms <= ?2), 0), coalesce(sum(visible_ms > ?2 AND receipt IS NOT NULL), "
      "0), "
      "coalesce(sum(visible_ms > ?2 AND receipt IS NULL), 0) FROM messages WHERE queue_id = ?1 AND sent_ms "
      "> ?3");
  counts.bind(1, queue_id).bind(2, now_ms).bind(3, retained_after_ms);
  counts.step();
  return {counts.column_int(0), counts.column_int(1), counts.column_int(2)};
}

std::optional<std::int64_t> next_visible_ms(Database& db, std::int64_t queue_id, std::int64_t now_ms) {
  auto& select = db.statement("SELECT min(visible_ms) FROM messages WHERE queue_id = ?1 AND visible_ms > ?2");
  select.bind(1, queue_id).bind(2, now_ms);
  select.step();
  return select.column_optional_int(0);
}

std::optional<ReceiptRow> receipt_row(Database& db, std::int64_t seq) {
  auto& select = db.statement("SELECT queue_id, receipt, visible_ms FROM messages WHERE seq = ?1");
  select.bind(1, seq);
  if (!select.step()) {
    return std::nullopt;
  }
  return ReceiptRow{select.column_int(0), select.column_optional_text(1), select.column_int(2)};
}

void mark_received(Database& db, std::int64_t seq, std::int64_t receive_count, std::int64_t first_receive_ms,
                   std::int64_t visible_ms, std::string_view receipt) {
  db.statement(
        "UPDATE messages SET receive_count = ?2, first_receive_ms = ?3, visible_ms = ?4, receipt = ?5 "
        "WHERE seq = ?1")
      .bind(1, seq)
      .bind(2, receive_count)
      .bind(3, first_receive_ms)
      .bind(4, visible_ms)
      .bind(5, receipt)
      .run();
}

void set_visible_ms(Database& db, std::int64_t seq, std::int64_t visible_ms) {
  db.statement("UPDATE messages SET visible_ms = ?2 WHERE seq = ?1").bind(1, seq).bind(2, visible_ms).run();
}

void move_to_dlq(Database& db, std::int64_t seq, std::int64_t dlq_id, std::int64_t now_ms,
                 std::string_view source_arn) {
  db.statement(
        "UPDATE messages SET queue_id = ?2, visible_ms = ?3, receipt = NULL, dlq_source_arn = ?4 "
        "WHERE seq = ?1")
      .bind(1, seq)
      .bind(2, dlq_id)
      .bind(3, now_ms)
      .bind(4, source_arn)
      .run();
}

void move_message_row(Database& db, std::int64_t seq, std::int64_t destination_id, std::int64_t now_ms) {
  db.statement(
        "UPDATE messages SET queue_id = ?2, visible_ms = ?3, receipt = NULL, receive_count = 0, "
        "first_receive_ms = NULL, dlq_source_arn = NULL WHERE seq = ?1")
      .bind(1, seq)
      .bind(2, destination_id)
      .bind(3, now_ms)
      .run();
}

void delete_message_row(Database& db, std::int64_t seq) {
  db.statement("DELETE FROM messages WHERE seq = ?1").bind(1, seq).run();
}

void delete_by_receipt(Database& db, std::int64_t seq, std::int64_t queue_id, std::string_view receipt) {
  db.statement("DELETE FROM messages WHERE seq = ?1 AND queue_id = ?2 AND receipt = ?3")
      .bind(1, seq)
      .bind(2, queue_id)
      .bind(3, receipt)
      .run();
}

void scan_all_message_ids(Database& db,
                          const std::function<void(std::int64_t, std::string, std::string)>& visit) {
  auto& select = db.statement(
      "SELECT m.seq, m.message_id, q.name FROM messages m JOIN queues q ON q.id = m.queue_id ORDER BY "
      "m.seq");
  while (select.step()) {
    visit(select.column_int(0), select.column_text(1), select.column_text(2));
  }
  select.reset();
}

void scan_message_ids(Database& db, std::int64_t queue_id,
                      const std::function<void(std::int64_t, std::string)>& visit) {
  auto& select = db.statement("SELECT seq, message_id FROM messages WHERE queue_id = ?1 ORDER BY seq");
  select.bind(1, queue_id);
  while (select.step()) {
    visit(select.column_int(0), select.column_text(1));
  }
  select.reset();
}

std::optional<AttributesRow> find_message_row(Database& db, std::int64_t queue_id,
                                              std::string_view message_id) {
  auto& select = db.statement("SELECT seq, attributes FROM messages WHERE queue_id = ?1 AND message_id = ?2");
  select.bind(1, queue_id).bind(2, message_id);
  if (!select.step()) {
    return std::nullopt;
  }
  AttributesRow row{select.column_int(0), select.column_optional_text(1)};
  select.reset();
  return row;
}

std::optional<std::string> message_attributes_at(Database& db, std::int64_t seq) {
  auto& select = db.statement("SELECT attributes FROM messages WHERE seq = ?1");
  select.bind(1, seq);
  select.step();
  auto encoded = select.column_optional_text(0);
  select.reset();
  return encoded;
}

void replace_body(Database& db, std::int64_t seq, std::string_view body, std::string_view md5_body) {
  db.statement("UPDATE messages SET body = ?2, md5_body = ?3 WHERE seq = ?1")
      .bind(1, seq)
      .bind_blob_view(2, body)
      .bind(3, md5_body)
      .run();
}

}  // namespace drydock::emulator::queue_store
