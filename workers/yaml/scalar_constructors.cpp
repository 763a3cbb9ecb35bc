#include "workers/yaml/scalar_constructors.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "workers/yaml/big_integer.hpp"
#include "workers/yaml/python_number.hpp"
#include "workers/yaml/python_text.hpp"

namespace drydock::workers::yaml::detail {
namespace {

std::string without_underscores(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != '_') {
      out += c;
    }
  }
  return out;
}

// str.lower() for the ASCII letters (the only ones any of these tables can match).
std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

std::vector<std::string_view> split_colons(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(':', start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

PythonIntLiteral int_or_raise(std::string_view text, int base, std::optional<SourceMark> where) {
  auto literal = python_int_literal(text, base);
  if (!literal) {
    raise_python("ValueError", literal.error(), where);
  }
  return std::move(*literal);
}

std::string strip_leading_zeros(const std::string& digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

IntValue signed_value(std::optional<std::string> magnitude, bool negative, std::string_view as_written) {
  if (!magnitude) {
    return {std::string(as_written), true};
  }
  if (negative && *magnitude != "0") {
    return {"-" + *magnitude, false};
  }
  return {std::move(*magnitude), false};
}

// sum(part * 60**k) over signed parts, for the rare explicit `!!int "1:-5"`; 64 bits are plenty
// for anything a person writes that way.
IntValue signed_sexagesimal(const std::vector<PythonIntLiteral>& parts, bool negative,
                            std::string_view as_written, std::optional<SourceMark> where) {
  std::int64_t value = 0;
  for (const auto& part : parts) {
    std::int64_t digit = 0;
    bool overflow = part.digits.size() > 18;
    if (!overflow) {
      digit = std::stoll(part.digits) * (part.negative ? -1 : 1);
      overflow = __builtin_mul_overflow(value, std::int64_t{60}, &value) ||
                 __builtin_add_overflow(value, digit, &value);
    }
    if (overflow) {
      raise_limit("a base-60 integer with signed or very long parts is not supported", where);
    }
  }
  if (negative) {
    value = -value;
  }
  const bool below_zero = value < 0;
  std::string digits = std::to_string(value);
  if (below_zero) {
    digits.erase(0, 1);
  }
  return signed_value(digits, below_zero, as_written);
}

}  // namespace

IntValue construct_int(std::string_view raw, std::optional<SourceMark> where) {
  std::string value = without_underscores(raw);
  if (value.empty()) {
    raise_python("IndexError", "string index out of range", where);
  }
  const bool negative = value[0] == '-';
  if (value[0] == '+' || value[0] == '-') {
    value.erase(0, 1);
  }
  if (value == "0") {
    return {"0", false};
  }
  const auto power_of_two = [&](std::string_view digits, int base) {
    const PythonIntLiteral literal = int_or_raise(digits, base, where);
    return signed_value(power_of_two_base_to_decimal(literal.digits, base, k_python_int_max_str_digits),
                        negative != literal.negative, raw);
  };
  if (value.starts_with("0b")) {
    return power_of_two(std::string_view(value).substr(2), 2);
  }
  if (value.starts_with("0x")) {
    return power_of_two(std::string_view(value).substr(2), 16);
  }
  if (value.empty()) {
    raise_python("IndexError", "string index out of range", where);
  }
  if (value[0] == '0') {
    return power_of_two(value, 8);
  }
  if (value.find(':') != std::string::npos) {
    std::vector<PythonIntLiteral> parts;
    for (const auto part : split_colons(value)) {
      parts.push_back(int_or_raise(part, 10, where));
    }
    bool simple = true;
    std::vector<std::string_view> digits;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      simple = simple && !parts[k].negative && (k == 0 || parts[k].digits.size() <= 9);
      digits.push_back(parts[k].digits);
    }
    if (!simple) {
      return signed_sexagesimal(parts, negative, raw, where);
    }
    return signed_value(sexagesimal_to_decimal(digits, k_python_int_max_str_digits), negative, raw);
  }
  const PythonIntLiteral literal = int_or_raise(value, 10, where);
  return signed_value(strip_leading_zeros(literal.digits), negative != literal.negative, raw);
}

double construct_float(std::string_view raw, std::optional<SourceMark> where, bool& shared_nan) {
  shared_nan = false;
  std::string value = ascii_lower(without_underscores(raw));
  if (value.empty()) {
    raise_python("IndexError", "string index out of range", where);
  }
  const double sign = value[0] == '-' ? -1.0 : 1.0;
  if (value[0] == '+' || value[0] == '-') {
    value.erase(0, 1);
  }
  if (value == ".inf") {
    return sign * std::numeric_limits<double>::infinity();
  }
  if (value == ".nan") {
    shared_nan = true;  // SafeConstructor.nan_value, the same object every time
    return std::numeric_limits<double>::quiet_NaN();
  }
  const auto float_or_raise = [&](std::string_view text) {
    auto number = python_float(text);
    if (!number) {
      raise_python("ValueError", number.error(), where);
    }
    return *number;
  };
  if (value.find(':') != std::string::npos) {
    std::vector<double> digits;
    for (const auto part : split_colons(value)) {
      digits.push_back(float_or_raise(part));
    }
    // value += digit * base, base an exact int: Python rounds 60**k to a double for each product.
    double acc = 0.0;
    for (std::size_t k = 0; k < digits.size(); ++k) {
      const auto base = power_of_60_as_double(k);
      if (!base) {
        raise_python("OverflowError", "int too large to convert to float", where);
      }
      acc += digits[digits.size() - 1 - k] * *base;
    }
    return sign * acc;
  }
  return sign * float_or_raise(value);
}

bool construct_bool(std::string_view raw, std::optional<SourceMark> where) {
  const std::string value = ascii_lower(std::string(raw));
  if (value == "yes" || value == "true" || value == "on") {
    return true;
  }
  if (value == "no" || value == "false" || value == "off") {
    return false;
  }
  raise_python("KeyError", python_repr_utf8(value), where);
}

std::string construct_binary(std::string_view value, SourceMark where) {
  // str.encode('ascii') reports the first run of non-ASCII characters.
  std::size_t i = 0;
  std::size_t position = 0;
  while (i < value.size()) {
    const char32_t cp = next_code_point(value, i);
    if (cp >= 0x80) {
      std::size_t run_end = position + 1;
      std::size_t j = i;
      while (j < value.size()) {
        std::size_t next = j;
        if (next_code_point(value, next) < 0x80) {
          break;
        }
        j = next;
        ++run_end;
      }
      const std::string shown = cp <= 0xFF     ? fmt::format("'\\x{:02x}'", static_cast<unsigned>(cp))
                                : cp <= 0xFFFF ? fmt::format("'\\u{:04x}'", static_cast<unsigned>(cp))
                                               : fmt::format("'\\U{:08x}'", static_cast<unsigned>(cp));
      const std::string reason =
          run_end - position == 1
              ? fmt::format(
                    "'ascii' codec can't encode character {} in position {}: ordinal not in range(128)",
                    shown, position)
              : fmt::format(
                    "'ascii' codec can't encode characters in position {}-{}: ordinal not in range(128)",
                    position, run_end - 1);
      raise_marked("ConstructorError", {}, std::nullopt,
                   "failed to convert base64 data into ascii: " + reason, where);
    }
    ++position;
  }

  // binascii.a2b_base64, non-strict mode (Modules/binascii.c).
  std::string out;
  int quad_pos = 0;
  int pads = 0;
  unsigned left = 0;
  const auto decode_char = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+') {
      return 62;
    }
    if (c == '/') {
      return 63;
    }
    return -1;
  };
  for (char c : value) {
    if (c == '=') {
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        return out;  // a complete pad sequence ends the data
      }
      continue;
    }
    const int v = decode_char(c);
    if (v < 0) {
      continue;
    }
    pads = 0;
    const auto bits = static_cast<unsigned>(v);
    switch (quad_pos) {
      case 0:
        quad_pos = 1;
        left = bits;
        break;
      case 1:
        quad_pos = 2;
        out += static_cast<char>(((left << 2) | (bits >> 4)) & 0xFF);
        left = bits & 0x0F;
        break;
      case 2:
        quad_pos = 3;
        out += static_cast<char>(((left << 4) | (bits >> 2)) & 0xFF);
        left = bits & 0x03;
        break;
      default:
        quad_pos = 0;
        out += static_cast<char>(((left << 6) | bits) & 0xFF);
        left = 0;
        break;
    }
  }
  if (quad_pos == 1) {
    raise_marked(
        "ConstructorError", {}, std::nullopt,
        fmt::format("failed to decode base64 data: Invalid base64-encoded string: number of data characters "
                    "({}) cannot be 1 more than a multiple of 4",
                    out.size() / 3 * 4 + 1),
        where);
  }
  if (quad_pos != 0) {
    raise_marked("ConstructorError", {}, std::nullopt, "failed to decode base64 data: Incorrect padding",
                 where);
  }
  return out;
}

}  // namespace drydock::workers::yaml::detail
