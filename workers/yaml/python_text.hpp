#pragma once
// Text as Python sees it, for reproducing Python's messages byte for byte: repr() of a str or of one
// character, str.isprintable(), and UTF-8 that can carry the lone surrogates a Python str may hold
// (a `"\ud800"` escape yields one; it is encoded as the 3-byte sequence ED A0 80, "WTF-8").

#include <cstddef>
#include <string>
#include <string_view>

namespace drydock::workers::yaml {

// Appends `cp` as UTF-8; surrogates (U+D800..U+DFFF) are encoded as 3 bytes like any BMP code point.
void append_utf8(std::string& out, char32_t cp);

// UTF-8 of a sequence of code points (surrogates included, as above).
std::string encode_utf8(std::u32string_view text);

// Decodes one code point at s[i] and advances i. Accepts what append_utf8 writes (including encoded
// surrogates); any other invalid byte yields U+FFFD and advances by one.
char32_t next_code_point(std::string_view s, std::size_t& i);

// Number of code points in a UTF-8 string (as len() of the Python str).
std::size_t code_point_count(std::string_view utf8);

// Python's str.isprintable() for one character. Exact for ASCII and Latin-1 and for the format,
// separator, surrogate, private-use and noncharacter ranges; unassigned code points count as printable.
bool python_isprintable(char32_t cp);

// repr() of a Python str: 'abc', "it's", '\t', '\x85', 'é' ...
std::string python_repr(std::u32string_view text);
std::string python_repr_utf8(std::string_view utf8);

// repr() of a one-character str, e.g. '\t' or '@'.
std::string python_repr_char(char32_t cp);

}  // namespace drydock::workers::yaml
