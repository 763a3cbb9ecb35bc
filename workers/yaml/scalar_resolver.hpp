#pragma once
// YAML 1.1 implicit typing of plain scalars, as PyYAML's Resolver + SafeConstructor do it
// (python-compat.md §a). This is the one place that decides that `000000000017` is the int 15,
// `000000000018` a str, `yes` True and `2024-01-01` a date.

#include <string>
#include <string_view>

#include "workers/yaml/document.hpp"

namespace drydock::workers::yaml {

enum class ScalarKind {
  null,
  boolean,
  integer,
  floating,
  timestamp_date,
  timestamp_datetime,
  string,
  merge,
  value
};

struct ResolvedScalar {
  ScalarKind kind = ScalarKind::string;
  bool boolean = false;
  double number = 0.0;  // floating
  std::string integer;  // integer: exact decimal digits, optional leading '-'
  std::string error;    // non-empty when the pattern matched but Python's constructor raises
                        // (e.g. "ValueError: invalid literal for int() with base 16: ''")
};

// Types the text of a plain (unquoted, untagged) scalar. Never fails; see ResolvedScalar::error.
ResolvedScalar resolve_plain_scalar(std::string_view text);

// Converts digits in `base` (2, 8, 10 or 16; no sign, no underscores) to an exact decimal string.
std::string digits_to_decimal(std::string_view digits, int base);

}  // namespace drydock::workers::yaml
