#include "cli/render/dispatch_renderers.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "emulator/common/instant_text.hpp"
#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::cli {
namespace {

using emulator::MessageOutcome;

std::string duration_text(std::chrono::milliseconds ms) {
  const auto total = ms.count() / 1000;
  if (total < 60) {
    return fmt::format("{}s", total);
  }
  if (total < 3600) {
    return fmt::format("{}m{:02}s", total / 60, total % 60);
  }
  return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
}

// Distinct Starbase failures with how many invocations failed that way, in first-seen order.
std::vector<std::pair<std::string, int>> starbase_failures(
    const std::vector<emulator::StarbaseOutcome>& outcomes) {
  std::vector<std::pair<std::string, int>> failures;
  for (const auto& outcome : outcomes) {
    if (!outcome.failure) {
      continue;
    }
    auto it = std::find_if(failures.begin(), failures.end(),
                           [&](const auto& f) { return f.first == *outcome.failure; });
    if (it == failures.end()) {
      failures.emplace_back(*outcome.failure, 1);
    } else {
      ++it->second;
    }
  }
  return failures;
}

// Messages that did not succeed are listed one per line up to this many per worker (all with -v).
constexpr std::size_t k_max_listed_messages = 50;

char cell(MessageOutcome outcome) {
  switch (outcome) {
    case MessageOutcome::succeeded: return '.';
    case MessageOutcome::dead_lettered: return 'D';
    case MessageOutcome::pending: return '?';
    case MessageOutcome::failed: return 'F';  // only `drydock run`'s, which draws no grid
  }
  return '?';
}

// The account × region grid of one mapping whose messages carry StarbaseAssignedRegion.
void render_grid(const emulator::MappingReport& mapping, std::ostream& out) {
  constexpr std::size_t k_max_rows = 200;  // more is too large to read (the JSON report has every message)
  std::map<std::string, std::map<std::string, MessageOutcome>> grid;
  std::set<std::string> regions;
  const emulator::MessageLog& log = mapping.messages;
  for (emulator::MessageLog::Index index = 0; index < log.size(); ++index) {
    const auto account = log.account(index);
    const auto region = log.region(index);
    if (account && region) {
      grid[std::string(*account)][std::string(*region)] = log.outcome(index);
      regions.emplace(*region);
      if (grid.size() > k_max_rows) {
        return;
      }
    }
  }
  if (grid.empty()) {
    return;
  }
  std::vector<std::string> columns(regions.begin(), regions.end());
  out << fmt::format("  {:<14}", "account");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out << ' ' << static_cast<char>('a' + static_cast<int>(i % 26));
  }
  out << '\n';
  for (const auto& [account, row] : grid) {
    out << fmt::format("  {:<14}", account);
    for (const auto& region : columns) {
      const auto it = row.find(region);
      out << ' ' << (it == row.end() ? ' ' : cell(it->second));
    }
    out << '\n';
  }
  out << "  regions:";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out << fmt::format(" {}={}", static_cast<char>('a' + static_cast<int>(i % 26)), columns[i]);
  }
  out << "\n  . succeeded  D dead-lettered  ? still queued\n";
}

}  // namespace

