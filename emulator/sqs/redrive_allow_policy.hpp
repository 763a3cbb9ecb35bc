#pragma once
// A queue's RedriveAllowPolicy: which source queues may name it as their dead-letter queue.
// {"redrivePermission": "allowAll"} (the default), {"redrivePermission": "denyAll"}, or
// {"redrivePermission": "byQueue", "sourceQueueArns": [1 to 10 queue ARNs]}.

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/sqs/sqs_error.hpp"

namespace drydock::emulator {

struct RedriveAllowPolicy {
  enum class Permission { allow_all, deny_all, by_queue };
  Permission permission = Permission::allow_all;
  std::vector<std::string> source_queue_arns;  // by_queue only

  // Whether the queue with ARN `source_arn` may use this queue as its DLQ.
  bool allows(std::string_view source_arn) const;
};

// Reads the attribute's JSON text; InvalidParameterValue naming what is wrong (not JSON, an unknown
// permission or member, sourceQueueArns missing with byQueue or given without it, more than 10).
std::expected<RedriveAllowPolicy, SqsError> parse_redrive_allow_policy(std::string_view text);

}  // namespace drydock::emulator
