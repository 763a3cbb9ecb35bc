#include "emulator/lambda/dispatcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <iterator>
#include <limits>

#include "emulator/lambda/batch_verdict.hpp"
#include "emulator/lambda/dead_letter_watch.hpp"
#include "emulator/lambda/dispatch_clock.hpp"
#include "emulator/lambda/parallel_invoke.hpp"
#include "emulator/lambda/sqs_event.hpp"

namespace drydock::emulator {

struct Dispatcher::Mapped {
  struct Ahead {
    std::vector<ReceivedMessage> messages;
    std::uint64_t round = 0;  // the take_round that received it
  };
  QueueMapping spec;
  std::optional<DeadLetterWatch> dead_letters;  // set by begin_run
  int prefetch = 1;                             // batches per refill; set by plan_prefetch
  bool bulk = false;  // refill with one receive_message_batches call (batch size ≤ 10, visibility > 0)
  std::deque<Ahead> ahead;  // received, not invoked yet
};

struct Dispatcher::PendingDelete {
  std::size_t mapping = 0;
  MessageRecord* record = nullptr;  // node of MappingReport::messages: stable
  std::size_t attempt = 0;          // index of the attempt in record->receive_counts
  std::string receipt_handle;
};

struct Dispatcher::Batch {
  std::size_t mapping = 0;  // index into m_mapped and m_report.mappings
  std::vector<ReceivedMessage> messages;
  Instant received_at;
  PendingInvocation invocation;
};

namespace {

// ReceiveMessage returns at most 10 messages per call.
constexpr int k_sqs_batch_limit = 10;
constexpr int k_default_prefetch = 32;
constexpr int k_max_batch_size = 10'000;  // Lambda's limit for standard queues

DispatchError sqs_failure(std::string_view action, std::string_view queue, const SqsError& error) {
  return {fmt::format("{} {}: {}: {}", action, queue, error.code, error.message)};
}

int receive_count(const ReceivedMessage& message) {
  const auto found = message.attributes.find("ApproximateReceiveCount");
  int count = 0;
  if (found != message.attributes.end()) {
    std::from_chars(found->second.data(), found->second.data() + found->second.size(), count);
  }
  return count;
}

std::int64_t message_count(const QueueAttributes& attributes) {
  return attributes.approximate_number_of_messages + attributes.approximate_number_of_messages_not_visible +
         attributes.approximate_number_of_messages_delayed;
}

MessageRecord& record_for(MappingReport& report, const std::string& message_id, std::string_view body) {
  auto [it, inserted] = report.messages.try_emplace(message_id);
  if (inserted) {
    it->second.message_id = message_id;
    AssignedTarget target = assigned_target(body);
    it->second.account = std::move(target.account);
    it->second.region = std::move(target.region);
  }
  return it->second;
}

}  // namespace

Dispatcher::Dispatcher(SqsService& sqs, VirtualClock& clock, DispatcherOptions options)
    : m_sqs(sqs), m_clock(clock), m_options(std::move(options)) {
  m_random.seed(m_options.seed ? *m_options.seed : std::random_device{}());
}

Dispatcher::~Dispatcher() = default;

std::expected<void, DispatchError> Dispatcher::add_mapping(QueueMapping mapping) {
  const std::string& name = mapping.queue_name;
  if (auto attributes = m_sqs.queue_attributes(name); !attributes) {
    return std::unexpected(sqs_failure("map", name, attributes.error()));
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
  return m_report;
}

std::expected<void, DispatchError> Dispatcher::begin_run() {
  m_report = DispatchReport{.started_at = m_clock.now(), .finished_at = m_clock.now()};
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

std::expected<void, DispatchError> Dispatcher::plan_prefetch() {
  // Receiving ahead gives each message the same batches only while nothing else can reorder a mapped
  // queue's visible messages within the instant: invocations may send to it (new messages go last),
  // but our own early redrive must not feed another mapping, and a run with an invocation limit must
  // not receive batches it will not invoke.
  const auto is_mapped = [&](const std::optional<std::string>& name) {
    return name && std::any_of(m_mapped.begin(), m_mapped.end(),
                               [&](const Mapped& other) { return other.spec.queue_name == *name; });
  };
  bool ahead = !m_options.real_time && !m_options.max_invocations;
  for (const Mapped& mapped : m_mapped) {
    ahead = ahead && !is_mapped(mapped.dead_letters->dlq());
  }
  for (Mapped& mapped : m_mapped) {
    auto attributes = m_sqs.queue_attributes(mapped.spec.queue_name);
    if (!attributes) {
      return std::unexpected(sqs_failure("read", mapped.spec.queue_name, attributes.error()));
    }
    const int concurrency = mapped.spec.mapping.concurrency;
    // With a visibility timeout of 0 a received message stays visible, so a delete applied later than
    // before would let a later receive of the same instant see it again.
    mapped.bulk = mapped.spec.mapping.batch_size <= k_sqs_batch_limit &&
                  attributes->config.visibility_timeout.count() > 0;
    mapped.prefetch = concurrency;
    if (ahead && mapped.bulk) {
      const int wanted = std::max(concurrency, m_options.prefetch.value_or(k_default_prefetch));
      mapped.prefetch = (wanted + concurrency - 1) / concurrency * concurrency;
    }
  }
  return {};
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
  return invoked;
}

std::expected<std::vector<Dispatcher::Batch>, DispatchError> Dispatcher::take_round(std::int64_t allowed) {
  ++m_round;
  std::vector<Batch> round;
  for (std::size_t index = 0; index < m_mapped.size(); ++index) {
    Mapped& mapped = m_mapped[index];
    const int concurrency = mapped.spec.mapping.concurrency;
    for (int slot = 0; slot < concurrency && allowed > 0; ++slot) {
      if (mapped.ahead.empty()) {
        const auto count = std::min<std::int64_t>(mapped.prefetch - slot, allowed);
        if (auto refilled = refill(mapped, static_cast<int>(count)); !refilled) {
          return std::unexpected(refilled.error());
        }
        if (mapped.ahead.empty()) {
          break;
        }
      }
      Mapped::Ahead next = std::move(mapped.ahead.front());
      mapped.ahead.pop_front();
      if (next.round != m_round) {
        // Short because the queue ran out in an earlier round: receiving it now would also have taken
        // what invocations have sent since.
        if (auto topped = top_up(mapped, next.messages); !topped) {
          return std::unexpected(topped.error());
        }
      }
      round.push_back(
          Batch{.mapping = index, .messages = std::move(next.messages), .received_at = m_clock.now()});
      --allowed;
    }
  }
  return round;
}

std::expected<void, DispatchError> Dispatcher::refill(Mapped& mapped, int count) {
  if (mapped.bulk) {
    auto batches = m_sqs.receive_message_batches(mapped.spec.queue_name, static_cast<std::size_t>(count),
                                                 {.max_number_of_messages = mapped.spec.mapping.batch_size});
    if (!batches) {
      return std::unexpected(sqs_failure("receive from", mapped.spec.queue_name, batches.error()));
    }
    for (auto& batch : *batches) {
      mapped.ahead.push_back({.messages = std::move(batch), .round = m_round});
    }
    return {};
  }
  for (int k = 0; k < count; ++k) {
    auto messages = receive_batch(mapped);
    if (!messages) {
      return std::unexpected(messages.error());
    }
    if (messages->empty()) {
      break;
    }
    mapped.ahead.push_back({.messages = std::move(*messages), .round = m_round});
  }
  return {};
}

std::expected<void, DispatchError> Dispatcher::top_up(const Mapped& mapped,
                                                      std::vector<ReceivedMessage>& batch) {
  const auto wanted = static_cast<std::size_t>(mapped.spec.mapping.batch_size);
  while (batch.size() < wanted) {
    const int ask = static_cast<int>(std::min<std::size_t>(wanted - batch.size(), k_sqs_batch_limit));
    auto received = m_sqs.receive_message(mapped.spec.queue_name, {.max_number_of_messages = ask});
    if (!received) {
      return std::unexpected(sqs_failure("receive from", mapped.spec.queue_name, received.error()));
    }
    if (received->empty()) {
      break;
    }
    std::move(received->begin(), received->end(), std::back_inserter(batch));
  }
  return {};
}

std::expected<std::vector<ReceivedMessage>, DispatchError> Dispatcher::receive_batch(const Mapped& mapped) {
  std::vector<ReceivedMessage> batch;
  if (auto received = top_up(mapped, batch); !received) {
    return std::unexpected(received.error());
  }
  return batch;
}

void Dispatcher::invoke_round(std::vector<Batch>& round) {
  std::vector<PendingInvocation> invocations;
  invocations.reserve(round.size());
  for (Batch& batch : round) {
    const QueueMapping& spec = m_mapped[batch.mapping].spec;
    workers::InvocationContext context{
        .function_name = spec.function_name,
        .region = spec.region,
        .account_id = spec.account_id,
        .timeout = std::chrono::duration_cast<std::chrono::milliseconds>(spec.mapping.function_timeout),
        .request_id = next_request_id(),
        .commit = m_options.commit,
        .environment = m_options.environment};
    invocations.push_back(
        PendingInvocation{.transport = &spec.transport,
                          .event_json = sqs_event_json(batch.messages, spec.queue_arn, spec.region),
                          .context = std::move(context)});
  }
  invoke_all(invocations);
  for (std::size_t i = 0; i < round.size(); ++i) {
    round[i].invocation = std::move(invocations[i]);
  }
}

void Dispatcher::apply_batch(Batch& batch, std::vector<PendingDelete>& deletes) {
  const Mapped& mapped = m_mapped[batch.mapping];
  MappingReport& report = m_report.mappings[batch.mapping];
  const workers::InvocationResult& result = batch.invocation.result;
  report.totals.invocations += 1;

  std::vector<std::string> ids;
  ids.reserve(batch.messages.size());
  for (const ReceivedMessage& message : batch.messages) {
    ids.push_back(message.message_id);
  }
  const BatchVerdict verdict = judge_batch(result, ids, mapped.spec.mapping);

  // Record the attempt of every message; queue the settled ones for deletion.
  for (std::size_t k = 0; k < batch.messages.size(); ++k) {
    const ReceivedMessage& message = batch.messages[k];
    MessageRecord& record = record_for(report, message.message_id, message.body);
    if (record.outcome == MessageOutcome::succeeded) {
      // Back after a delete with a stale receipt handle (real time: the invocation outlived the
      // visibility timeout, and SQS accepted the delete without deleting): not settled after all.
      record.outcome = MessageOutcome::pending;
      report.totals.succeeded -= 1;
    }
    record.receive_counts.push_back(receive_count(message));
    if (!record.first_attempt) {
      record.first_attempt = batch.received_at;
    }
    record.last_attempt = batch.received_at;
    if (verdict.settled[k]) {
      deletes.push_back({.mapping = batch.mapping,
                         .record = &record,
                         .attempt = record.receive_counts.size() - 1,
                         .receipt_handle = message.receipt_handle});
    } else {
      report.totals.failed_attempts += 1;
      record.last_error = verdict.failure;
      record.last_output_tail = result.output_tail;
    }
  }

  report_progress(mapped.spec.function_name, false);
}

std::expected<void, DispatchError> Dispatcher::apply_deletes(std::vector<PendingDelete>& deletes) {
  // One transaction per mapping for the whole round; deletes of different queues are independent.
  for (std::size_t index = 0; index < m_mapped.size(); ++index) {
    std::vector<std::string> handles;
    std::vector<PendingDelete*> pending;
    for (PendingDelete& entry : deletes) {
      if (entry.mapping == index) {
        handles.push_back(std::move(entry.receipt_handle));
        pending.push_back(&entry);
      }
    }
    if (handles.empty()) {
      continue;
    }
    const std::string& queue = m_mapped[index].spec.queue_name;
    auto deleted = m_sqs.delete_messages(queue, handles);
    if (!deleted) {
      return std::unexpected(sqs_failure("delete from", queue, deleted.error()));
    }
    MappingReport& report = m_report.mappings[index];
    for (std::size_t k = 0; k < pending.size(); ++k) {
      MessageRecord& record = *pending[k]->record;
      if (const auto& result = (*deleted)[k]; !result) {
        record.last_error =
            fmt::format("DeleteMessage failed: {}: {}", result.error().code, result.error().message);
        continue;
      }
      // A later attempt of the same round (visibility timeout 0) decides instead, as when each batch's
      // deletes were applied before the next batch's results.
      const bool latest = pending[k]->attempt + 1 == record.receive_counts.size();
      if (latest && record.outcome != MessageOutcome::succeeded) {
        record.outcome = MessageOutcome::succeeded;
        report.totals.succeeded += 1;
      }
    }
  }
  return {};
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
      record_for(report, message.message_id, message.body).outcome = MessageOutcome::dead_lettered;
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
  // A version-4 UUID, like Lambda's request ids; seeded, so runs with a seed are reproducible.
  std::uint64_t high = m_random();
  std::uint64_t low = m_random();
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF,
                     low >> 48, low & 0xFFFFFFFFFFFFULL);
}

}  // namespace drydock::emulator
