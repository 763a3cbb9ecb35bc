#pragma once
// The error every emulated S3 operation reports: AWS's error code and a message, as S3 would put them
// in its <Error><Code>…</Code><Message>…</Message></Error> body
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).

#include <string>
#include <string_view>

namespace drydock::emulator {

struct S3Error {
  // AWS's code: "NoSuchKey", "NoSuchBucket", "InvalidArgument", "KeyTooLongError", "InvalidRequest",
  // "InvalidBucketName", "BucketAlreadyOwnedByYou", or "InternalError" for a local I/O failure.
  std::string code;
  // Human-readable; AWS's own text where AWS has one, else names the offending key or path.
  std::string message;
  friend bool operator==(const S3Error&, const S3Error&) = default;
};

// NoSuchKey with AWS's message "The specified key does not exist.".
S3Error no_such_key_error();

// NoSuchBucket with AWS's message "The specified bucket does not exist".
S3Error no_such_bucket_error();

// InvalidArgument with `message`.
S3Error invalid_argument_error(std::string message);

// InternalError naming the operation, the path and the system's reason (local disk failures: AWS would
// answer 500 InternalError, and the path tells the user which file to look at).
S3Error internal_error(std::string_view what, std::string_view path, std::string_view reason);
// InternalError with a message that already names the path and the reason (common/atomic_file's).
S3Error internal_error(std::string message);

}  // namespace drydock::emulator
