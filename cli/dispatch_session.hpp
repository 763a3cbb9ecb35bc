#pragma once
// What `fanout`, `put`, `tick`, `clock advance` and `drain` share: the project's cloud, the Starbase
// consuming the fan-out queue, every worker's transport on its queue, and one dispatcher run until
// the queues are idle, reported as text or JSON with the exit status of DESIGN.md (1 when a message
// was dead-lettered or the Starbase failed a template).

#include <expected>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/cloud_context.hpp"
#include "emulator/lambda/dispatcher.hpp"
#include "emulator/starbase/starbase.hpp"

namespace drydock::cli {

struct DispatchFlags {
  CloudFlags cloud;
  std::string format = "text";  // text | json
  bool verbose = false;         // -v: every attempt's error and output tail, and the Starbase's log
  bool real_time = false;       // --real-time: wait for visibility timeouts on the wall clock
  bool commit = false;          // --commit: STARFLEET_COMMIT=true for the workers
  std::optional<std::int64_t> max_invocations;
  // --progress: a progress line on stderr every 100 invocations (for logs and scripts). Without it a
  // terminal on stderr gets a live line, redrawn at most every 100 ms and erased at the end.
  bool progress = false;
};

class DispatchSession {
 public:
  // Opens the project's cloud, its account index (when drydock.yaml names one) and every worker's
  // transport. Prints problems and returns the exit code on failure.
  static std::expected<std::unique_ptr<DispatchSession>, int> open(const DispatchFlags& flags,
                                                                   std::ostream& err);
  ~DispatchSession();

  emulator::Cloud& cloud() { return *m_context.cloud; }
  const workers::ProjectModel& model() const { return *m_context.model; }
  const workers::ProjectFile& project() const { return *m_context.context.project; }
  // The Starbase on the session's main connection (for phase 1, run before the dispatcher).
  emulator::StarbaseContext starbase();
  // Records a Starbase outcome produced outside the dispatcher (a tick's phase 1) for the report.
  void record(const emulator::StarbaseOutcome& outcome);

  // Runs the dispatcher until every queue is idle (only `only_queue`'s mapping and the fan-out queue
  // when given), prints the report to `out`, saves the clock. Returns 0 when every message succeeded,
  // 1 when one was dead-lettered, the Starbase failed, or a limit stopped the run; 2 on store errors.
  int dispatch(std::ostream& out, std::ostream& err,
               const std::optional<std::string>& only_queue = std::nullopt);

  // Invokes `worker` once, through its transport, with a one-record SQS event carrying `body` (as if
  // received for the first time now); prints what the worker printed. Returns 0 when it succeeded, 1
  // when it failed, 2 when the worker has no transport.
  int invoke_once(const std::string& worker, const std::string& body, std::ostream& out, std::ostream& err);

 private:
  explicit DispatchSession(CloudContext context);
  struct Impl;
  DispatchFlags m_flags;
  CloudContext m_context;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace drydock::cli
