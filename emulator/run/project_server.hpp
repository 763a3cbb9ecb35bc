#pragma once
// `drydock serve`: the project's emulated cloud opened to real clients on loopback, over the AWS wire
// protocols (emulator/http/). One SqsService — the cloud's own, on its one state-store connection —
// behind an SqsGate that serializes the server's threads, so every request sees and changes the same
// state the other drydock commands do. Time is the wall clock plus what `POST /_drydock/clock/advance`
// added, applied to the cloud's clock before each request (never backwards: a state whose saved clock
// is ahead of the wall stays ahead).
//
// S3 REST runs beside it, taking the gate only for the time a put stamps and the message an object
// put into a notifying bucket sends (http/s3_rest.hpp); its multipart uploads in progress live in
// <state>/multipart. Workers dispatched while serving and
// EventBridge rules on the wall clock are still to come (issue 13).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

#include "emulator/cloud/cloud.hpp"
#include "emulator/http/aws_router.hpp"
#include "emulator/http/http_server.hpp"
#include "emulator/http/s3_rest.hpp"
#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 4566;  // 0: any free port
  std::size_t threads = 16;
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
  // new time.
  Instant advance_clock(std::chrono::milliseconds step);

 private:
  explicit ProjectServer(Cloud& cloud);
  std::optional<http::HttpResponse> drydock_endpoint(const http::HttpRequest& request);
  void sync_clock();                              // under the gate's lock
  void tick_until_stopped(std::stop_token stop);  // move tasks advance between requests

  Cloud& m_cloud;
  std::atomic<std::int64_t> m_offset_ms{0};
  ServeOptions m_options;
  int m_port = 0;
  std::unique_ptr<http::SqsGate> m_gate;
  std::unique_ptr<http::S3Door> m_s3;
  std::unique_ptr<http::AwsRouter> m_router;
  std::unique_ptr<http::HttpServer> m_server;
  std::mutex m_tick_mutex;
  std::condition_variable_any m_tick;
};

}  // namespace drydock::emulator
