// The server's connections each get a thread when they come: forty requests held open at once (long
// polls, in the server) do not keep the next client waiting, and a cap makes later connections wait
// for a thread instead of being dropped.

#include <doctest/doctest.h>
#include <httplib.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "emulator/http/http_server.hpp"

using namespace drydock::emulator::http;

namespace {

// A handler whose /hold requests wait until released; /now answers at once.
struct HoldingHandler {
  std::mutex mutex;
  std::condition_variable changed;
  int holding = 0;
  bool released = false;

  HttpResponse operator()(const HttpRequest& request) {
    if (request.path == "/hold") {
      std::unique_lock lock(mutex);
      ++holding;
      changed.notify_all();
      changed.wait(lock, [this] { return released; });
    }
    return HttpResponse{.status = 200, .content_type = "text/plain", .body = request.path};
  }
  // False after a deadline (a pool that cannot hold `count` at once would otherwise hang the test).
  bool wait_for_holding(int count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(30), [&] { return holding >= count; });
  }
  void release() {
    const std::lock_guard lock(mutex);
    released = true;
    changed.notify_all();
  }
};

std::string get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  const auto answer = client.Get(path);
  return answer ? answer->body : "no answer: " + httplib::to_string(answer.error());
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("forty requests held open do not keep the next client waiting") {
    HoldingHandler handler;
    HttpServer server([&](const HttpRequest& request) { return handler(request); });
    const auto port = server.bind({.bind = "127.0.0.1", .port = 0});
    REQUIRE(port.has_value());
    std::thread running([&] { server.run(); });
    std::vector<std::thread> holders;
    std::vector<std::string> held(40);
    for (std::size_t i = 0; i < held.size(); ++i) {
      holders.emplace_back([&, i] { held[i] = get(*port, "/hold"); });
    }
    const bool all_held = handler.wait_for_holding(40);
    CHECK(all_held);
    CHECK(get(*port, "/now") == "/now");  // with a fixed pool of 16 threads this waited for a release
    handler.release();
    for (auto& holder : holders) {
      holder.join();
    }
    server.stop();
    running.join();
    CHECK(std::count(held.begin(), held.end(), "/hold") == 40);
  }

  TEST_CASE("beyond max_connections a connection waits for a thread and is then answered") {
    HoldingHandler handler;
    HttpServer server([&](const HttpRequest& request) { return handler(request); });
    const auto port = server.bind({.bind = "127.0.0.1", .port = 0, .max_connections = 2});
    REQUIRE(port.has_value());
    std::thread running([&] { server.run(); });
    std::string first;
    std::string second;
    std::thread a([&] { first = get(*port, "/hold"); });
    std::thread b([&] { second = get(*port, "/hold"); });
    REQUIRE(handler.wait_for_holding(2));
    std::string third;
    std::thread c([&] { third = get(*port, "/now"); });  // queued: both threads are held
    handler.release();
    a.join();
    b.join();
    c.join();
    server.stop();
    running.join();
    CHECK(first == "/hold");
    CHECK(second == "/hold");
    CHECK(third == "/now");
  }
}
