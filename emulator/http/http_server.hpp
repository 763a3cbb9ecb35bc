#pragma once
// The HTTP server under `drydock serve`: the one file that includes cpp-httplib. It turns each request
// into an HttpRequest, hands it to the handler, and writes the HttpResponse back; the handler runs on
// one of the server's threads (several at once: the handler serializes what must be serialized).

#include <cstddef>
#include <expected>
#include <functional>
#include <memory>
#include <string>

#include "emulator/http/http_exchange.hpp"

namespace drydock::emulator::http {

struct HttpServerOptions {
  std::string bind = "127.0.0.1";
  int port = 4566;  // 0: any free port
  // Connections served at once, each on a thread of its own made when it is needed (an idle
  // keep-alive connection or a long poll holds one); more wait for a thread to come free.
  std::size_t max_connections = 256;
  // Bodies above this are refused with 413 before they are read (S3 puts up to 5 GiB come in parts).
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  int read_timeout_seconds = 30;  // a client that stops sending mid-request is dropped after this
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  explicit HttpServer(HttpHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens; returns the port (the chosen one for port 0). Fails naming the address when it
  // is taken or cannot be bound. Clients may connect once it returns.
  std::expected<int, std::string> bind(const HttpServerOptions& options);
  // Serves until stop(); returns once requests in progress have been answered.
  void run();
  // Stops accepting and ends run(). Safe from any thread (not from a signal handler).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace drydock::emulator::http
