#include "cli/serve_command.hpp"

#include <fmt/format.h>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <expected>
#include <ostream>
#include <thread>

#include "cli/app.hpp"
#include "cli/render/serve_pass_renderer.hpp"
#include "emulator/run/live_dispatch.hpp"
#include "emulator/run/project_server.hpp"

namespace drydock::cli {

namespace {

bool loopback(std::string_view address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost" || address.starts_with("127.");
}

// SIGINT and SIGTERM, blocked in every thread and taken by one that waits for them.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// The project's workers, dispatched while serving; nullptr with --no-workers or without a fan-out
// queue (a line says why); the exit code when they cannot be opened (the problem is printed).
std::expected<std::unique_ptr<emulator::LiveDispatch>, int> open_workers(const ServeOptions& options,
                                                                         CloudContext& context,
                                                                         std::ostream& err) {
  if (options.no_workers) {
    return nullptr;
  }
  if (!context.cloud->layout().fan_out) {
    err << "drydock serve: the project has no Starbase fan-out queue: workers are not dispatched\n";
    return nullptr;
  }
  auto live = emulator::LiveDispatch::open(
      {*context.cloud, *context.model, *context.context.project, context.context.regions});
  if (!live) {
    print_run_error(err, live.error());
    return std::unexpected(k_exit_usage);
  }
  return std::move(*live);
}

std::string workers_line(const emulator::LiveDispatch* workers) {
  if (workers == nullptr) {
    return "  workers: not dispatched (messages stay queued for `drydock drain`)\n";
  }
  if (workers->unserved().empty()) {
    return "  workers: dispatched as messages arrive; EventBridge rules fire on the wall clock\n";
  }
  std::string names;
  for (const auto& name : workers->unserved()) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return fmt::format(
      "  workers: dispatched as messages arrive; EventBridge rules fire on the wall clock; without a "
      "transport (their messages stay queued): {}\n",
      names);
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.port < 0 || options.port > 65535) {
    print_error(err,
                fmt::format("--port {}: give a port from 1 to 65535 (0 for any free port)", options.port));
    return k_exit_usage;
  }
  // Blocked before any thread starts (the state store's checkpointer, the server's), so they all
  // inherit the mask and only the waiting thread below takes the signals.
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto context = open_cloud_context(options.cloud, err);
  if (!context) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    return context.error();
  }
  if (!loopback(options.bind)) {
    err << fmt::format(
        "drydock: warning: serving on {}: anyone who can reach this address can read and change the "
        "emulated state (there are no credential checks)\n",
        options.bind);
  }
  auto opened = open_workers(options, *context, err);
  if (!opened) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    return opened.error();
  }
  const std::unique_ptr<emulator::LiveDispatch> workers = std::move(*opened);
  emulator::Cloud& cloud = *context->cloud;
  auto server =
      emulator::ProjectServer::start(cloud, {.bind = options.bind,
                                             .port = options.port,
                                             .workers = workers.get(),
                                             .on_pass = [&out, &cloud](const emulator::LivePass& pass) {
                                               render_serve_pass(pass, cloud.clock().now(), out);
                                               out << std::flush;
                                             }});
  if (!server) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    print_error(err, server.error());
    return k_exit_usage;
  }
  const auto& layout = context->cloud->layout();
  const std::string endpoint = (*server)->endpoint();
  out << fmt::format("drydock serve: S3 and SQS on {} (S3 REST; SQS JSON and Query), state {}\n", endpoint,
                     context->cloud->store().dir().string())
      << fmt::format(
             "  export AWS_ENDPOINT_URL={} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test "
             "AWS_DEFAULT_REGION={}\n",
             endpoint, layout.region)
      << "  (aws-cli's sqs commands ignore AWS_ENDPOINT_URL: give --endpoint-url)\n"
      << workers_line(workers.get()) << fmt::format("ready {}\n", endpoint) << std::flush;
  std::atomic<bool> done = false;
  std::thread waiter([&server, &done, signals] {
    const timespec tick{.tv_sec = 0, .tv_nsec = 200'000'000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        (*server)->stop();
        return;
      }
    }
  });
  (*server)->run();
  done = true;
  waiter.join();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  out << "drydock serve: stopped\n" << std::flush;
  return k_exit_ok;
}

}  // namespace drydock::cli
