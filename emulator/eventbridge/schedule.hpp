#pragma once
// EventBridge scheduled rules driven by a VirtualClock: Starfleet's seven timed rules
// (starfleet-behavior.md §6.1) and a Scheduler that reports every firing in a simulated window.

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/clock.hpp"
#include "emulator/eventbridge/schedule_expression.hpp"

namespace drydock::emulator {

struct ScheduleRule {
  std::string name;        // e.g. "StarfleetHourly"
  std::string expression;  // `rate(...)` or `cron(...)`
  std::string input;       // the target's constant Input, JSON text; it replaces the event envelope
  bool enabled = true;
  friend bool operator==(const ScheduleRule&, const ScheduleRule&) = default;
};

// One firing: the rule's exact (minute-aligned for cron) time and its constant input.
struct Firing {
  Instant time;
  std::string rule;
  std::string input;
};

// The seven `Type: Schedule` events of upstream's test_sam_template.yaml (StarfleetFiveMin ...
// StarfleetDaily), in template order, with its expressions, inputs and Enabled flags: the three
// sub-hourly rules are disabled there ("Disabled by default for cost"), the other four enabled.
std::vector<ScheduleRule> default_starfleet_rules();

class Scheduler {
 public:
  // Adds `rule`, created at `created` (rate rules are anchored there: AWS starts a rate schedule when
  // the rule is created, so rate(5 minutes) fires at created + 5 min, + 10 min, ...). Returns an error
  // for an invalid expression (ScheduleExpression::parse's message, prefixed by the rule name) or a
  // name already added; the scheduler is unchanged then.
  std::expected<void, std::string> add(ScheduleRule rule, Instant created);

  // Enables or disables the named rule. Returns false when no rule has that name.
  bool set_enabled(std::string_view name, bool enabled);

  // The next firing of the named rule strictly after `after`; nullopt when the rule is unknown, disabled
  // or will never fire again.
  std::optional<Instant> next_firing(std::string_view name, Instant after) const;

  // Every firing of the enabled rules in (clock.now(), clock.now() + window], in time order (ties in the
  // order the rules were added), then moves the clock to the end of the window. A negative window
  // returns nothing and leaves the clock alone. Firings are computed from the clock's time, so moving
  // the clock elsewhere skips the firings in between (AWS does not backfill missed schedules).
  std::vector<Firing> advance(VirtualClock& clock, std::chrono::milliseconds window) const;

  std::size_t size() const { return m_entries.size(); }

 private:
  struct Entry {
    ScheduleRule rule;
    ScheduleExpression expression;
    Instant created;
  };
  std::vector<Entry> m_entries;
};

}  // namespace drydock::emulator
