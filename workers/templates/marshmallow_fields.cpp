#include "workers/templates/marshmallow_fields.hpp"

#include <string>

#include "workers/marshmallow/messages.hpp"
#include "workers/marshmallow/python_values.hpp"
#include "workers/marshmallow/utf8.hpp"

namespace drydock::workers::templates {

using yaml::Node;
using yaml::Type;

RawField raw_field(const Node& mapping, std::string_view data_key) {
  for (const auto& entry : mapping.entries) {
    if (entry.key->type == Type::string && entry.key->text == data_key) {
      return {entry.key, entry.value};
    }
  }
  return {};
}

const Node* present_value(SchemaErrors& errors, const RawField& raw, Mark mapping_mark,
                          marshmallow::FieldOptions options) {
  const auto preamble = marshmallow::field_preamble(raw.value, options);
  if (preamble.error) {
    const Mark mark = raw.value == nullptr ? first_mark({mapping_mark})
                                           : first_mark({raw.value->mark, raw.key->mark, mapping_mark});
    errors.add(mark, std::string(*preamble.error));
  }
  return preamble.value;
}

std::optional<std::string_view> deserialize_string(SchemaErrors& errors, const Node& value) {
  auto text = marshmallow::string_value(value);
  if (!text) {
    errors.add(first_mark({value.mark}), std::string(text.error()));
    return std::nullopt;
  }
  return *text;
}

bool validate_length(SchemaErrors& errors, Mark mark, std::size_t length, marshmallow::LengthRule rule) {
  auto message = marshmallow::length_error(length, rule);
  if (message) {
    errors.add(first_mark({mark}), std::move(*message));
  }
  return !message;
}

std::optional<bool> deserialize_boolean(SchemaErrors& errors, const Node& value) {
  auto flag = marshmallow::boolean_value(value);
  if (!flag) {
    errors.add(first_mark({value.mark}), std::string(flag.error()));
    return std::nullopt;
  }
  return *flag;
}

StringList deserialize_string_list(SchemaErrors& errors, const Node& value,
                                   std::optional<marshmallow::LengthRule> item_rule) {
  StringList result;
  if (!marshmallow::is_collection(value)) {
    errors.add(first_mark({value.mark}), std::string(marshmallow::k_not_a_list));
    return result;
  }
  result.is_list = true;
  result.valid.reserve(value.items.size());
  std::int64_t index = 0;
  for (const Node* item : value.items) {
    auto step = errors.step(index++);
    if (item->type == Type::null) {
      errors.add(first_mark({item->mark, value.mark}), std::string(marshmallow::k_may_not_be_null));
      result.item_errors = true;
      continue;
    }
    auto text = deserialize_string(errors, *item);
    if (!text) {
      result.item_errors = true;
      continue;
    }
    if (item_rule && !validate_length(errors, item->mark, marshmallow::code_point_count(*text), *item_rule)) {
      result.item_errors = true;
      continue;
    }
    result.valid.push_back({*text, item});
  }
  return result;
}

}  // namespace drydock::workers::templates
