#pragma once
// Dispatch reports built by hand for the CI renderers' tests (junit, github): a worker's mapping with
// the messages a test puts in, the Starbase's, and a DispatchView over them.

#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/render/dispatch_renderers.hpp"

namespace drydock::test {

inline emulator::Instant at_ms(std::int64_t ms) {
  return emulator::Instant(std::chrono::milliseconds(ms));
}

// 2026-01-01T00:00:00.000Z, and `seconds` after it.
inline emulator::Instant virtual_time(std::int64_t seconds = 0) {
  return at_ms(1'767'225'600'000 + seconds * 1000);
}

// A worker mapping, as the dispatcher reports one.
inline emulator::MappingReport worker_mapping(std::string function, std::string queue,
                                              std::optional<std::string> dlq) {
  return emulator::MappingReport{
      .queue_name = std::move(queue), .function_name = std::move(function), .dlq_name = std::move(dlq)};
}

struct ReportFixture {
  emulator::DispatchReport report;
  std::vector<emulator::StarbaseOutcome> starbase;
  std::vector<std::string> unserved;
  std::vector<cli::TimedEvent> timed_events;
  std::vector<emulator::TaskedTemplate> tasked;
  std::function<std::optional<std::string>(std::string_view)> template_file;
  std::string_view command = "drydock fanout";
  bool verbose = false;

  ReportFixture() {
    report.started_at = virtual_time();
    report.finished_at = virtual_time(900);
  }

  // Adds `mapping` with its totals summed from its messages (one invocation per attempt).
  emulator::MappingReport& add(emulator::MappingReport mapping) {
    mapping.messages.for_each([&](const emulator::MessageRecord& message) {
      const bool settled = message.outcome == emulator::MessageOutcome::succeeded;
      mapping.totals.invocations += message.attempts();
      mapping.totals.succeeded += settled ? 1 : 0;
      mapping.totals.failed_attempts += message.attempts() - (settled && message.attempts() > 0 ? 1 : 0);
      mapping.totals.dead_lettered += message.outcome == emulator::MessageOutcome::dead_lettered ? 1 : 0;
      report.wall_time += message.time;
    });
    report.totals += mapping.totals;
    report.mappings.push_back(std::move(mapping));
    return report.mappings.back();
  }

  cli::DispatchView view() const {
    return cli::DispatchView{.report = report,
                             .starbase = starbase,
                             .unserved = unserved,
                             .verbose = verbose,
                             .command = command,
                             .timed_events = &timed_events,
                             .tasked = &tasked,
                             .template_file = template_file};
  }

  std::string junit() const {
    std::ostringstream out;
    cli::render_dispatch_junit(view(), out);
    return out.str();
  }
  std::string github() const {
    std::ostringstream out;
    cli::render_dispatch_github(view(), out);
    return out.str();
  }
};

}  // namespace drydock::test
