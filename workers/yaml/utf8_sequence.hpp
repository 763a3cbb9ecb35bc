#pragma once
// CPython's strict UTF-8 decoder (Objects/stringlib/codecs.h), one sequence at a time: the ranges
// of valid second bytes (no overlongs, no surrogates, nothing past U+10FFFF) and the three reasons
// it gives. Shared by the YAML reader, the scanner's %-escape decoding and marshmallow's String.

#include <cstddef>
#include <string_view>

namespace drydock::workers::yaml {

struct Utf8Step {
  char32_t code_point = 0;
  std::size_t length = 0;       // bytes consumed on success
  const char* error = nullptr;  // "invalid start byte", "invalid continuation byte",
                                // "unexpected end of data"; nullptr on success
  std::size_t error_end = 0;    // on error: the offset of the offending byte (the end for truncation)
};

// Decodes the sequence that starts at s[i] (i < s.size()).
inline Utf8Step decode_utf8_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    return {c, 1, nullptr, 0};
  }
  std::size_t length = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {0, 0, "invalid start byte", i};
  }
  char32_t cp = c & (0xFFU >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const std::size_t at = i + k;
    if (at >= s.size()) {
      return {0, 0, "unexpected end of data", s.size()};
    }
    const unsigned char b = byte(at);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
      return {0, 0, "invalid continuation byte", at};
    }
    cp = (cp << 6) | (b & 0x3FU);
  }
  return {cp, length, nullptr, 0};
}

}  // namespace drydock::workers::yaml
