#include "emulator/eventbridge/cron_expression.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <vector>

namespace drydock::emulator {
namespace {

using Field = CronExpression::Field;

constexpr std::array<std::string_view, 12> k_month_names = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                            "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> k_day_names = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct FieldSpec {
  std::string_view name;
  int min;
  int max;
  const std::string_view* names;  // names[i] is value min + i; nullptr when the field has no names
  std::size_t name_count;
};

constexpr FieldSpec k_minutes{"minutes", 0, 59, nullptr, 0};
constexpr FieldSpec k_hours{"hours", 0, 23, nullptr, 0};
constexpr FieldSpec k_day_of_month{"day-of-month", 1, 31, nullptr, 0};
constexpr FieldSpec k_month{"month", 1, 12, k_month_names.data(), k_month_names.size()};
constexpr FieldSpec k_day_of_week{"day-of-week", 1, 7, k_day_names.data(), k_day_names.size()};
constexpr FieldSpec k_year{"year", 1970, 2199, nullptr, 0};

std::string field_error(const FieldSpec& spec, std::string_view text, const std::string& why) {
  return std::string(spec.name) + " field '" + std::string(text) + "': " + why;
}

std::string range_text(const FieldSpec& spec) {
  return std::to_string(spec.min) + "-" + std::to_string(spec.max);
}

// One value: digits, or (case-insensitively) a name of the field.
std::expected<int, std::string> parse_value(const FieldSpec& spec, std::string_view field,
                                            std::string_view v) {
  for (std::size_t i = 0; i < spec.name_count; ++i) {
    const std::string_view name = spec.names[i];
    bool same = v.size() == name.size();
    for (std::size_t c = 0; same && c < v.size(); ++c) {
      same = std::toupper(static_cast<unsigned char>(v[c])) == name[c];
    }
    if (same) {
      return spec.min + static_cast<int>(i);
    }
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (v.empty() || ec != std::errc{} || end != v.data() + v.size()) {
    return std::unexpected(field_error(spec, field, "'" + std::string(v) + "' is not a valid value"));
  }
  if (value < spec.min || value > spec.max) {
    return std::unexpected(
        field_error(spec, field, std::to_string(value) + " is outside " + range_text(spec)));
  }
  return value;
}

// A list of `*`, `*/s`, `a`, `a/s`, `a-b`, `a-b/s` items. A range whose end is below its start wraps
// around (`FRI-MON`, `22-2`), as in Quartz, whose syntax EventBridge follows.
std::expected<Field, std::string> parse_list(const FieldSpec& spec, std::string_view field) {
  Field out{{}, spec.min, spec.max};
  const int span = spec.max - spec.min + 1;
  std::string_view rest = field;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    if (item.empty()) {
      return std::unexpected(field_error(spec, field, "empty list item"));
    }
    std::string_view range = item;
    int step = 1;
    if (const std::size_t slash = item.find('/'); slash != std::string_view::npos) {
      range = item.substr(0, slash);
      const std::string_view step_text = item.substr(slash + 1);
      const auto [end, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
      if (step_text.empty() || ec != std::errc{} || end != step_text.data() + step_text.size() || step < 1) {
        return std::unexpected(
            field_error(spec, field, "step '" + std::string(step_text) + "' is not a positive integer"));
      }
    }
    int first = spec.min;
    int last = spec.max;
    if (range != "*") {
      const std::size_t dash = range.find('-');
      auto a = parse_value(spec, field, range.substr(0, dash));
      if (!a) {
        return std::unexpected(a.error());
      }
      first = *a;
      if (dash != std::string_view::npos) {
        auto b = parse_value(spec, field, range.substr(dash + 1));
        if (!b) {
          return std::unexpected(b.error());
        }
        last = *b;
      } else if (step == 1) {
        last = first;  // a single value; `a/s` keeps last = max
      }
    }
    const int count = (last - first + span) % span;  // wrapped distance from first to last
    for (int i = 0; i <= count; i += step) {
      out.bits.set(static_cast<std::size_t>((first - spec.min + i) % span));
    }
    if (comma == std::string_view::npos) {
      break;
    }
    rest = rest.substr(comma + 1);
  }
  return out;
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) {
      ++j;
    }
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

bool ends_with_l(std::string_view s) {
  return s.size() > 1 && (s.back() == 'L' || s.back() == 'l');
}

}  // namespace

std::optional<int> Field::next_at_or_after(int value) const {
  for (int v = value < min ? min : value; v <= max; ++v) {
    if (bits.test(static_cast<std::size_t>(v - min))) {
      return v;
    }
  }
  return std::nullopt;
}

std::expected<CronExpression, std::string> CronExpression::parse(std::string_view fields) {
  const std::vector<std::string_view> parts = split_fields(fields);
  if (parts.size() != 6) {
    return std::unexpected("expected 6 fields (minutes hours day-of-month month day-of-week year), found " +
                           std::to_string(parts.size()));
  }
  CronExpression cron;
  const std::array<std::pair<const FieldSpec*, Field*>, 4> plain = {{{&k_minutes, &cron.m_minutes},
                                                                     {&k_hours, &cron.m_hours},
                                                                     {&k_month, &cron.m_months},
                                                                     {&k_year, &cron.m_years}}};
  const std::array<std::string_view, 4> plain_text = {parts[0], parts[1], parts[3], parts[5]};
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (plain_text[i] == "?") {
      return std::unexpected(
          field_error(*plain[i].first, plain_text[i], "'?' is only allowed in a day field"));
    }
    auto field = parse_list(*plain[i].first, plain_text[i]);
    if (!field) {
      return std::unexpected(field.error());
    }
    *plain[i].second = *field;
  }

