#pragma once
// SQS errors as AWS reports them: the error code a client's SDK matches on and AWS's own message
// text where it is recorded (aws-anchors.md §4.1-4.2).

#include <string>
#include <string_view>

namespace drydock::emulator {

struct SqsError {
  std::string code;     // e.g. "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
  std::string message;  // AWS's text, e.g. "Maximum number of entries per request are 10. You have sent 20."
  bool sender_fault = true;
};

namespace sqs_errors {
SqsError invalid_parameter(std::string message);    // InvalidParameterValue
SqsError missing_parameter(std::string_view name);  // MissingParameter
SqsError queue_does_not_exist();                    // AWS.SimpleQueueService.NonExistentQueue
SqsError store_failure(std::string message, bool busy);
}  // namespace sqs_errors

}  // namespace drydock::emulator
