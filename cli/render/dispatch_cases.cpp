#include "cli/render/dispatch_cases.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "emulator/common/instant_text.hpp"

namespace drydock::cli {
namespace {

using emulator::MessageLog;
using emulator::MessageOutcome;

bool same_target(const MessageLog& log, MessageLog::Index a, MessageLog::Index b) {
  return log.account(a) == log.account(b) && log.region(a) == log.region(b) &&
         log.template_name(a) == log.template_name(b);
}

std::string name_of(const MessageLog& log, MessageLog::Index index, bool disambiguate) {
  std::string name;
  for (const auto part : {log.account(index), log.region(index), log.template_name(index)}) {
    if (part) {
      name += (name.empty() ? "" : " ") + std::string(*part);
    }
  }
  if (name.empty()) {
    return "message " + log.message_id(index);
  }
  return disambiguate ? fmt::format("{} ({})", name, log.message_id(index)) : name;
}

bool is_starbase(const emulator::MappingReport& mapping) {
  return mapping.function_name == k_starbase_function;
}

std::string plural(std::size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

}  // namespace

void for_each_case(const MessageLog& log,
                   const std::function<void(MessageLog::Index, const std::string&)>& on_case) {
  std::vector<MessageLog::Index> order(log.size());
  std::iota(order.begin(), order.end(), MessageLog::Index{0});
  std::sort(order.begin(), order.end(), [&](MessageLog::Index a, MessageLog::Index b) {
    const auto left = std::make_tuple(log.account(a), log.region(a), log.template_name(a));
    const auto right = std::make_tuple(log.account(b), log.region(b), log.template_name(b));
    if (left != right) {
      return left < right;
    }
    return log.message_id(a) < log.message_id(b);  // ids are formatted only for ties
  });
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool shared = (k > 0 && same_target(log, order[k - 1], order[k])) ||
                        (k + 1 < order.size() && same_target(log, order[k], order[k + 1]));
    on_case(order[k], name_of(log, order[k], shared));
  }
}

bool is_failure(MessageOutcome outcome) {
  return outcome == MessageOutcome::dead_lettered || outcome == MessageOutcome::failed;
}

CaseCounts count_cases(const DispatchView& view, const emulator::MappingReport& mapping) {
  CaseCounts counts;
  const MessageLog& log = mapping.messages;
  counts.tests = log.size();
  for (MessageLog::Index index = 0; index < log.size(); ++index) {
    counts.failures += is_failure(log.outcome(index)) ? 1 : 0;
    counts.skipped += log.outcome(index) == MessageOutcome::pending ? 1 : 0;
    counts.time_ms += log.time(index).count();
  }
  if (is_starbase(mapping) && view.timed_events != nullptr) {
    counts.tests += view.timed_events->size();
    for (const TimedEvent& event : *view.timed_events) {
      counts.failures += event.failure ? 1 : 0;
    }
  }
  return counts;
}

CaseCounts count_all_cases(const DispatchView& view) {
  CaseCounts all;
  for (const auto& mapping : view.report.mappings) {
    const CaseCounts counts = count_cases(view, mapping);
    all.tests += counts.tests;
    all.failures += counts.failures;
    all.skipped += counts.skipped;
    all.time_ms += counts.time_ms;
  }
  return all;
}

const emulator::TaskedTemplate* tasked_template(const DispatchView& view, std::string_view worker,
                                                std::optional<std::string_view> template_name) {
  if (!template_name) {
    return nullptr;
  }
  const emulator::TaskedTemplate* found = nullptr;
  bool ambiguous = false;
  const auto consider = [&](const emulator::TaskedTemplate& tasked) {
    if (tasked.worker == worker && tasked.template_name == *template_name) {
      ambiguous = ambiguous || (found != nullptr && found->key != tasked.key);
      found = &tasked;
    }
  };
  for (const auto& outcome : view.starbase) {
    std::for_each(outcome.tasked.begin(), outcome.tasked.end(), consider);
  }
  if (view.tasked != nullptr) {
    std::for_each(view.tasked->begin(), view.tasked->end(), consider);
  }
  return ambiguous ? nullptr : found;
}

CaseTemplate case_template(const DispatchView& view, const emulator::MappingReport& mapping,
                           const emulator::MessageRecord& message) {
  CaseTemplate out;
  if (is_starbase(mapping)) {
    out.key = message.template_name;
  } else if (const auto* tasked = tasked_template(view, mapping.function_name, message.template_name)) {
    out.key = tasked->key;
  }
  if (out.key && view.template_file) {
    out.file = view.template_file(*out.key);
  }
  return out;
}

std::optional<std::string_view> s3_key_of(std::string_view display) {
  constexpr std::string_view k_scheme = "s3://";
  if (!display.starts_with(k_scheme)) {
    return std::nullopt;
  }
  const auto slash = display.find('/', k_scheme.size());
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  return display.substr(slash + 1);
}

std::string_view first_line(std::string_view text) {
  return text.substr(0, text.find('\n'));
}

std::string case_summary(const emulator::MappingReport& mapping, const emulator::MessageRecord& message) {
  const std::string error =
      message.last_error.empty() ? std::string() : ": " + std::string(first_line(message.last_error));
  const std::size_t attempts = static_cast<std::size_t>(message.attempts());
  switch (message.outcome) {
    case MessageOutcome::dead_lettered:
      return fmt::format(
          "dead-lettered in {} {}{}", mapping.dlq_name.value_or("its DLQ"),
          attempts == 0 ? std::string("with no attempt in this run") : "after " + plural(attempts, "attempt"),
          error);
    case MessageOutcome::failed:
      return attempts == 0 ? "refused" + error : "failed after " + plural(attempts, "attempt") + error;
    case MessageOutcome::pending:
      return fmt::format("still queued when the run stopped, after {}{}", plural(attempts, "attempt"),
                         error.empty() ? "" : "; last error" + error);
    case MessageOutcome::succeeded:
      if (attempts <= 1) {
        return "succeeded";
      }
      return fmt::format("succeeded after {} ({} {}){}", plural(attempts, "attempt"), attempts - 1,
                         attempts == 2 ? "retry" : "retries",
                         error.empty() ? "" : "; last failed attempt" + error);
  }
  return "";
}

std::string cause_lines(const emulator::FailureCause& cause) {
  std::string lines;
  if (cause.exit_code) {
    lines += fmt::format("exit code {}\n", *cause.exit_code);
  }
  if (cause.signal) {
    lines += fmt::format("killed by signal {}\n", *cause.signal);
  }
  if (cause.timed_out) {
    lines += "timed out\n";
  }
  if (cause.http_status) {
    lines += fmt::format("HTTP status {}\n", *cause.http_status);
  }
  return lines;
}

std::string attempts_line(const emulator::MessageRecord& message) {
  if (message.receive_counts.empty()) {
    return "no attempt in this run";
  }
  std::string counts;
  for (const int count : message.receive_counts) {
    counts += (counts.empty() ? "" : ", ") + std::to_string(count);
  }
  std::string when;
  if (message.first_attempt && message.last_attempt && *message.first_attempt != *message.last_attempt) {
    when = fmt::format(", virtual time {} to {}", emulator::format_instant(*message.first_attempt),
                       emulator::format_instant(*message.last_attempt));
  } else if (message.first_attempt) {
    when = fmt::format(", virtual time {}", emulator::format_instant(*message.first_attempt));
  }
  return fmt::format("{} (receive count{} {}){}", plural(message.receive_counts.size(), "attempt"),
                     message.receive_counts.size() == 1 ? "" : "s", counts, when);
}

}  // namespace drydock::cli
