#pragma once
// The one table from the services' errors to what goes on the wire: the HTTP status, for S3 by its
// error code (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html), and for SQS the
// JSON protocol's error shape (`__type`) beside the Query code that both protocols carry
// (`x-amzn-query-error`, `<Code>`), as botocore and the JavaScript SDK read them (aws-wire.md §2-3).

#include <string>
#include <string_view>

#include "emulator/s3/s3_error.hpp"
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

// The HTTP status S3 answers `error` with (400 for a code not in the table, 500 for InternalError).
int s3_status(const S3Error& error);

}  // namespace drydock::emulator::http
