#pragma once
// The error every emulated S3 operation reports: AWS's error code and a message, as S3 would put them
// in its <Error><Code>…</Code><Message>…</Message></Error> body
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).

#include <string>
#include <string_view>

namespace drydock::emulator {

struct S3Error {
  // AWS's code: "NoSuchKey", "NoSuchBucket", "InvalidArgument", "KeyTooLongError", "InvalidRequest",
  // "InvalidBucketName", "BucketAlreadyOwnedByYou", the multipart upload's "NoSuchUpload", "InvalidPart",
  // "InvalidPartOrder", "EntityTooSmall", "EntityTooLarge", "MalformedXML", or "InternalError" for a
  // local I/O failure.
  std::string code;
  // Human-readable; AWS's own text where AWS has one, else names the offending key or path.
  std::string message;
  friend bool operator==(const S3Error&, const S3Error&) = default;
};

// NoSuchKey with AWS's message "The specified key does not exist.".
S3Error no_such_key_error();

// NoSuchBucket with AWS's message "The specified bucket does not exist".
S3Error no_such_bucket_error();

// NoSuchUpload with AWS's message "The specified upload does not exist. The upload ID may be invalid, or
// the upload may have been aborted or completed.".
S3Error no_such_upload_error();

// InvalidPart with AWS's message "One or more of the specified parts could not be found. …".
S3Error invalid_part_error();

// InvalidPartOrder with AWS's message "The list of parts was not in ascending order. …".
S3Error invalid_part_order_error();

// EntityTooSmall with AWS's message "Your proposed upload is smaller than the minimum allowed object
// size.".
S3Error entity_too_small_error();

// EntityTooLarge with AWS's message "Your proposed upload exceeds the maximum allowed object size.".
S3Error entity_too_large_error();

// MalformedXML with AWS's message "The XML you provided was not well-formed or did not validate against
// our published schema", followed by ": <why>" when `why` says what is wrong.
S3Error malformed_xml_error(std::string_view why = {});

// InvalidArgument with `message`.
S3Error invalid_argument_error(std::string message);

// InternalError naming the operation, the path and the system's reason (local disk failures: AWS would
// answer 500 InternalError, and the path tells the user which file to look at).
S3Error internal_error(std::string_view what, std::string_view path, std::string_view reason);
// InternalError with a message that already names the path and the reason (common/atomic_file's).
S3Error internal_error(std::string message);

}  // namespace drydock::emulator
