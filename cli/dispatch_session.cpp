#include "cli/dispatch_session.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <ostream>

#include "cli/app.hpp"
#include "cli/one_record_invocation.hpp"
#include "cli/render/dispatch_renderers.hpp"
#include "emulator/common/atomic_file.hpp"
#include "emulator/run/run_assembly.hpp"
#include "emulator/state/dispatch_lock.hpp"
#include "workers/validation/project_validation.hpp"

namespace drydock::cli {

struct DispatchSession::Impl {
  std::unique_ptr<emulator::RunAssembly> run;  // the Starbase and every worker's transport
  std::mutex outcomes_mutex;
  std::vector<emulator::StarbaseOutcome> outcomes;
  // What finish() reports, when a machine format wants a report: every run of the command, as one.
  std::optional<emulator::DispatchReport> results;
  std::vector<emulator::StarbaseOutcome> result_outcomes;
  std::vector<std::string> result_unserved;
  std::vector<TimedEvent> timed_events;
  std::vector<emulator::TaskedTemplate> tasked;       // by `drydock run`
  std::map<std::string, std::string> template_files;  // key -> file, from set_template_file

  void keep(emulator::DispatchReport report, std::vector<emulator::StarbaseOutcome> starbase,
            const std::vector<std::string>& unserved) {
    if (results) {
      emulator::merge_reports(*results, std::move(report));
    } else {
      results = std::move(report);
    }
    std::move(starbase.begin(), starbase.end(), std::back_inserter(result_outcomes));
    for (const auto& worker : unserved) {
      if (std::find(result_unserved.begin(), result_unserved.end(), worker) == result_unserved.end()) {
        result_unserved.push_back(worker);
      }
    }
  }
};

DispatchSession::DispatchSession(CloudContext context) : m_context(std::move(context)) {}

DispatchSession::~DispatchSession() = default;

std::expected<std::unique_ptr<DispatchSession>, int> DispatchSession::open(const DispatchFlags& flags,
                                                                           std::ostream& err) {
  if (flags.output && flags.format == "text") {
    print_error(err,
                "--output writes a json, junit or github report: give --format json, junit or github "
                "(the text report goes to stdout)");
    return std::unexpected(k_exit_usage);
  }
  auto context = open_cloud_context(flags.cloud, err);
  if (!context) {
    return std::unexpected(context.error());
  }
  std::unique_ptr<DispatchSession> session(new DispatchSession(std::move(*context)));
  session->m_flags = flags;
  session->m_impl = std::make_unique<Impl>();
  auto& impl = *session->m_impl;
  const auto& project = *session->m_context.context.project;
  auto& cloud = *session->m_context.cloud;
  if (!cloud.layout().fan_out) {
    return std::unexpected(k_exit_usage);  // open_cloud_context said why
  }
  auto run = emulator::RunAssembly::open(
      {cloud, *session->m_context.model, project, session->m_context.context.regions},
      [session = session.get()](const emulator::StarbaseOutcome& outcome) { session->record(outcome); });
  if (!run) {
    print_run_error(err, run.error());
    return std::unexpected(k_exit_usage);
  }
  impl.run = std::move(*run);
  return session;
}

emulator::StarbaseContext DispatchSession::starbase() {
  return m_impl->run->starbase();
}

void DispatchSession::record(const emulator::StarbaseOutcome& outcome) {
  const std::lock_guard lock(m_impl->outcomes_mutex);
  m_impl->outcomes.push_back(outcome);
}

void DispatchSession::record_timed(std::string event, const emulator::StarbaseOutcome& outcome) {
  record(outcome);
  m_impl->timed_events.push_back({.event = std::move(event),
                                  .at = m_context.cloud->clock().now(),
                                  .failure = outcome.failure,
                                  .fanout_messages_sent = outcome.fanout_messages_sent});
}

void DispatchSession::set_template_file(std::string key, std::string file) {
  m_impl->template_files.insert_or_assign(std::move(key), std::move(file));
}

void DispatchSession::set_payload_file(const std::string& worker, const std::string& template_name,
                                       const std::string& file) {
  m_impl->tasked.push_back(
      {.worker = worker, .key = file, .messages_sent = 1, .template_name = template_name});
  set_template_file(file, file);
}

bool DispatchSession::wants_text() const {
  return m_flags.format == "text" || m_flags.output.has_value();
}

std::ostream& DispatchSession::text_out(std::ostream& out, std::ostream& err) const {
  return wants_text() ? out : err;
}

int DispatchSession::dispatch(std::ostream& out, std::ostream& err,
                              const std::optional<std::string>& only_queue) {
  auto& cloud = *m_context.cloud;
  // One dispatcher per state at a time (emulator/state/dispatch_lock.hpp); then continue from the
  // virtual time the other one left.
  auto dispatch_lock = emulator::DispatchLock::acquire(cloud.store().dir(), [&](pid_t holder) {
    err << fmt::format("drydock: waiting for {} to finish dispatching from {}\n",
                       holder > 0 ? fmt::format("process {}", holder) : std::string("another drydock"),
                       cloud.store().dir().string())
        << std::flush;
  });
  if (!dispatch_lock) {
    print_error(err, dispatch_lock.error());
    return k_exit_usage;
  }
  try {
    if (const auto saved = cloud.store().saved_clock()) {
      cloud.clock().advance_to(*saved);  // no-op when this process's clock is already later
    }
  } catch (const emulator::StoreFailure& failure) {
    print_error(err, failure.what());
    return k_exit_usage;
  }
  emulator::DispatcherOptions options;
  options.real_time = m_flags.real_time;
  options.max_invocations = m_flags.max_invocations;
  if (m_flags.commit) {
    options.commit = "true";
  }
  const bool live = !m_flags.progress && ::isatty(STDERR_FILENO) == 1;
  if (m_flags.progress || live) {
    auto last_draw = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    const emulator::Instant start = cloud.clock().now();
    options.on_progress = [this, live, last_draw, start,
                           &err](const emulator::DispatchProgress& progress) mutable {
      const auto& t = progress.totals;
      const auto wall = std::chrono::steady_clock::now();
      const bool due = live ? wall - last_draw >= std::chrono::milliseconds(100) : t.invocations % 100 == 0;
      if (!due && !progress.finished) {
        return;
      }
      last_draw = wall;
      const std::string line = fmt::format(
          "[drydock] {} invocations: {} succeeded, {} failed attempts, {} dead-lettered; virtual +{}s",
          t.invocations, t.succeeded, t.failed_attempts, t.dead_lettered,
          std::chrono::duration_cast<std::chrono::seconds>(progress.now - start).count());
      if (live) {
        err << '\r' << line << (progress.finished ? "\r\x1b[K" : "") << std::flush;
      } else {
        err << line << '\n' << std::flush;
      }
    };
  }
  emulator::AttemptHistory history(cloud.store());
  options.history = &history;
  emulator::Dispatcher dispatcher(cloud.sqs(), cloud.clock(), std::move(options));
  const auto unserved = m_impl->run->add_mappings(dispatcher, only_queue);
  if (!unserved) {
    print_error(err, unserved.error());
    return k_exit_usage;
  }
  auto report = dispatcher.run_until_idle();
  cloud.save_clock();
  if (!report) {
    print_error(err, report.error().message);
    return k_exit_usage;
  }
  std::vector<emulator::StarbaseOutcome> outcomes;
  {
    const std::lock_guard lock(m_impl->outcomes_mutex);
    outcomes = std::move(m_impl->outcomes);
    m_impl->outcomes.clear();  // the next dispatch reports its own
  }
  if (wants_text()) {
    render_dispatch_text({*report, outcomes, *unserved, m_flags.verbose}, out);
  }
  bool starbase_failed = false;
  for (const auto& outcome : outcomes) {
    starbase_failed = starbase_failed || outcome.failure.has_value();
  }
  const bool problems = report->totals.dead_lettered > 0 || starbase_failed || report->limit_hit.has_value();
  if (m_flags.format != "text") {
    m_impl->keep(std::move(*report), std::move(outcomes), *unserved);
  }
  return problems ? k_exit_problems : k_exit_ok;
}

int DispatchSession::invoke_once(const std::string& worker, const std::string& body, std::ostream& out,
                                 std::ostream& err) {
  workers::Transport* transport = m_impl->run->transport(worker);
  const auto& layout = m_context.cloud->layout();
  const auto pair = std::find_if(layout.workers.begin(), layout.workers.end(),
                                 [&](const emulator::QueuePair& p) { return p.owner == worker; });
  if (transport == nullptr || pair == layout.workers.end()) {
    print_error(
        err, fmt::format("worker {} has no transport in drydock.yaml (builtin, command or http) or no queue",
                         worker));
    return k_exit_usage;
  }
  const auto invocation = one_record_invocation(*m_context.cloud, *pair, body, m_flags.commit);
  return report_invocation(worker, body, transport->invoke(invocation.event, invocation.context), out, err);
}

namespace {

// A report of one function's one message, for `drydock run`.
emulator::DispatchReport one_message_report(const emulator::CloudLayout& layout, const std::string& worker,
                                            const emulator::MessageRecord& message, emulator::Instant now) {
  emulator::MappingReport mapping{.function_name = worker};
  for (const auto& pair : layout.workers) {
    mapping.queue_name = pair.owner == worker ? pair.queue.name : mapping.queue_name;
  }
  mapping.messages.put(message);
  mapping.totals.invocations = message.attempts();
  mapping.totals.succeeded = message.outcome == emulator::MessageOutcome::succeeded ? 1 : 0;
  mapping.totals.failed_attempts = message.attempts() - mapping.totals.succeeded;
  emulator::DispatchReport report;
  report.totals = mapping.totals;
  report.mappings.push_back(std::move(mapping));
  report.started_at = now;
  report.finished_at = now;
  report.wall_time = message.time;
  return report;
}

}  // namespace

int DispatchSession::report_invocation(const std::string& worker, const std::string& body,
                                       const workers::InvocationResult& result, std::ostream& out,
                                       std::ostream& err) {
  if (m_flags.format != "text") {
    const emulator::Instant now = m_context.cloud->clock().now();
    const emulator::AssignedTarget target = emulator::assigned_target(body);
    emulator::MessageRecord message{
        .message_id = std::string(k_one_record_message_id),
        .account = target.account,
        .region = target.region,
        .receive_counts = {1},
        .outcome = result.succeeded ? emulator::MessageOutcome::succeeded : emulator::MessageOutcome::failed,
        .first_attempt = now,
        .last_attempt = now,
        .last_error = result.succeeded ? "" : result.error,
        .last_output_tail = result.succeeded ? "" : result.output_tail,
        .template_name = target.template_name,
        .time = result.duration,
        .last_cause = {.exit_code = result.exit_code,
                       .signal = result.signal,
                       .http_status = result.http_status,
                       .timed_out = result.timed_out}};
    m_impl->keep(one_message_report(m_context.cloud->layout(), worker, message, now), {}, {});
  }
  return cli::report_invocation(worker, result, out, err);
}

void DispatchSession::record_refused(const std::string& worker, const emulator::MessageRecord& message) {
  if (m_flags.format != "text") {
    m_impl->keep(
        one_message_report(m_context.cloud->layout(), worker, message, m_context.cloud->clock().now()), {},
        {});
  }
}

std::optional<std::string> DispatchSession::template_file(std::string_view key) const {
  if (const auto found = m_impl->template_files.find(std::string(key));
      found != m_impl->template_files.end()) {
    return found->second;
  }
  const auto& project = *m_context.context.project;
  std::error_code ec;
  const std::filesystem::path file = project.templates / key;
  if (key.empty() || !std::filesystem::is_regular_file(file, ec)) {
    return std::nullopt;
  }
  return workers::display_path(file, std::filesystem::current_path(ec));
}

int DispatchSession::finish(std::string_view command, int status, std::ostream& out, std::ostream& err) {
  if (m_flags.format == "text" || status >= k_exit_usage) {
    return status;
  }
  auto& impl = *m_impl;
  if (!impl.results) {
    impl.results.emplace();  // nothing ran: an empty report
    impl.results->started_at = impl.results->finished_at = m_context.cloud->clock().now();
  }
  const DispatchView view{.report = *impl.results,
                          .starbase = impl.result_outcomes,
                          .unserved = impl.result_unserved,
                          .verbose = m_flags.verbose,
                          .command = command,
                          .timed_events = &impl.timed_events,
                          .tasked = &impl.tasked,
                          .template_file = [this](std::string_view key) { return template_file(key); }};
  const auto render = [&](std::ostream& stream) {
    if (m_flags.format == "json") {
      render_dispatch_json(view, stream);
    } else if (m_flags.format == "junit") {
      render_dispatch_junit(view, stream);
    } else {
      render_dispatch_github(view, stream);
    }
  };
  if (!m_flags.output) {
    render(out);
    return status;
  }
  if (auto written = emulator::write_file_atomically(*m_flags.output, render); !written) {
    print_error(err, fmt::format("cannot write the {} report: {}", m_flags.format, written.error()));
    return k_exit_usage;
  }
  return status;
}

}  // namespace drydock::cli
