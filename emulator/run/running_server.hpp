#pragma once
// `<state>/serve.json`: which `drydock serve` serves a state directory, for the commands that must go
// through it rather than beside it (`drydock clock advance` moves the server's clock). The server
// writes it once it listens and removes it when it stops; a file a killed server left behind names a
// process that is gone, and is ignored.

#include <sys/types.h>

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

namespace drydock::emulator {

struct ServerRecord {
  pid_t pid = 0;
  std::string endpoint;  // "http://127.0.0.1:4566"
};

// Writes the record of this process's server (atomically).
std::expected<void, std::string> write_server_file(const std::filesystem::path& state_dir,
                                                   const std::string& endpoint);
// Removes it, when it is this process's.
void remove_server_file(const std::filesystem::path& state_dir);
// The server recorded for `state_dir`, when its process is alive; nullopt when there is none, the file
// cannot be read, or its process has ended.
std::optional<ServerRecord> running_server(const std::filesystem::path& state_dir);

// Asks `server` to move its clock forward by `window` (POST /_drydock/clock/advance) and returns its new
// time as it wrote it, once what fell due has run there. Fails naming the server when it cannot be
// reached or refuses.
std::expected<std::string, std::string> advance_server_clock(const ServerRecord& server,
                                                             std::chrono::milliseconds window);

}  // namespace drydock::emulator
