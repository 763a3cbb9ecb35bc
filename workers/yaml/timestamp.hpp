#pragma once
// YAML 1.1 timestamps as SafeConstructor.construct_yaml_timestamp builds them: a datetime.date, or a
// datetime.datetime (naive, UTC or fixed offset), with the ValueError Python's datetime raises for an
// out-of-range field ("day is out of range for month", ...).

#include <expected>
#include <string>
#include <string_view>

namespace drydock::workers::yaml {

struct Timestamp {
  int year = 1;
  int month = 1;
  int day = 1;
  bool has_time = false;  // datetime.datetime rather than datetime.date
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;
  enum class Zone { naive, utc, offset } zone = Zone::naive;
  int offset_minutes = 0;  // Zone::offset
};

struct TimestampError {
  std::string cls;      // "ValueError" or "AttributeError" (no match: the regex returned None)
  std::string message;  // Python's str(exc)
};

// construct_yaml_timestamp on a scalar's text (the constructor's regex is laxer than the implicit
// resolver's: one-digit months and days are accepted here).
std::expected<Timestamp, TimestampError> construct_timestamp(std::string_view text);

// A string equal for two timestamps exactly when Python's == says they are equal (dates never equal
// datetimes; naive never equal aware; aware ones compare as instants).
std::string timestamp_key(const Timestamp& value);

}  // namespace drydock::workers::yaml
