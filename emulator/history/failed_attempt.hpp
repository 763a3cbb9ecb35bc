#pragma once
// Building the FailedAttempt of one message from what the Lambda dispatcher has after an invocation:
// the message as received, the transport's result and the verdict's reason.

#include <chrono>
#include <optional>
#include <string_view>

#include "emulator/history/attempt_history.hpp"
#include "emulator/sqs/message.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::emulator {

// What the dispatcher knows about the invocation besides its result.
struct AttemptSource {
  std::string_view queue;       // the mapped queue the message was received from
  std::string_view function;    // the function invoked (QueueMapping::function_name)
  std::string_view request_id;  // the invocation's InvocationContext::request_id
  Instant virtual_time;         // when the batch was received, on the virtual clock
  std::chrono::system_clock::time_point wall_time;
};

// The attempt of `message` (received by Drydock's SQS: its receipt handle names its row, its
// ApproximateReceiveCount the attempt) that failed with `failure` (BatchVerdict::failure) after
// `result`; `timed_out` is BatchVerdict::timed_out. nullopt when the receipt handle is not one Drydock
// issued (the message cannot be keyed).
std::optional<FailedAttempt> failed_attempt(const ReceivedMessage& message,
                                            const workers::InvocationResult& result, std::string_view failure,
                                            bool timed_out, const AttemptSource& source);

}  // namespace drydock::emulator
