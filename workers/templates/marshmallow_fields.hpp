#pragma once
// marshmallow 3.21.1's fields as upstream's payload schemas use them, recorded through SchemaErrors:
// Field.deserialize's missing/None handling, String, Boolean, List(String) and validate.Length.
// Each function records its errors under the caller's current path and reports what it loaded.
// The field semantics and messages themselves live in workers/marshmallow.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "workers/marshmallow/fields.hpp"
#include "workers/templates/schema_errors.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers::templates {

// A field's key and value nodes in a mapping; both null when the key is absent.
struct RawField {
  const yaml::Node* key = nullptr;
  const yaml::Node* value = nullptr;
};
// Looks a field up by its data key (str keys only, as Python's dict.get("Key") does).
RawField raw_field(const yaml::Node& mapping, std::string_view data_key);

// Field.deserialize's preamble. Returns the value to deserialize, or nullptr when the field is
// missing or None; records "Missing data for required field." (at `mapping_mark`) or
// "Field may not be null." when that is an error. Call with the field's path step pushed.
const yaml::Node* present_value(SchemaErrors& errors, const RawField& raw, Mark mapping_mark,
                                marshmallow::FieldOptions options);

// String._deserialize: the text of a str, or of bytes that decode as UTF-8. Otherwise records
// "Not a valid string." / "Not a valid utf-8 string." and returns nullopt.
std::optional<std::string_view> deserialize_string(SchemaErrors& errors, const yaml::Node& value);

// Records Length's message ("Length must be between 1 and 128.", "Shorter than minimum length 1.",
// "Longer than maximum length 256.") and returns false when `length` breaks the rule.
bool validate_length(SchemaErrors& errors, Mark mark, std::size_t length, marshmallow::LengthRule rule);

// Boolean._deserialize with marshmallow's truthy/falsy sets ("yes", "True", "1", 1, 1.0 ... /
// "no", "False", "0", 0, 0.0 ...). Anything else records "Not a valid boolean.".
std::optional<bool> deserialize_boolean(SchemaErrors& errors, const yaml::Node& value);

struct StringItem {
  std::string_view text;
  const yaml::Node* node = nullptr;
};
struct StringList {
  bool is_list = false;           // false: "Not a valid list." was recorded
  bool item_errors = false;       // some item was recorded as an error
  std::vector<StringItem> valid;  // List's valid_data: the items that loaded, in order
};
// fields.List(fields.String(validate=Length(item_rule))) on a present value; item lengths count code
// points, as Python's len(str) does. Item errors are keyed by the item's index, as
// List._deserialize keys them.
StringList deserialize_string_list(SchemaErrors& errors, const yaml::Node& value,
                                   std::optional<marshmallow::LengthRule> item_rule);

}  // namespace drydock::workers::templates
