#pragma once
// Hexadecimal digits: the value of one, for the decoders that read escapes (JSON's \uXXXX, URLs' %XX),
// and bytes written as lower-case hex, as AWS prints digests (MD5 ETags, x-amz-content-sha256).

#include <string>
#include <string_view>

namespace drydock::emulator {

// 0..15 for 0-9, a-f, A-F; -1 for any other character.
constexpr int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Two lower-case hex digits per byte of `bytes`.
inline std::string lower_hex(std::string_view bytes) {
  constexpr std::string_view k_digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex += k_digits[byte >> 4];
    hex += k_digits[byte & 0x0F];
  }
  return hex;
}

}  // namespace drydock::emulator
