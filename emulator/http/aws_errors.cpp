#include "emulator/http/aws_errors.hpp"

#include <map>

namespace drydock::emulator::http {

namespace {

// Query codes whose JSON shape has another name (botocore's SQS model); the others drop the
// "AWS.SimpleQueueService." prefix.
const std::map<std::string, std::string, std::less<>>& renamed_shapes() {
  static const std::map<std::string, std::string, std::less<>> k_shapes{
      {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"},
      {"QueueAlreadyExists", "QueueNameExists"},
      {"AWS.SimpleQueueService.QueueDeletedRecently", "QueueDeletedRecently"},
      {"InvalidParameterValue", "InvalidParameterValueException"},
      {"MissingParameter", "MissingRequiredParameterException"},
      {"InvalidAction", "InvalidActionException"},
  };
  return k_shapes;
}

const std::map<std::string, int, std::less<>>& s3_statuses() {
  static const std::map<std::string, int, std::less<>> k_statuses{
      {"AccessDenied", 403},       {"BucketAlreadyExists", 409}, {"BucketAlreadyOwnedByYou", 409},
      {"BucketNotEmpty", 409},     {"InternalError", 500},       {"InvalidRange", 416},
      {"MethodNotAllowed", 405},   {"NoSuchBucket", 404},        {"NoSuchKey", 404},
      {"NoSuchUpload", 404},       {"NotImplemented", 501},      {"NotModified", 304},
      {"PreconditionFailed", 412}, {"Drydock.StateLocked", 503},
  };
  return k_statuses;
}

}  // namespace

int s3_status(const S3Error& error) {
  const auto found = s3_statuses().find(error.code);
  return found == s3_statuses().end() ? 400 : found->second;
}

WireError wire_error(const SqsError& error) {
  WireError wire;
  wire.query_code = error.code;
  wire.fault = error.sender_fault ? "Sender" : "Receiver";
  wire.status = error.sender_fault ? 400 : (error.code == "Drydock.StateLocked" ? 503 : 500);
  wire.message = error.message;
  std::string shape;
  if (const auto renamed = renamed_shapes().find(error.code); renamed != renamed_shapes().end()) {
    shape = renamed->second;
  } else {
    constexpr std::string_view k_prefix = "AWS.SimpleQueueService.";
    shape =
        std::string_view(error.code).starts_with(k_prefix) ? error.code.substr(k_prefix.size()) : error.code;
  }
  wire.json_type = "com.amazonaws.sqs#" + shape;
  return wire;
}

}  // namespace drydock::emulator::http
