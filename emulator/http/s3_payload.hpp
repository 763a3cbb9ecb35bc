#pragma once
// The body of a PutObject or UploadPart as it was meant (aws-wire.md §5): the `aws-chunked` encoding
// current SDKs use for streamed bodies undone (its trailer read), and every integrity value the client
// sent checked against the bytes — Content-MD5, a hex x-amz-content-sha256, and the
// x-amz-checksum-crc32|crc32c|sha1|sha256 header or trailer — so a corrupted upload is refused with
// S3's error instead of stored.

#include <cstddef>
#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "emulator/http/http_exchange.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator::http {

struct Payload {
  std::string bytes;
  // The x-amz-checksum-* values the client sent (header or trailer), checked: S3 echoes them.
  std::vector<std::pair<std::string, std::string>> checksums;
};

// Fails with InvalidRequest (an aws-chunked body that cannot be read), EntityTooLarge (over
// `max_bytes`), InvalidDigest (a Content-MD5 that is not 16 bytes of base64), BadDigest (an MD5 or
// checksum that does not match), XAmzContentSHA256Mismatch, or InvalidRequest (a malformed
// checksum value).
std::expected<Payload, S3Error> read_payload(const HttpRequest& request, std::size_t max_bytes);

}  // namespace drydock::emulator::http