  const std::string_view dom = parts[2];
  const std::string_view dow = parts[4];
  if ((dom == "?") == (dow == "?")) {
    return std::unexpected(std::string("day-of-month '") + std::string(dom) + "' and day-of-week '" +
                           std::string(dow) + "': exactly one of the two day fields must be '?'");
  }
  if (dom == "?") {
    cron.m_dom = DayOfMonth::unrestricted;
  } else if (dom == "L" || dom == "l") {
    cron.m_dom = DayOfMonth::last;
  } else if (dom == "LW" || dom == "lw") {
    cron.m_dom = DayOfMonth::last_weekday;
  } else if (dom.size() > 1 && (dom.back() == 'W' || dom.back() == 'w')) {
    auto day = parse_value(k_day_of_month, dom, dom.substr(0, dom.size() - 1));
    if (!day) {
      return std::unexpected(day.error());
    }
    cron.m_dom = DayOfMonth::nearest_weekday;
    cron.m_dom_value = *day;
  } else {
    auto days = parse_list(k_day_of_month, dom);
    if (!days) {
      return std::unexpected(days.error());
    }
    cron.m_dom = DayOfMonth::days;
    cron.m_dom_days = *days;
  }

  if (dow == "?") {
    cron.m_dow = DayOfWeek::unrestricted;
  } else if (dow == "L" || dow == "l") {
    cron.m_dow = DayOfWeek::days;  // `L` alone is the last day of the week: Saturday
    cron.m_dow_days = Field{{}, k_day_of_week.min, k_day_of_week.max};
    cron.m_dow_days.bits.set(6);
  } else if (const std::size_t hash = dow.find('#'); hash != std::string_view::npos) {
    auto day = parse_value(k_day_of_week, dow, dow.substr(0, hash));
    if (!day) {
      return std::unexpected(day.error());
    }
    const std::string_view nth = dow.substr(hash + 1);
    if (nth.size() != 1 || nth[0] < '1' || nth[0] > '5') {
      return std::unexpected(field_error(k_day_of_week, dow, "'#' must be followed by 1-5"));
    }
    cron.m_dow = DayOfWeek::nth;
    cron.m_dow_value = *day;
    cron.m_dow_nth = nth[0] - '0';
  } else if (ends_with_l(dow)) {
    auto day = parse_value(k_day_of_week, dow, dow.substr(0, dow.size() - 1));
    if (!day) {
      return std::unexpected(day.error());
    }
    cron.m_dow = DayOfWeek::last_of;
    cron.m_dow_value = *day;
  } else {
    auto days = parse_list(k_day_of_week, dow);
    if (!days) {
      return std::unexpected(days.error());
    }
    cron.m_dow = DayOfWeek::days;
    cron.m_dow_days = *days;
  }
  return cron;
}

