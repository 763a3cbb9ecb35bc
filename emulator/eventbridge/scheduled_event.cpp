#include "emulator/eventbridge/scheduled_event.hpp"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace drydock::emulator {
namespace {

// ISO 8601 UTC to the second, as EventBridge writes `time`.
std::string event_time(Instant time) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const auto day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss clock{seconds - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

}  // namespace

std::string rule_arn(std::string_view region, std::string_view account, std::string_view rule_name) {
  return fmt::format("arn:aws:events:{}:{}:rule/{}", region, account, rule_name);
}

std::string scheduled_event_envelope(const ScheduledEvent& event) {
  // ordered_json keeps AWS's key order; json would sort the keys.
  const nlohmann::ordered_json envelope = {
      {"version", "0"},
      {"id", event.id},
      {"detail-type", "Scheduled Event"},
      {"source", "aws.events"},
      {"account", event.account},
      {"time", event_time(event.time)},
      {"region", event.region},
      {"resources", nlohmann::ordered_json::array({event.rule_arn})},
      {"detail", nlohmann::ordered_json::object()},
  };
  return envelope.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string delivered_payload(const ScheduleRule& rule, const ScheduledEvent& event) {
  return rule.input.empty() ? scheduled_event_envelope(event) : rule.input;
}

}  // namespace drydock::emulator
