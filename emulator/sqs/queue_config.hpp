#pragma once
// A standard queue's settings: the attributes of CreateQueue that Starfleet's SAM template uses, with
// AWS's defaults (CreateQueue API reference).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace drydock::emulator {

struct RedrivePolicy {
  std::string dead_letter_queue;  // the DLQ's name (its ARN is derived from the service's region/account)
  int max_receive_count = 4;      // 1..1000
};

struct QueueConfig {
  std::string name;                                 // 1..80 of [A-Za-z0-9_-]
  std::chrono::seconds visibility_timeout{30};      // 0..43200 (12 h)
  std::chrono::seconds message_retention{345'600};  // 60..1209600 (1 min..14 days); default 4 days
  std::chrono::seconds delay{0};                    // 0..900
  std::int64_t maximum_message_size = 1'048'576;    // 1024..1048576 bytes (aws-anchors.md §4.2)
  std::optional<RedrivePolicy> redrive_policy;
  std::chrono::seconds receive_wait{0};  // 0..20: ReceiveMessageWaitTimeSeconds, a receive's default wait
  // RedriveAllowPolicy as set ({"redrivePermission": "allowAll" | "denyAll" | "byQueue",
  // "sourceQueueArns": [...]}), enforced when a queue names this one its DLQ; nullopt: allow all.
  std::optional<std::string> redrive_allow_policy;
  std::optional<std::string> policy;  // Policy, an IAM policy document: kept and returned, not enforced
};

// Queue attributes as GetQueueAttributes reports them (counts are computed at the clock's now).
struct QueueAttributes {
  QueueConfig config;
  std::string arn;
  std::int64_t approximate_number_of_messages = 0;              // visible now
  std::int64_t approximate_number_of_messages_not_visible = 0;  // in flight
  std::int64_t approximate_number_of_messages_delayed = 0;      // sent with a delay not yet over
  std::int64_t created_timestamp_s = 0;
};

}  // namespace drydock::emulator
