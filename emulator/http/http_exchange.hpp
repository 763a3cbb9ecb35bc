#pragma once
// One HTTP request and its answer as the wire adapters see them, free of the server library: the
// adapters (sqs_json, sqs_query, and later s3_rest) are plain functions from one to the other, so
// they are tested without a socket.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::emulator::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // as sent, percent-encoded, without the query
  std::string query;   // after '?', percent-encoded; empty when none
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header named `name` (compared ignoring ASCII case); nullopt when absent.
  std::optional<std::string_view> header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// "AAAA-1111-…": a fresh request id for x-amzn-RequestId and the response bodies.
std::string request_id();

}  // namespace drydock::emulator::http
