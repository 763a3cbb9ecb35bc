// The JUnit XML report of a dispatch (render_dispatch_junit): one suite per function, one case per
// message, written case by case from the message logs.
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

std::string seconds(std::int64_t ms) {
  return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

void attribute(std::string& buffer, std::string_view name, std::string_view value) {
  buffer += ' ';
  buffer += name;
  buffer += "=\"";
  append_xml_escaped(buffer, value, /*attribute=*/true);
  buffer += '"';
}

// <tag>text</tag> on its own line at `indent`, nothing when `text` is empty.
void text_element(std::string& buffer, std::string_view indent, std::string_view tag, std::string_view text) {
  if (text.empty()) {
    return;
  }
  buffer += fmt::format("{}<{}>", indent, tag);
  append_xml_escaped(buffer, text);
  buffer += fmt::format("</{}>\n", tag);
}

std::string with_newline(std::string text) {
  if (!text.empty() && !text.ends_with('\n')) {
    text += '\n';
  }
  return text;
}

// The template errors the Starbase reported for `key` (the first failed invocation's: every attempt
// fails the same way), one formatted diagnostic per line.
std::string starbase_diagnostics(const DispatchView& view, std::string_view key) {
  std::string lines;
  for (const auto& outcome : view.starbase) {
    for (const auto& diagnostic : outcome.diagnostics) {
      if (s3_key_of(diagnostic.file) == key) {
        lines += workers::format_diagnostic(diagnostic) + "\n";
      }
    }
    if (!lines.empty()) {
      break;
    }
  }
  return lines;
}

// The Starbase suite's <system-out>: what it tasked, and what it warned about (each line once).
std::string starbase_out(const DispatchView& view) {
  std::string lines;
  std::set<std::string> shown;
  for (const auto& outcome : view.starbase) {
    for (const auto& tasked : outcome.tasked) {
      lines += fmt::format("tasked {} with {} ({}, {} message{})\n", tasked.worker, tasked.key,
                           workers::to_string(tasked.kind), tasked.messages_sent,
                           tasked.messages_sent == 1 ? "" : "s");
    }
    for (const auto& line : outcome.logs) {
      if (line.level != emulator::LogLevel::info && shown.insert(line.message).second) {
        lines += line.message + "\n";
      }
    }
  }
  return lines;
}

void write_message_case(const DispatchView& view, const emulator::MappingReport& mapping,
                        MessageLog::Index index, const std::string& name, std::string& buffer) {
  const MessageLog& log = mapping.messages;
  buffer += "    <testcase";
  attribute(buffer, "classname", mapping.function_name);
  attribute(buffer, "name", name);
  attribute(buffer, "time", seconds(log.time(index).count()));
  if (log.outcome(index) == MessageOutcome::succeeded && log.attempts(index) <= 1) {
    buffer += "/>\n";  // most cases: nothing more to say, and no record built
    return;
  }
  buffer += ">\n";
  const emulator::MessageRecord message = log.record(index);
  const CaseTemplate source = case_template(view, mapping, message);
  std::string facts = fmt::format("message {}: {}\n", message.message_id, attempts_line(message));
  if (message.outcome == MessageOutcome::dead_lettered && mapping.dlq_name) {
    facts += fmt::format("in the DLQ {} (drydock dlq show {})\n", *mapping.dlq_name, message.message_id);
  }
  if (source.key) {
    facts += fmt::format("template: {}{}\n", *source.key, source.file ? " (" + *source.file + ")" : "");
  }
  const std::string summary = case_summary(mapping, message);
  std::string output;
  if (is_failure(message.outcome)) {
    buffer += "      <failure";
    attribute(buffer, "message", summary);
    attribute(buffer, "type", to_string(message.outcome));
    buffer += '>';
    std::string body = with_newline(message.last_error) + cause_lines(message.last_cause) + facts;
    if (mapping.function_name == k_starbase_function && source.key) {
      body += starbase_diagnostics(view, *source.key);
    }
    // In the failure itself, where CI shows it first; not repeated in <system-out>.
    if (!message.last_output_tail.empty()) {
      body += "output of the last attempt:\n" + with_newline(message.last_output_tail);
    }
    append_xml_escaped(buffer, body);
    buffer += "</failure>\n";
  } else {
    if (message.outcome == MessageOutcome::pending) {
      buffer += "      <skipped";
      attribute(buffer, "message", summary);
      buffer += "/>\n";
    }
    output = summary + "\n" + cause_lines(message.last_cause) + facts;
    if (!message.last_output_tail.empty()) {
      output += "output of the last failed attempt:\n" + message.last_output_tail;
    }
  }
  text_element(buffer, "      ", "system-out", output);
  buffer += "    </testcase>\n";
}

void write_timed_case(const TimedEvent& event, std::string& buffer) {
  buffer += "    <testcase";
  attribute(buffer, "classname", k_starbase_function);
  attribute(buffer, "name",
            fmt::format("timed event {} at {}", event.event, emulator::format_instant(event.at)));
  attribute(buffer, "time", seconds(0));
  if (!event.failure) {
    buffer += "/>\n";
    return;
  }
  buffer += ">\n      <failure";
  attribute(buffer, "message", first_line(*event.failure));
  attribute(buffer, "type", "timed_event");
  buffer += '>';
  append_xml_escaped(buffer, with_newline(*event.failure));
  buffer += "</failure>\n    </testcase>\n";
}

void write_counts(std::string& buffer, const CaseCounts& counts) {
  attribute(buffer, "tests", std::to_string(counts.tests));
  attribute(buffer, "failures", std::to_string(counts.failures));
  attribute(buffer, "errors", "0");
  attribute(buffer, "skipped", std::to_string(counts.skipped));
}

void write_suite(const DispatchView& view, const emulator::MappingReport& mapping, std::ostream& out) {
  const bool starbase = mapping.function_name == k_starbase_function;
  const CaseCounts counts = count_cases(view, mapping);
  std::string buffer = "  <testsuite";
  attribute(buffer, "name", mapping.function_name);
  write_counts(buffer, counts);
  attribute(buffer, "time", seconds(counts.time_ms));
  buffer += ">\n    <properties>\n";
  const auto property = [&](std::string_view name, std::string_view value) {
    buffer += "      <property";
    attribute(buffer, "name", name);
    attribute(buffer, "value", value);
    buffer += "/>\n";
  };
  property("queue", mapping.queue_name);
  if (mapping.dlq_name) {
    property("dlq", *mapping.dlq_name);
  }
  property("invocations", std::to_string(mapping.totals.invocations));
  property("failed_attempts", std::to_string(mapping.totals.failed_attempts));
  property("dead_lettered", std::to_string(mapping.totals.dead_lettered));
  buffer += "    </properties>\n";
  if (starbase && view.timed_events != nullptr) {
    for (const TimedEvent& event : *view.timed_events) {
      write_timed_case(event, buffer);
    }
  }
  out << buffer;
  for_each_case(mapping.messages, [&](MessageLog::Index index, const std::string& name) {
    buffer.clear();
    write_message_case(view, mapping, index, name, buffer);
    out << buffer;
  });
  buffer.clear();
  if (starbase) {
    text_element(buffer, "    ", "system-out", starbase_out(view));
  }
  buffer += "  </testsuite>\n";
  out << buffer;
}

}  // namespace

void render_dispatch_junit(const DispatchView& view, std::ostream& out) {
  const CaseCounts all = count_all_cases(view);
  std::string buffer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  attribute(buffer, "name", view.command);
  write_counts(buffer, all);
  attribute(buffer, "time", seconds(view.report.wall_time.count()));
  buffer += ">\n";
  out << buffer;
  for (const auto& mapping : view.report.mappings) {
    const bool timed = mapping.function_name == k_starbase_function && view.timed_events != nullptr &&
                       !view.timed_events->empty();
    if (mapping.messages.empty() && mapping.totals.invocations == 0 && !timed) {
      continue;  // a function with nothing to do this run
    }
    write_suite(view, mapping, out);
  }
  for (const auto& worker : view.unserved) {
    buffer = "  <testsuite";
    attribute(buffer, "name", worker);
    write_counts(buffer, {});
    attribute(buffer, "time", seconds(0));
    buffer += ">\n";
    text_element(buffer, "    ", "system-out",
                 "no transport in drydock.yaml (builtin, command or http): its messages stay queued\n");
    buffer += "  </testsuite>\n";
    out << buffer;
  }
  out << "</testsuites>\n";
}

}  // namespace drydock::cli
