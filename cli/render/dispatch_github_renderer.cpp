// GitHub workflow annotations of a dispatch (render_dispatch_github): an ::error per failed case, on
// its template's file when known, and a ::notice summary.
#include <fmt/format.h>

#include <ostream>
#include <set>

#include "cli/render/dispatch_cases.hpp"
#include "cli/render/escaping.hpp"
#include "emulator/common/instant_text.hpp"
#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::cli {
namespace {

using emulator::MessageLog;
using emulator::MessageOutcome;

// Failed cases annotated per function without -v (GitHub shows 10 per step anyway; the log keeps more).
constexpr std::size_t k_max_annotations = 50;
constexpr std::size_t k_max_output_lines = 20;

void command(std::ostream& out, std::string_view kind, const std::optional<std::string>& file,
             std::string_view title, std::string_view message,
             std::optional<workers::Mark> at = std::nullopt) {
  std::string properties;
  if (file) {
    properties = "file=" + github_escape(*file, true);
    if (at && at->line > 0) {
      properties += fmt::format(",line={},col={}", at->line, at->column);
    }
    properties += ',';
  }
  properties += "title=" + github_escape(title, true);
  out << "::" << kind << ' ' << properties << "::" << github_escape(message, false) << '\n';
}

// The last k_max_output_lines lines of a worker's output, for an annotation.
std::string output_end(std::string_view output) {
  while (output.ends_with('\n')) {
    output.remove_suffix(1);
  }
  std::size_t start = 0;
  std::size_t end = output.size();
  for (std::size_t lines = 0; lines < k_max_output_lines && end > 0; ++lines) {
    const auto newline = output.rfind('\n', end - 1);
    if (newline == std::string_view::npos) {
      return std::string(output);
    }
    start = newline + 1;
    end = newline;
  }
  return std::string(output.substr(start));
}

void annotate_message(const DispatchView& view, const emulator::MappingReport& mapping,
                      MessageLog::Index index, const std::string& name, std::set<std::string>& annotated_keys,
                      std::ostream& out) {
  const emulator::MessageRecord message = mapping.messages.record(index);
  const CaseTemplate source = case_template(view, mapping, message);
  std::string text = case_summary(mapping, message) + "\n" + cause_lines(message.last_cause) +
                     fmt::format("message {}: {}", message.message_id, attempts_line(message));
  if (!message.last_output_tail.empty()) {
    text += "\noutput (end):\n" + output_end(message.last_output_tail);
  }
  command(out, "error", source.file, mapping.function_name + " " + name, text);
  // The Starbase's template errors, at their lines, once per template.
  if (mapping.function_name != k_starbase_function || !source.key ||
      !annotated_keys.insert(*source.key).second) {
    return;
  }
  for (const auto& outcome : view.starbase) {
    bool any = false;
    for (const auto& diagnostic : outcome.diagnostics) {
      if (s3_key_of(diagnostic.file) != *source.key) {
        continue;
      }
      any = true;
      const std::string field = workers::format_field_path(diagnostic.field);
      command(
          out, diagnostic.severity == workers::Severity::error ? "error" : "warning", source.file,
          field.empty() ? std::string(k_starbase_function) : std::string(k_starbase_function) + " " + field,
          source.file ? diagnostic.message : workers::format_diagnostic(diagnostic), diagnostic.mark);
    }
    if (any) {
      break;  // every attempt fails the same way
    }
  }
}

}  // namespace

void render_dispatch_github(const DispatchView& view, std::ostream& out) {
  if (view.timed_events != nullptr) {
    for (const TimedEvent& event : *view.timed_events) {
      if (event.failure) {
        command(out, "error", std::nullopt,
                fmt::format("{} timed event {} at {}", k_starbase_function, event.event,
                            emulator::format_instant(event.at)),
                *event.failure);
      }
    }
  }
  std::set<std::string> annotated_keys;
  for (const auto& mapping : view.report.mappings) {
    std::size_t annotated = 0;
    std::size_t left_out = 0;
    for_each_case(mapping.messages, [&](MessageLog::Index index, const std::string& name) {
      if (!is_failure(mapping.messages.outcome(index))) {
        return;
      }
      if (!view.verbose && annotated == k_max_annotations) {
        ++left_out;
        return;
      }
      ++annotated;
      annotate_message(view, mapping, index, name, annotated_keys, out);
    });
    if (left_out > 0) {
      command(
          out, "warning", std::nullopt, mapping.function_name,
          fmt::format("{} more failed message{} not annotated (-v annotates every one; the junit and json "
                      "reports list every message)",
                      left_out, left_out == 1 ? "" : "s"));
    }
  }
  for (const auto& worker : view.unserved) {
    command(out, "warning", std::nullopt, worker,
            "no transport in drydock.yaml (builtin, command or http): its messages stay queued");
  }
  const CaseCounts all = count_all_cases(view);
  if (view.report.limit_hit) {
    command(out, "warning", std::nullopt, view.command,
            fmt::format("stopped early: {} reached; {} message{} still queued",
                        to_string(*view.report.limit_hit), all.skipped, all.skipped == 1 ? "" : "s"));
  }
  const auto& totals = view.report.totals;
  command(out, "notice", std::nullopt, view.command,
          fmt::format("{} test case{}: {} passed, {} failed, {} still queued; {} invocation{}, {} failed "
                      "attempt{}, {} dead-lettered",
                      all.tests, all.tests == 1 ? "" : "s", all.tests - all.failures - all.skipped,
                      all.failures, all.skipped, totals.invocations, totals.invocations == 1 ? "" : "s",
                      totals.failed_attempts, totals.failed_attempts == 1 ? "" : "s", totals.dead_lettered));
}

}  // namespace drydock::cli
