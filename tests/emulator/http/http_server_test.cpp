// The HTTP server on loopback: a request reaches the handler with its path, query, headers and body,
// and stop() ends run() whether it comes before or after run() starts listening.

#include "emulator/http/http_server.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <thread>

using namespace drydock::emulator::http;

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
}
