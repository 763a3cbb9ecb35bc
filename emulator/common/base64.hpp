#pragma once
// RFC 4648 base64 with padding: the Lambda SQS event's "binaryValue", SQS's Binary message attributes
// on the wire (both protocols), S3's checksums and request ids.

#include <optional>
#include <string>
#include <string_view>

namespace drydock::emulator {

std::string base64_encode(std::string_view bytes);

// The bytes `text` encodes; nullopt unless it is canonical padded base64 (length a multiple of 4,
// only the alphabet, `=` only at the end, unused bits zero), as AWS requires of BinaryValue.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace drydock::emulator
