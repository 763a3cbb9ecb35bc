#pragma once
// Workers dispatched while `drydock serve` runs (issue 13): messages that reach a mapped queue from
// any client invoke its function through the project's transports (the same RunAssembly as `fanout`
// and `drain`), and EventBridge's timed rules fire when the server's clock passes them.
//
// The server calls pass() again and again from one thread. A pass fires the rules that fell due since
// the last one (Starbase phase 1), then runs the dispatcher over what is visible now and returns
// without waiting for messages in flight or delayed: their time comes on the wall clock (or through
// POST /_drydock/clock/advance) and a later pass takes them. So a pass is short unless a worker is, and
// the server stops as soon as the invocations in progress end.
//
// Threads and stores: the dispatcher, the Starbase and the attempt history work on connections of
// their own to the state store, never on the cloud's (which the server's request threads use under
// their gate); the cloud's clock is shared (it is safe across threads). Each pass holds the state's
// DispatchLock, and skips its turn while another drydock command dispatches from the same state.

#include <chrono>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "emulator/eventbridge/schedule.hpp"
#include "emulator/history/attempt_history.hpp"
#include "emulator/lambda/dispatcher.hpp"
#include "emulator/run/run_assembly.hpp"

namespace drydock::emulator {

// A timed rule that fired during a pass, with what the Starbase did with it.
struct LiveFiring {
  Firing firing;
  StarbaseOutcome outcome;
};

// What one pass did.
struct LivePass {
  std::vector<LiveFiring> firings;        // in time order
  DispatchReport report;                  // the dispatcher's run (totals all zero when idle)
  std::vector<StarbaseOutcome> starbase;  // the Starbase invocations of the fan-out queue, in order
  std::optional<std::string> error;       // an SQS or store error; the next pass tries again
  bool skipped = false;  // another drydock process was dispatching from the state: nothing was done

  // True when the pass fired a rule, invoked a function or failed (a server prints those).
  bool active() const { return !firings.empty() || report.totals.invocations > 0 || error.has_value(); }
};

class LiveDispatch {
 public:
  // The run assembly of `inputs` with a dispatcher on its own state-store connection. Rules fire from
  // the clock's time now on (missed schedules are not backfilled, as in AWS). Fails as
  // RunAssembly::open does, or when the store cannot be opened again.
  static std::expected<std::unique_ptr<LiveDispatch>, RunError> open(RunAssembly::Inputs inputs);
  ~LiveDispatch();
  LiveDispatch(const LiveDispatch&) = delete;
  LiveDispatch& operator=(const LiveDispatch&) = delete;

  // Workers whose messages stay queued because drydock.yaml gives them no transport.
  const std::vector<std::string>& unserved() const { return m_unserved; }

  // One pass at the clock's time (see above). Not from two threads at once.
  LivePass pass();

 private:
  explicit LiveDispatch(RunAssembly::Inputs inputs);
  std::vector<LiveFiring> fire_due_rules();
  std::vector<StarbaseOutcome> take_outcomes();

  RunAssembly::Inputs m_inputs;
  std::unique_ptr<StateStore> m_store;  // the dispatcher's, the timed events' and the history's
  std::unique_ptr<SqsService> m_sqs;
  std::unique_ptr<AttemptHistory> m_history;
  std::unique_ptr<RunAssembly> m_run;
  std::unique_ptr<Dispatcher> m_dispatcher;
  std::vector<std::string> m_unserved;
  Instant m_scheduled_to;  // rules have fired up to here
  std::mutex m_outcomes_mutex;
  std::vector<StarbaseOutcome> m_outcomes;  // from the Starbase transport, on the dispatcher's threads
};

}  // namespace drydock::emulator
