#pragma once
// The `http` transport: each invocation is a POST of the event to a Lambda Invoke API URL, as served
// by the Lambda Runtime Interface Emulator and `sam local start-lambda`
// (http://127.0.0.1:9000/2015-03-31/functions/function/invocations).

#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "workers/transports/transport.hpp"

namespace drydock::workers {

// The parts of an http:// URL the transport connects to.
struct HttpEndpoint {
  std::string host;  // a name or an IPv4 address; an IPv6 address without its brackets
  int port = 80;
  std::string path = "/";  // with the query, if any
};

// Splits "http://host[:port][/path]". Fails with a reason for another scheme (https is not
// supported), a missing host, a bad port or user info.
std::expected<HttpEndpoint, std::string> parse_http_url(std::string_view url);

class HttpTransport final : public Transport {
 public:
  // Posts to `endpoint`; `url` is its text, for messages.
  HttpTransport(HttpEndpoint endpoint, std::string url);

  // A 2xx answer without X-Amz-Function-Error: succeeded, with batch_item_failures from a partial
  // batch response in the body (or a failure naming a malformed one). Otherwise a failure: "HTTP 502",
  // "X-Amz-Function-Error: Unhandled", "timed out after N s" (timed_out) or "cannot reach URL: …".
  // Connecting, sending and each wait for the answer are bounded by the context's timeout (a server
  // that trickles its answer can take longer). output_tail: the body's last 4 KiB. http_status: the
  // answer's status; error_payload: the first 4 KiB of a failed answer's body.
  // InvocationContext::environment cannot reach the function and is ignored.
  InvocationResult invoke(const std::string& event_json, const InvocationContext& context) override;

 private:
  HttpEndpoint m_endpoint;
  std::string m_url;
};

// An HttpTransport for `url`, or why the URL cannot be used (see parse_http_url).
std::expected<std::unique_ptr<Transport>, std::string> make_http_transport(std::string_view url);

}  // namespace drydock::workers
