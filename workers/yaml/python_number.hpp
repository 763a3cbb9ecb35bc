#pragma once
// Python's int(text, base) and float(text), which PyYAML's constructors call on scalar text. They
// decide what an explicitly tagged `!!int " 0o17"` or `!!float "1e3"` becomes and which ValueError
// message a bad one raises, so they are reproduced rather than approximated with strtol/strtod.

#include <expected>
#include <string>
#include <string_view>

namespace drydock::workers::yaml {

struct PythonIntLiteral {
  bool negative = false;
  std::string digits;  // in the requested base, ASCII, no sign, prefix, whitespace or underscores
};

// int(text, base) for base 2, 8, 10 or 16: surrounding whitespace, a sign and the matching 0b/0o/0x
// prefix are accepted, as are Unicode decimal digits. On failure the ValueError message: "invalid
// literal for int() with base 10: 'abc'" or, for more than 4300 decimal digits, CPython's limit
// message.
std::expected<PythonIntLiteral, std::string> python_int_literal(std::string_view text, int base);

// float(text): surrounding whitespace, a sign, "inf"/"infinity"/"nan" in any case, and decimal
// notation with an optional exponent; overflow gives inf. On failure the ValueError message
// "could not convert string to float: 'abc'".
std::expected<double, std::string> python_float(std::string_view text);

// Python's str.strip() whitespace (Py_UNICODE_ISSPACE).
bool python_isspace(char32_t cp);

}  // namespace drydock::workers::yaml
