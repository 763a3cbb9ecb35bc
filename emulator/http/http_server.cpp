#include "emulator/http/http_server.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace drydock::emulator::http {
namespace {

// httplib's ThreadPool has a fixed number of threads, and every connection holds one for as long as
// it is open: 16 boto3 clients keeping their connections alive, or 16 long polls, and the 17th client
// waits. This pool makes a thread when a connection comes and none is idle, up to `max_threads`;
// beyond that, connections wait in the queue for a thread (httplib closes a connection's socket only
// in its job, so a job is never dropped). Threads stay for the next connections.
class ConnectionPool final : public httplib::TaskQueue {
 public:
  explicit ConnectionPool(std::size_t max_threads) : m_max_threads(std::max<std::size_t>(1, max_threads)) {}
  ~ConnectionPool() override { shutdown(); }

  void enqueue(std::function<void()> job) override {
    const std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(job));
    // Every waiting job is matched by an idle thread (woken ones count until they take a job).
    if (m_idle < m_jobs.size() && m_threads.size() < m_max_threads) {
      m_threads.emplace_back([this] { serve(); });
    } else {
      m_wake.notify_one();
    }
  }

  void shutdown() override {
    {
      const std::lock_guard lock(m_mutex);
      if (m_shut) {
        return;
      }
      m_shut = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads) {
      thread.join();  // each finishes the jobs still queued first
    }
  }

 private:
  void serve() {
    std::unique_lock lock(m_mutex);
    while (true) {
      ++m_idle;
      m_wake.wait(lock, [this] { return !m_jobs.empty() || m_shut; });
      --m_idle;
      if (m_jobs.empty()) {
        return;  // shut down, nothing left
      }
      std::function<void()> job = std::move(m_jobs.front());
      m_jobs.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  const std::size_t m_max_threads;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void()>> m_jobs;
  std::vector<std::thread> m_threads;  // joined by shutdown(), which runs before they are destroyed
  std::size_t m_idle = 0;
  bool m_shut = false;
};

}  // namespace

struct HttpServer::Impl {
  HttpHandler handler;
  httplib::Server server;
  // A stop() can come before run() has started listening (a signal right after the ready line), when
  // httplib's stop() would do nothing: each sets its flag before it looks at the other's.
  std::atomic<bool> in_run = false;
  std::atomic<bool> stopped = false;

  // `body` is the request's, read by the handler's content reader (httplib's own reading would refuse
  // form bodies over 8 KiB, the Query protocol's SendMessage among them).
  void serve(const httplib::Request& request, httplib::Response& response, std::string body) {
    HttpRequest exchange;
    exchange.method = request.method;
    exchange.body = std::move(body);
    const std::string& target = request.target;
    const auto question = target.find('?');
    exchange.path = target.substr(0, question);
    exchange.query = question == std::string::npos ? "" : target.substr(question + 1);
    exchange.headers.reserve(request.headers.size());
    for (const auto& [name, value] : request.headers) {
      exchange.headers.emplace_back(name, value);
    }
    HttpResponse answer = handler(exchange);
    // httplib would apply a Range header to the answer itself; S3's GetObject has already done that
    // (with S3's rules and errors). The request is httplib's own non-const object, handed over as const.
    const_cast<httplib::Request&>(request).ranges.clear();
    response.status = answer.status;
    for (auto& [name, value] : answer.headers) {
      response.set_header(name, value);
    }
    if (answer.content_type.empty()) {
      response.body = std::move(answer.body);  // no Content-Type header at all, rather than an empty one
    } else {
      response.set_content(std::move(answer.body), answer.content_type);
    }
  }
};

HttpServer::HttpServer(HttpHandler handler) : m_impl(std::make_unique<Impl>()) {
  m_impl->handler = std::move(handler);
  auto route = [impl = m_impl.get()](const httplib::Request& request, httplib::Response& response) {
    impl->serve(request, response, request.body);
  };
  auto route_with_body = [impl = m_impl.get()](const httplib::Request& request, httplib::Response& response,
                                               const httplib::ContentReader& reader) {
    std::string body;
    // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 §6.3): httplib's
    // reader would wait for the connection to close, then fail (curl -X PUT sends neither).
    if (!request.has_header("Content-Length") && !request.has_header("Transfer-Encoding")) {
      impl->serve(request, response, std::move(body));
      return;
    }
    const bool read = reader([&body](const char* data, std::size_t length) {
      body.append(data, length);
      return true;
    });
    if (!read) {  // over the body limit, or the client stopped sending
      response.status = 413;
      return;
    }
    impl->serve(request, response, std::move(body));
  };
  constexpr const char* k_any = R"(/.*)";
  m_impl->server.Get(k_any, route);
  m_impl->server.Post(k_any, route_with_body);
  m_impl->server.Put(k_any, route_with_body);
  m_impl->server.Delete(k_any, route_with_body);
  m_impl->server.Patch(k_any, route_with_body);
  m_impl->server.Options(k_any, route);
  // What httplib refuses itself (a body over the limit, a malformed request line) still gets a body.
  m_impl->server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) {
      return;
    }
    const char* code = response.status == 413   ? "RequestEntityTooLarge"
                       : response.status == 404 ? "NotFound"
                                                : "BadRequest";
    response.set_content(
        fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>)"
                    "\n<Error><Code>{}</Code><Message>HTTP {}: the request was refused before "
                    "it was read</Message></Error>",
                    code, response.status),
        "application/xml");
  });
  m_impl->server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        response.set_content(R"({"__type":"InternalError","message":"the request failed inside Drydock"})",
                             "application/json");
      });
}

HttpServer::~HttpServer() {
  stop();
}

std::expected<int, std::string> HttpServer::bind(const HttpServerOptions& options) {
  auto& server = m_impl->server;
  const std::size_t max_connections = options.max_connections;
  server.new_task_queue = [max_connections] { return new ConnectionPool(max_connections); };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(options.read_timeout_seconds, 0);
  server.set_keep_alive_max_count(1000);
  // httplib writes the headers and the body separately: without TCP_NODELAY, Nagle's algorithm and the
  // client's delayed ACK hold every answer ~40 ms (measured: 23 requests/s on one connection).
  server.set_tcp_nodelay(true);
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port and share
  // its connections; SO_REUSEADDR alone restarts on a port in TIME_WAIT and refuses one in use.
  server.set_socket_options([](socket_t socket) {
    const int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  int port = options.port;
  if (options.port == 0) {
    port = server.bind_to_any_port(options.bind);
    if (port < 0) {
      return std::unexpected(fmt::format("cannot listen on {}: no free port", options.bind));
    }
  } else if (!server.bind_to_port(options.bind, options.port)) {
    return std::unexpected(fmt::format("cannot listen on {}:{}: the address is in use or cannot be bound",
                                       options.bind, options.port));
  }
  return port;
}

void HttpServer::run() {
  m_impl->in_run = true;
  if (!m_impl->stopped) {
    m_impl->server.listen_after_bind();
  }
  m_impl->in_run = false;
}

void HttpServer::stop() {
  if (!m_impl) {
    return;
  }
  m_impl->stopped = true;
  while (m_impl->in_run && !m_impl->server.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // run() is about to listen
  }
  m_impl->server.stop();
}

}  // namespace drydock::emulator::http
