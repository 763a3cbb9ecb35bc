#include "workers/marshmallow/fields.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "workers/marshmallow/messages.hpp"
#include "workers/marshmallow/utf8.hpp"

namespace drydock::workers::marshmallow {
namespace {

using yaml::Node;
using yaml::Type;

// marshmallow.fields.Boolean.truthy / .falsy, string members (the int members 1 and 0 are handled
// with ints and floats, which compare equal to them in Python).
constexpr std::array<std::string_view, 14> k_truthy = {"t",  "T", "true", "True", "TRUE", "on",  "On",
                                                       "ON", "y", "Y",    "yes",  "Yes",  "YES", "1"};
constexpr std::array<std::string_view, 14> k_falsy = {"f",   "F", "false", "False", "FALSE", "off", "Off",
                                                      "OFF", "n", "N",     "no",    "No",    "NO",  "0"};

bool contains(const std::array<std::string_view, 14>& set, std::string_view text) {
  return std::find(set.begin(), set.end(), text) != set.end();
}

}  // namespace

Preamble field_preamble(const Node* raw, FieldOptions options) {
  if (raw == nullptr) {
    return {nullptr, options.required ? std::optional(k_missing_required) : std::nullopt};
  }
  if (raw->type == Type::null) {
    return {nullptr, options.allow_none ? std::nullopt : std::optional(k_may_not_be_null)};
  }
  return {raw, std::nullopt};
}

std::expected<std::string_view, std::string_view> string_value(const Node& value) {
  if (value.type == Type::string) {
    return std::string_view(value.text);
  }
  if (value.type == Type::bytes) {
    if (is_valid_utf8(value.text)) {
      return std::string_view(value.text);
    }
    return std::unexpected(k_not_utf8);
  }
  return std::unexpected(k_not_a_string);
}

std::expected<bool, std::string_view> boolean_value(const Node& value) {
  // `value in truthy` is a hash lookup: 1, 1.0 and True are equal; bytes never equal a str; lists,
  // dicts and sets are unhashable (TypeError), which marshmallow also reports as invalid.
  switch (value.type) {
    case Type::boolean: return value.boolean;
    case Type::integer:
      if (auto number = value.as_int64(); number && (*number == 0 || *number == 1)) {
        return *number == 1;
      }
      break;
    case Type::floating:
      if (value.number == 0.0 || value.number == 1.0) {
        return value.number == 1.0;
      }
      break;
    case Type::string:
      if (contains(k_truthy, value.text)) {
        return true;
      }
      if (contains(k_falsy, value.text)) {
        return false;
      }
      break;
    default: break;
  }
  return std::unexpected(k_not_a_boolean);
}

std::optional<std::string> length_error(std::size_t length, LengthRule rule) {
  const bool too_short = rule.min && length < *rule.min;
  const bool too_long = !too_short && rule.max && length > *rule.max;
  if (!too_short && !too_long) {
    return std::nullopt;
  }
  if (rule.min && rule.max) {
    return fmt::format("Length must be between {} and {}.", *rule.min, *rule.max);
  }
  return too_short ? fmt::format("Shorter than minimum length {}.", *rule.min)
                   : fmt::format("Longer than maximum length {}.", *rule.max);
}

}  // namespace drydock::workers::marshmallow
