#pragma once
// What a scheduled EventBridge rule delivers to its Lambda target: the "Scheduled Event" envelope
// (aws-anchors.md §4.4), or the target's constant Input, which replaces the envelope entirely
// ("nothing from the event itself is passed to the target", EventBridge Target API).

#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"
#include "emulator/eventbridge/schedule.hpp"

namespace drydock::emulator {

// One firing of a rule, as the envelope describes it.
struct ScheduledEvent {
  std::string id;        // the event's id, a UUID ("89d1a02d-5ec7-412e-82f5-13505f849b41")
  std::string account;   // 12 digits
  std::string region;    // "us-east-1"
  Instant time;          // when the rule fired; written to the second
  std::string rule_arn;  // see rule_arn()
};

// "arn:aws:events:<region>:<account>:rule/<rule_name>".
std::string rule_arn(std::string_view region, std::string_view account, std::string_view rule_name);

// The envelope as compact JSON text, keys in AWS's order: {"version":"0","id":…,"detail-type":"Scheduled
// Event","source":"aws.events","account":…,"time":"2016-12-30T18:44:49Z","region":…,"resources":[rule
// ARN],"detail":{}}. `time` is UTC without fractional seconds (milliseconds are dropped, not rounded).
// Never throws: bytes that are not UTF-8 in the strings become U+FFFD.
std::string scheduled_event_envelope(const ScheduledEvent& event);

// What the rule's target receives for `event`: the rule's Input text unchanged when it has one, else
// scheduled_event_envelope(event).
std::string delivered_payload(const ScheduleRule& rule, const ScheduledEvent& event);

}  // namespace drydock::emulator
