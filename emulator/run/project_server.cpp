#include "emulator/run/project_server.hpp"

#include <fmt/format.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/common/instant_text.hpp"
#include "emulator/run/running_server.hpp"
#include "workers/project/project_file.hpp"

namespace drydock::emulator {

ProjectServer::ProjectServer(Cloud& cloud, ServeOptions options)
    : m_cloud(cloud), m_options(std::move(options)) {}

ProjectServer::~ProjectServer() {
  stop();
  if (m_port != 0) {
    remove_server_file(m_cloud.store().dir());
  }
}

std::expected<std::unique_ptr<ProjectServer>, std::string> ProjectServer::start(Cloud& cloud,
                                                                                const ServeOptions& options) {
  std::unique_ptr<ProjectServer> server(new ProjectServer(cloud, options));
  server->m_gate = std::make_unique<http::SqsGate>(cloud.sqs(), [raw = server.get()] { raw->sync_clock(); });
  if (options.workers != nullptr) {
    // A message sent (or made visible) by a client starts a pass now rather than at the next interval.
    server->m_gate->on_change([raw = server.get()] { raw->wake_dispatcher(); });
  }
  server->m_s3 = std::make_unique<http::S3Door>(cloud, *server->m_gate, server->m_time,
                                                cloud.store().dir() / "multipart");
  server->m_router = std::make_unique<http::AwsRouter>(
      *server->m_gate,
      [raw = server.get()](const http::HttpRequest& request) { return raw->drydock_endpoint(request); },
      [raw = server.get()](const http::HttpRequest& request) {
        return http::serve_s3_rest(*raw->m_s3, request);
      },
      fmt::format("http://{}:{}", options.bind, options.port));
  server->m_server =
      std::make_unique<http::HttpServer>([router = server->m_router.get()](const http::HttpRequest& request) {
        return router->handle(request);
      });
  http::HttpServerOptions http_options;
  http_options.bind = options.bind;
  http_options.port = options.port;
  http_options.max_connections = options.max_connections;
  auto port = server->m_server->bind(http_options);
  if (!port) {
    return std::unexpected(std::move(port.error()));
  }
  server->m_port = *port;
  // For `drydock clock advance`, which must move this server's clock rather than the saved one.
  if (auto recorded = write_server_file(cloud.store().dir(), server->endpoint()); !recorded) {
    return std::unexpected(
        fmt::format("cannot record the server in the state directory: {}", recorded.error()));
  }
  return server;
}

std::string ProjectServer::endpoint() const {
  return fmt::format("http://{}:{}", m_options.bind, m_port);
}

void ProjectServer::run() {
  if (m_options.workers != nullptr) {
    const std::lock_guard lock(m_dispatch_mutex);
    if (!m_stopping) {
      m_dispatching = std::jthread([this](std::stop_token stop) { dispatch_until_stopped(stop); });
    }
  }
  {
    std::jthread ticker([this](std::stop_token stop) { tick_until_stopped(stop); });
    m_server->run();
  }                    // the ticker stops and is joined here
  stop_dispatching();  // already done when stop() ended the server
  m_gate->with_service([this](SqsService&) { m_cloud.save_clock(); });
}

void ProjectServer::dispatch_until_stopped(std::stop_token stop) {
  constexpr auto k_pass_interval = std::chrono::milliseconds(100);
  std::unique_lock lock(m_pass_mutex);
  while (!stop.stop_requested()) {
    const std::uint64_t covering = m_passes_asked;  // a pass begun now covers every ask so far
    lock.unlock();
    sync_clock();
    const LivePass pass = m_options.workers->pass();
    if (pass.active() && m_options.on_pass) {
      m_options.on_pass(pass);
    }
    lock.lock();
    m_passes_covered = covering;
    m_pass_changed.notify_all();
    // Wakes at the interval, when a pass is asked for or a message may have become visible, or on stop.
    m_pass_changed.wait_for(lock, stop, k_pass_interval,
                            [this] { return m_passes_asked > m_passes_covered || m_wake; });
    m_wake = false;
  }
  m_dispatch_ended = true;
  m_pass_changed.notify_all();
}

void ProjectServer::wake_dispatcher() {
  const std::lock_guard lock(m_pass_mutex);
  m_wake = true;
  m_pass_changed.notify_all();
}

void ProjectServer::wait_for_pass() {
  std::unique_lock lock(m_pass_mutex);
  const std::uint64_t asked = ++m_passes_asked;
  m_pass_changed.notify_all();
  m_pass_changed.wait(lock, [&] { return m_passes_covered >= asked || m_dispatch_ended; });
}

void ProjectServer::stop_dispatching() {
  std::jthread dispatching;
  {
    const std::lock_guard lock(m_dispatch_mutex);
    m_stopping = true;
    dispatching = std::move(m_dispatching);
  }
}  // `dispatching` is asked to stop and joined here, outside the mutex

void ProjectServer::tick_until_stopped(std::stop_token stop) {
  constexpr auto k_tick = std::chrono::milliseconds(200);
  std::unique_lock lock(m_tick_mutex);
  while (true) {
    m_tick.wait_for(lock, stop, k_tick, [] { return false; });  // wakes at the tick or on stop
    if (stop.stop_requested()) {
      return;
    }
    m_gate->with_service([](SqsService& sqs) { (void)sqs.run_move_tasks(); });
  }
}

void ProjectServer::stop() {
  stop_dispatching();  // first: the invocations in progress may still call the endpoint
  if (m_gate) {
    m_gate->close();  // long polls answer now, so the server's threads can finish
  }
  if (m_server) {
    m_server->stop();
  }
}

void ProjectServer::sync_clock() {  // the clock is safe across threads: no lock needed
  m_cloud.clock().advance_to(RealClock().now() + std::chrono::milliseconds(m_offset_ms.load()));
}

Instant ProjectServer::advance_clock(std::chrono::milliseconds step) {
  m_offset_ms += step.count();
  sync_clock();
  bool dispatching = false;
  {
    const std::lock_guard lock(m_dispatch_mutex);
    dispatching = m_dispatching.joinable() && !m_stopping;
  }
  if (dispatching) {
    wait_for_pass();
  }
  Instant now;
  m_gate->with_service([&](SqsService&) {
    m_cloud.save_clock();
    now = m_cloud.clock().now();
  });
  return now;
}

std::optional<http::HttpResponse> ProjectServer::drydock_endpoint(const http::HttpRequest& request) {
  using Json = nlohmann::json;
  if (request.path == "/_drydock/health" && request.method == "GET") {
    return http::drydock_json(200, Json{{"status", "ready"},
                                        {"endpoint", endpoint()},
                                        {"services", {"sqs", "s3"}},
                                        {"workers", m_options.workers != nullptr},
                                        {"region", m_cloud.layout().region},
                                        {"account", m_cloud.layout().account_id},
                                        {"state", m_cloud.store().dir().string()}}
                                       .dump());
  }
  if (request.path == "/_drydock/clock/advance" && request.method == "POST") {
    const Json body = Json::parse(request.body.empty() ? "{}" : request.body, nullptr, false);
    const std::string by = body.is_object() && body.contains("by") && body["by"].is_string()
                               ? body["by"].get<std::string>()
                               : std::string();
    const auto step = workers::parse_duration(by);
    if (!step) {
      return http::drydock_json(
          400,
          Json{{"error", fmt::format("give the step as {{\"by\": \"90s\"}} (s, m, h or d); got '{}'", by)}}
              .dump());
    }
    const Instant now = advance_clock(*step);
    return http::drydock_json(200, Json{{"now", format_instant(now)}}.dump());
  }
  return std::nullopt;
}

}  // namespace drydock::emulator
