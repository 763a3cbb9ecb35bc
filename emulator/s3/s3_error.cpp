#include "emulator/s3/s3_error.hpp"

#include <fmt/format.h>

namespace drydock::emulator {

S3Error no_such_key_error() {
  return {"NoSuchKey", "The specified key does not exist."};
}

S3Error no_such_bucket_error() {
  return {"NoSuchBucket", "The specified bucket does not exist"};
}

S3Error no_such_upload_error() {
  return {"NoSuchUpload",
          "The specified upload does not exist. The upload ID may be invalid, or the upload may have been "
          "aborted or completed."};
}

S3Error invalid_part_error() {
  return {"InvalidPart",
          "One or more of the specified parts could not be found. The part may not have been uploaded, or "
          "the specified entity tag may not have matched the part's entity tag."};
}

S3Error invalid_part_order_error() {
  return {"InvalidPartOrder",
          "The list of parts was not in ascending order. The parts list must be specified in order by part "
          "number."};
}

S3Error entity_too_small_error() {
  return {"EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size."};
}

S3Error entity_too_large_error() {
  return {"EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size."};
}

S3Error malformed_xml_error(std::string_view why) {
  std::string message =
      "The XML you provided was not well-formed or did not validate against our published schema";
  if (!why.empty()) {
    message += ": ";
    message += why;
  }
  return {"MalformedXML", std::move(message)};
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
