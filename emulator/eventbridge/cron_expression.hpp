#pragma once
// EventBridge `cron(...)` schedules with AWS semantics (aws-anchors.md §4.4;
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
// six fields `minutes hours day-of-month month day-of-week year`, all UTC; `,` `-` `*` `/` in every
// field; `?` in exactly one of the two day fields; `L` and `W`/`LW` in day-of-month; `L`, `nL` and
// `n#k` in day-of-week (1-7 = SUN-SAT); month names JAN-DEC, day names SUN-SAT; years 1970-2199.

#include <bitset>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"

namespace drydock::emulator {

class CronExpression {
 public:
  // Parses the six space-separated fields (the text between `cron(` and `)`). On failure returns a
  // message naming the bad field and value, e.g. "day-of-month field '32': 32 is outside 1-31".
  static std::expected<CronExpression, std::string> parse(std::string_view fields);

  // The first firing strictly after `after` (minute precision: seconds and milliseconds of `after`
  // are dropped before searching), or nullopt when no minute up to the end of 2199 matches
  // (e.g. `cron(0 0 30 2 ? *)`). Walks year -> month -> day -> hour -> minute, never minute by minute.
  std::optional<Instant> next_after(Instant after) const;

  // One field's allowed values as bits indexed by value - min. Public only so the parser can build it.
  struct Field {
    std::bitset<256> bits;
    int min = 0;
    int max = 0;
    bool test(int value) const { return value >= min && value <= max && bits.test(value - min); }
    // The smallest allowed value >= `value`, or nullopt.
    std::optional<int> next_at_or_after(int value) const;
  };

 private:
  enum class DayOfMonth { unrestricted, days, last, last_weekday, nearest_weekday };
  enum class DayOfWeek { unrestricted, days, last_of, nth };

  // The days of (year, month) that both day fields accept, as bits 1..31.
  std::bitset<32> matching_days(int y, unsigned mo) const;

  Field m_minutes, m_hours, m_dom_days, m_months, m_dow_days, m_years;
  DayOfMonth m_dom = DayOfMonth::unrestricted;
  int m_dom_value = 0;  // nW: the day n
  DayOfWeek m_dow = DayOfWeek::unrestricted;
  int m_dow_value = 0;  // nL and n#k: the weekday n (1-7)
  int m_dow_nth = 0;    // n#k: k (1-5)
};

}  // namespace drydock::emulator
