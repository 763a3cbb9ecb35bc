#pragma once
// A small RAII layer over SQLite for the durable state (DESIGN.md principle 4, "Nothing is lost"):
// one connection, cached prepared statements, and IMMEDIATE transactions that commit or roll back.
// SQLite's own types stay in sqlite_db.cpp; callers see Database, Statement and StoreFailure.
//
// Failures inside the store (disk full, a lock held past the busy timeout, a corrupt file) throw
// StoreFailure: they can happen on any statement, and every public operation of the services built on
// this layer catches it at its boundary and turns it into that service's error type.

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "emulator/state/wal_checkpointer.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace drydock::emulator {

// A failure of the store itself. `busy` is true when another process held the database lock for
// longer than the busy timeout.
class StoreFailure : public std::runtime_error {
 public:
  StoreFailure(const std::string& message, bool busy) : std::runtime_error(message), m_busy(busy) {}
  bool busy() const { return m_busy; }

 private:
  bool m_busy;
};

// One prepared statement. Bind parameters are 1-based, columns 0-based (SQLite's convention).
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);  // bound as TEXT (copied)
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind_blob(int index, std::string_view bytes);
  // Binds `bytes` without copying them: they must stay alive until the statement is run or reset.
  Statement& bind_blob_view(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);

  // Steps once: true when a row is available, false when done. Throws StoreFailure on error.
  bool step();
  // Steps to completion, ignoring rows.
  void run();
  // Resets the statement and clears its bindings so it can be reused.
  void reset();

  std::int64_t column_int(int column) const;
  std::string column_text(int column) const;  // TEXT or BLOB bytes; empty for NULL
  std::optional<std::string> column_optional_text(int column) const;
  std::optional<std::int64_t> column_optional_int(int column) const;
  bool column_is_null(int column) const;

 private:
  friend class Database;
  sqlite3* m_db;
  sqlite3_stmt* m_statement = nullptr;
  bool m_active = false;  // stepped since the last reset
};

struct DatabaseOptions {
  // How long a statement waits for another process's lock before failing with StoreFailure{busy}.
  std::chrono::milliseconds busy_timeout{10'000};
};

class Database {
 public:
  // Opens (creating if needed) the database file at `path` in WAL mode with synchronous=NORMAL: a
  // committed transaction survives the process being killed at any instant (it is in the WAL, which
  // the next open replays); only a power loss may drop the last commits, never corrupt the file.
  // Returns a message naming the file on failure.
  static std::expected<std::unique_ptr<Database>, std::string> open(const std::filesystem::path& path,
                                                                    const DatabaseOptions& options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results (schema, pragmas). Throws StoreFailure.
  void exec(std::string_view sql);
  // The statement for `sql`, prepared once per connection and reset before it is returned. `sql` must
  // be a string literal (its address keys the cache).
  Statement& statement(const char* sql);
  // The rowid of the last successful INSERT on this connection.
  std::int64_t last_insert_rowid() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int changes() const;
  // Resets every cached statement. A statement left mid-result keeps its read snapshot open in WAL
  // mode, so this connection would not see other processes' commits; call it when an operation ends.
  void release_statements();

  const std::filesystem::path& path() const { return m_path; }

 private:
  Database(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}
  static int on_wal_commit(void* self, sqlite3* db, const char* name, int pages);
  sqlite3* m_db;
  std::filesystem::path m_path;
  std::unordered_map<const char*, std::unique_ptr<Statement>> m_statements;
  std::unique_ptr<WalCheckpointer> m_checkpointer;  // destroyed before the connection closes
  int m_signalled_pages = 0;                        // WAL size at the last checkpoint request
  int m_transaction_depth = 0;                      // open Transactions, the outermost included
  friend class Transaction;
};

// Releases the connection's statements when the scope ends, however it ends.
class StatementScope {
 public:
  explicit StatementScope(Database& db) : m_db(db) {}
  ~StatementScope() { m_db.release_statements(); }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  Database& m_db;
};

// Runs `body` (returning a std::expected), releases the connection's statements however it ends, and
// turns a StoreFailure thrown from the store into std::unexpected(on_failure(failure)): the boundary
// where each service gives store failures its own error type.
template <typename Body, typename OnFailure>
auto run_guarded(Database& db, Body&& body, OnFailure&& on_failure) -> decltype(body()) {
  try {
    const StatementScope scope(db);
    return body();
  } catch (const StoreFailure& failure) {
    return std::unexpected(on_failure(failure));
  }
}

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so two processes never deadlock
// upgrading a read lock); COMMIT on commit(); ROLLBACK if destroyed without commit (an exception
// unwinding through it leaves the store as it was).
// Nested inside another Transaction of the same connection it is a savepoint instead: commit()
// releases it into the outer transaction (durable when the outermost commits), and destruction without
// commit rolls back only its own changes.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  bool m_done = false;
};

}  // namespace drydock::emulator
