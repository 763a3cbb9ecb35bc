#pragma once
// The project's durable state (DESIGN.md, `state: .drydock/`): one SQLite file holding the queues,
// their messages, move tasks and the virtual clock's time, so a later command (a `drain` after a
// crash) continues exactly where the last one stopped.

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "emulator/common/clock.hpp"
#include "emulator/state/sqlite_db.hpp"

namespace drydock::emulator {

inline constexpr const char* k_state_file_name = "state.sqlite3";

class StateStore {
 public:
  // Opens `<state_dir>/state.sqlite3`, creating the directory and the schema if needed. Fails with a
  // message naming the file when it cannot be opened, is not a Drydock state store, or was written by
  // a newer schema version.
  static std::expected<StateStore, std::string> open(const std::filesystem::path& state_dir,
                                                     const DatabaseOptions& options = {});

  Database& db() { return *m_db; }
  const std::filesystem::path& dir() const { return m_dir; }

  // The virtual clock's time as last saved; nullopt for a new store.
  std::optional<Instant> saved_clock() const;
  // Saves the virtual clock's time (never moves it backwards: an older instant is ignored).
  void save_clock(Instant now);
  // When this state's virtual time began (rate schedules are anchored there): the instant saved by the
  // first call, which saves `first_use`. Throws StoreFailure on a store failure.
  Instant epoch(Instant first_use);

 private:
  StateStore(std::filesystem::path dir, std::unique_ptr<Database> db)
      : m_dir(std::move(dir)), m_db(std::move(db)) {}
  std::filesystem::path m_dir;
  std::unique_ptr<Database> m_db;
};

}  // namespace drydock::emulator
