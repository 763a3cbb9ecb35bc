#pragma once
// A drydock command talking to a running `drydock serve` (its /_drydock/ endpoints): one request,
// answered or refused with the reason. cpp-httplib's client is confined to http_client.cpp.

#include <chrono>
#include <expected>
#include <string>

namespace drydock::emulator::http {

struct ClientAnswer {
  int status = 0;
  std::string body;
};

// POSTs `body` (JSON) to `endpoint` + `path` ("http://127.0.0.1:4566", "/_drydock/clock/advance") and
// waits up to `timeout` for the answer. Fails when the server cannot be reached or does not answer.
std::expected<ClientAnswer, std::string> post_json(const std::string& endpoint, const std::string& path,
                                                   const std::string& body, std::chrono::seconds timeout);

}  // namespace drydock::emulator::http
