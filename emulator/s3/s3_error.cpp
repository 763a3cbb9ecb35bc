#include "emulator/s3/s3_error.hpp"

#include <fmt/format.h>

namespace drydock::emulator {

S3Error no_such_key_error() {
  return {"NoSuchKey", "The specified key does not exist."};
}

S3Error no_such_bucket_error() {
  return {"NoSuchBucket", "The specified bucket does not exist"};
}

S3Error invalid_argument_error(std::string message) {
  return {"InvalidArgument", std::move(message)};
}

S3Error internal_error(std::string_view what, std::string_view path, std::string_view reason) {
  return {"InternalError", fmt::format("{} {}: {}", what, path, reason)};
}

S3Error internal_error(std::string message) {
  return {"InternalError", std::move(message)};
}

}  // namespace drydock::emulator
