#include "emulator/eventbridge/schedule_expression.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace drydock::emulator {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

struct Unit {
  std::string_view singular;
  std::string_view plural;
  long long minutes;
};
constexpr std::array<Unit, 3> k_units = {
    {{"minute", "minutes", 1}, {"hour", "hours", 60}, {"day", "days", 1440}}};

std::expected<std::chrono::minutes, std::string> parse_rate(std::string_view whole, std::string_view inner) {
  const auto fail = [&](const std::string& why) {
    return std::unexpected("invalid schedule expression '" + std::string(whole) + "': " + why);
  };
  inner = trim(inner);
  const std::size_t space = inner.find_first_of(" \t");
  if (space == std::string_view::npos) {
    return fail("expected 'rate(value unit)'");
  }
  const std::string_view value_text = inner.substr(0, space);
  const std::string_view unit_text = trim(inner.substr(space));
  long long value = 0;
  const auto [end, ec] = std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    return fail("rate value '" + std::string(value_text) + "' is too large");
  }
  if (ec != std::errc{} || end != value_text.data() + value_text.size()) {
    return fail("rate value '" + std::string(value_text) + "' is not a whole number");
  }
  if (value < 1) {
    return fail("rate value must be at least 1, got " + std::string(value_text));
  }
  for (const Unit& unit : k_units) {
    if (unit_text != unit.singular && unit_text != unit.plural) {
      continue;
    }
    if (value == 1 && unit_text != unit.singular) {
      return fail("use the singular unit '" + std::string(unit.singular) + "' when the value is 1");
    }
    if (value != 1 && unit_text != unit.plural) {
      return fail("use the plural unit '" + std::string(unit.plural) + "' when the value is not 1");
    }
    if (value > ScheduleExpression::k_max_rate.count() / unit.minutes) {
      return fail("rate is longer than Drydock's limit of 100 years");
    }
    return std::chrono::minutes{value * unit.minutes};
  }
  return fail("unknown rate unit '" + std::string(unit_text) +
              "' (expected minute, minutes, hour, hours, day or days)");
}

}  // namespace

std::expected<ScheduleExpression, std::string> ScheduleExpression::parse(std::string_view text) {
  const std::string_view whole = trim(text);
  const auto inside = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (whole.size() > prefix.size() && whole.starts_with(prefix) && whole.back() == ')') {
      return whole.substr(prefix.size(), whole.size() - prefix.size() - 1);
    }
    return std::nullopt;
  };
  if (const auto inner = inside("rate(")) {
    auto period = parse_rate(whole, *inner);
    if (!period) {
      return std::unexpected(period.error());
    }
    return ScheduleExpression(std::string(whole), Kind::rate, *period, std::nullopt);
  }
  if (const auto inner = inside("cron(")) {
    auto cron = CronExpression::parse(*inner);
    if (!cron) {
      return std::unexpected("invalid schedule expression '" + std::string(whole) + "': " + cron.error());
    }
    return ScheduleExpression(std::string(whole), Kind::cron, std::chrono::minutes::zero(), std::move(*cron));
  }
  return std::unexpected("invalid schedule expression '" + std::string(whole) +
                         "': expected 'rate(value unit)' or 'cron(minutes hours day-of-month month "
                         "day-of-week year)'");
}

std::optional<Instant> ScheduleExpression::next_after(Instant after, Instant anchor) const {
  if (m_kind == Kind::cron) {
    return m_cron->next_after(after);
  }
  const std::chrono::milliseconds period = m_period;
  if (after < anchor + period) {
    return anchor + period;
  }
  return anchor + ((after - anchor) / period + 1) * period;
}

}  // namespace drydock::emulator
