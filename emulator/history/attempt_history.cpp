#include "emulator/history/attempt_history.hpp"

#include "workers/transports/invocation_report.hpp"

namespace drydock::emulator {
namespace {

// Runs `body`, releasing the statements it used, and turns a store failure into its message.
template <typename Body>
auto guarded(Database& db, Body&& body) -> decltype(body()) {
  return run_guarded(db, std::forward<Body>(body),
                     [](const StoreFailure& failure) { return std::string(failure.what()); });
}

// The columns read_attempt reads, in its order (a macro so the statements stay string literals, which
// key Database's statement cache).
#define DRYDOCK_ATTEMPT_COLUMNS                                                                           \
  "a.seq, a.message_id, a.queue, a.function, a.attempt, a.virtual_ms, a.wall_ms, a.request_id, a.error, " \
  "a.timed_out, a.exit_code, a.signal, a.http_status, a.error_payload, a.output_tail, a.duration_ms"

std::optional<int> optional_int(const Statement& row, int column) {
  const auto value = row.column_optional_int(column);
  return value ? std::optional(static_cast<int>(*value)) : std::nullopt;
}

FailedAttempt read_attempt(const Statement& row) {
  FailedAttempt a;
  a.seq = row.column_int(0);
  a.message_id = row.column_text(1);
  a.queue = row.column_text(2);
  a.function = row.column_text(3);
  a.attempt = static_cast<int>(row.column_int(4));
  a.virtual_time = Instant(std::chrono::milliseconds(row.column_int(5)));
  a.wall_time = std::chrono::system_clock::time_point(std::chrono::milliseconds(row.column_int(6)));
  a.request_id = row.column_text(7);
  a.error = row.column_text(8);
  a.timed_out = row.column_int(9) != 0;
  a.exit_code = optional_int(row, 10);
  a.signal = optional_int(row, 11);
  a.http_status = optional_int(row, 12);
  a.error_payload = row.column_optional_text(13);
  a.output_tail = row.column_text(14);
  a.duration = std::chrono::milliseconds(row.column_int(15));
  return a;
}

Statement& bind_optional(Statement& statement, int index, std::optional<int> value) {
  return value ? statement.bind(index, static_cast<std::int64_t>(*value)) : statement.bind_null(index);
}

void insert(Database& db, const FailedAttempt& a) {
  auto& statement = db.statement(
      "INSERT INTO attempts(seq, message_id, queue, function, attempt, virtual_ms, wall_ms, request_id, "
      "error, timed_out, exit_code, signal, http_status, error_payload, output_tail, duration_ms) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  const std::string error = workers::payload_head(a.error, k_max_error_bytes);
  statement.bind(1, a.seq)
      .bind(2, a.message_id)
      .bind(3, a.queue)
      .bind(4, a.function)
      .bind(5, static_cast<std::int64_t>(a.attempt))
      .bind(6, static_cast<std::int64_t>(a.virtual_time.time_since_epoch().count()))
      .bind(
          7,
          static_cast<std::int64_t>(
              std::chrono::duration_cast<std::chrono::milliseconds>(a.wall_time.time_since_epoch()).count()))
      .bind(9, error)
      .bind(10, static_cast<std::int64_t>(a.timed_out ? 1 : 0))
      .bind(16, static_cast<std::int64_t>(a.duration.count()));
  if (a.request_id.empty()) {
    statement.bind_null(8);
  } else {
    statement.bind(8, a.request_id);
  }
  bind_optional(statement, 11, a.exit_code);
  bind_optional(statement, 12, a.signal);
  bind_optional(statement, 13, a.http_status);
  if (a.error_payload) {
    statement.bind_blob(14, *a.error_payload);
  } else {
    statement.bind_null(14);
  }
  statement.bind_blob(15, a.output_tail);
  statement.run();
}

}  // namespace

std::string_view first_line(std::string_view text) {
  return text.substr(0, text.find('\n'));
}

std::expected<void, std::string> AttemptHistory::record(std::span<const FailedAttempt> attempts) {
  if (attempts.empty()) {
    return {};
  }
  return guarded(m_db, [&]() -> std::expected<void, std::string> {
    Transaction transaction(m_db);
    for (const FailedAttempt& attempt : attempts) {
      insert(m_db, attempt);
    }
    transaction.commit();
    return {};
  });
}

std::expected<std::vector<FailedAttempt>, std::string> AttemptHistory::attempts_of(
    std::int64_t seq, std::string_view message_id) const {
  return guarded(m_db, [&]() -> std::expected<std::vector<FailedAttempt>, std::string> {
    auto& select = m_db.statement("SELECT " DRYDOCK_ATTEMPT_COLUMNS
                                  " FROM attempts a WHERE a.seq = ?1 AND a.message_id = ?2 ORDER BY a.id");
    select.bind(1, seq).bind(2, message_id);
    std::vector<FailedAttempt> attempts;
    while (select.step()) {
      attempts.push_back(read_attempt(select));
    }
    return attempts;
  });
}

std::expected<std::map<std::string, std::vector<FailedAttempt>>, std::string>
AttemptHistory::attempts_in_queue(std::string_view queue) const {
  using Result = std::map<std::string, std::vector<FailedAttempt>>;
  return guarded(m_db, [&]() -> std::expected<Result, std::string> {
    auto& select = m_db.statement("SELECT " DRYDOCK_ATTEMPT_COLUMNS
                                  " FROM attempts a JOIN messages m ON m.seq = a.seq AND m.message_id = "
                                  "a.message_id WHERE m.queue_id = (SELECT id FROM queues WHERE name = ?1) "
                                  "ORDER BY a.id");
    select.bind(1, queue);
    Result result;
    while (select.step()) {
      FailedAttempt attempt = read_attempt(select);
      result[attempt.message_id].push_back(std::move(attempt));
    }
    return result;
  });
}

std::expected<std::int64_t, std::string> AttemptHistory::collect_garbage() {
  return guarded(m_db, [&]() -> std::expected<std::int64_t, std::string> {
    // Read first: most calls find nothing to delete and need not take the write lock.
    auto& any = m_db.statement(
        "SELECT 1 FROM attempts a WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.seq = a.seq AND "
        "m.message_id = a.message_id) LIMIT 1");
    const bool found = any.step();
    any.reset();
    if (!found) {
      return 0;
    }
    Transaction transaction(m_db);
    m_db.statement(
            "DELETE FROM attempts WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.seq = attempts.seq AND "
            "m.message_id = attempts.message_id)")
        .run();
    const std::int64_t deleted = m_db.changes();
    transaction.commit();
    return deleted;
  });
}

}  // namespace drydock::emulator
