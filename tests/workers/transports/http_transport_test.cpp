// The http transport against an httplib server on 127.0.0.1 (a small labelled set of real sockets,
// CONVENTIONS.md 16).
#include <doctest/doctest.h>

// drydock_tests links httplib::httplib, so its pkg-config flags (which change class layout,
// TOOLCHAIN.md pitfall 1) apply here too.
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <mutex>
#include <thread>

#include "tests/workers/transports/test_events.hpp"
#include "workers/transports/http_transport.hpp"
#include "workers/transports/invocation_report.hpp"

using namespace drydock::workers;
using drydock::test::sqs_event;

TEST_SUITE("workers/transports") {
  namespace {

  constexpr const char* k_path = "/2015-03-31/functions/function/invocations";

  // An httplib server on 127.0.0.1, a free port, answering POSTs to k_path with `handler`.
  class LoopbackServer {
   public:
    explicit LoopbackServer(httplib::Server::Handler handler) {
      m_server.Post(k_path, std::move(handler));
      m_port = m_server.bind_to_any_port("127.0.0.1");
      REQUIRE(m_port > 0);
      m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~LoopbackServer() {
      m_server.stop();
      m_thread.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + k_path; }

   private:
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
  };

  // A port on 127.0.0.1 that nothing listens on: bound, then closed.
  int closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
  }

  std::unique_ptr<Transport> transport_for(const std::string& url) {
    auto made = make_http_transport(url);
    REQUIRE_MESSAGE(made.has_value(), (made.has_value() ? "" : made.error()));
    return std::move(*made);
  }

  InvocationContext context() {
    InvocationContext c;
    c.function_name = "HttpShip";
    c.timeout = std::chrono::seconds(10);
    c.request_id = "req-7";
    return c;
  }

  const std::string k_event = sqs_event({{"m-1", "{}"}, {"m-2", "{}"}});

  }  // namespace

  TEST_CASE("[http] a 200 answer is success and the event is POSTed as the Invoke API's payload") {
    std::mutex mutex;
    std::string seen_body;
    std::string seen_type;
    std::string seen_request_id;
    LoopbackServer server([&](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex);
      seen_body = request.body;
      seen_type = request.get_header_value("Content-Type");
      seen_request_id = request.get_header_value("X-Amzn-RequestId");
      response.set_content("null", "application/json");
    });
    auto result = transport_for(server.url())->invoke(k_event, context());
    CHECK(result.succeeded);
    CHECK(result.error.empty());
    CHECK_FALSE(result.batch_item_failures.has_value());
    CHECK(result.http_status == 200);
    CHECK_FALSE(result.error_payload.has_value());
    std::lock_guard lock(mutex);
    CHECK(seen_body == k_event);
    CHECK(seen_type == "application/json");
    CHECK(seen_request_id == "req-7");
  }

  TEST_CASE("[http] an error status or X-Amz-Function-Error is a failure") {
    SUBCASE("HTTP 500") {
      LoopbackServer server([](const httplib::Request&, httplib::Response& response) {
        response.status = 500;
        response.set_content("internal error", "text/plain");
      });
      auto result = transport_for(server.url())->invoke(k_event, context());
      CHECK_FALSE(result.succeeded);
      CHECK_FALSE(result.timed_out);
      CHECK(result.error == "HTTP 500");
      CHECK(result.output_tail == "internal error");
      CHECK(result.http_status == 500);
      CHECK(result.error_payload == "internal error");
      CHECK_FALSE(result.exit_code.has_value());
    }
    SUBCASE("a large error body is kept as its first 4 KiB") {
      LoopbackServer server([](const httplib::Request&, httplib::Response& response) {
        response.status = 502;
        response.set_content("{\"errorMessage\": \"" + std::string(10000, 'e') + "\"}", "application/json");
      });
      auto result = transport_for(server.url())->invoke(k_event, context());
      CHECK(result.http_status == 502);
      REQUIRE(result.error_payload.has_value());
      CHECK(result.error_payload->size() == k_error_payload_bytes);
      CHECK(result.error_payload->starts_with("{\"errorMessage\": \"eee"));
    }
    SUBCASE("X-Amz-Function-Error with status 200, as Lambda answers a handler's exception") {
      LoopbackServer server([](const httplib::Request&, httplib::Response& response) {
        response.set_header("X-Amz-Function-Error", "Unhandled");
        response.set_content(R"({"errorMessage": "boom", "errorType": "ValueError"})", "application/json");
      });
      auto result = transport_for(server.url())->invoke(k_event, context());
      CHECK_FALSE(result.succeeded);
      CHECK(result.error == "X-Amz-Function-Error: Unhandled");
      CHECK(result.output_tail.find("boom") != std::string::npos);
      CHECK(result.http_status == 200);
      CHECK(result.error_payload == R"({"errorMessage": "boom", "errorType": "ValueError"})");
    }
  }

  TEST_CASE("[http] a partial batch response body fills batch_item_failures when the mapping opted in") {
    auto opted_in = context();
    opted_in.report_batch_item_failures = true;
    SUBCASE("well formed") {
      LoopbackServer server([](const httplib::Request&, httplib::Response& response) {
        response.set_content(R"({"batchItemFailures": [{"itemIdentifier": "m-2"}]})", "application/json");
      });
      auto result = transport_for(server.url())->invoke(k_event, opted_in);
      CHECK(result.succeeded);
      CHECK(result.batch_item_failures == std::vector<std::string>{"m-2"});
    }
    SUBCASE("malformed") {
      LoopbackServer server([](const httplib::Request&, httplib::Response& response) {
        response.set_content(R"({"batchItemFailures": [{"id": "m-2"}]})", "application/json");
      });
      auto result = transport_for(server.url())->invoke(k_event, opted_in);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error == "malformed partial batch response: batchItemFailures[0] has no itemIdentifier");
    }
  }

  TEST_CASE("[http] a closed port is a failure naming the URL") {
    const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + k_path;
    auto result = transport_for(url)->invoke(k_event, context());
    CHECK_FALSE(result.succeeded);
    CHECK_FALSE(result.timed_out);
    CHECK(result.error == "cannot reach " + url +
                              ": connection refused or host unreachable (is the function's server running?)");
    CHECK_FALSE(result.http_status.has_value());
    CHECK_FALSE(result.error_payload.has_value());
  }

  TEST_CASE("[http] a function that answers after its timeout is a timed-out failure") {
    std::promise<void> release;
    auto released = release.get_future().share();
    LoopbackServer server([released](const httplib::Request&, httplib::Response& response) {
      released.wait_for(std::chrono::seconds(10));
      response.set_content("late", "text/plain");
    });
    auto c = context();
    c.timeout = std::chrono::milliseconds(200);
    auto result = transport_for(server.url())->invoke(k_event, c);
    release.set_value();  // lets the handler return so the server can stop
    CHECK_FALSE(result.succeeded);
    CHECK(result.timed_out);
    CHECK(result.error == "timed out after 0.2 s");
  }

  TEST_CASE("http URLs are parsed into host, port and path, and other schemes are refused") {
    auto endpoint = parse_http_url("http://127.0.0.1:9000/2015-03-31/functions/function/invocations");
    REQUIRE(endpoint.has_value());
    CHECK(endpoint->host == "127.0.0.1");
    CHECK(endpoint->port == 9000);
    CHECK(endpoint->path == "/2015-03-31/functions/function/invocations");

    auto bare = parse_http_url("http://localhost");
    REQUIRE(bare.has_value());
    CHECK(bare->port == 80);
    CHECK(bare->path == "/");

    auto v6 = parse_http_url("http://[::1]:8080?x=1");
    REQUIRE(v6.has_value());
    CHECK(v6->host == "::1");
    CHECK(v6->port == 8080);
    CHECK(v6->path == "/?x=1");

    CHECK(parse_http_url("https://example.com/").error() ==
          "invalid http URL 'https://example.com/': https is not supported; use http:// (a local endpoint "
          "needs "
          "no TLS)");
    CHECK(parse_http_url("ftp://x/").error() ==
          "invalid http URL 'ftp://x/': expected http://host[:port]/path");
    CHECK(parse_http_url("http://:9000/").error() == "invalid http URL 'http://:9000/': no host");
    CHECK(parse_http_url("http://h:99999/").error() ==
          "invalid http URL 'http://h:99999/': the port must be a number from 1 to 65535");
    CHECK_FALSE(make_http_transport("https://example.com/").has_value());
  }

}  // TEST_SUITE
