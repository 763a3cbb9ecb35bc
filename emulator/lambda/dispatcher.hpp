#pragma once
// The Lambda event-source mappings of the emulated cloud (DESIGN.md data flow: worker queue → Lambda
// dispatcher → worker transport). For each mapped queue the dispatcher receives batches, hands each
// batch's Lambda SQS event to the function's transport, deletes what the invocation settled, and lets
// the rest come back after the visibility timeout, so the queue's RedrivePolicy moves a message that
// keeps failing to its DLQ (inside ReceiveMessage, lazily, as AWS does: aws-anchors.md §4.1, §4.5).
//
// Time is the VirtualClock's: when nothing is visible but messages are in flight or delayed, the clock
// jumps to the next visibility, so four 300-second retries take milliseconds. Real-time mode sleeps
// instead. Runs proceed in rounds: every mapping receives up to `concurrency` batches, the round's
// invocations run at once on threads, then their results are applied on the dispatcher's thread in
// mapping order — so outcomes do not depend on thread timing, and all SQS calls stay on one thread.
// In virtual time a mapping may receive several rounds' batches ahead in one SQS transaction
// (DispatcherOptions::prefetch) and the deletes of those rounds are applied in one transaction: no
// virtual time passes meanwhile, so each message meets the same batches, attempts and outcome.

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/cloud/cloud_layout.hpp"
#include "emulator/common/clock.hpp"
#include "emulator/history/attempt_history.hpp"
#include "emulator/lambda/dispatch_report.hpp"
#include "emulator/sqs/sqs_service.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::emulator {

// One event-source mapping: a queue feeding one function through its transport.
struct QueueMapping {
  std::string queue_name;
  std::string function_name;      // the worker ship (or "Starbase"), AWS_LAMBDA_FUNCTION_NAME
  workers::Transport& transport;  // must outlive the Dispatcher; invoked from several threads
  EventSourceMapping mapping;     // batch size (1..10000), function timeout, concurrency, RBIF
  std::string queue_arn;          // the event's eventSourceARN; "" → SqsService::queue_arn(queue_name)
  std::string region;             // awsRegion and the function's AWS_REGION; "" → the SqsService's
  std::string account_id;         // the function's account; "" → the SqsService's
};

// Reported after every applied invocation and once when the run ends.
struct DispatchProgress {
  DispatchTotals totals;      // running totals over all mappings (dead_lettered: as the DLQs count it)
  Instant now;                // the virtual clock
  std::string_view function;  // the function just invoked; "" for the final report
  bool finished = false;      // true for the call made when the run ends
};

struct DispatcherOptions {
  // Runaway guards: a run stops (DispatchReport::limit_hit) before invoking more than this many times,
  // or before letting virtual time pass beyond `max_virtual_time` after its start. nullopt: no limit
  // (a queue without a DLQ still ends once its retention period has passed).
  std::optional<std::int64_t> max_invocations;
  std::optional<std::chrono::milliseconds> max_virtual_time;
  // Sleep until the next visibility on the host's clock instead of moving the virtual clock (product
  // use: `drydock serve`-style runs next to real clients). Tests keep virtual time.
  bool real_time = false;
  // Batches each mapping receives ahead in one ReceiveMessage transaction in virtual time; they are
  // still invoked `concurrency` at a time, and their deletes are applied together once they have all
  // been invoked. nullopt: max(concurrency, 32); rounded up to a multiple of the concurrency. Results do
  // not depend on it. The concurrency is used instead in real time, with max_invocations, and for a
  // mapping whose batch size is above 10 or whose queue's visibility timeout is 0, or when one mapped
  // queue is another's DLQ (receiving ahead would redrive into a mapped queue early).
  std::optional<int> prefetch;
  // Called on the dispatcher's thread; for a live terminal line. `succeeded` counts the deletes applied
  // so far (they may be applied several invocations later than the invocation, see prefetch).
  std::function<void(const DispatchProgress&)> on_progress;
  // Seeds the invocations' request ids; nullopt seeds from std::random_device.
  std::optional<std::uint64_t> seed;
  // Passed to every invocation (InvocationContext::commit / environment).
  std::optional<std::string> commit;
  std::vector<std::pair<std::string, std::string>> environment;
  // Where every failed attempt is recorded (issue 6: `drydock dlq show` says why a dead letter died),
  // once per round in one transaction. Must work on the SqsService's store and outlive the Dispatcher.
  // nullptr: attempts are not recorded.
  AttemptHistory* history = nullptr;
};

struct DispatchError {
  std::string message;  // e.g. "receive from starfleet-iam-role-worker: Drydock.StateLocked: …"
};

class Dispatcher {
 public:
  // `sqs` must read `clock` (the dispatcher moves it); both must outlive the Dispatcher.
  Dispatcher(SqsService& sqs, VirtualClock& clock, DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Adds the mapping of one queue. Fails when the queue does not exist, already has a mapping, or the
  // batch size (1..10000), concurrency (≥ 1) or function timeout (> 0) is out of range.
  std::expected<void, DispatchError> add_mapping(QueueMapping mapping);

  // Drives every mapping until no mapped queue holds a message (visible, in flight or delayed),
  // following messages that invocations add to mapped queues, or until a guard of DispatcherOptions
  // stops it (DispatchReport::limit_hit). Returns the report of this run. Fails on an SQS error (the
  // store locked by another process too long, a mapped queue deleted), leaving the messages where SQS
  // has them; last_report() then holds what the run had done. A successful run moves its report out.
  std::expected<DispatchReport, DispatchError> run_until_idle();

  // The report of the current or last failed run; empty before the first and after a successful one.
  const DispatchReport& last_report() const { return m_report; }

 private:
  struct Mapped;
  struct Batch;
  struct PendingDelete;

  std::expected<void, DispatchError> begin_run();
  std::expected<void, DispatchError> plan_prefetch();
  std::expected<std::int64_t, DispatchError> run_round();
  std::expected<std::vector<Batch>, DispatchError> take_round(std::int64_t allowed);
  std::expected<void, DispatchError> refill(Mapped& mapped, int count);
  std::expected<void, DispatchError> top_up(const Mapped& mapped, std::vector<ReceivedMessage>& batch);
  std::expected<std::vector<ReceivedMessage>, DispatchError> receive_batch(const Mapped& mapped);
  void invoke_round(std::vector<Batch>& round);
  void apply_batch(Batch& batch, std::vector<PendingDelete>& deletes);
  std::expected<void, DispatchError> apply_deletes(std::vector<PendingDelete>& deletes);
  std::expected<std::optional<Instant>, DispatchError> next_visibility() const;
  std::expected<bool, DispatchError> mapped_queues_hold_messages() const;
  std::expected<void, DispatchError> refresh_dead_letter_counts();
  std::expected<void, DispatchError> finish_run();
  void report_progress(std::string_view function, bool finished);
  DispatchTotals sum_totals() const;
  std::string next_request_id();

  SqsService& m_sqs;
  VirtualClock& m_clock;
  DispatcherOptions m_options;
  std::vector<Mapped> m_mapped;
  DispatchReport m_report;
  std::mt19937_64 m_random;
  std::uint64_t m_round = 0;  // counts take_round calls; tells a prefetched batch from this round's
  std::uint64_t m_pass = 0;   // counts run_round calls (each takes up to `prefetch` rounds)
  std::vector<FailedAttempt> m_failures;  // this pass's failed attempts, for DispatcherOptions::history
};

}  // namespace drydock::emulator