std::bitset<32> CronExpression::matching_days(int y, unsigned mo) const {
  using namespace std::chrono;
  const std::chrono::year_month ym{std::chrono::year{y}, std::chrono::month{mo}};
  const int last_day = static_cast<int>(static_cast<unsigned>((ym / std::chrono::last).day()));
  const int first_weekday = static_cast<int>(weekday{sys_days{ym / 1}}.c_encoding());  // 0 = Sunday
  const auto weekday_of = [&](int d) { return (first_weekday + d - 1) % 7 + 1; };      // 1 = SUN .. 7 = SAT
  std::bitset<32> out;
  switch (m_dom) {
    case DayOfMonth::unrestricted: break;
    case DayOfMonth::days:
      for (int d = 1; d <= last_day; ++d) {
        out.set(static_cast<std::size_t>(d), m_dom_days.test(d));
      }
      return out;
    case DayOfMonth::last: out.set(static_cast<std::size_t>(last_day)); return out;
    case DayOfMonth::last_weekday: {
      const int w = weekday_of(last_day);
      out.set(static_cast<std::size_t>(w == 7 ? last_day - 1 : w == 1 ? last_day - 2 : last_day));
      return out;
    }
    case DayOfMonth::nearest_weekday: {
      int d = m_dom_value;
      if (d > last_day) {
        return out;  // `30W` in February: no day this month
      }
      // The nearest weekday never leaves the month: Saturday the 1st moves to Monday the 3rd.
      if (weekday_of(d) == 7) {
        d = d > 1 ? d - 1 : d + 2;
      } else if (weekday_of(d) == 1) {
        d = d < last_day ? d + 1 : d - 2;
      }
      out.set(static_cast<std::size_t>(d));
      return out;
    }
  }
  switch (m_dow) {
    case DayOfWeek::unrestricted:
      for (int d = 1; d <= last_day; ++d) {
        out.set(static_cast<std::size_t>(d));
      }
      break;
    case DayOfWeek::days:
      for (int d = 1; d <= last_day; ++d) {
        out.set(static_cast<std::size_t>(d), m_dow_days.test(weekday_of(d)));
      }
      break;
    case DayOfWeek::last_of:
      out.set(static_cast<std::size_t>(last_day - (weekday_of(last_day) - m_dow_value + 7) % 7));
      break;
    case DayOfWeek::nth: {
      const int d = 1 + (m_dow_value - weekday_of(1) + 7) % 7 + 7 * (m_dow_nth - 1);
      if (d <= last_day) {
        out.set(static_cast<std::size_t>(d));
      }
      break;
    }
  }
  return out;
}

std::optional<Instant> CronExpression::next_after(Instant after) const {
  using namespace std::chrono;
  sys_time<minutes> t = floor<minutes>(after) + minutes{1};
  // Each step moves t forward to the start of the next candidate year, month, day or hour, or returns;
  // t only grows and the year bound ends the walk.
  while (true) {
    const sys_days day_start = floor<days>(t);
    const year_month_day ymd{day_start};
    const int y = static_cast<int>(ymd.year());
    const unsigned mo = static_cast<unsigned>(ymd.month());
    const int d = static_cast<int>(static_cast<unsigned>(ymd.day()));
    const hh_mm_ss<minutes> hms{t - day_start};
    const int h = static_cast<int>(hms.hours().count());
    const int mi = static_cast<int>(hms.minutes().count());

    if (!m_years.test(y)) {
      const auto next_year = m_years.next_at_or_after(y);
      if (!next_year) {
        return std::nullopt;
      }
      t = sys_days{std::chrono::year{*next_year} / January / 1};
      continue;
    }
    if (!m_months.test(static_cast<int>(mo))) {
      const auto next_month = m_months.next_at_or_after(static_cast<int>(mo));
      t = next_month
              ? sys_days{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(*next_month)} / 1}
              : sys_days{std::chrono::year{y + 1} / January / 1};
      continue;
    }
    const std::bitset<32> allowed_days = matching_days(y, mo);
    int next_day = d;
    while (next_day < 32 && !allowed_days.test(static_cast<std::size_t>(next_day))) {
      ++next_day;
    }
    if (next_day == 32) {
      t = sys_days{year_month{std::chrono::year{y}, std::chrono::month{mo}} / 1 + months{1}};
      continue;
    }
    if (next_day != d) {
      t = day_start + days{next_day - d};
      continue;
    }
    const auto next_hour = m_hours.next_at_or_after(h);
    if (!next_hour) {
      t = day_start + days{1};
      continue;
    }
    if (*next_hour != h) {
      t = day_start + hours{*next_hour};
      continue;
    }
    const auto next_minute = m_minutes.next_at_or_after(mi);
    if (!next_minute) {
      t = day_start + hours{h + 1};
      continue;
    }
    return time_point_cast<milliseconds>(day_start + hours{h} + minutes{*next_minute});
  }
}

}  // namespace drydock::emulator
