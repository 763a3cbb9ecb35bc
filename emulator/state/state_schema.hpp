#pragma once
// The state store's tables and their version. One place for the SQL schema so every service that
// keeps state (SQS queues and messages, move tasks, the clock) agrees on it.

#include <expected>
#include <string>

#include "emulator/state/sqlite_db.hpp"

namespace drydock::emulator {

// 1: queues, messages, move tasks, meta. 2: + attempts (the failed attempts of messages).
inline constexpr int k_state_schema_version = 3;

// Creates the tables of a new store, migrates an older store to the current version in one
// transaction (keeping its contents), or checks an existing one's version. Fails (with a message naming
// the file) for a store of a newer version or a file that is not a Drydock store.
std::expected<void, std::string> migrate_state_schema(Database& db);

}  // namespace drydock::emulator
