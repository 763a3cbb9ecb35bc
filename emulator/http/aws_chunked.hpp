#pragma once
// S3's `Content-Encoding: aws-chunked` request bodies (streaming SigV4 uploads and the SDKs' trailing
// checksums), read after the HTTP server has undone any Transfer-Encoding: chunked. The encoding is
//   hex-size[;chunk-signature=<64 hex>]\r\n<size bytes>\r\n   ...repeated, then
//   0[;chunk-signature=...]\r\n  name:value\r\n ...  \r\n
// e.g. "6\r\nhello \r\n7\r\nstream\n\r\n0\r\nx-amz-checksum-crc32:u4b0lw==\r\n\r\n".
// Chunk signatures are skipped, not checked: Drydock checks no credentials.

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::emulator::http {

// At most this many trailers after the last chunk (a client sends one checksum, maybe a signature).
inline constexpr std::size_t k_max_aws_chunked_trailers = 16;
// A chunk's size line or a trailer line longer than this (CRLF excluded) is refused.
inline constexpr std::size_t k_max_aws_chunked_line = 4096;

struct AwsChunkedBody {
  std::string bytes;  // the decoded object data
  // The trailers in the order sent: names lower-cased, names and values trimmed of spaces and tabs.
  std::vector<std::pair<std::string, std::string>> trailers;
};

// The data and trailers `encoded` carries. `decoded_length` is x-amz-decoded-content-length when
// the client sent it: the data must be exactly that long. Fails, saying what is wrong and where
// (which chunk or trailer, at which byte), on a size that is not 1-16 hex digits, data longer than
// `max_decoded_bytes` or than `decoded_length`, data not followed by CRLF, a body that ends early,
// a trailer line without ':', more than k_max_aws_chunked_trailers trailers, a line longer than
// k_max_aws_chunked_line, or bytes after the final empty line. A body that ends right after the
// zero-size chunk's line, with neither trailers nor the final CRLF, is accepted.
std::expected<AwsChunkedBody, std::string> decode_aws_chunked(std::string_view encoded,
                                                              std::optional<std::uint64_t> decoded_length,
                                                              std::size_t max_decoded_bytes);

// The value of the trailer named `lower_case_name` (the first, if sent twice); nullopt if absent.
std::optional<std::string_view> find_trailer(const AwsChunkedBody& body, std::string_view lower_case_name);

}  // namespace drydock::emulator::http
