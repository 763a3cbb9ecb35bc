#include "emulator/sqs/message_limits.hpp"

#include <fmt/format.h>

#include "emulator/sqs/message_checks.hpp"

namespace drydock::emulator {

std::expected<void, SqsError> check_message_fits(std::string_view body, const MessageAttributes& attributes,
                                                 std::int64_t max_message_bytes) {
  if (auto checked = check_message_body(body); !checked) {
    return checked;
  }
  if (auto checked = check_message_attributes(attributes); !checked) {
    return checked;
  }
  if (message_size(body, attributes) > max_message_bytes) {
    return std::unexpected(sqs_errors::invalid_parameter(
        fmt::format("One or more parameters are invalid. Reason: Message must be shorter than {} bytes.",
                    max_message_bytes)));
  }
  return {};
}

}  // namespace drydock::emulator
