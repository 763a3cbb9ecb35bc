#include "emulator/run/running_server.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include <nlohmann/json.hpp>

#include "emulator/common/atomic_file.hpp"
#include "emulator/http/http_client.hpp"

namespace drydock::emulator {
namespace {

constexpr std::size_t k_max_server_file_bytes = 4096;

std::filesystem::path server_file(const std::filesystem::path& state_dir) {
  return state_dir / "serve.json";
}

std::optional<ServerRecord> read_server_file(const std::filesystem::path& state_dir) {
  std::ifstream in(server_file(state_dir), std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string text(k_max_server_file_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object() || !json.contains("pid") || !json["pid"].is_number_integer() ||
      !json.contains("endpoint") || !json["endpoint"].is_string()) {
    return std::nullopt;
  }
  return ServerRecord{json["pid"].get<pid_t>(), json["endpoint"].get<std::string>()};
}

}  // namespace

std::expected<void, std::string> write_server_file(const std::filesystem::path& state_dir,
                                                   const std::string& endpoint) {
  const nlohmann::json record{{"pid", ::getpid()}, {"endpoint", endpoint}};
  return write_file_atomically(server_file(state_dir), record.dump() + "\n", std::nullopt);
}

void remove_server_file(const std::filesystem::path& state_dir) {
  const auto record = read_server_file(state_dir);
  if (record && record->pid == ::getpid()) {
    std::error_code ignored;
    std::filesystem::remove(server_file(state_dir), ignored);
  }
}

std::optional<ServerRecord> running_server(const std::filesystem::path& state_dir) {
  auto record = read_server_file(state_dir);
  if (!record || record->pid <= 0) {
    return std::nullopt;
  }
  if (::kill(record->pid, 0) != 0 && errno != EPERM) {
    return std::nullopt;  // its server was killed and left the file
  }
  return record;
}

std::expected<std::string, std::string> advance_server_clock(const ServerRecord& server,
                                                             std::chrono::milliseconds window) {
  // The server answers once a dispatch pass has run what fell due: as long as its workers take.
  constexpr std::chrono::seconds k_pass_timeout(3600);
  const nlohmann::json request{{"by", fmt::format("{}s", window.count() / 1000)}};
  auto answer = http::post_json(server.endpoint, "/_drydock/clock/advance", request.dump(), k_pass_timeout);
  if (!answer) {
    return std::unexpected(
        fmt::format("the server of this state (process {}) does not answer: {}", server.pid, answer.error()));
  }
  const auto json = nlohmann::json::parse(answer->body, nullptr, false);
  if (answer->status != 200 || !json.is_object() || !json.contains("now") || !json["now"].is_string()) {
    return std::unexpected(fmt::format("the server at {} refused to advance its clock: HTTP {} {}",
                                       server.endpoint, answer->status, answer->body));
  }
  return json["now"].get<std::string>();
}

}  // namespace drydock::emulator
