#include "emulator/common/instant_text.hpp"

#include <fmt/format.h>

namespace drydock::emulator {

std::string format_instant(Instant time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss clock_time(time - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock_time.hours().count(), clock_time.minutes().count(), clock_time.seconds().count(),
                     clock_time.subseconds().count());
}

}  // namespace drydock::emulator
