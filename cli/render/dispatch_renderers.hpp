#pragma once
// Reports of a dispatcher run (`fanout`, `put`, `tick`, `clock advance`, `drain`, `dlq replay`, and
// `run`'s one invocation): a summary per function, the dead letters with why they failed, the
// Starbase's failures and (for fanned-out runs) the account × region outcome grid; the machine report
// of the issue as JSON; and the results for CI — a JUnit report (one test case per message) and GitHub
// workflow annotations. The machine renderers stream what they write from the compact per-message logs.

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/lambda/dispatch_report.hpp"
#include "emulator/starbase/starbase.hpp"
#include "emulator/starbase/starbase_transport.hpp"

namespace drydock::cli {

using emulator::k_starbase_function;

// The phase 1 of a timed event (`tick`, each schedule firing of `clock advance`): the Starbase's first
// step, before any queue. Its failure is a failed test case of the Starbase.
struct TimedEvent {
  std::string event;                   // the event's JSON, e.g. {"name": "HOURLY"}
  emulator::Instant at;                // virtual
  std::optional<std::string> failure;  // StarbaseOutcome::failure
  std::size_t fanout_messages_sent = 0;
};

struct DispatchView {
  const emulator::DispatchReport& report;
  const std::vector<emulator::StarbaseOutcome>& starbase;  // every Starbase invocation, in order
  const std::vector<std::string>& unserved;                // workers without a transport
  bool verbose = false;
  // For the CI reports (junit, github):
  std::string_view command = "drydock";  // what ran ("drydock fanout"): <testsuites name>, ::notice title
  const std::vector<TimedEvent>* timed_events = nullptr;  // nullptr: none
  // Templates given to a worker other than by the Starbase: `drydock run`'s payload (its key is the
  // payload's path). nullptr: none.
  const std::vector<emulator::TaskedTemplate>* tasked = nullptr;
  // The file a template key of the template bucket was read from, relative to the working directory
  // (GitHub's file=); nullopt when not known. Unset: never known.
  std::function<std::optional<std::string>(std::string_view key)> template_file;
};

void render_dispatch_text(const DispatchView& view, std::ostream& out);

// {"invocations","succeeded","failed_attempts","dead_lettered","messages":[...]} (write_report_json) plus
// "starbase": {"tasked": [{"worker","key","kind","messages"}], "failures": [...]}, "virtual_time"
// {"start","end"} and "limit_hit".
void render_dispatch_json(const DispatchView& view, std::ostream& out);

// A JUnit XML report: one <testsuite> per function (the Starbase's first, then each worker's, in the
// report's order; a function with nothing to do is left out) with one <testcase> per message —
// classname the function, name "<account> <region> <TemplateName>" (what the message has of them; a
// Starbase message's name is its template key, a timed event's "timed event <event> at <virtual
// time>"; a name two messages share gets " (<MessageId>)") — sorted by account, region, name and id.
// A dead-lettered (or, for `run`, failed or refused) message is a <failure> carrying the last error,
// what ended it (exit code, signal, timeout, HTTP status), its attempts, its DLQ, the template and
// the end of the worker's output; a message still queued when a limit stopped the run is <skipped>;
// one that succeeded after retries passes and says so in <system-out>. time is the worker's wall
// time for the message (its share of each invocation). Valid XML 1.0 whatever the workers printed.
// Streamed: one case at a time from the message logs (plus an index per message for the order).
void render_dispatch_junit(const DispatchView& view, std::ostream& out);

// GitHub workflow commands: `::error file=<template>,title=<function> <case name>::…` for every
// dead-lettered (or failed) message and every Starbase failure (file= when the template's file is
// known; the template errors the Starbase found with their line and column), at most 50 per function
// unless `verbose`; `::warning` lines for workers without a transport and a run stopped early; then a
// `::notice` summary line.
void render_dispatch_github(const DispatchView& view, std::ostream& out);

}  // namespace drydock::cli
