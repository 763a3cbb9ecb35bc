#pragma once
// marshmallow 3.21.1's default error messages (fields.py, schema.py), as both upstream's
// configuration schemas and its payload template schemas report them. They are part of Drydock's
// output contract: users compare them with what upstream logs. Messages of one domain's custom
// validators live with that domain (workers/templates, workers/configuration).

#include <string_view>

namespace drydock::workers::marshmallow {

// Field.default_error_messages.
inline constexpr std::string_view k_missing_required = "Missing data for required field.";
inline constexpr std::string_view k_may_not_be_null = "Field may not be null.";

// String, Boolean, List, Dict (Mapping) and Url "invalid" messages.
inline constexpr std::string_view k_not_a_string = "Not a valid string.";
inline constexpr std::string_view k_not_utf8 = "Not a valid utf-8 string.";
inline constexpr std::string_view k_not_a_boolean = "Not a valid boolean.";
inline constexpr std::string_view k_not_a_list = "Not a valid list.";
inline constexpr std::string_view k_not_a_mapping = "Not a valid mapping type.";
inline constexpr std::string_view k_not_a_url = "Not a valid URL.";

// Schema: a non-mapping input is keyed by "_schema"; unknown=RAISE reports each unknown key.
inline constexpr std::string_view k_invalid_input_type = "Invalid input type.";
inline constexpr std::string_view k_unknown_field = "Unknown field.";
inline constexpr std::string_view k_schema_key = "_schema";

}  // namespace drydock::workers::marshmallow
