#pragma once
// An EventBridge schedule expression, `rate(value unit)` or `cron(...)` (aws-anchors.md §4.4;
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "emulator/common/clock.hpp"
#include "emulator/eventbridge/cron_expression.hpp"

namespace drydock::emulator {

class ScheduleExpression {
 public:
  enum class Kind { rate, cron };

  // Parses `rate(value unit)` (value a whole number >= 1; unit minute/hour/day when value is 1,
  // minutes/hours/days otherwise, as AWS requires) or `cron(six fields)` (cron_expression.hpp).
  // On failure returns a message that quotes the expression and names the bad part. Drydock also
  // rejects rates above 100 years (k_max_rate), which AWS does not document.
  static std::expected<ScheduleExpression, std::string> parse(std::string_view text);

  Kind kind() const { return m_kind; }
  // The expression as written.
  const std::string& text() const { return m_text; }
  // rate: the period; cron: zero.
  std::chrono::minutes rate_period() const { return m_period; }

  // The first firing strictly after `after`, or nullopt when there is none (cron past 2199).
  // rate: the instants anchor + k * period for k >= 1 (the rule first fires one period after it is
  // created, then every period); before the anchor, the first of them. cron: `anchor` is ignored.
  std::optional<Instant> next_after(Instant after, Instant anchor) const;

  static constexpr std::chrono::minutes k_max_rate{60LL * 24 * 366 * 100};

 private:
  ScheduleExpression(std::string text, Kind kind, std::chrono::minutes period,
                     std::optional<CronExpression> cron)
      : m_text(std::move(text)), m_kind(kind), m_period(period), m_cron(std::move(cron)) {}

  std::string m_text;
  Kind m_kind;
  std::chrono::minutes m_period;
  std::optional<CronExpression> m_cron;
};

}  // namespace drydock::emulator
