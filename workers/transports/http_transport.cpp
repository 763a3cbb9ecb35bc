#include "workers/transports/http_transport.hpp"

#include <charconv>

#include <fmt/format.h>
#include <httplib.h>

#include "workers/transports/batch_response.hpp"
#include "workers/transports/invocation_report.hpp"

namespace drydock::workers {
namespace {

// httplib names its errors in one word ("Connection"); say what happened instead.
std::string describe(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "connection refused or host unreachable (is the function's server running?)";
    case httplib::Error::Read: return "the connection closed before a complete answer";
    case httplib::Error::Write: return "the event could not be sent";
    default: return "HTTP client error " + httplib::to_string(error);
  }
}

}  // namespace

std::expected<HttpEndpoint, std::string> parse_http_url(std::string_view url) {
  constexpr std::string_view k_scheme = "http://";
  auto bad = [&](std::string_view why) {
    return std::unexpected(fmt::format("invalid http URL '{}': {}", url, why));
  };
  if (url.starts_with("https://")) {
    return bad("https is not supported; use http:// (a local endpoint needs no TLS)");
  }
  if (!url.starts_with(k_scheme)) {
    return bad("expected http://host[:port]/path");
  }
  std::string_view rest = url.substr(k_scheme.size());
  HttpEndpoint endpoint;
  auto slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    endpoint.path = std::string(rest.substr(slash));
    if (endpoint.path.front() == '?') {
      endpoint.path.insert(0, "/");
    }
  }
  if (authority.find('@') != std::string_view::npos) {
    return bad("user information is not supported");
  }
  std::string_view port_text;
  if (authority.starts_with("[")) {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return bad("unterminated IPv6 address");
    }
    endpoint.host = std::string(authority.substr(1, close - 1));
    auto after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(":")) {
      return bad("expected ':' after the IPv6 address");
    }
    port_text = after.empty() ? after : after.substr(1);
  } else {
    auto colon = authority.rfind(':');
    endpoint.host = std::string(authority.substr(0, colon));
    port_text = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon + 1);
  }
  if (endpoint.host.empty()) {
    return bad("no host");
  }
  if (!port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 1 || port > 65535) {
      return bad("the port must be a number from 1 to 65535");
    }
    endpoint.port = port;
  }
  return endpoint;
}

HttpTransport::HttpTransport(HttpEndpoint endpoint, std::string url)
    : m_endpoint(std::move(endpoint)), m_url(std::move(url)) {}

InvocationResult HttpTransport::invoke(const std::string& event_json, const InvocationContext& context) {
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  };
  InvocationResult result;
  // One client per invocation: httplib clients are not safe to share between threads.
  httplib::Client client(m_endpoint.host, m_endpoint.port);
  const auto timeout = std::max(context.timeout, std::chrono::milliseconds(1));
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  httplib::Headers headers{{"X-Amz-Invocation-Type", "RequestResponse"}};
  if (!context.request_id.empty()) {
    headers.emplace("X-Amzn-RequestId", context.request_id);
  }
  auto response = client.Post(m_endpoint.path, headers, event_json, "application/json");
  result.duration = elapsed();
  if (!response) {
    const auto error = response.error();
    const bool timed_out =
        error == httplib::Error::ConnectionTimeout ||
        ((error == httplib::Error::Read || error == httplib::Error::Write) && result.duration >= timeout);
    if (timed_out) {
      result.timed_out = true;
      result.error = "timed out after " + describe_timeout(context.timeout);
    } else {
      result.error = fmt::format("cannot reach {}: {}", m_url, describe(error));
    }
    return result;
  }
  result.output_tail = output_tail(response->body, {});
  result.http_status = response->status;
  if (response->status < 200 || response->status >= 300) {
    result.error = fmt::format("HTTP {}", response->status);
    result.error_payload = payload_head(response->body);
    return result;
  }
  if (response->has_header("X-Amz-Function-Error")) {
    result.error = "X-Amz-Function-Error: " + response->get_header_value("X-Amz-Function-Error");
    result.error_payload = payload_head(response->body);
    return result;
  }
  result.succeeded = true;
  apply_batch_response(result, response->body, event_json, context.report_batch_item_failures);
  return result;
}

std::expected<std::unique_ptr<Transport>, std::string> make_http_transport(std::string_view url) {
  auto endpoint = parse_http_url(url);
  if (!endpoint) {
    return std::unexpected(endpoint.error());
  }
  return std::make_unique<HttpTransport>(std::move(*endpoint), std::string(url));
}

}  // namespace drydock::workers
