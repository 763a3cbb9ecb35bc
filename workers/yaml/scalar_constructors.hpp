#pragma once
// SafeConstructor's scalar constructors for int, float, bool and binary (yaml/constructor.py): the
// value Python builds from a scalar's text, or the exception it raises. Implicitly typed scalars and
// explicitly tagged ones (`!!int "0o17"`) both come through here; only the latter can reach the
// error paths, except for `0x_`/`0b_` and ints over 4300 digits.
//
// Errors are raised as LoadFailure (load_failure.hpp) with `where` as the position for a person.

#include <optional>
#include <string>
#include <string_view>

#include "workers/yaml/load_failure.hpp"

namespace drydock::workers::yaml::detail {

struct IntValue {
  // Exact decimal digits with an optional leading '-', or, when exceeds_str_digits is set, the text
  // as written (Python holds the value but cannot print it: more than 4300 decimal digits).
  std::string text;
  bool exceeds_str_digits = false;
};

// construct_yaml_int. Raises ValueError ("invalid literal for int() with base 16: ''", the 4300-digit
// limit) or IndexError (empty text).
IntValue construct_int(std::string_view value, std::optional<SourceMark> where);

// construct_yaml_float. `shared_nan` is set when the result is PyYAML's one NaN object (any `.nan`
// spelling), which matters for dict keys. Raises ValueError, IndexError or OverflowError.
double construct_float(std::string_view value, std::optional<SourceMark> where, bool& shared_nan);

// construct_yaml_bool. Raises KeyError (e.g. `!!bool y` -> KeyError: 'y').
bool construct_bool(std::string_view value, std::optional<SourceMark> where);

// construct_yaml_binary: base64 as binascii.a2b_base64 decodes it (non-alphabet characters are
// skipped). Raises ConstructorError for non-ASCII text or bad padding.
std::string construct_binary(std::string_view value, SourceMark where);

}  // namespace drydock::workers::yaml::detail
