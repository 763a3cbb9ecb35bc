#pragma once
// The commands that put work into the emulated cloud and run it to completion through the Starbase
// and the workers: `fanout`, `put`, `tick`, `clock advance`, `drain` (DESIGN.md command surface). Each
// prints the text report, or writes one json, junit or github report of all it ran
// (DispatchSession::finish), and returns DispatchSession::dispatch's status.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/dispatch_session.hpp"

namespace drydock::cli {

struct FanoutOptions {
  DispatchFlags dispatch;
  std::string worker;   // the ship
  std::string payload;  // the template file
};
// Puts the template into the template bucket under the worker's TemplatePrefix (the prefix itself
// when it names a .yaml key) and runs the S3 path — notification, Starbase, worker — until idle.
int run_fanout(const FanoutOptions& options, std::ostream& out, std::ostream& err);

struct PutOptions {
  DispatchFlags dispatch;
  std::string key;
  std::string file;
};
// The same for any key of the template bucket.
int run_put(const PutOptions& options, std::ostream& out, std::ostream& err);

struct TickOptions {
  DispatchFlags dispatch;
  std::string frequency;  // FIVE_MIN ... DAILY
};
// The timed path for one frequency now: Starbase phase 1, then phase 2 and the workers until idle.
int run_tick(const TickOptions& options, std::ostream& out, std::ostream& err);

struct ClockAdvanceOptions {
  DispatchFlags dispatch;
  std::string duration;  // "90m", "6h", "1d", "300s"
};
// Moves the virtual clock forward, running every rule firing in the window in time order (each to
// completion before the next).
int run_clock_advance(const ClockAdvanceOptions& options, std::ostream& out, std::ostream& err);

struct DrainOptions {
  DispatchFlags dispatch;
  std::optional<std::string> worker;
};
// Runs the dispatcher over what is already queued (after a crash, a replay or `serve`).
int run_drain(const DrainOptions& options, std::ostream& out, std::ostream& err);

// run_drain on an open session (`drydock dlq replay` drains after moving its messages): the
// dispatcher until idle over every queue, or `worker`'s and the Starbase's, as DispatchSession::dispatch
// (the caller finishes the session). Returns dispatch's status, or 2 (printed) when `worker` has no queue.
int drain_session(DispatchSession& session, const std::optional<std::string>& worker, std::ostream& out,
                  std::ostream& err);

}  // namespace drydock::cli
