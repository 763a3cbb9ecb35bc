#pragma once
// Python's view of UTF-8 text, as marshmallow's String field sees it: strict decoding of bytes
// (bytes.decode("utf-8")) and len() of a str.

#include <cstddef>
#include <string_view>

namespace drydock::workers::marshmallow {

// The offset of the first byte where bytes.decode("utf-8") fails (strict: no overlongs,
// surrogates or values past U+10FFFF, no truncated sequence), or npos when decoding succeeds.
std::size_t invalid_utf8_offset(std::string_view bytes);

// Whether bytes.decode("utf-8") succeeds: invalid_utf8_offset(bytes) == npos.
bool is_valid_utf8(std::string_view bytes);

// Python's len() of a str held as UTF-8: the number of code points (a lone surrogate, kept as its
// 3-byte encoding, counts as one). Bytes that are not valid UTF-8 are counted leniently: every
// byte that is not a continuation byte counts once.
std::size_t code_point_count(std::string_view utf8);

}  // namespace drydock::workers::marshmallow
