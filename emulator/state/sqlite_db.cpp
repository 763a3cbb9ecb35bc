#include "emulator/state/sqlite_db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace drydock::emulator {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view what) {
  const bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  throw StoreFailure(fmt::format("{}{}{}: {}", file != nullptr ? file : "", file != nullptr ? ": " : "", what,
                                 db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code)),
                     busy);
}

int to_int(std::size_t size) {
  // Bodies are bounded far below 2 GiB by the callers (1 MiB SQS messages); guard anyway.
  if (size > static_cast<std::size_t>(INT32_MAX)) {
    throw StoreFailure("value too large for the state store", false);
  }
  return static_cast<int>(size);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), to_int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &m_statement, nullptr);
  if (rc != SQLITE_OK) {
    fail(db, rc, fmt::format("preparing `{}`", sql));
  }
}

Statement::~Statement() {
  sqlite3_finalize(m_statement);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(m_statement, index, value); rc != SQLITE_OK) {
    fail(m_db, rc, "binding a parameter");
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (const int rc =
          sqlite3_bind_text(m_statement, index, text.data(), to_int(text.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    fail(m_db, rc, "binding a parameter");
  }
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  if (const int rc =
          sqlite3_bind_blob(m_statement, index, bytes.data(), to_int(bytes.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    fail(m_db, rc, "binding a parameter");
  }
  return *this;
}

Statement& Statement::bind_blob_view(int index, std::string_view bytes) {
  if (const int rc = sqlite3_bind_blob(m_statement, index, bytes.data(), to_int(bytes.size()), SQLITE_STATIC);
      rc != SQLITE_OK) {
    fail(m_db, rc, "binding a parameter");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (const int rc = sqlite3_bind_null(m_statement, index); rc != SQLITE_OK) {
    fail(m_db, rc, "binding a parameter");
  }
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
  m_active = true;
  const int rc = sqlite3_step(m_statement);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  const std::string sql = sqlite3_sql(m_statement) != nullptr ? sqlite3_sql(m_statement) : "";
  sqlite3_reset(m_statement);
  fail(m_db, rc, fmt::format("running `{}`", sql));
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(m_statement);
  sqlite3_clear_bindings(m_statement);
  m_active = false;
}

std::int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(m_statement, column);
}

std::string Statement::column_text(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
  const int size = sqlite3_column_bytes(m_statement, column);
  return data != nullptr ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_is_null(column)) {
    return std::nullopt;
  }
  return column_text(column);
}

std::optional<std::int64_t> Statement::column_optional_int(int column) const {
  if (column_is_null(column)) {
    return std::nullopt;
  }
  return column_int(column);
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::expected<std::unique_ptr<Database>, std::string> Database::open(const std::filesystem::path& path,
                                                                     const DatabaseOptions& options) {
  // No memory statistics: SQLite would otherwise take a global mutex on every allocation. Must come
  // before SQLite initializes, so it is done once, before the first connection.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return sqlite3_initialize() == SQLITE_OK;
  }();
  (void)configured;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = fmt::format("{}: cannot open the state store: {}", path.string(),
                                      db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return std::unexpected(std::move(message));
  }
  std::unique_ptr<Database> database(new Database(db, path));
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout.count()));
  try {
    // WAL: readers never block the writer; synchronous=NORMAL: commits are durable against a process
    // crash (SIGKILL) without an fsync per transaction (DESIGN.md principle 4).
    database->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  } catch (const StoreFailure& failure) {
    return std::unexpected(std::string(failure.what()));
  }
  // Checkpoints move off the committing thread (wal_checkpointer.hpp); the hook replaces SQLite's
  // automatic checkpoint.
  database->m_checkpointer = std::make_unique<WalCheckpointer>(path);
  sqlite3_wal_hook(db, &Database::on_wal_commit, database.get());
  return database;
}

int Database::on_wal_commit(void* self, sqlite3* /*db*/, const char* /*name*/, int pages) {
  constexpr int k_checkpoint_pages = 4096;  // 16 MiB of log with 4 KiB pages
  constexpr int k_again_pages = 1024;       // while a checkpoint cannot finish, ask again every 4 MiB
  auto& database = *static_cast<Database*>(self);
  // Ask when the log first passes the threshold, again only after it grew by k_again_pages (a checkpoint
  // cannot reset the log while it runs, and waking the thread on every commit cost ~15 % of a run), and
  // afresh once the log was reset.
  if (pages < database.m_signalled_pages) {
    database.m_signalled_pages = 0;
  }
  if (pages >= k_checkpoint_pages &&
      (database.m_signalled_pages == 0 || pages >= database.m_signalled_pages + k_again_pages)) {
    database.m_signalled_pages = pages;
    database.m_checkpointer->request();
  }
  return SQLITE_OK;
}

Database::~Database() {
  m_checkpointer.reset();  // its thread joins before the connection closes
  m_statements.clear();    // finalize before closing
  sqlite3_close(m_db);
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    const bool busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
    throw StoreFailure(fmt::format("{}: {}", m_path.string(), message), busy);
  }
}

Statement& Database::statement(const char* sql) {
  if (const auto found = m_statements.find(sql); found != m_statements.end()) {
    found->second->reset();
    return *found->second;
  }
  // Prepared before it is cached: a statement that cannot be prepared throws and leaves no empty
  // slot behind (release_statements, which every Transaction calls, would dereference it).
  auto prepared = std::make_unique<Statement>(m_db, sql);
  return *m_statements.emplace(sql, std::move(prepared)).first->second;
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const {
  return sqlite3_changes(m_db);
}

void Database::release_statements() {
  for (auto& [sql, statement] : m_statements) {
    if (statement->m_active) {
      statement->reset();
    }
  }
}

Transaction::Transaction(Database& db) : m_db(db) {
  m_db.release_statements();  // COMMIT/ROLLBACK need no statement mid-result
  m_db.statement(m_db.m_transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested").run();
  m_db.m_transaction_depth += 1;
}

Transaction::~Transaction() {
  if (!m_done) {
    m_db.release_statements();
    m_db.m_transaction_depth -= 1;
    try {
      if (m_db.m_transaction_depth == 0) {
        m_db.statement("ROLLBACK").run();
      } else {
        m_db.statement("ROLLBACK TO nested").run();
        m_db.statement("RELEASE nested").run();
      }
    } catch (const StoreFailure&) {
      // Nothing to do: SQLite rolls back an open transaction when the connection closes.
    }
  }
}

void Transaction::commit() {
  m_db.release_statements();
  m_db.statement(m_db.m_transaction_depth == 1 ? "COMMIT" : "RELEASE nested").run();
  m_db.m_transaction_depth -= 1;
  m_done = true;
}

}  // namespace drydock::emulator
