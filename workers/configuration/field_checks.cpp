#include "workers/configuration/field_checks.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "workers/configuration/python_enum_attributes.hpp"
#include "workers/configuration/url_validator.hpp"
#include "workers/marshmallow/fields.hpp"
#include "workers/marshmallow/messages.hpp"
#include "workers/marshmallow/python_values.hpp"

namespace drydock::workers::config {
namespace {

using yaml::Node;
using yaml::Type;

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

// Runs `check` on a field's value after Field.deserialize's preamble; a missing field's error
// belongs at the mapping (`mapping_mark`), a None value's at the value.
void deserialize_field(const Node* raw, Mark mapping_mark, marshmallow::FieldOptions options,
                       const FieldPath& path, Reporter& reporter, const ValueCheck& check) {
  const auto preamble = marshmallow::field_preamble(raw, options);
  if (preamble.error) {
    reporter.error(path, raw == nullptr ? mapping_mark : raw->mark, *preamble.error);
  }
  if (preamble.value != nullptr) {
    check(*preamble.value, path, reporter);
  }
}

}  // namespace

void Reporter::error(FieldPath path, Mark mark, std::string_view message) {
  m_out.push_back({Severity::error, m_file, mark, std::move(path), std::string(message), {}});
  ++m_errors;
}

void Reporter::warning(FieldPath path, Mark mark, std::string message, std::string code) {
  m_out.push_back({Severity::warning, m_file, mark, std::move(path), std::move(message), std::move(code)});
}

void Reporter::note(FieldPath path, Mark mark, std::string message) {
  m_out.push_back({Severity::note, m_file, mark, std::move(path), std::move(message), {}});
}

FieldPath child(const FieldPath& path, PathElement step) {
  FieldPath out = path;
  out.push_back(std::move(step));
  return out;
}

void deserialize(const Node& value, const FieldPath& path, Reporter& reporter, const ValueCheck& check) {
  deserialize_field(&value, value.mark, {}, path, reporter, check);
}

std::optional<std::string_view> check_string(const Node& value, const FieldPath& path, Reporter& reporter) {
  auto text = marshmallow::string_value(value);
  if (!text) {
    reporter.error(path, value.mark, text.error());
    return std::nullopt;
  }
  return *text;
}

std::optional<bool> check_boolean(const Node& value, const FieldPath& path, Reporter& reporter) {
  auto flag = marshmallow::boolean_value(value);
  if (!flag) {
    reporter.error(path, value.mark, flag.error());
    return std::nullopt;
  }
  return *flag;
}

void check_https_url(const Node& value, const FieldPath& path, Reporter& reporter) {
  // Url overrides String's "invalid" message, so a non-string is "Not a valid URL." too.
  if (value.type != Type::string && value.type != Type::bytes) {
    reporter.error(path, value.mark, marshmallow::k_not_a_url);
    return;
  }
  if (auto text = check_string(value, path, reporter); text && !is_valid_https_url(*text)) {
    reporter.error(path, value.mark, marshmallow::k_not_a_url);
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
  if (!marshmallow::is_collection(value)) {
    reporter.error(path, value.mark, marshmallow::k_not_a_list);
    return;
  }
  for (std::size_t i = 0; i < value.items.size(); ++i) {
    deserialize(*value.items[i], child(path, static_cast<std::int64_t>(i)), reporter, item);
  }
}

void check_dict(const Node& value, const FieldPath& path, Reporter& reporter) {
  if (value.type != Type::mapping) {
    reporter.error(path, value.mark, marshmallow::k_not_a_mapping);
  }
}

void check_schema(const Node& value, const FieldPath& path, Reporter& reporter,
                  std::span<const FieldSpec> fields, Unknown unknown) {
  if (value.type != Type::mapping) {
    reporter.error(child(path, std::string(marshmallow::k_schema_key)), value.mark,
                   marshmallow::k_invalid_input_type);
    return;
  }
  for (const auto& field : fields) {
    deserialize_field(value.find(field.key), value.mark, {.required = field.required},
                      child(path, std::string(field.key)), reporter, field.check);
  }
  if (unknown == Unknown::raise) {
    for (const auto& entry : value.entries) {
      const bool known = entry.key->type == Type::string &&
                         std::any_of(fields.begin(), fields.end(),
                                     [&](const FieldSpec& field) { return field.key == entry.key->text; });
      if (!known) {
        reporter.error(child(path, marshmallow::key_path_element(*entry.key)), entry.key->mark,
                       marshmallow::k_unknown_field);
      }
    }
  }
}

}  // namespace drydock::workers::config
