#include "workers/configuration/field_checks.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "workers/configuration/python_enum_attributes.hpp"
#include "workers/configuration/url_validator.hpp"

namespace drydock::workers::config {
namespace {

using yaml::Node;
using yaml::Type;

constexpr std::array<std::string_view, 14> k_truthy = {"t",  "T", "true", "True", "TRUE", "on",  "On",
                                                       "ON", "y", "Y",    "yes",  "Yes",  "YES", "1"};
constexpr std::array<std::string_view, 14> k_falsy = {"f",   "F", "false", "False", "FALSE", "off", "Off",
                                                      "OFF", "n", "N",     "no",    "No",    "NO",  "0"};

bool contains(std::span<const std::string_view> set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

std::string join(std::span<const std::string> items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += ", ";
    }
    out += item;
  }
  return out;
}

// Python's repr() of a float, for the rare float mapping key.
std::string python_float_text(double value) {
  if (std::isnan(value)) {
    return "nan";
  }
  if (std::isinf(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  auto text = fmt::format("{}", value);
  if (text.find_first_of(".en") == std::string::npos) {
    text += ".0";
  }
  return text;
}

}  // namespace

void Reporter::error(FieldPath path, Mark mark, std::string_view message) {
  m_out.push_back({Severity::error, m_file, mark, std::move(path), std::string(message), {}});
  ++m_errors;
}

void Reporter::warning(FieldPath path, Mark mark, std::string message, std::string code) {
  m_out.push_back({Severity::warning, m_file, mark, std::move(path), std::move(message), std::move(code)});
}

FieldPath child(const FieldPath& path, PathElement step) {
  FieldPath out = path;
  out.push_back(std::move(step));
  return out;
}

std::string python_key_text(const Node& key) {
  switch (key.type) {
    case Type::null: return "None";
    case Type::boolean: return key.boolean ? "True" : "False";
    case Type::floating: return python_float_text(key.number);
    default: return key.text;
  }
}

PathElement key_step(const Node& key) {
  if (key.type == Type::integer) {
    if (auto value = key.as_int64()) {
      return *value;
    }
  }
  return python_key_text(key);
}

bool python_truthy(const Node& node) {
  switch (node.type) {
    case Type::null: return false;
    case Type::boolean: return node.boolean;
    case Type::integer: return node.text.find_first_not_of("-0") != std::string::npos;
    case Type::floating: return node.number != 0.0;
    case Type::string:
    case Type::bytes: return !node.text.empty();
    case Type::sequence:
    case Type::set: return !node.items.empty();
    case Type::mapping: return !node.entries.empty();
    case Type::date:
    case Type::datetime: return true;
  }
  return true;
}

bool is_collection(const Node& node) {
  return node.type == Type::sequence || node.type == Type::set;
}

std::size_t invalid_utf8_offset(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      low = c == 0xE0 ? 0xA0 : 0x80;
      high = c == 0xED ? 0x9F : 0xBF;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      low = c == 0xF0 ? 0x90 : 0x80;
      high = c == 0xF4 ? 0x8F : 0xBF;
    } else {
      return i;
    }
    if (i + length > bytes.size()) {
      return i;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
        return i;
      }
    }
    i += length;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view bytes) {
  return invalid_utf8_offset(bytes) == std::string_view::npos;
}

void deserialize(const Node& value, const FieldPath& path, Reporter& reporter, const ValueCheck& check) {
  if (value.type == Type::null) {
    reporter.error(path, value.mark, k_may_not_be_null);
    return;
  }
  check(value, path, reporter);
}

std::optional<std::string_view> check_string(const Node& value, const FieldPath& path, Reporter& reporter) {
  if (value.type == Type::string) {
    return value.text;
  }
  if (value.type == Type::bytes) {
    if (is_valid_utf8(value.text)) {
      return value.text;
    }
    reporter.error(path, value.mark, k_not_utf8);
    return std::nullopt;
  }
  reporter.error(path, value.mark, k_not_a_string);
  return std::nullopt;
}

std::optional<bool> check_boolean(const Node& value, const FieldPath& path, Reporter& reporter) {
  // `value in truthy` is a hash lookup: 1, 1.0 and True are equal; lists, dicts and sets are
  // unhashable (TypeError), which marshmallow also reports as invalid.
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
  reporter.error(path, value.mark, k_not_a_boolean);
  return std::nullopt;
}

void check_https_url(const Node& value, const FieldPath& path, Reporter& reporter) {
  // Url overrides String's "invalid" message, so a non-string is "Not a valid URL." too.
  if (value.type != Type::string && value.type != Type::bytes) {
    reporter.error(path, value.mark, k_not_a_url);
    return;
  }
  if (auto text = check_string(value, path, reporter); text && !is_valid_https_url(*text)) {
    reporter.error(path, value.mark, k_not_a_url);
  }
}

void check_one_of(const Node& value, const FieldPath& path, Reporter& reporter,
                  std::span<const std::string> choices) {
  auto text = check_string(value, path, reporter);
  if (text && std::find(choices.begin(), choices.end(), *text) == choices.end()) {
    reporter.error(path, value.mark, fmt::format("Must be one of: {}.", join(choices)));
  }
}

void check_enum_name(const Node& value, const FieldPath& path, Reporter& reporter,
                     std::span<const std::string> members) {
  auto text = check_string(value, path, reporter);
  if (!text || std::find(members.begin(), members.end(), *text) != members.end() ||
      is_python_enum_class_attribute(*text)) {
    return;
  }
  reporter.error(path, value.mark, fmt::format("Must be one of: {}.", join(members)));
}

void check_list(const Node& value, const FieldPath& path, Reporter& reporter, const ValueCheck& item) {
  if (!is_collection(value)) {
    reporter.error(path, value.mark, k_not_a_list);
    return;
  }
  for (std::size_t i = 0; i < value.items.size(); ++i) {
    deserialize(*value.items[i], child(path, static_cast<std::int64_t>(i)), reporter, item);
  }
}

void check_dict(const Node& value, const FieldPath& path, Reporter& reporter) {
  if (value.type != Type::mapping) {
    reporter.error(path, value.mark, k_not_a_mapping);
  }
}

void check_schema(const Node& value, const FieldPath& path, Reporter& reporter,
                  std::span<const FieldSpec> fields, Unknown unknown) {
  if (value.type != Type::mapping) {
    reporter.error(child(path, std::string(k_schema_key)), value.mark, k_invalid_input_type);
    return;
  }
  for (const auto& field : fields) {
    const auto field_path = child(path, std::string(field.key));
    if (const Node* found = value.find(field.key)) {
      deserialize(*found, field_path, reporter, field.check);
    } else if (field.required) {
      reporter.error(field_path, value.mark, k_missing_required);
    }
  }
  if (unknown == Unknown::raise) {
    for (const auto& entry : value.entries) {
      const bool known = entry.key->type == Type::string &&
                         std::any_of(fields.begin(), fields.end(),
                                     [&](const FieldSpec& field) { return field.key == entry.key->text; });
      if (!known) {
        reporter.error(child(path, key_step(*entry.key)), entry.key->mark, k_unknown_field);
      }
    }
  }
}

}  // namespace drydock::workers::config
