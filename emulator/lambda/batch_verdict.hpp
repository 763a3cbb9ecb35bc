#pragma once
// Which messages of a batch an invocation settled, by Lambda's rules for SQS (aws-anchors.md §4.5;
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html): a failed or timed-out
// invocation settles nothing (the whole batch becomes visible again after the visibility timeout); a
// successful one settles every message, unless the mapping has ReportBatchItemFailures and the function
// answered with a partial batch response naming some of them.

#include <chrono>
#include <string>
#include <vector>

#include "emulator/cloud/cloud_layout.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::emulator {

struct BatchVerdict {
  // Per message of the batch, in batch order: true when the dispatcher deletes it.
  std::vector<bool> settled;
  // Why the messages not settled failed, for a person ("exit status 1", "Task timed out after 300.00
  // seconds", "reported in batchItemFailures", "invalid partial batch response: …"). Empty when every
  // message is settled.
  std::string failure;
  // True when the function ran longer than its timeout (reported by the transport or measured).
  bool timed_out = false;
};

// Judges one invocation of a batch whose messages have ids `message_ids` (batch order):
// * the transport reported a failure or a timeout, or the invocation took longer than
//   `mapping.function_timeout` → nothing settled;
// * success without ReportBatchItemFailures → everything settled, any partial response ignored;
// * success with ReportBatchItemFailures and no partial response or an empty list → everything settled;
// * a list naming messages of the batch → all but those settled;
// * a list with an empty itemIdentifier or an id that is not in the batch → the whole batch failed
//   (Lambda treats an invalid response as a complete failure).
BatchVerdict judge_batch(const workers::InvocationResult& result, const std::vector<std::string>& message_ids,
                         const EventSourceMapping& mapping);

// Lambda's timeout text: "Task timed out after 300.00 seconds".
std::string timeout_message(std::chrono::milliseconds after);

}  // namespace drydock::emulator
