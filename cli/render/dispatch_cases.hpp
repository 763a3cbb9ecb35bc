#pragma once
// What the CI renderers of a dispatch report (junit, github) share: each message is a test case of its
// function, named for its target and unique in its suite, in a stable order; how a case is counted;
// where its template came from; and the words for why it failed.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/render/dispatch_renderers.hpp"

namespace drydock::cli {

// Calls on_case(index, name) for every message of `log`, sorted by account, region and template name
// (a missing one first) and then MessageId. The name is "<account> <region> <template name>" with
// what the message lacks left out ("message <id>" when it lacks all three), and " (<id>)" appended
// when another message of the log has the same. Holds one index per message, nothing else.
void for_each_case(const emulator::MessageLog& log,
                   const std::function<void(emulator::MessageLog::Index, const std::string&)>& on_case);

struct CaseCounts {
  std::size_t tests = 0;
  std::size_t failures = 0;  // dead-lettered or failed messages, failed timed events
  std::size_t skipped = 0;   // messages still queued
  std::int64_t time_ms = 0;  // the workers' wall time over the cases
};

// The cases of one function's suite: its messages, and for the Starbase's the timed events too.
CaseCounts count_cases(const DispatchView& view, const emulator::MappingReport& mapping);
// The same over every suite of the report (render_dispatch_junit's <testsuites> totals).
CaseCounts count_all_cases(const DispatchView& view);

// Whether the message's case is a failure (dead-lettered, or failed without a queue).
bool is_failure(emulator::MessageOutcome outcome);

// The template a worker's message came from: the one tasked to `worker` with `template_name` (by the
// Starbase, or DispatchView::tasked); nullptr when none was, or several were.
const emulator::TaskedTemplate* tasked_template(const DispatchView& view, std::string_view worker,
                                                std::optional<std::string_view> template_name);

// The template key of a message of `mapping` (the Starbase's: its name is the key; a worker's: the
// key it was tasked from) and that key's file, each nullopt when not known.
struct CaseTemplate {
  std::optional<std::string> key;
  std::optional<std::string> file;
};
CaseTemplate case_template(const DispatchView& view, const emulator::MappingReport& mapping,
                           const emulator::MessageRecord& message);

// The key of a template the Starbase names as "s3://<bucket>/<key>" in its diagnostics; nullopt when
// `display` is not of that form.
std::optional<std::string_view> s3_key_of(std::string_view display);

// One line: "dead-lettered in <dlq> after 4 attempts: <first line of the last error>", "failed: …",
// "still queued …".
std::string case_summary(const emulator::MappingReport& mapping, const emulator::MessageRecord& message);

// What ended the last failed attempt, one fact per line ("exit code 1", "killed by signal 9", "timed out",
// "HTTP status 502"); "" when nothing is known beyond the error.
std::string cause_lines(const emulator::FailureCause& cause);

// "4 attempts (receive counts 1, 2, 3, 4), virtual time 2026-…Z to 2026-…Z".
std::string attempts_line(const emulator::MessageRecord& message);

// The first line of `text`.
std::string_view first_line(std::string_view text);

}  // namespace drydock::cli
