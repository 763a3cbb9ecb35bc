#include "emulator/lambda/dispatcher.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emulator/common/uuid.hpp"
#include "emulator/lambda/dispatch_clock.hpp"
#include "emulator/lambda/dispatcher_internals.hpp"

namespace drydock::emulator {

using namespace dispatcher_detail;

Dispatcher::Dispatcher(SqsService& sqs, VirtualClock& clock, DispatcherOptions options)
    : m_sqs(sqs), m_clock(clock), m_options(std::move(options)) {
  m_random.seed(m_options.seed ? *m_options.seed : std::random_device{}());
}

Dispatcher::~Dispatcher() = default;

std::expected<void, DispatchError> Dispatcher::add_mapping(QueueMapping mapping) {
  const std::string& name = mapping.queue_name;
  if (auto config = m_sqs.queue_config(name); !config) {
    return std::unexpected(sqs_failure("map", name, config.error()));
  }
  const auto same_queue = [&](const Mapped& mapped) { return mapped.spec.queue_name == name; };
  if (std::any_of(m_mapped.begin(), m_mapped.end(), same_queue)) {
    return std::unexpected(DispatchError{fmt::format("queue {} already has an event-source mapping", name)});
  }
  const EventSourceMapping& esm = mapping.mapping;
  if (esm.batch_size < 1 || esm.batch_size > k_max_batch_size) {
    return std::unexpected(DispatchError{
        fmt::format("queue {}: batch size {} is outside 1..{}", name, esm.batch_size, k_max_batch_size)});
  }
  if (esm.concurrency < 1) {
    return std::unexpected(
        DispatchError{fmt::format("queue {}: concurrency {} is less than 1", name, esm.concurrency)});
  }
  if (esm.function_timeout.count() <= 0) {
    return std::unexpected(
        DispatchError{fmt::format("queue {}: the function timeout must be positive", name)});
  }
  if (mapping.queue_arn.empty()) {
    mapping.queue_arn = m_sqs.queue_arn(name);
  }
  if (mapping.region.empty()) {
    mapping.region = m_sqs.options().region;
  }
  if (mapping.account_id.empty()) {
    mapping.account_id = m_sqs.options().account_id;
  }
  m_mapped.push_back(Mapped{.spec = std::move(mapping)});
  return {};
}

std::expected<DispatchReport, DispatchError> Dispatcher::run_until_idle() {
  DispatchClock time(m_clock, m_options.real_time, m_options.max_virtual_time);
  if (auto begun = begin_run(); !begun) {
    return std::unexpected(begun.error());
  }
  while (true) {
    time.sync();
    // The invocation guard: stop before the next round, and call it a limit only if work is left.
    if (m_options.max_invocations && sum_totals().invocations >= *m_options.max_invocations) {
      auto busy = mapped_queues_hold_messages();
      if (!busy) {
        return std::unexpected(busy.error());
      }
      if (*busy) {
        m_report.limit_hit = DispatchLimit::max_invocations;
      }
      break;
    }
    // Receive, invoke and apply batches; redrive to DLQs happens inside the receives.
    auto invoked = run_round();
    if (!invoked) {
      return std::unexpected(invoked.error());
    }
    if (*invoked > 0) {
      continue;
    }
    // Nothing visible: let time pass to the next visibility, or stop when nothing is left.
    auto next = next_visibility();
    if (!next) {
      return std::unexpected(next.error());
    }
    if (!*next) {
      break;
    }
    if (!time.wait_until(**next)) {
      m_report.limit_hit = DispatchLimit::max_virtual_time;
      break;
    }
  }
  if (auto finished = finish_run(); !finished) {
    return std::unexpected(finished.error());
  }
  m_report.wall_time = time.wall_elapsed();
  report_progress("", true);
  return std::move(m_report);  // 100+ MB for a large fan-out: never copied
}

std::expected<void, DispatchError> Dispatcher::begin_run() {
  m_report = DispatchReport{.started_at = m_clock.now(), .finished_at = m_clock.now()};
  m_failures.clear();
  for (Mapped& mapped : m_mapped) {
    MappingReport report{.queue_name = mapped.spec.queue_name, .function_name = mapped.spec.function_name};
    auto watch = DeadLetterWatch::start(m_sqs, mapped.spec.queue_name);
    if (!watch) {
      return std::unexpected(sqs_failure("read", mapped.spec.queue_name, watch.error()));
    }
    mapped.dead_letters = std::move(*watch);
    report.dlq_name = mapped.dead_letters->dlq();
    m_report.mappings.push_back(std::move(report));
    mapped.ahead.clear();  // a failed run's batches stay in flight in SQS and come back from there
  }
  return plan_prefetch();
}

std::expected<std::int64_t, DispatchError> Dispatcher::run_round() {
  std::int64_t allowed = std::numeric_limits<std::int64_t>::max();
  if (m_options.max_invocations) {
    allowed = *m_options.max_invocations - sum_totals().invocations;
  }
  int steps = 1;  // enough to invoke one refill of every mapping
  for (const Mapped& mapped : m_mapped) {
    steps = std::max(steps, mapped.prefetch / mapped.spec.mapping.concurrency);
  }
  ++m_pass;
  std::vector<PendingDelete> deletes;
  std::int64_t invoked = 0;
  for (int step = 0; step < steps; ++step) {
    auto round = take_round(allowed);
    if (!round) {
      return std::unexpected(round.error());
    }
    if (m_options.on_progress) {
      if (auto refreshed = refresh_dead_letter_counts(); !refreshed) {
        return std::unexpected(refreshed.error());
      }
    }
    if (round->empty()) {
      break;
    }
    // Invoke the round at once, then apply results in round order (deterministic).
    invoke_round(*round);
    for (Batch& batch : *round) {
      apply_batch(batch, deletes);
    }
    invoked += static_cast<std::int64_t>(round->size());
    allowed -= static_cast<std::int64_t>(round->size());
    if (std::all_of(m_mapped.begin(), m_mapped.end(), [](const Mapped& m) { return m.ahead.empty(); })) {
      break;
    }
  }
  if (auto applied = apply_deletes(deletes); !applied) {
    return std::unexpected(applied.error());
  }
  if (m_options.history != nullptr && !m_failures.empty()) {
    auto recorded = m_options.history->record(m_failures);
    m_failures.clear();
    if (!recorded) {
      return std::unexpected(DispatchError{"record the failed attempts: " + recorded.error()});
    }
  }
  return invoked;
}

std::expected<std::optional<Instant>, DispatchError> Dispatcher::next_visibility() const {
  std::optional<Instant> earliest;
  for (const Mapped& mapped : m_mapped) {
    auto next = m_sqs.next_visible_at(mapped.spec.queue_name);
    if (!next) {
      return std::unexpected(sqs_failure("read", mapped.spec.queue_name, next.error()));
    }
    if (*next && (!earliest || **next < *earliest)) {
      earliest = **next;
    }
  }
  return earliest;
}

std::expected<bool, DispatchError> Dispatcher::mapped_queues_hold_messages() const {
  for (const Mapped& mapped : m_mapped) {
    auto attributes = m_sqs.queue_attributes(mapped.spec.queue_name);
    if (!attributes) {
      return std::unexpected(sqs_failure("read", mapped.spec.queue_name, attributes.error()));
    }
    if (message_count(*attributes) > 0) {
      return true;
    }
  }
  return false;
}

std::expected<void, DispatchError> Dispatcher::refresh_dead_letter_counts() {
  for (std::size_t index = 0; index < m_mapped.size(); ++index) {
    auto growth = m_mapped[index].dead_letters->growth(m_sqs);
    if (!growth) {
      return std::unexpected(sqs_failure("read the DLQ of", m_mapped[index].spec.queue_name, growth.error()));
    }
    m_report.mappings[index].totals.dead_lettered = *growth;
  }
  return {};
}

std::expected<void, DispatchError> Dispatcher::finish_run() {
  // Dead-lettered: in the DLQ now, not before the run, and redriven from this mapping's queue.
  for (std::size_t index = 0; index < m_mapped.size(); ++index) {
    auto arrivals = m_mapped[index].dead_letters->arrivals(m_sqs);
    if (!arrivals) {
      return std::unexpected(
          sqs_failure("read the DLQ of", m_mapped[index].spec.queue_name, arrivals.error()));
    }
    MappingReport& report = m_report.mappings[index];
    for (const PeekedMessage& message : *arrivals) {
      report.messages.set_outcome(report.messages.touch(message.message_id, message.body),
                                  MessageOutcome::dead_lettered);
    }
    report.totals.dead_lettered = static_cast<std::int64_t>(arrivals->size());
  }
  m_report.totals = sum_totals();
  m_report.finished_at = m_clock.now();
  return {};
}

DispatchTotals Dispatcher::sum_totals() const {
  DispatchTotals totals;
  for (const MappingReport& report : m_report.mappings) {
    totals += report.totals;
  }
  return totals;
}

void Dispatcher::report_progress(std::string_view function, bool finished) {
  if (m_options.on_progress) {
    m_options.on_progress(DispatchProgress{
        .totals = sum_totals(), .now = m_clock.now(), .function = function, .finished = finished});
  }
}

std::string Dispatcher::next_request_id() {
  // Like Lambda's request ids; seeded, so runs with a seed are reproducible.
  return random_uuid(m_random);
}

}  // namespace drydock::emulator
