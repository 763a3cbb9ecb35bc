#pragma once
// What `fanout`, `put`, `tick`, `clock advance`, `drain`, `dlq replay` and `run` share: the project's
// cloud, the Starbase consuming the fan-out queue, every worker's transport on its queue, and
// dispatcher runs until the queues are idle, reported as text — and for machines (JSON) and CI (JUnit,
// GitHub annotations) as one report of everything the command ran, on stdout or in an --output file —
// with the exit status of DESIGN.md (1 when a message was dead-lettered or the Starbase failed a
// template).

#include <expected>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cloud_context.hpp"
#include "emulator/lambda/dispatcher.hpp"
#include "emulator/starbase/starbase.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::cli {

struct DispatchFlags {
  CloudFlags cloud;
  std::string format = "text";  // text | json | junit | github
  // --output FILE: the json, junit or github report goes to FILE (atomically) and the text report to
  // stdout. Not with text.
  std::optional<std::string> output;
  bool verbose = false;    // -v: every attempt's error and output tail, and the Starbase's log
  bool real_time = false;  // --real-time: wait for visibility timeouts on the wall clock
  bool commit = false;     // --commit: STARFLEET_COMMIT=true for the workers
  std::optional<std::int64_t> max_invocations;
  // --progress: a progress line on stderr every 100 invocations (for logs and scripts). Without it a
  // terminal on stderr gets a live line, redrawn at most every 100 ms and erased at the end.
  bool progress = false;
};

class DispatchSession {
 public:
  // Opens the project's cloud, its account index (when drydock.yaml names one) and every worker's
  // transport. Prints problems (--output with --format text among them) and returns the exit code on
  // failure.
  static std::expected<std::unique_ptr<DispatchSession>, int> open(const DispatchFlags& flags,
                                                                   std::ostream& err);
  ~DispatchSession();

  emulator::Cloud& cloud() { return *m_context.cloud; }
  const workers::ProjectModel& model() const { return *m_context.model; }
  const workers::ProjectFile& project() const { return *m_context.context.project; }
  // The Starbase on the session's main connection (for phase 1, run before the dispatcher).
  emulator::StarbaseContext starbase();
  // Records a Starbase outcome produced by the Starbase transport for the report.
  void record(const emulator::StarbaseOutcome& outcome);
  // Records the phase 1 of the timed event `event` (a tick, a schedule firing), run outside the
  // dispatcher, for the reports: its outcome as record() does, and the event as a case of the CI ones.
  void record_timed(std::string event, const emulator::StarbaseOutcome& outcome);
  // The file template `key` of the template bucket was read from (fanout and put: the file given),
  // for the CI reports' annotations. Keys not set are looked up under the project's templates/.
  void set_template_file(std::string key, std::string file);

  // Where a command prints what it says besides the report: `out`, unless stdout carries a machine
  // report (--format json, junit or github without --output); then `err`.
  std::ostream& text_out(std::ostream& out, std::ostream& err) const;

  // Runs the dispatcher until every queue is idle (only `only_queue`'s mapping and the fan-out queue
  // when given), prints the text report to text_out() when stdout or --output wants text, keeps the
  // run for finish() when a machine format does, saves the clock. Returns 0 when every message
  // succeeded, 1 when one was dead-lettered, the Starbase failed, or a limit stopped the run; 2 on
  // store errors.
  int dispatch(std::ostream& out, std::ostream& err,
               const std::optional<std::string>& only_queue = std::nullopt);

  // Invokes `worker` once, through its transport, with a one-record SQS event carrying `body` (as if
  // received for the first time now); reports it as report_invocation() does. Returns 0 when it
  // succeeded, 1 when it failed, 2 when the worker has no transport.
  int invoke_once(const std::string& worker, const std::string& body, std::ostream& out, std::ostream& err);
  // Prints what the worker printed and how its invocation ended (cli/one_record_invocation.hpp) on
  // `out`/`err`, and keeps it for finish() as a one-message run of `worker`'s function (the message's
  // target and TemplateName read from `body`). Returns 0 when it succeeded, 1 when it failed.
  int report_invocation(const std::string& worker, const std::string& body,
                        const workers::InvocationResult& result, std::ostream& out, std::ostream& err);
  // Keeps for finish() a message of `worker` that was never invoked (a payload `drydock run` refused:
  // `message` is failed, with no attempts).
  void record_refused(const std::string& worker, const emulator::MessageRecord& message);
  // `drydock run`'s payload: `worker`'s messages named `template_name` came from `file` (for the CI
  // reports' annotations).
  void set_payload_file(const std::string& worker, const std::string& template_name, const std::string& file);

  // The end of a command: writes the report of every run kept (all of the command's dispatches and
  // invocations, as one) in the json, junit or github format to stdout, or to --output FILE
  // atomically; for --format text, or when `status` is 2 or more, nothing. `command` names it
  // ("drydock fanout"). Returns `status`, or 2 (printed) when FILE cannot be written.
  int finish(std::string_view command, int status, std::ostream& out, std::ostream& err);

 private:
  explicit DispatchSession(CloudContext context);
  bool wants_text() const;  // the text report is printed: --format text, or a report --output
  std::optional<std::string> template_file(std::string_view key) const;
  struct Impl;
  DispatchFlags m_flags;
  CloudContext m_context;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace drydock::cli
