#pragma once
// The one table from the services' errors to what goes on the wire: the HTTP status, and for SQS the
// JSON protocol's error shape (`__type`) beside the Query code that both protocols carry
// (`x-amzn-query-error`, `<Code>`), as botocore and the JavaScript SDK read them (aws-wire.md §2-3).

#include <string>
#include <string_view>

#include "emulator/sqs/sqs_error.hpp"

namespace drydock::emulator::http {

struct WireError {
  int status = 400;
  std::string query_code;  // "AWS.SimpleQueueService.NonExistentQueue"
  std::string json_type;   // "com.amazonaws.sqs#QueueDoesNotExist"
  std::string fault;       // "Sender" | "Receiver"
  std::string message;
};

WireError wire_error(const SqsError& error);

}  // namespace drydock::emulator::http
