#include "workers/yaml/scalar_resolver.hpp"

#include <array>

#include "workers/yaml/big_integer.hpp"
#include "workers/yaml/scalar_constructors.hpp"
#include "workers/yaml/timestamp.hpp"

namespace drydock::workers::yaml {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Skips [0-9_]* from i.
void skip_digits_underscores(std::string_view s, std::size_t& i) {
  while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) {
    ++i;
  }
}

// Matches (?::[0-5]?[0-9])+ at i; returns false if not even one group is there. Taking two digits
// whenever possible is safe: after a group only ':' (or what follows the groups) may come, never a
// digit.
bool match_sexagesimal_groups(std::string_view s, std::size_t& i) {
  std::size_t groups = 0;
  while (i < s.size() && s[i] == ':') {
    std::size_t j = i + 1;
    if (j + 1 < s.size() && s[j] >= '0' && s[j] <= '5' && is_digit(s[j + 1])) {
      j += 2;
    } else if (j < s.size() && is_digit(s[j])) {
      j += 1;
    } else {
      break;
    }
    i = j;
    ++groups;
  }
  return groups > 0;
}

// (?:[eE][-+][0-9]+)? then end of string.
bool match_optional_exponent_to_end(std::string_view s, std::size_t i) {
  if (i == s.size()) {
    return true;
  }
  if ((s[i] != 'e' && s[i] != 'E') || i + 1 >= s.size() || (s[i + 1] != '-' && s[i + 1] != '+')) {
    return false;
  }
  i += 2;
  const std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
  }
  return i > start && i == s.size();
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool match_bool(std::string_view s) {
  static constexpr std::array<std::string_view, 18> k_spellings = {
      "yes",   "Yes",   "YES",   "no", "No", "NO", "true", "True", "TRUE",
      "false", "False", "FALSE", "on", "On", "ON", "off",  "Off",  "OFF"};
  for (auto spelling : k_spellings) {
    if (s == spelling) {
      return true;
    }
  }
  return false;
}

bool match_null(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool match_int(std::string_view s) {
  // [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
  // | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return false;
  }
  if (s[0] == '0') {
    if (s.size() == 1) {
      return true;
    }
    const std::string_view rest = s.substr(2);
    if (s[1] == 'b') {
      return !rest.empty() && all_of(rest, [](char c) { return c == '0' || c == '1' || c == '_'; });
    }
    if (s[1] == 'x') {
      return !rest.empty() && all_of(rest, [](char c) {
        return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '_';
      });
    }
    return all_of(s.substr(1), [](char c) { return (c >= '0' && c <= '7') || c == '_'; });
  }
  if (s[0] < '1' || s[0] > '9') {
    return false;
  }
  std::size_t i = 1;
  skip_digits_underscores(s, i);
  if (i == s.size()) {
    return true;
  }
  return match_sexagesimal_groups(s, i) && i == s.size();
}

bool match_float(std::string_view s) {
  // [-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)? | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
  // | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
  bool sign = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    sign = true;
    s.remove_prefix(1);
  }
  if (s.empty()) {
    return false;
  }
  if (s[0] == '.') {
    const std::string_view after = s.substr(1);
    if (after == "inf" || after == "Inf" || after == "INF") {
      return true;
    }
    if (sign) {
      return false;
    }
    if (after == "nan" || after == "NaN" || after == "NAN") {
      return true;
    }
    if (after.empty() || !is_digit(after[0])) {
      return false;
    }
    std::size_t i = 1;
    skip_digits_underscores(after, i);
    return match_optional_exponent_to_end(after, i);
  }
  if (!is_digit(s[0])) {
    return false;
  }
  std::size_t i = 1;
  skip_digits_underscores(s, i);
  if (i < s.size() && s[i] == '.') {
    ++i;
    skip_digits_underscores(s, i);
    return match_optional_exponent_to_end(s, i);
  }
  if (!match_sexagesimal_groups(s, i) || i >= s.size() || s[i] != '.') {
    return false;
  }
  ++i;
  skip_digits_underscores(s, i);
  return i == s.size();
}

