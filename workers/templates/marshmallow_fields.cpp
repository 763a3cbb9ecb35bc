#include "workers/templates/marshmallow_fields.hpp"

#include <array>
#include <string>

#include <fmt/format.h>

#include "workers/templates/marshmallow_messages.hpp"

namespace drydock::workers::templates {
namespace {

using yaml::Node;
using yaml::Type;

// marshmallow.fields.Boolean.truthy / .falsy, string members (the int members 1 and 0 are handled
// with ints and floats, which compare equal to them in Python).
constexpr std::array<std::string_view, 14> k_truthy = {"t",  "T", "true", "True", "TRUE", "on",  "On",
                                                       "ON", "y", "Y",    "yes",  "Yes",  "YES", "1"};
constexpr std::array<std::string_view, 14> k_falsy = {"f",   "F", "false", "False", "FALSE", "off", "Off",
                                                      "OFF", "n", "N",     "no",    "No",    "NO",  "0"};

bool contains(const auto& set, std::string_view text) {
  for (auto member : set) {
    if (member == text) {
      return true;
    }
  }
  return false;
}

bool is_zero_int(const Node& node) {
  return node.text == "0" || node.text == "-0";
}

}  // namespace

RawField raw_field(const Node& mapping, std::string_view data_key) {
  for (const auto& entry : mapping.entries) {
    if (entry.key->type == Type::string && entry.key->text == data_key) {
      return {entry.key, entry.value};
    }
  }
  return {};
}

const Node* present_value(SchemaErrors& errors, const RawField& raw, Mark mapping_mark,
                          FieldOptions options) {
  if (raw.value == nullptr) {
    if (options.required) {
      errors.add(first_mark({mapping_mark}), std::string(k_missing_required));
    }
    return nullptr;
  }
  if (raw.value->type == Type::null) {
    if (!options.allow_none) {
      errors.add(first_mark({raw.value->mark, raw.key->mark, mapping_mark}), std::string(k_may_not_be_null));
    }
    return nullptr;
  }
  return raw.value;
}

std::optional<std::string_view> deserialize_string(SchemaErrors& errors, const Node& value) {
  if (value.type == Type::string) {
    return std::string_view(value.text);
  }
  if (value.type == Type::bytes) {
    if (is_valid_utf8(value.text)) {
      return std::string_view(value.text);
    }
    errors.add(first_mark({value.mark}), std::string(k_not_utf8));
    return std::nullopt;
  }
  errors.add(first_mark({value.mark}), std::string(k_not_a_string));
  return std::nullopt;
}

bool validate_length(SchemaErrors& errors, Mark mark, std::size_t length, LengthRule rule) {
  if (rule.min && length < *rule.min) {
    errors.add(first_mark({mark}),
               rule.max ? fmt::format("Length must be between {} and {}.", *rule.min, *rule.max)
                        : fmt::format("Shorter than minimum length {}.", *rule.min));
    return false;
  }
  if (rule.max && length > *rule.max) {
    errors.add(first_mark({mark}),
               rule.min ? fmt::format("Length must be between {} and {}.", *rule.min, *rule.max)
                        : fmt::format("Longer than maximum length {}.", *rule.max));
    return false;
  }
  return true;
}

std::optional<bool> deserialize_boolean(SchemaErrors& errors, const Node& value) {
  switch (value.type) {
    case Type::boolean: return value.boolean;
    case Type::integer:
      if (value.text == "1") {
        return true;
      }
      if (is_zero_int(value)) {
        return false;
      }
      break;
    case Type::floating:
      // 1.0 == 1 and 0.0 == 0 in Python, so floats hit the int members of the sets.
      if (value.number == 1.0) {
        return true;
      }
      if (value.number == 0.0) {
        return false;
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
    default: break;  // bytes never equal a str; lists, dicts and sets are unhashable (TypeError)
  }
  errors.add(first_mark({value.mark}), std::string(k_not_a_boolean));
  return std::nullopt;
}

StringList deserialize_string_list(SchemaErrors& errors, const Node& value,
                                   std::optional<LengthRule> item_rule) {
  StringList result;
  if (!is_collection(value)) {
    errors.add(first_mark({value.mark}), std::string(k_not_a_list));
    return result;
  }
  result.is_list = true;
  result.valid.reserve(value.items.size());
  std::int64_t index = 0;
  for (const Node* item : value.items) {
    auto step = errors.step(index++);
    if (item->type == Type::null) {
      errors.add(first_mark({item->mark, value.mark}), std::string(k_may_not_be_null));
      result.item_errors = true;
      continue;
    }
    auto text = deserialize_string(errors, *item);
    if (!text) {
      result.item_errors = true;
      continue;
    }
    if (item_rule && !validate_length(errors, item->mark, code_point_count(*text), *item_rule)) {
      result.item_errors = true;
      continue;
    }
    result.valid.push_back({*text, item});
  }
  return result;
}

bool is_collection(const Node& node) {
  return node.type == Type::sequence || node.type == Type::set;
}

bool python_truthy(const Node& node) {
  switch (node.type) {
    case Type::null: return false;
    case Type::boolean: return node.boolean;
    case Type::integer: return !is_zero_int(node);
    case Type::floating: return node.number != 0.0;  // NaN is truthy, as in Python
    case Type::string:
    case Type::bytes: return !node.text.empty();
    case Type::date:
    case Type::datetime: return true;
    case Type::sequence:
    case Type::set: return !node.items.empty();
    case Type::mapping: return !node.entries.empty();
  }
  return true;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

bool is_valid_utf8(std::string_view bytes) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  std::size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlongs
      hi = c == 0xED ? 0x9F : 0xBF;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      lo = c == 0xF0 ? 0x90 : 0x80;  // no overlongs
      hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
    } else {
      return false;
    }
    if (i + extra >= bytes.size()) {
      return false;
    }
    if (at(i + 1) < lo || at(i + 1) > hi) {
      return false;
    }
    for (std::size_t k = 2; k <= extra; ++k) {
      if ((at(i + k) & 0xC0U) != 0x80U) {
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace drydock::workers::templates
