#include "emulator/run/project_server.hpp"

#include <fmt/format.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/common/instant_text.hpp"
#include "workers/project/project_file.hpp"

namespace drydock::emulator {

ProjectServer::ProjectServer(Cloud& cloud) : m_cloud(cloud) {}

ProjectServer::~ProjectServer() {
  stop();
}

std::expected<std::unique_ptr<ProjectServer>, std::string> ProjectServer::start(Cloud& cloud,
                                                                                const ServeOptions& options) {
  std::unique_ptr<ProjectServer> server(new ProjectServer(cloud));
  server->m_options = options;
  server->m_gate = std::make_unique<http::SqsGate>(cloud.sqs(), [raw = server.get()] { raw->sync_clock(); });
  server->m_s3 = std::make_unique<http::S3Door>(cloud, *server->m_gate, cloud.store().dir() / "multipart");
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
  http_options.threads = options.threads;
  auto port = server->m_server->bind(http_options);
  if (!port) {
    return std::unexpected(std::move(port.error()));
  }
  server->m_port = *port;
  return server;
}

std::string ProjectServer::endpoint() const {
  return fmt::format("http://{}:{}", m_options.bind, m_port);
}

void ProjectServer::run() {
  {
    std::jthread ticker([this](std::stop_token stop) { tick_until_stopped(stop); });
    m_server->run();
  }  // the ticker stops and is joined here
  m_gate->with_service([this](SqsService&) { m_cloud.save_clock(); });
}

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
  if (m_gate) {
    m_gate->close();  // long polls answer now, so the server's threads can finish
  }
  if (m_server) {
    m_server->stop();
  }
}

void ProjectServer::sync_clock() {
  m_cloud.clock().advance_to(RealClock().now() + std::chrono::milliseconds(m_offset_ms.load()));
}

Instant ProjectServer::advance_clock(std::chrono::milliseconds step) {
  m_offset_ms += step.count();
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
