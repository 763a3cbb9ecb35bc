#include "emulator/history/failed_attempt.hpp"

#include <charconv>

#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator {

std::optional<FailedAttempt> failed_attempt(const ReceivedMessage& message,
                                            const workers::InvocationResult& result, std::string_view failure,
                                            bool timed_out, const AttemptSource& source) {
  const auto seq = receipt_handle_seq(message.receipt_handle);
  if (!seq) {
    return std::nullopt;
  }
  FailedAttempt attempt;
  attempt.seq = *seq;
  attempt.message_id = message.message_id;
  attempt.queue = std::string(source.queue);
  attempt.function = std::string(source.function);
  if (auto count = message.attributes.find("ApproximateReceiveCount"); count != message.attributes.end()) {
    std::from_chars(count->second.data(), count->second.data() + count->second.size(), attempt.attempt);
  }
  attempt.virtual_time = source.virtual_time;
  attempt.wall_time = source.wall_time;
  attempt.request_id = std::string(source.request_id);
  attempt.error = std::string(failure);
  attempt.timed_out = timed_out;
  attempt.exit_code = result.exit_code;
  attempt.signal = result.signal;
  attempt.http_status = result.http_status;
  attempt.error_payload = result.error_payload;
  attempt.output_tail = result.output_tail;
  attempt.duration = result.duration;
  return attempt;
}

}  // namespace drydock::emulator