void render_dispatch_text(const DispatchView& view, std::ostream& out) {
  std::set<std::string> shown_logs;  // a retried fan-out message logs the same lines on every attempt
  for (const auto& outcome : view.starbase) {
    for (const auto& tasked : outcome.tasked) {
      out << fmt::format("Starbase: tasked {} with {} ({}, {} message{})\n", tasked.worker, tasked.key,
                         workers::to_string(tasked.kind), tasked.messages_sent,
                         tasked.messages_sent == 1 ? "" : "s");
    }
    for (const auto& line : outcome.logs) {
      if ((view.verbose || line.level != emulator::LogLevel::info) &&
          shown_logs.insert(line.message).second) {
        out << "  " << line.message << '\n';
      }
    }
  }
  for (const auto& [failure, count] : starbase_failures(view.starbase)) {
    out << fmt::format("Starbase: failed a fan-out message ({} attempt{}): {}\n", count,
                       count == 1 ? "" : "s", failure);
  }
  for (const auto& outcome : view.starbase) {
    if (outcome.failure) {
      for (const auto& diagnostic : outcome.diagnostics) {
        out << "  " << workers::format_diagnostic(diagnostic) << '\n';
      }
      break;  // the same template fails the same way on every attempt
    }
  }
  for (const auto& mapping : view.report.mappings) {
    const auto& t = mapping.totals;
    if (mapping.messages.empty() && t.invocations == 0) {
      continue;
    }
    out << fmt::format(
        "{} ({}): {} message{}, {} invocation{}: {} succeeded, {} failed attempt{}, {} dead-lettered{}\n",
        mapping.function_name, mapping.queue_name, mapping.messages.size(),
        mapping.messages.size() == 1 ? "" : "s", t.invocations, t.invocations == 1 ? "" : "s", t.succeeded,
        t.failed_attempts, t.failed_attempts == 1 ? "" : "s", t.dead_lettered,
        mapping.dlq_name && t.dead_lettered > 0 ? " (in " + *mapping.dlq_name + ")" : "");
    std::size_t listed = 0;
    std::size_t unlisted = 0;
    const emulator::MessageLog& log = mapping.messages;
    for (emulator::MessageLog::Index index = 0; index < log.size(); ++index) {
      if (log.outcome(index) == MessageOutcome::succeeded && !view.verbose) {
        continue;
      }
      const emulator::MessageRecord message = log.record(index);
      if (message.outcome == MessageOutcome::succeeded && message.last_error.empty()) {
        continue;  // shown with -v only when an attempt failed
      }
      if (!view.verbose && listed == k_max_listed_messages) {
        ++unlisted;
        continue;
      }
      ++listed;
      std::string target = message.account.value_or(message.message_id);
      if (message.region) {
        target += "/" + *message.region;
      }
      out << fmt::format("  {} {}: {} attempt{}{}\n", to_string(message.outcome), target, message.attempts(),
                         message.attempts() == 1 ? "" : "s",
                         message.last_error.empty() ? "" : "; last error: " + message.last_error);
      if (view.verbose && !message.last_output_tail.empty()) {
        out << "    | " << message.last_output_tail.substr(0, 2000) << '\n';
      }
    }
    if (unlisted > 0) {
      out << fmt::format("  ... and {} more (-v lists them all; --format json reports every message)\n",
                         unlisted);
    }
    render_grid(mapping, out);
  }
  for (const auto& worker : view.unserved) {
    out << fmt::format(
        "{}: no transport in drydock.yaml (builtin, command or http), its messages stay queued\n", worker);
  }
  if (view.report.limit_hit) {
    out << fmt::format("stopped early: {} reached\n", to_string(*view.report.limit_hit));
  }
  out << fmt::format("virtual time {} -> {} (+{}), {} ms of wall time\n",
                     emulator::format_instant(view.report.started_at),
                     emulator::format_instant(view.report.finished_at),
                     duration_text(std::chrono::duration_cast<std::chrono::milliseconds>(
                         view.report.finished_at - view.report.started_at)),
                     view.report.wall_time.count());
}

void render_dispatch_json(const DispatchView& view, std::ostream& out) {
  nlohmann::json tasked = nlohmann::json::array();
  for (const auto& outcome : view.starbase) {
    for (const auto& t : outcome.tasked) {
      tasked.push_back({{"worker", t.worker},
                        {"key", t.key},
                        {"kind", std::string(workers::to_string(t.kind))},
                        {"messages", t.messages_sent}});
    }
  }
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& [failure, count] : starbase_failures(view.starbase)) {
    failures.push_back({{"error", failure}, {"attempts", count}});
  }
  nlohmann::json extra = nlohmann::json::object();
  extra["starbase"] = {{"tasked", std::move(tasked)}, {"failures", std::move(failures)}};
  extra["virtual_time"] = {{"start", emulator::format_instant(view.report.started_at)},
                           {"end", emulator::format_instant(view.report.finished_at)}};
  extra["limit_hit"] =
      view.report.limit_hit ? nlohmann::json(std::string(to_string(*view.report.limit_hit))) : nullptr;
  extra["unserved_workers"] = view.unserved;
  emulator::write_report_json(view.report, std::move(extra), out);
}

}  // namespace drydock::cli
