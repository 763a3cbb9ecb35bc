#include "emulator/run/live_dispatch.hpp"

#include <exception>
#include <utility>

#include "emulator/state/dispatch_lock.hpp"

namespace drydock::emulator {

LiveDispatch::LiveDispatch(RunAssembly::Inputs inputs)
    : m_inputs(inputs), m_scheduled_to(inputs.cloud.clock().now()) {}

LiveDispatch::~LiveDispatch() = default;

std::expected<std::unique_ptr<LiveDispatch>, RunError> LiveDispatch::open(RunAssembly::Inputs inputs) {
  std::unique_ptr<LiveDispatch> live(new LiveDispatch(inputs));
  auto& cloud = inputs.cloud;
  auto store = StateStore::open(cloud.store().dir());
  if (!store) {
    return std::unexpected(RunError{{}, std::move(store.error())});
  }
  live->m_store = std::make_unique<StateStore>(std::move(*store));
  live->m_sqs = std::make_unique<SqsService>(*live->m_store, cloud.clock(), cloud.sqs().options());
  live->m_history = std::make_unique<AttemptHistory>(*live->m_store);
  auto run = RunAssembly::open(inputs, [raw = live.get()](const StarbaseOutcome& outcome) {
    const std::lock_guard lock(raw->m_outcomes_mutex);
    raw->m_outcomes.push_back(outcome);
  });
  if (!run) {
    return std::unexpected(std::move(run.error()));
  }
  live->m_run = std::move(*run);
  DispatcherOptions options;
  options.real_time = true;
  // Never wait inside a pass: what is in flight or delayed is a later pass's.
  options.max_virtual_time = std::chrono::milliseconds(0);
  options.history = live->m_history.get();
  live->m_dispatcher = std::make_unique<Dispatcher>(*live->m_sqs, cloud.clock(), std::move(options));
  auto unserved = live->m_run->add_mappings(*live->m_dispatcher);
  if (!unserved) {
    return std::unexpected(RunError{{}, std::move(unserved.error())});
  }
  live->m_unserved = std::move(*unserved);
  return live;
}

std::vector<StarbaseOutcome> LiveDispatch::take_outcomes() {
  const std::lock_guard lock(m_outcomes_mutex);
  return std::exchange(m_outcomes, {});
}

std::vector<LiveFiring> LiveDispatch::fire_due_rules() {
  const Instant now = m_inputs.cloud.clock().now();
  if (now <= m_scheduled_to) {
    return {};
  }
  VirtualClock probe(m_scheduled_to);
  const auto firings = m_inputs.cloud.scheduler().advance(probe, now - m_scheduled_to);
  m_scheduled_to = now;
  StarbaseContext starbase = m_run->starbase();
  starbase.sqs = m_sqs.get();  // this thread's connection, not the request threads'
  std::vector<LiveFiring> fired;
  fired.reserve(firings.size());
  for (const auto& firing : firings) {
    fired.push_back({firing, process_timed_event(starbase, firing.input)});
  }
  return fired;
}

LivePass LiveDispatch::pass() {
  LivePass pass;
  auto lock = DispatchLock::try_acquire(m_inputs.cloud.store().dir());
  if (!lock) {
    pass.error = std::move(lock.error());
    return pass;
  }
  if (!*lock) {
    pass.skipped = true;  // rules that fall due meanwhile fire in the first pass after it
    return pass;
  }
  try {
    pass.firings = fire_due_rules();
    auto report = m_dispatcher->run_until_idle();
    if (report) {
      pass.report = std::move(*report);
    } else {
      pass.error = std::move(report.error().message);
      pass.report = m_dispatcher->last_report();
    }
  } catch (const std::exception& failure) {  // a store failure: the server keeps serving
    pass.error = failure.what();
  }
  pass.starbase = take_outcomes();
  return pass;
}

}  // namespace drydock::emulator
