#pragma once
// YAML 1.1 implicit typing of plain scalars, as PyYAML's Resolver + SafeConstructor do it
// (python-compat.md §a). This is the one place that decides that `000000000017` is the int 15,
// `000000000018` a str, `yes` True and `2024-01-01` a date.
//
// The patterns are matched by hand-written scanners (a few nanoseconds per scalar, against
// microseconds for std::regex); tests/workers/yaml/scalar_resolver_test.cpp checks them against the
// regular expressions of python-compat.md on many random strings.

#include <string>
#include <string_view>

#include "workers/yaml/document.hpp"

namespace drydock::workers::yaml {

// The tag the Resolver picks for an implicitly typed scalar.
enum class ImplicitTag {
  null,       // tag:yaml.org,2002:null
  boolean,    // tag:yaml.org,2002:bool
  integer,    // tag:yaml.org,2002:int
  floating,   // tag:yaml.org,2002:float
  timestamp,  // tag:yaml.org,2002:timestamp
  merge,      // tag:yaml.org,2002:merge  (`<<`)
  value,      // tag:yaml.org,2002:value  (`=`)
  yaml,       // tag:yaml.org,2002:yaml   (`!`, `&`, `*`: reachable only through the `!` tag)
  string,     // no pattern matched: tag:yaml.org,2002:str
};

// Resolver.resolve(ScalarNode, text, implicit=(True, ...)): dispatch on the first character, first
// matching pattern wins; like Python's `$`, a single trailing "\n" is allowed.
ImplicitTag resolve_implicit_tag(std::string_view text);

// The individual patterns, anchored at both ends (no trailing-newline allowance). For tests.
bool match_bool(std::string_view text);
bool match_null(std::string_view text);
bool match_int(std::string_view text);
bool match_float(std::string_view text);
bool match_timestamp(std::string_view text);

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
  // integer: over 4300 digits, which Python holds but cannot print; `integer` is then the text as
  // written (see Node::int_exceeds_str_digits).
  bool integer_exceeds_str_digits = false;
  std::string error;  // non-empty when the pattern matched but Python's constructor raises
                      // (e.g. "ValueError: invalid literal for int() with base 16: ''")
};

// Types the text of a plain (unquoted, untagged) scalar and builds its value as SafeConstructor
// would. Never fails; see ResolvedScalar::error. (The loader does the same on its own path; this is
// for callers that hold a bare string.)
ResolvedScalar resolve_plain_scalar(std::string_view text);

// Converts digits in `base` (2, 8, 10 or 16; no sign, no underscores) to an exact decimal string.
std::string digits_to_decimal(std::string_view digits, int base);

}  // namespace drydock::workers::yaml
