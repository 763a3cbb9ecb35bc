#include "cli/dispatch_session.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>
#include <ostream>

#include "cli/account_index_loading.hpp"
#include "cli/app.hpp"
#include "cli/one_record_invocation.hpp"
#include "cli/render/dispatch_renderers.hpp"
#include "emulator/ships/account_index_generator.hpp"
#include "emulator/starbase/starbase_transport.hpp"
#include "emulator/state/dispatch_lock.hpp"
#include "workers/process/process_runner.hpp"
#include "workers/transports/transport_factory.hpp"
#include "workers/validation/project_validation.hpp"

namespace drydock::cli {

struct DispatchSession::Impl {
  std::optional<emulator::AccountIndex> index;
  std::unique_ptr<emulator::StateStore> starbase_store;  // the Starbase's own connection (another thread)
  std::unique_ptr<emulator::SqsService> starbase_sqs;
  std::unique_ptr<emulator::StarbaseTransport> starbase_transport;
  workers::RealProcessRunner runner;
  std::map<std::string, std::unique_ptr<workers::Transport>> transports;  // by worker
  std::mutex outcomes_mutex;
  std::vector<emulator::StarbaseOutcome> outcomes;
};

DispatchSession::DispatchSession(CloudContext context) : m_context(std::move(context)) {}

DispatchSession::~DispatchSession() = default;

std::expected<std::unique_ptr<DispatchSession>, int> DispatchSession::open(const DispatchFlags& flags,
                                                                           std::ostream& err) {
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

  if (project.account_index) {
    auto index = load_account_index(*project.account_index, session->m_context.context.regions, err,
                                    /*show_lints=*/false);
    if (!index) {
      return std::unexpected(index.error());
    }
    impl.index = std::move(*index);
  }

  auto store = emulator::StateStore::open(cloud.store().dir());
  if (!store) {
    print_error(err, store.error());
    return std::unexpected(k_exit_usage);
  }
  impl.starbase_store = std::make_unique<emulator::StateStore>(std::move(*store));
  impl.starbase_sqs =
      std::make_unique<emulator::SqsService>(*impl.starbase_store, cloud.clock(), cloud.sqs().options());
  emulator::StarbaseContext starbase_context = session->starbase();
  starbase_context.sqs = impl.starbase_sqs.get();
  impl.starbase_transport = std::make_unique<emulator::StarbaseTransport>(
      starbase_context,
      [session = session.get()](const emulator::StarbaseOutcome& outcome) { session->record(outcome); });

  for (const auto& worker : session->m_context.model->workers()) {
    if (worker.settings == nullptr || worker.stanza == nullptr) {
      continue;
    }
    const auto& settings = *worker.settings;
    if (!settings.builtin && settings.command.empty() && !settings.http && settings.runtime_api.empty()) {
      continue;  // no transport: its messages stay queued (the report says so)
    }
    if (settings.builtin == "account-index-generator") {
      // The one builtin that needs the emulated cloud (it writes the index into an S3 bucket).
      if (!impl.index) {
        print_error(err, fmt::format("worker '{}': the account-index-generator builtin writes the project's "
                                     "organization: set starfleet.account_index in drydock.yaml",
                                     worker.name));
        return std::unexpected(k_exit_usage);
      }
      impl.transports.emplace(worker.name, std::make_unique<emulator::AccountIndexGeneratorShip>(
                                               impl.index->organization(), cloud.s3(), cloud.clock(),
                                               cloud.store().dir() / "buckets"));
      continue;
    }
    auto transport = workers::make_transport(settings, project.root, impl.runner);
    if (!transport) {
      print_error(err, transport.error());
      return std::unexpected(k_exit_usage);
    }
    impl.transports.emplace(worker.name, std::move(*transport));
  }
  return session;
}

emulator::StarbaseContext DispatchSession::starbase() {
  return {m_context.model.get(),      &m_context.cloud->layout(), m_impl->index ? &*m_impl->index : nullptr,
          &m_context.context.regions, &m_context.cloud->sqs(),    &m_context.cloud->s3()};
}

void DispatchSession::record(const emulator::StarbaseOutcome& outcome) {
  const std::lock_guard lock(m_impl->outcomes_mutex);
  m_impl->outcomes.push_back(outcome);
}

int DispatchSession::dispatch(std::ostream& out, std::ostream& err,
                              const std::optional<std::string>& only_queue) {
  auto& cloud = *m_context.cloud;
  const auto& layout = cloud.layout();
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
  auto add = [&](const std::string& queue, const std::string& function, workers::Transport& transport,
                 const emulator::EventSourceMapping& mapping) -> bool {
    auto added = dispatcher.add_mapping({queue, function, transport, mapping, "", "", ""});
    if (!added) {
      print_error(err, added.error().message);
    }
    return added.has_value();
  };
  if (!add(layout.fan_out->queue.name, "Starbase", *m_impl->starbase_transport, layout.fan_out->mapping)) {
    return k_exit_usage;
  }
  std::vector<std::string> unserved;
  for (const auto& pair : layout.workers) {
    if (only_queue && pair.queue.name != *only_queue) {
      continue;
    }
    const auto transport = m_impl->transports.find(pair.owner);
    if (transport == m_impl->transports.end()) {
      unserved.push_back(pair.owner);
      continue;
    }
    if (!add(pair.queue.name, pair.owner, *transport->second, pair.mapping)) {
      return k_exit_usage;
    }
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
  DispatchView view{*report, outcomes, unserved, m_flags.verbose};
  if (m_flags.format == "json") {
    render_dispatch_json(view, out);
  } else {
    render_dispatch_text(view, out);
  }
  bool starbase_failed = false;
  for (const auto& outcome : outcomes) {
    starbase_failed = starbase_failed || outcome.failure.has_value();
  }
  const bool problems = report->totals.dead_lettered > 0 || starbase_failed || report->limit_hit.has_value();
  return problems ? k_exit_problems : k_exit_ok;
}

int DispatchSession::invoke_once(const std::string& worker, const std::string& body, std::ostream& out,
                                 std::ostream& err) {
  const auto transport = m_impl->transports.find(worker);
  const auto& layout = m_context.cloud->layout();
  const auto pair = std::find_if(layout.workers.begin(), layout.workers.end(),
                                 [&](const emulator::QueuePair& p) { return p.owner == worker; });
  if (transport == m_impl->transports.end() || pair == layout.workers.end()) {
    print_error(
        err, fmt::format("worker {} has no transport in drydock.yaml (builtin, command or http) or no queue",
                         worker));
    return k_exit_usage;
  }
  const auto invocation = one_record_invocation(*m_context.cloud, *pair, body, m_flags.commit);
  return report_invocation(worker, transport->second->invoke(invocation.event, invocation.context), out, err);
}

}  // namespace drydock::cli
