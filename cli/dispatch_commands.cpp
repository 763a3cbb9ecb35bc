#include "cli/dispatch_commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/app.hpp"
#include "emulator/common/instant_text.hpp"
#include "emulator/run/running_server.hpp"
#include "workers/project/project_file.hpp"
#include "workers/validation/template_check.hpp"

namespace drydock::cli {
namespace {

std::expected<std::string, int> read_payload(const std::string& path, std::ostream& err) {
  auto bytes = workers::read_bounded(path, workers::k_max_template_bytes);
  if (!bytes) {
    print_error(err, fmt::format("{}: {}", path, bytes.error()));
    return std::unexpected(k_exit_usage);
  }
  return std::move(*bytes);
}

// PutObject into the template bucket; the bucket's notification puts the S3 record on the fan-out queue.
int put_and_dispatch(DispatchSession& session, const std::string& key, const std::string& body,
                     std::ostream& out, std::ostream& err) {
  auto& cloud = session.cloud();
  auto put = cloud.s3().put_object(cloud.layout().template_bucket, key, body);
  if (!put) {
    print_error(err, fmt::format("cannot put {} into the template bucket {}: {}: {}", key,
                                 cloud.layout().template_bucket, put.error().code, put.error().message));
    return k_exit_usage;
  }
  for (const auto& failure : put->failed_deliveries) {
    print_error(err, fmt::format("the S3 notification to {} was not delivered: {}", failure.queue_arn,
                                 failure.error.message));
  }
  return session.dispatch(out, err);
}

const workers::Worker* find_worker(const DispatchSession& session, std::string_view name) {
  for (const auto& worker : session.model().workers()) {
    if (worker.name == name) {
      return &worker;
    }
  }
  return nullptr;
}

std::string worker_names(const DispatchSession& session) {
  std::string names;
  for (const auto& worker : session.model().workers()) {
    names += (names.empty() ? "" : ", ") + worker.name;
  }
  return names;
}

std::optional<std::chrono::milliseconds> parse_window(std::string_view text) {
  if (text.ends_with('d')) {
    if (auto days = workers::parse_duration(text.substr(0, text.size() - 1))) {
      return std::chrono::duration_cast<std::chrono::milliseconds>(*days * 86'400);
    }
    return std::nullopt;
  }
  if (auto seconds = workers::parse_duration(text)) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(*seconds);
  }
  return std::nullopt;
}

}  // namespace

int run_fanout(const FanoutOptions& options, std::ostream& out, std::ostream& err) {
  auto session = DispatchSession::open(options.dispatch, err);
  if (!session) {
    return session.error();
  }
  const workers::Worker* worker = find_worker(**session, options.worker);
  if (worker == nullptr || worker->stanza == nullptr) {
    print_error(err, fmt::format("no worker ship {} with a valid configuration stanza (workers: {})",
                                 options.worker, worker_names(**session)));
    return k_exit_usage;
  }
  auto body = read_payload(options.payload, err);
  if (!body) {
    return body.error();
  }
  const std::string& prefix = worker->stanza->template_prefix;
  const std::string key = prefix.ends_with(".yaml")
                              ? prefix
                              : prefix + std::filesystem::path(options.payload).filename().string();
  (*session)->set_template_file(key, options.payload);
  return (*session)->finish("drydock fanout", put_and_dispatch(**session, key, *body, out, err), out, err);
}

int run_put(const PutOptions& options, std::ostream& out, std::ostream& err) {
  auto session = DispatchSession::open(options.dispatch, err);
  if (!session) {
    return session.error();
  }
  auto body = read_payload(options.file, err);
  if (!body) {
    return body.error();
  }
  (*session)->set_template_file(options.key, options.file);
  return (*session)->finish("drydock put", put_and_dispatch(**session, options.key, *body, out, err), out,
                            err);
}

int run_tick(const TickOptions& options, std::ostream& out, std::ostream& err) {
  auto session = DispatchSession::open(options.dispatch, err);
  if (!session) {
    return session.error();
  }
  const std::string event = fmt::format(R"({{"name": "{}"}})", options.frequency);
  (*session)->record_timed(event, emulator::process_timed_event((*session)->starbase(), event));
  return (*session)->finish("drydock tick", (*session)->dispatch(out, err), out, err);
}

int run_clock_advance(const ClockAdvanceOptions& options, std::ostream& out, std::ostream& err) {
  const auto window = parse_window(options.duration);
  if (!window) {
    print_error(err, fmt::format("'{}' is not a duration: use e.g. 90s, 30m, 6h or 1d", options.duration));
    return k_exit_usage;
  }
  auto session = DispatchSession::open(options.dispatch, err);
  if (!session) {
    return session.error();
  }
  auto& cloud = (*session)->cloud();
  // A running `drydock serve` keeps its own clock: move that one, and let the server run what falls due.
  if (const auto server = emulator::running_server(cloud.store().dir())) {
    const auto now = emulator::advance_server_clock(*server, *window);
    if (!now) {
      print_error(err, fmt::format("{} (if no drydock serve runs on this state any more, remove {})",
                                   now.error(), (cloud.store().dir() / "serve.json").string()));
      return k_exit_usage;
    }
    (*session)->text_out(out, err) << fmt::format(
        "drydock serve (process {}, {}) serves this state: its clock moved on by {} to {}; what fell due "
        "has run there (its output says what)\n",
        server->pid, server->endpoint, options.duration, *now);
    return k_exit_ok;
  }
  // The firings of the window, computed on a copy of the clock so each one runs at its own time.
  emulator::VirtualClock probe(cloud.clock().now());
  const emulator::Instant end = probe.now() + *window;
  const auto firings = cloud.scheduler().advance(probe, *window);
  std::ostream& text = (*session)->text_out(out, err);
  int status = k_exit_ok;
  for (const auto& firing : firings) {
    cloud.advance_to(firing.time);  // retries of an earlier firing may already be past it
    text << fmt::format("{}: {} {}\n", emulator::format_instant(cloud.clock().now()), firing.rule,
                        firing.input);
    (*session)->record_timed(firing.input,
                             emulator::process_timed_event((*session)->starbase(), firing.input));
    status = std::max(status, (*session)->dispatch(out, err));
  }
  cloud.advance_to(end);
  text << fmt::format("{} firing{}; the virtual clock is at {}\n", firings.size(),
                      firings.size() == 1 ? "" : "s", emulator::format_instant(cloud.clock().now()));
  // One report of every firing (its machine formats were kept, not printed, by each dispatch).
  return (*session)->finish("drydock clock advance", status, out, err);
}

int run_drain(const DrainOptions& options, std::ostream& out, std::ostream& err) {
  auto session = DispatchSession::open(options.dispatch, err);
  if (!session) {
    return session.error();
  }
  return (*session)->finish("drydock drain", drain_session(**session, options.worker, out, err), out, err);
}

int drain_session(DispatchSession& session, const std::optional<std::string>& worker, std::ostream& out,
                  std::ostream& err) {
  std::optional<std::string> queue;
  if (worker) {
    for (const auto& pair : session.cloud().layout().workers) {
      if (pair.owner == *worker) {
        queue = pair.queue.name;
      }
    }
    if (!queue) {
      print_error(
          err, fmt::format("no worker ship {} with a queue (workers: {})", *worker, worker_names(session)));
      return k_exit_usage;
    }
  }
  return session.dispatch(out, err, queue);
}

}  // namespace drydock::cli
