#include "emulator/state/state_store.hpp"

#include <fmt/format.h>

#include <system_error>

#include "emulator/state/state_schema.hpp"

namespace drydock::emulator {

std::expected<StateStore, std::string> StateStore::open(const std::filesystem::path& state_dir,
                                                        const DatabaseOptions& options) {
  std::error_code error;
  std::filesystem::create_directories(state_dir, error);
  if (error) {
    return std::unexpected(
        fmt::format("{}: cannot create the state directory: {}", state_dir.string(), error.message()));
  }
  auto db = Database::open(state_dir / k_state_file_name, options);
  if (!db) {
    return std::unexpected(db.error());
  }
  try {
    if (auto migrated = migrate_state_schema(**db); !migrated) {
      return std::unexpected(migrated.error());
    }
  } catch (const StoreFailure& failure) {
    return std::unexpected(std::string(failure.what()));
  }
  return StateStore(state_dir, std::move(*db));
}

std::optional<Instant> StateStore::saved_clock() const {
  const StatementScope scope(*m_db);
  auto& select = m_db->statement("SELECT value FROM meta WHERE key = 'clock_ms'");
  if (!select.step()) {
    return std::nullopt;
  }
  return Instant(std::chrono::milliseconds(std::stoll(select.column_text(0))));
}

void StateStore::save_clock(Instant now) {
  m_db->statement(
          "INSERT INTO meta(key, value) VALUES('clock_ms', ?1) "
          "ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(?1 AS INTEGER))")
      .bind(1, std::to_string(now.time_since_epoch().count()))
      .run();
}

Instant StateStore::epoch(Instant first_use) {
  const StatementScope scope(*m_db);
  m_db->statement("INSERT INTO meta(key, value) VALUES('epoch_ms', ?1) ON CONFLICT(key) DO NOTHING")
      .bind(1, std::to_string(first_use.time_since_epoch().count()))
      .run();
  auto& select = m_db->statement("SELECT value FROM meta WHERE key = 'epoch_ms'");
  select.step();
  return Instant(std::chrono::milliseconds(std::stoll(select.column_text(0))));
}

}  // namespace drydock::emulator