bool match_timestamp(std::string_view s) {
  // [0-9]{4}-[0-9]{2}-[0-9]{2}
  // | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
  //   (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?
  std::size_t i = 0;
  const auto digits = [&](std::size_t min, std::size_t max) {
    std::size_t n = 0;
    while (n < max && i < s.size() && is_digit(s[i])) {
      ++i;
      ++n;
    }
    return n >= min ? n : 0;
  };
  const auto literal = [&](char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  if (digits(4, 4) == 0 || !literal('-')) {
    return false;
  }
  const std::size_t month = digits(1, 2);
  if (month == 0 || !literal('-')) {
    return false;
  }
  const std::size_t day = digits(1, 2);
  if (day == 0) {
    return false;
  }
  if (i == s.size()) {
    return month == 2 && day == 2;
  }
  if (!literal('T') && !literal('t')) {
    if (s[i] != ' ' && s[i] != '\t') {
      return false;
    }
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
      ++i;
    }
  }
  if (digits(1, 2) == 0 || !literal(':') || digits(2, 2) == 0 || !literal(':') || digits(2, 2) == 0) {
    return false;
  }
  if (literal('.')) {
    while (i < s.size() && is_digit(s[i])) {
      ++i;
    }
  }
  if (i == s.size()) {
    return true;
  }
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  if (literal('Z')) {
    return i == s.size();
  }
  if (!literal('-') && !literal('+')) {
    return false;
  }
  if (digits(1, 2) == 0) {
    return false;
  }
  if (literal(':') && digits(2, 2) == 0) {
    return false;
  }
  return i == s.size();
}

ImplicitTag resolve_implicit_tag(std::string_view text) {
  // Python's `$` matches at the end or before a final newline (only `! |` block scalars have one).
  const auto matches = [&](bool (*pattern)(std::string_view)) {
    return pattern(text) ||
           (!text.empty() && text.back() == '\n' && pattern(text.substr(0, text.size() - 1)));
  };
  if (text.empty()) {
    return ImplicitTag::null;
  }
  switch (text[0]) {
    case '~': return matches(match_null) ? ImplicitTag::null : ImplicitTag::string;
    case 'y':
    case 'Y':
    case 't':
    case 'T':
    case 'f':
    case 'F':
    case 'o':
    case 'O': return matches(match_bool) ? ImplicitTag::boolean : ImplicitTag::string;
    case 'n':
    case 'N':
      if (matches(match_bool)) {
        return ImplicitTag::boolean;
      }
      return matches(match_null) ? ImplicitTag::null : ImplicitTag::string;
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
      if (matches(match_float)) {
        return ImplicitTag::floating;
      }
      if (text[0] != '.' && matches(match_int)) {
        return ImplicitTag::integer;
      }
      if (is_digit(text[0]) && matches(match_timestamp)) {
        return ImplicitTag::timestamp;
      }
      return ImplicitTag::string;
    case '<':
      return matches([](std::string_view s) { return s == "<<"; }) ? ImplicitTag::merge : ImplicitTag::string;
    case '=':
      return matches([](std::string_view s) { return s == "="; }) ? ImplicitTag::value : ImplicitTag::string;
    case '!':
    case '&':
    case '*':
      return matches([](std::string_view s) { return s.size() == 1; }) ? ImplicitTag::yaml
                                                                       : ImplicitTag::string;
    default: return ImplicitTag::string;
  }
}

ResolvedScalar resolve_plain_scalar(std::string_view text) {
  ResolvedScalar out;
  try {
    switch (resolve_implicit_tag(text)) {
      case ImplicitTag::null: out.kind = ScalarKind::null; break;
      case ImplicitTag::boolean:
        out.kind = ScalarKind::boolean;
        out.boolean = detail::construct_bool(text, {});
        break;
      case ImplicitTag::integer: {
        out.kind = ScalarKind::integer;
        auto value = detail::construct_int(text, {});
        out.integer = std::move(value.text);
        out.integer_exceeds_str_digits = value.exceeds_str_digits;
        break;
      }
      case ImplicitTag::floating: {
        out.kind = ScalarKind::floating;
        bool shared_nan = false;
        out.number = detail::construct_float(text, {}, shared_nan);
        break;
      }
      case ImplicitTag::timestamp: {
        auto value = construct_timestamp(text);
        if (!value) {
          out.error = value.error().cls + ": " + value.error().message;
        } else {
          out.kind = value->has_time ? ScalarKind::timestamp_datetime : ScalarKind::timestamp_date;
        }
        break;
      }
      case ImplicitTag::merge: out.kind = ScalarKind::merge; break;
      case ImplicitTag::value: out.kind = ScalarKind::value; break;
      case ImplicitTag::yaml:
      case ImplicitTag::string: break;
    }
  } catch (const detail::LoadFailure& failure) {
    out.error = failure.error.python_error;
  }
  return out;
}

std::string digits_to_decimal(std::string_view digits, int base) {
  std::string clean;
  for (char c : digits) {
    if (c != '_') {
      clean += c;
    }
  }
  if (base == 10) {
    const auto first = clean.find_first_not_of('0');
    return first == std::string::npos ? "0" : clean.substr(first);
  }
  // Callers hold bounded text; the cap only guards against quadratic work on absurd input.
  auto text = power_of_two_base_to_decimal(clean, base, 1'000'000);
  return text ? *text : std::string{};
}

}  // namespace drydock::workers::yaml
