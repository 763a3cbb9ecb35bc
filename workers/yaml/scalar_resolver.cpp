#include "workers/yaml/scalar_resolver.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <regex>

namespace drydock::workers::yaml {
namespace {

// Patterns from python-compat.md §a (ECMAScript; plain scalars never end in '\n').
const std::regex& bool_re() {
  static const std::regex re(
      "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
  return re;
}
const std::regex& float_re() {
  static const std::regex re(
      "^(?:[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
      "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
      "|[-+]?\\.(?:inf|Inf|INF)"
      "|\\.(?:nan|NaN|NAN))$");
  return re;
}
const std::regex& int_re() {
  static const std::regex re(
      "^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
  return re;
}
const std::regex& null_re() {
  static const std::regex re("^(?:~|null|Null|NULL|)$");
  return re;
}
const std::regex& timestamp_re() {
  static const std::regex re(
      "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
      "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
      "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$");
  return re;
}

bool has_time_part(std::string_view text) {
  return text.size() > 10;
}

std::string strip_underscores(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != '_') {
      out += c;
    }
  }
  return out;
}

// Multiplies the decimal digit string `acc` by `factor` and adds `add` (both small).
void mul_add(std::string& acc, unsigned factor, unsigned add) {
  unsigned carry = add;
  for (auto it = acc.rbegin(); it != acc.rend(); ++it) {
    unsigned d = static_cast<unsigned>(*it - '0') * factor + carry;
    *it = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  while (carry > 0) {
    acc.insert(acc.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
}

std::string normalize_decimal(std::string digits) {
  auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    return "0";
  }
  return digits.substr(first);
}

ResolvedScalar make_int(std::string_view raw) {
  ResolvedScalar out;
  out.kind = ScalarKind::integer;
  std::string text = strip_underscores(raw);
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  std::string value;
  if (text == "0") {
    value = "0";
  } else if (text.starts_with("0b")) {
    if (text.size() == 2) {
      out.error = "ValueError: invalid literal for int() with base 2: ''";
      return out;
    }
    value = digits_to_decimal(std::string_view(text).substr(2), 2);
  } else if (text.starts_with("0x")) {
    if (text.size() == 2) {
      out.error = "ValueError: invalid literal for int() with base 16: ''";
      return out;
    }
    value = digits_to_decimal(std::string_view(text).substr(2), 16);
  } else if (text[0] == '0') {
    value = digits_to_decimal(text, 8);
  } else if (text.find(':') != std::string::npos) {
    value = "0";
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find(':', start);
      auto part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      mul_add(value, 60, static_cast<unsigned>(std::stoul(part)));
      if (end == std::string::npos) {
        break;
      }
      start = end + 1;
    }
    value = normalize_decimal(value);
  } else {
    if (text.size() > 4300) {
      out.error = "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has " +
                  std::to_string(text.size()) +
                  " digits; use sys.set_int_max_str_digits() to increase the limit";
      return out;
    }
    value = normalize_decimal(text);
  }
  out.integer = (negative && value != "0") ? "-" + value : value;
  return out;
}

ResolvedScalar make_float(std::string_view raw) {
  ResolvedScalar out;
  out.kind = ScalarKind::floating;
  std::string text = strip_underscores(raw);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  double sign = 1.0;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    sign = text[0] == '-' ? -1.0 : 1.0;
    text.erase(0, 1);
  }
  if (text == ".inf") {
    out.number = sign * std::numeric_limits<double>::infinity();
  } else if (text == ".nan") {
    out.number = std::numeric_limits<double>::quiet_NaN();
  } else if (text.find(':') != std::string::npos) {
    std::vector<double> parts;
    std::size_t start = 0;
    while (true) {
      auto end = text.find(':', start);
      parts.push_back(std::strtod(text.substr(start, end - start).c_str(), nullptr));
      if (end == std::string::npos) {
        break;
      }
      start = end + 1;
    }
    double acc = 0.0;
    double base = 1.0;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      acc += *it * base;
      base *= 60.0;
    }
    out.number = sign * acc;
  } else {
    // strtod honours the C locale; Drydock never calls setlocale, so '.' is the radix.
    out.number = sign * std::strtod(text.c_str(), nullptr);
  }
  return out;
}

}  // namespace

std::string digits_to_decimal(std::string_view digits, int base) {
  std::string acc = "0";
  for (char c : digits) {
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      continue;  // underscores
    }
    mul_add(acc, static_cast<unsigned>(base), d);
  }
  return normalize_decimal(acc);
}

ResolvedScalar resolve_plain_scalar(std::string_view text) {
  ResolvedScalar out;
  const char first = text.empty() ? '\0' : text[0];
  auto matches = [&](const std::regex& re) { return std::regex_match(text.begin(), text.end(), re); };
  switch (first) {
    case '\0':
    case '~': out.kind = ScalarKind::null; return out;
    case 'y':
    case 'Y':
    case 't':
    case 'T':
    case 'f':
    case 'F':
    case 'o':
    case 'O':
      if (matches(bool_re())) {
        out.kind = ScalarKind::boolean;
        out.boolean = first == 'y' || first == 'Y' || first == 't' || first == 'T' || text == "on" ||
                      text == "On" || text == "ON";
      }
      return out;
    case 'n':
    case 'N':
      if (matches(bool_re())) {
        out.kind = ScalarKind::boolean;
        out.boolean = false;
      } else if (matches(null_re())) {
        out.kind = ScalarKind::null;
      }
      return out;
    case '-':
    case '+':
    case '.':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      if (matches(float_re())) {
        return make_float(text);
      }
      if (first != '.' && matches(int_re())) {
        return make_int(text);
      }
      if (first >= '0' && first <= '9' && matches(timestamp_re())) {
        out.kind = has_time_part(text) ? ScalarKind::timestamp_datetime : ScalarKind::timestamp_date;
      }
      return out;
    case '<':
      if (text == "<<") {
        out.kind = ScalarKind::merge;
      }
      return out;
    case '=':
      if (text == "=") {
        out.kind = ScalarKind::value;
      }
      return out;
    default: return out;
  }
}

}  // namespace drydock::workers::yaml
