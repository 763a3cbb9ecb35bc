#include "workers/yaml/python_number.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "workers/yaml/big_integer.hpp"
#include "workers/yaml/python_text.hpp"

namespace drydock::workers::yaml {
namespace {

// First code points of runs of ten Unicode decimal digits (category Nd) that CPython maps to 0-9
// before parsing a number. Not exhaustive; covers the scripts a template could plausibly contain.
constexpr std::array<char32_t, 24> k_digit_zeros = {
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,  0x0CE6,  0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10, 0x1D7CE, 0x1D7D8, 0x1D7E2,
};

// _PyUnicode_TransformDecimalAndSpaceToASCII: spaces become ' ', decimal digits ASCII digits, other
// non-ASCII characters a character no number accepts.
std::string to_ascii_number_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (python_isspace(cp)) {
      out += ' ';
    } else {
      char mapped = '?';
      for (char32_t zero : k_digit_zeros) {
        if (cp >= zero && cp < zero + 10) {
          mapped = static_cast<char>('0' + (cp - zero));
        }
      }
      out += mapped;
    }
  }
  return out;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
         (c >= '\x1c' && c <= '\x1f');
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
    return (c | 0x20) - 'a' + 10;
  }
  return 99;
}

std::string truncated_repr(std::string_view text, std::size_t max_chars) {
  const std::string repr = python_repr_utf8(text);
  std::size_t i = 0;
  std::size_t count = 0;
  while (i < repr.size() && count < max_chars) {
    next_code_point(repr, i);
    ++count;
  }
  return repr.substr(0, i);
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.size(); ++k) {
    if ((a[k] | 0x20) != b[k]) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool python_isspace(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

std::expected<PythonIntLiteral, std::string> python_int_literal(std::string_view text, int base) {
  const auto invalid = [&] {
    // CPython: "invalid literal for int() with base %d: %.200R".
    return std::unexpected(
        fmt::format("invalid literal for int() with base {}: {}", base, truncated_repr(text, 200)));
  };
  const std::string s = to_ascii_number_text(text);
  std::size_t i = 0;
  while (i < s.size() && is_ascii_space(s[i])) {
    ++i;
  }
  PythonIntLiteral out;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    out.negative = s[i] == '-';
    ++i;
  }
  if (i + 1 < s.size() && s[i] == '0') {
    const char p = static_cast<char>(s[i + 1] | 0x20);
    if ((base == 16 && p == 'x') || (base == 8 && p == 'o') || (base == 2 && p == 'b')) {
      i += 2;
    }
  }
  const std::size_t first = i;
  while (i < s.size() && digit_value(s[i]) < base) {
    ++i;
  }
  out.digits = s.substr(first, i - first);
  // The digit limit is checked before anything after the digits (CPython's order).
  if (base == 10 && out.digits.size() > k_python_int_max_str_digits) {
    return std::unexpected(
        fmt::format("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use "
                    "sys.set_int_max_str_digits() to increase the limit",
                    k_python_int_max_str_digits, out.digits.size()));
  }
  while (i < s.size() && is_ascii_space(s[i])) {
    ++i;
  }
  if (out.digits.empty() || i != s.size()) {
    return invalid();
  }
  return out;
}

std::expected<double, std::string> python_float(std::string_view text) {
  const auto invalid = [&] {
    return std::unexpected(fmt::format("could not convert string to float: {}", python_repr_utf8(text)));
  };
  const std::string s = to_ascii_number_text(text);
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && is_ascii_space(s[begin])) {
    ++begin;
  }
  while (end > begin && is_ascii_space(s[end - 1])) {
    --end;
  }
  std::string_view body(s.data() + begin, end - begin);
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (equals_ignore_case(body, "inf") || equals_ignore_case(body, "infinity")) {
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (equals_ignore_case(body, "nan")) {
    return negative ? -std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::quiet_NaN();
  }
  // digits [. digits] [(e|E) [sign] digits], at least one mantissa digit.
  std::size_t k = 0;
  std::size_t mantissa_digits = 0;
  while (k < body.size() && body[k] >= '0' && body[k] <= '9') {
    ++k;
    ++mantissa_digits;
  }
  if (k < body.size() && body[k] == '.') {
    ++k;
    while (k < body.size() && body[k] >= '0' && body[k] <= '9') {
      ++k;
      ++mantissa_digits;
    }
  }
  if (mantissa_digits == 0) {
    return invalid();
  }
  if (k < body.size() && (body[k] == 'e' || body[k] == 'E')) {
    ++k;
    if (k < body.size() && (body[k] == '+' || body[k] == '-')) {
      ++k;
    }
    const std::size_t exponent_start = k;
    while (k < body.size() && body[k] >= '0' && body[k] <= '9') {
      ++k;
    }
    if (k == exponent_start) {
      return invalid();
    }
  }
  if (k != body.size()) {
    return invalid();
  }
  // Validated plain decimal: strtod (C locale, correctly rounded) gives Python's value; overflow
  // and underflow give inf and 0 as in Python.
  const std::string number(body);
  const double value = std::strtod(number.c_str(), nullptr);
  return negative ? -value : value;
}

}  // namespace drydock::workers::yaml
