#include "emulator/http/http_client.hpp"

#include <fmt/format.h>
#include <httplib.h>

namespace drydock::emulator::http {

std::expected<ClientAnswer, std::string> post_json(const std::string& endpoint, const std::string& path,
                                                   const std::string& body, std::chrono::seconds timeout) {
  httplib::Client client(endpoint);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(static_cast<time_t>(timeout.count()), 0);
  const auto answer = client.Post(path, body, "application/json");
  if (!answer) {
    return std::unexpected(fmt::format("{}{}: {}", endpoint, path, httplib::to_string(answer.error())));
  }
  return ClientAnswer{answer->status, answer->body};
}

}  // namespace drydock::emulator::http
