#pragma once
// The parts of GetObject/HeadObject/CopyObject that decide what to answer before any byte is sent:
// the conditional headers (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html,
// RFC 9110 §13.2.2 order) and the Range header (one byte range, as S3 serves; several ranges or an
// unreadable header are ignored and the whole object is sent, as S3 does).

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator::http {

// What a precondition check decided.
enum class Precondition {
  proceed,
  not_modified,  // 304 (GET/HEAD only)
  failed,        // 412 PreconditionFailed
};

// The headers a check reads, by name: If-Match, If-None-Match, If-Modified-Since,
// If-Unmodified-Since, or CopyObject's x-amz-copy-source-if-… forms (where every failure is a 412).
struct ConditionHeaders {
  std::string_view if_match = "If-Match";
  std::string_view if_none_match = "If-None-Match";
  std::string_view if_modified_since = "If-Modified-Since";
  std::string_view if_unmodified_since = "If-Unmodified-Since";
  bool not_modified_fails = false;  // CopyObject: 412 where GET says 304
};
inline constexpr ConditionHeaders k_copy_source_conditions{
    "x-amz-copy-source-if-match", "x-amz-copy-source-if-none-match", "x-amz-copy-source-if-modified-since",
    "x-amz-copy-source-if-unmodified-since", true};

// Checks the conditional headers `header` returns against the object's ETag (with its quotes) and
// LastModified. Entity tags compare without their quotes; "*" matches any object.
Precondition check_preconditions(
    const std::function<std::optional<std::string_view>(std::string_view)>& header, std::string_view etag,
    Instant last_modified, const ConditionHeaders& names = {});

// PreconditionFailed (412) with S3's message.
S3Error precondition_failed_error();

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
};

// The range "bytes=a-b", "bytes=a-" or "bytes=-n" selects in an object of `size` bytes (the end is
// clipped to the object). nullopt: send the whole object (no header, several ranges, unreadable).
// Fails with InvalidRange (416) when the range starts at or after the end ("bytes=-0" too).
std::expected<std::optional<ByteRange>, S3Error> select_range(std::optional<std::string_view> header,
                                                              std::uint64_t size);

}  // namespace drydock::emulator::http
