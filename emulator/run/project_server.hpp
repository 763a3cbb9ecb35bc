#pragma once
// `drydock serve`: the project's emulated cloud opened to real clients on loopback, over the AWS wire
// protocols (emulator/http/). One SqsService — the cloud's own, on its one state-store connection —
// behind an SqsGate that serializes the server's threads, so every request sees and changes the same
// state the other drydock commands do. Time is the wall clock plus what `POST /_drydock/clock/advance`
// added, applied to the cloud's clock before each request (never backwards: a state whose saved clock
// is ahead of the wall stays ahead).
//
// S3 REST runs beside it, taking the gate only for the message an object put into a notifying bucket
// sends (http/s3_rest.hpp), and reading the server's time (ServeTime) without it; its multipart uploads in
// progress live in <state>/multipart.
//
// With ServeOptions::workers, the project's workers are dispatched while serving and EventBridge's
// timed rules fire on the server's clock (run/live_dispatch.hpp): a pass on a thread of its own, on its
// own store connection, as soon as a request may have made a message visible and at least every
// 100 ms (visibility timeouts and delays end, rules fall due). stop() lets the pass in progress finish (its
// invocations still reach the endpoint) before the server stops answering.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "emulator/cloud/cloud.hpp"
#include "emulator/http/aws_router.hpp"
#include "emulator/http/http_server.hpp"
#include "emulator/http/s3_rest.hpp"
#include "emulator/http/sqs_gate.hpp"
#include "emulator/run/live_dispatch.hpp"

namespace drydock::emulator {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 4566;                    // 0: any free port
  std::size_t max_connections = 256;  // served at once (HttpServerOptions)
  // The project's workers, dispatched while serving (must outlive the server); nullptr: the endpoint
  // only, messages stay queued for `drydock drain`.
  LiveDispatch* workers = nullptr;
  // Called on the dispatch thread after every pass that fired a rule, invoked a function or failed.
  std::function<void(const LivePass&)> on_pass;
};

class ProjectServer {
 public:
  // Binds and listens for `cloud` (which must outlive the server). Fails naming the address when it
  // cannot be bound. Clients may connect once it returns; requests are answered once run() starts.
  static std::expected<std::unique_ptr<ProjectServer>, std::string> start(Cloud& cloud,
                                                                          const ServeOptions& options);
  ~ProjectServer();

  int port() const { return m_port; }
  // "http://127.0.0.1:4566": what AWS_ENDPOINT_URL should be.
  std::string endpoint() const;

  // Answers requests until stop(); then saves the clock. Requests in progress are finished first; long
  // polls end at once with what they have.
  void run();
  // Stops run(). From any thread, not from a signal handler.
  void stop();

  // Moves the server's time forward by `step` (POST /_drydock/clock/advance does this); returns the
  // new time. With workers, returns once a dispatch pass begun after the move has ended: the rules
  // that fell due have fired and what they sent has been dispatched.
  Instant advance_clock(std::chrono::milliseconds step);

 private:
  ProjectServer(Cloud& cloud, ServeOptions options);
  std::optional<http::HttpResponse> drydock_endpoint(const http::HttpRequest& request);
  void sync_clock();                              // the clock is safe across threads: no lock needed
  void tick_until_stopped(std::stop_token stop);  // move tasks advance between requests
  void dispatch_until_stopped(std::stop_token stop);
  void stop_dispatching();  // ends the dispatch thread after its pass in progress
  void wait_for_pass();     // asks for a pass now and waits until one begun later has ended
  void wake_dispatcher();   // starts the next pass now (a message may have become visible)

  // The server's time, for what stamps times outside the gate (S3 puts, multipart uploads): the
  // cloud's clock moved to now first. Safe from any thread, as the clock is.
  struct ServeTime final : Clock {
    explicit ServeTime(ProjectServer& owner) : server(owner) {}
    Instant now() const override {
      server.sync_clock();
      return server.m_cloud.clock().now();
    }
    ProjectServer& server;
  };

  Cloud& m_cloud;
  std::atomic<std::int64_t> m_offset_ms{0};
  ServeTime m_time{*this};
  ServeOptions m_options;
  int m_port = 0;
  std::unique_ptr<http::SqsGate> m_gate;
  std::unique_ptr<http::S3Door> m_s3;
  std::unique_ptr<http::AwsRouter> m_router;
  std::unique_ptr<http::HttpServer> m_server;
  std::mutex m_tick_mutex;
  std::condition_variable_any m_tick;
  std::mutex m_dispatch_mutex;
  bool m_stopping = false;     // under m_dispatch_mutex
  std::jthread m_dispatching;  // under m_dispatch_mutex
  // Passes asked for by wait_for_pass(), numbered; the dispatch thread records the last one a finished
  // pass covered. All under m_pass_mutex.
  std::mutex m_pass_mutex;
  std::condition_variable_any m_pass_changed;
  std::uint64_t m_passes_asked = 0;
  std::uint64_t m_passes_covered = 0;
  bool m_dispatch_ended = false;
  bool m_wake = false;
};

}  // namespace drydock::emulator
