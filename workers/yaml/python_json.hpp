#pragma once
// Writing a loaded document as upstream's `json.dumps(obj)` does with default arguments:
// ", " and ": " separators, ASCII-only output with lower-case \uXXXX escapes, Python's float repr,
// Infinity/NaN, keys in dict order. Bodies Drydock puts on queues must be byte-identical to upstream's.

#include <cstddef>
#include <expected>
#include <string>

#include <nlohmann/json.hpp>

#include "workers/yaml/document.hpp"

namespace drydock::workers::yaml {

struct DumpLimits {
  std::size_t max_output_bytes = 64U * 1024U * 1024U;  // alias bombs expand; stop here
  int max_depth = 1000;                                // aliases can nest deeper than the source
};

struct DumpError {
  Mark mark;            // the node that could not be written
  FieldPath field;      // where it sits in the document
  std::string message;  // for a person
  // What upstream raises: "TypeError: Object of type date is not JSON serializable",
  // "ValueError: Circular reference detected"; empty if only a Drydock limit was hit.
  std::string python_error;
};

// The json.dumps text of a node, or why upstream's json.dumps would fail on it (the first bad value
// in document order, as Python reports it), or a DumpLimits bound.
std::expected<std::string, DumpError> dumps(const Node& node, const DumpLimits& limits = {});

// Appends Python's repr() of a float to out ("1.0", "1e+16", "inf" is NOT produced: callers handle
// non-finite values). Exposed for tests.
void append_python_float(std::string& out, double value);

// Appends a JSON string literal with Python's ensure_ascii escaping.
void append_python_string(std::string& out, std::string_view utf8);

// The document as nlohmann JSON for JSON Schema validation (valijson). Dates and datetimes become
// their source text, bytes a string (one code point per byte), sets a list; keys become strings as
// json.dumps would write them (date and bytes keys their text; when two keys write the same, the
// last value wins at the first position). Integers beyond 64 bits become doubles; lone surrogates
// become U+FFFD. Bounded by `limits` like dumps(), counting about 32 bytes per value so memory
// stays bounded too; fails on cycles and bounds only.
std::expected<nlohmann::ordered_json, DumpError> to_json(const Node& node, const DumpLimits& limits = {});

}  // namespace drydock::workers::yaml
