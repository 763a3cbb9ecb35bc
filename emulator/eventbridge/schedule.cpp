#include "emulator/eventbridge/schedule.hpp"

#include <algorithm>
#include <utility>

namespace drydock::emulator {

std::vector<ScheduleRule> default_starfleet_rules() {
  // Copied from starfleet-reference/test_sam_template.yaml (starfleet-behavior.md §6.1).
  return {
      {"StarfleetFiveMin", "rate(5 minutes)", R"({"name": "FIVE_MIN"})", false},
      {"StarfleetFifteenMin", "rate(15 minutes)", R"({"name": "FIFTEEN_MIN"})", false},
      {"StarfleetThirtyMin", "rate(30 minutes)", R"({"name": "THIRTY_MIN"})", false},
      {"StarfleetHourly", "rate(1 hour)", R"({"name": "HOURLY"})", true},
      {"StarfleetSixHourly", "rate(6 hours)", R"({"name": "SIX_HOURLY"})", true},
      {"StarfleetTwelveHourly", "rate(12 hours)", R"({"name": "TWELVE_HOURLY"})", true},
      {"StarfleetDaily", "rate(1 day)", R"({"name": "DAILY"})", true},
  };
}

std::expected<void, std::string> Scheduler::add(ScheduleRule rule, Instant created) {
  for (const Entry& entry : m_entries) {
    if (entry.rule.name == rule.name) {
      return std::unexpected("rule '" + rule.name + "' already exists");
    }
  }
  auto expression = ScheduleExpression::parse(rule.expression);
  if (!expression) {
    return std::unexpected("rule '" + rule.name + "': " + expression.error());
  }
  m_entries.push_back(Entry{std::move(rule), std::move(*expression), created});
  return {};
}

bool Scheduler::set_enabled(std::string_view name, bool enabled) {
  for (Entry& entry : m_entries) {
    if (entry.rule.name == name) {
      entry.rule.enabled = enabled;
      return true;
    }
  }
  return false;
}

std::optional<Instant> Scheduler::next_firing(std::string_view name, Instant after) const {
  for (const Entry& entry : m_entries) {
    if (entry.rule.name == name) {
      return entry.rule.enabled ? entry.expression.next_after(after, entry.created) : std::nullopt;
    }
  }
  return std::nullopt;
}

std::vector<Firing> Scheduler::advance(VirtualClock& clock, std::chrono::milliseconds window) const {
  std::vector<Firing> firings;
  if (window < std::chrono::milliseconds::zero()) {
    return firings;
  }
  const Instant start = clock.now();
  const Instant end = start + window;
  for (const Entry& entry : m_entries) {
    if (!entry.rule.enabled) {
      continue;
    }
    for (auto next = entry.expression.next_after(start, entry.created); next && *next <= end;
         next = entry.expression.next_after(*next, entry.created)) {
      firings.push_back(Firing{*next, entry.rule.name, entry.rule.input});
    }
  }
  // Stable: firings were appended rule by rule, so equal times keep the rules' order.
  std::stable_sort(firings.begin(), firings.end(),
                   [](const Firing& a, const Firing& b) { return a.time < b.time; });
  clock.advance_to(end);
  return firings;
}

}  // namespace drydock::emulator
