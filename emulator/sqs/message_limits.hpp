#pragma once
// The checks every message body SQS stores must pass, whether sent or (Drydock only) replaced in
// place: allowed characters, valid attributes, and the queue's maximum message size.

#include <cstdint>
#include <expected>
#include <string_view>

#include "emulator/sqs/message.hpp"
#include "emulator/sqs/sqs_error.hpp"

namespace drydock::emulator {

// check_message_body, check_message_attributes, then the size of body and attributes against
// `max_message_bytes` (InvalidParameterValue "… Reason: Message must be shorter than N bytes.").
std::expected<void, SqsError> check_message_fits(std::string_view body, const MessageAttributes& attributes,
                                                 std::int64_t max_message_bytes);

}  // namespace drydock::emulator
