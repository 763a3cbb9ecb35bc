#pragma once
// marshmallow 3.21.1's field primitives, free of any way of recording errors: Field.deserialize's
// missing/None preamble, String._deserialize, Boolean._deserialize and validate.Length. Each returns
// what it loaded or the exact message marshmallow records; the caller records that message under
// its own field path (workers/configuration's Reporter, workers/templates' SchemaErrors).

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "workers/yaml/document.hpp"

namespace drydock::workers::marshmallow {

struct FieldOptions {
  bool required = false;
  bool allow_none = false;  // marshmallow: true exactly when load_default is None
};

// The outcome of Field.deserialize's preamble for one field of a mapping.
struct Preamble {
  // The value to deserialize; nullptr when the field is missing or None (nothing to load).
  const yaml::Node* value = nullptr;
  // The message to record, if any: "Missing data for required field." (missing and required) or
  // "Field may not be null." (None and not allow_none). Missing-field errors belong at the mapping,
  // None errors at the value.
  std::optional<std::string_view> error;
};
// Runs the preamble on `raw`, the field's value in its mapping (nullptr when the key is absent).
Preamble field_preamble(const yaml::Node* raw, FieldOptions options);

// String._deserialize: the text of a str, or of bytes that decode as UTF-8; otherwise the message
// "Not a valid string." or "Not a valid utf-8 string.".
std::expected<std::string_view, std::string_view> string_value(const yaml::Node& value);

// Boolean._deserialize with marshmallow's truthy/falsy sets ("t", "yes", "True", "1", 1, 1.0, ... /
// "f", "no", "False", "0", 0, 0.0, ...); anything else is "Not a valid boolean.".
std::expected<bool, std::string_view> boolean_value(const yaml::Node& value);

// validate.Length's bounds (counted by the caller: code points for a str, items for a list).
struct LengthRule {
  std::optional<std::size_t> min;
  std::optional<std::size_t> max;
};
// validate.Length's message when `length` breaks `rule` ("Length must be between 1 and 128.",
// "Shorter than minimum length 1.", "Longer than maximum length 256."), nullopt when it passes.
std::optional<std::string> length_error(std::size_t length, LengthRule rule);

}  // namespace drydock::workers::marshmallow
