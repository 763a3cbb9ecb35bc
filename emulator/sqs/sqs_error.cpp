#include "emulator/sqs/sqs_error.hpp"

#include <fmt/format.h>

namespace drydock::emulator::sqs_errors {

SqsError invalid_parameter(std::string message) {
  return {"InvalidParameterValue", std::move(message), true};
}

SqsError missing_parameter(std::string_view name) {
  return {"MissingParameter", fmt::format("The request must contain the parameter {}.", name), true};
}

SqsError queue_does_not_exist() {
  return {"AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.", true};
}

SqsError store_failure(std::string message, bool busy) {
  if (busy) {
    return {
        "Drydock.StateLocked",
        fmt::format("the state store is locked by another Drydock process and stayed locked past the busy "
                    "timeout ({})",
                    message),
        false};
  }
  return {"InternalError", std::move(message), false};
}

}  // namespace drydock::emulator::sqs_errors
