#include "workers/yaml/timestamp.hpp"

#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

namespace drydock::workers::yaml {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads between `min` and `max` digits at text[i]; -1 when fewer than `min`.
int read_digits(std::string_view text, std::size_t& i, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int value = 0;
  while (n < max && i < text.size() && is_digit(text[i])) {
    value = value * 10 + (text[i] - '0');
    ++i;
    ++n;
  }
  return n >= min ? value : -1;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

// repr() of datetime.timedelta(minutes=total_minutes), normalised as Python does (days may be
// negative, seconds never).
std::string timedelta_repr(long total_minutes) {
  long seconds = total_minutes * 60;
  long days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  seconds -= days * 86400;
  std::string out = "datetime.timedelta(";
  if (days != 0) {
    out += fmt::format("days={}", days);
  }
  if (seconds != 0) {
    out += fmt::format("{}seconds={}", days != 0 ? ", " : "", seconds);
  }
  if (days == 0 && seconds == 0) {
    out += "0";
  }
  return out + ")";
}

// Days from 0001-01-01 (proleptic Gregorian), for comparing aware datetimes as instants.
long days_from_civil(int year, int month, int day) {
  long days = 0;
  for (int m = 1; m < month; ++m) {
    days += days_in_month(year, m);
  }
  const long y = year - 1;
  return y * 365 + y / 4 - y / 100 + y / 400 + days + day - 1;
}

}  // namespace

std::expected<Timestamp, TimestampError> construct_timestamp(std::string_view text) {
  // ^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})
  //  (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
  //     (?:\.(?P<fraction>[0-9]*))?(?:[ \t]*(?P<tz>Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$
  // Python's `$` also matches before a final "\n". Each part has one way to match, so a single
  // left-to-right pass decides it.
  if (!text.empty() && text.back() == '\n') {
    text.remove_suffix(1);
  }
  const TimestampError no_match{"AttributeError", "'NoneType' object has no attribute 'groupdict'"};
  Timestamp out;
  std::size_t i = 0;
  const int year = read_digits(text, i, 4, 4);
  if (year < 0 || i >= text.size() || text[i++] != '-') {
    return std::unexpected(no_match);
  }
  const int month = read_digits(text, i, 1, 2);
  if (month < 0 || i >= text.size() || text[i++] != '-') {
    return std::unexpected(no_match);
  }
  const int day = read_digits(text, i, 1, 2);
  if (day < 0) {
    return std::unexpected(no_match);
  }
  std::string fraction;
  char tz_kind = 0;  // 0 none, 'Z', '+', '-'
  int tz_hour = 0;
  int tz_minute = 0;
  if (i < text.size()) {
    if (text[i] == 'T' || text[i] == 't') {
      ++i;
    } else if (text[i] == ' ' || text[i] == '\t') {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
        ++i;
      }
    } else {
      return std::unexpected(no_match);
    }
    out.hour = read_digits(text, i, 1, 2);
    if (out.hour < 0 || i >= text.size() || text[i++] != ':') {
      return std::unexpected(no_match);
    }
    out.minute = read_digits(text, i, 2, 2);
    if (out.minute < 0 || i >= text.size() || text[i++] != ':') {
      return std::unexpected(no_match);
    }
    out.second = read_digits(text, i, 2, 2);
    if (out.second < 0) {
      return std::unexpected(no_match);
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && is_digit(text[i])) {
        fraction += text[i++];
      }
    }
    if (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
        ++i;
      }
      if (i < text.size() && text[i] == 'Z') {
        tz_kind = 'Z';
        ++i;
      } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        tz_kind = text[i++];
        tz_hour = read_digits(text, i, 1, 2);
        if (tz_hour < 0) {
          return std::unexpected(no_match);
        }
        if (i < text.size() && text[i] == ':') {
          ++i;
          tz_minute = read_digits(text, i, 2, 2);
          if (tz_minute < 0) {
            return std::unexpected(no_match);
          }
        }
      } else {
        return std::unexpected(no_match);
      }
    }
    if (i != text.size()) {
      return std::unexpected(no_match);
    }
    out.has_time = true;
  }

  const auto value_error = [](std::string message) {
    return std::unexpected(TimestampError{"ValueError", std::move(message)});
  };
  // datetime.date(year, month, day) checks in this order (Modules/_datetimemodule.c).
  const auto check_date = [&]() -> std::expected<void, TimestampError> {
    if (year < 1 || year > 9999) {
      return value_error(fmt::format("year {} is out of range", year));
    }
    if (month < 1 || month > 12) {
      return value_error("month must be in 1..12");
    }
    if (day < 1 || day > days_in_month(year, month)) {
      return value_error("day is out of range for month");
    }
    return {};
  };
  out.year = year;
  out.month = month;
  out.day = day;
  if (!out.has_time) {
    if (auto ok = check_date(); !ok) {
      return std::unexpected(ok.error());
    }
    return out;
  }
  if (!fraction.empty()) {
    fraction = fraction.substr(0, 6);
    fraction.append(6 - fraction.size(), '0');
    out.microsecond = std::atoi(fraction.c_str());
  }
  // The timezone is built before the datetime, so a bad offset is reported first.
  if (tz_kind == '+' || tz_kind == '-') {
    const long minutes = (tz_kind == '-' ? -1L : 1L) * (tz_hour * 60L + tz_minute);
    if (minutes <= -24 * 60 || minutes >= 24 * 60) {
      return value_error(fmt::format(
          "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
          timedelta_repr(minutes)));
    }
    out.zone = Timestamp::Zone::offset;
    out.offset_minutes = static_cast<int>(minutes);
  } else if (tz_kind == 'Z') {
    out.zone = Timestamp::Zone::utc;
  }
  if (auto ok = check_date(); !ok) {
    return std::unexpected(ok.error());
  }
  if (out.hour > 23) {
    return value_error("hour must be in 0..23");
  }
  if (out.minute > 59) {
    return value_error("minute must be in 0..59");
  }
  if (out.second > 59) {
    return value_error("second must be in 0..59");
  }
  return out;
}

std::string timestamp_key(const Timestamp& value) {
  if (!value.has_time) {
    return fmt::format("d{:04}-{:02}-{:02}", value.year, value.month, value.day);
  }
  if (value.zone == Timestamp::Zone::naive) {
    return fmt::format("t{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}", value.year, value.month, value.day,
                       value.hour, value.minute, value.second, value.microsecond);
  }
  const std::int64_t seconds = days_from_civil(value.year, value.month, value.day) * 86400LL +
                               value.hour * 3600LL + value.minute * 60LL + value.second -
                               value.offset_minutes * 60LL;
  return fmt::format("T{}.{:06}", seconds, value.microsecond);
}

}  // namespace drydock::workers::yaml
