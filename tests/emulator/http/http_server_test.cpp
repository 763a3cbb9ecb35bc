// The HTTP server on loopback: a request reaches the handler with its path, query, headers and body,
// and stop() ends run() whether it comes before or after run() starts listening.

#include "emulator/http/http_server.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string_view>
#include <thread>

using namespace drydock::emulator::http;

namespace {

// Sends `request` as it is on a new connection to 127.0.0.1:`port` and returns all the server sends
// until it closes the connection (each read waits at most 10 s, so a server that never answers fails the
// test instead of hanging it).
std::string exchange_raw(int port, std::string_view request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  while (true) {
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) {
      break;
    }
    answer.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return answer;
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("a request on loopback reaches the handler whole, and its answer comes back") {
    HttpRequest seen;
    HttpServer server([&](const HttpRequest& request) {
      seen = request;
      return HttpResponse{
          .status = 201, .content_type = "text/plain", .headers = {{"x-test", "1"}}, .body = "made"};
    });
    const auto port = server.bind({.bind = "127.0.0.1", .port = 0});
    REQUIRE(port.has_value());
    std::thread running([&] { server.run(); });
    httplib::Client client("127.0.0.1", *port);
    client.set_read_timeout(5, 0);
    const std::string body(20'000, 'x');  // above httplib's own 8 KiB limit for form bodies
    const auto answer =
        client.Post("/a%20b?list-type=2", {{"X-Amz-Target", "T"}}, body, "application/x-www-form-urlencoded");
    server.stop();
    running.join();
    REQUIRE(answer);
    CHECK(answer->status == 201);
    CHECK(answer->body == "made");
    CHECK(answer->get_header_value("x-test") == "1");
    CHECK(seen.method == "POST");
    CHECK(seen.path == "/a%20b");
    CHECK(seen.query == "list-type=2");
    CHECK(seen.header("x-amz-target") == "T");
    CHECK(seen.body == body);
  }

  TEST_CASE("stop() before run() makes run() return at once") {
    HttpServer server([](const HttpRequest&) { return HttpResponse{}; });
    REQUIRE(server.bind({.bind = "127.0.0.1", .port = 0}).has_value());
    server.stop();
    server.run();  // would serve forever if the stop were lost
    CHECK(true);
  }

  TEST_CASE("a port in use is an error naming the address") {
    HttpServer first([](const HttpRequest&) { return HttpResponse{}; });
    const auto port = first.bind({.bind = "127.0.0.1", .port = 0});
    REQUIRE(port.has_value());
    HttpServer second([](const HttpRequest&) { return HttpResponse{}; });
    const auto taken = second.bind({.bind = "127.0.0.1", .port = *port});
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error() == "cannot listen on 127.0.0.1:" + std::to_string(*port) +
                               ": the address is in use or cannot be bound");
  }

  TEST_CASE("a PUT without Content-Length or Transfer-Encoding has an empty body, not a 413") {
    // What `curl -X PUT http://…/bucket` sends: no body and no Content-Length.
    HttpRequest seen;
    HttpServer server([&](const HttpRequest& request) {
      seen = request;
      return HttpResponse{.status = 200, .content_type = "text/plain", .headers = {}, .body = "ok"};
    });
    const auto port = server.bind({.bind = "127.0.0.1", .port = 0});
    REQUIRE(port.has_value());
    std::thread running([&] { server.run(); });
    const std::string answer =
        exchange_raw(*port, "PUT /bucket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    server.stop();
    running.join();
    CHECK(answer.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(answer.ends_with("\r\n\r\nok"));
    CHECK(seen.method == "PUT");
    CHECK(seen.path == "/bucket");
    CHECK(seen.body.empty());
  }
}
