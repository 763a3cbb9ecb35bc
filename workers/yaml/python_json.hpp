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
  int max_depth = 1000;                                // also catches cycles
};

struct DumpError {
  Mark mark;            // the node that could not be written
  FieldPath field;      // where it sits in the document
  std::string message;  // for a person
  // What upstream raises: "TypeError: Object of type date is not JSON serializable",
  // "ValueError: Circular reference detected"; empty if only a Drydock limit was hit.
  std::string python_error;
};

// The json.dumps text of a node, or why upstream's json.dumps would fail on it.
std::expected<std::string, DumpError> dumps(const Node& node, const DumpLimits& limits = {});

// Appends Python's repr() of a float to out ("1.0", "1e+16", "inf" is NOT produced: callers handle
// non-finite values). Exposed for tests.
void append_python_float(std::string& out, double value);

// Appends a JSON string literal with Python's ensure_ascii escaping.
void append_python_string(std::string& out, std::string_view utf8);

// The document as nlohmann JSON for JSON Schema validation (valijson). Dates and datetimes become
// their source text, bytes a string, sets a list; keys become strings as json.dumps would write them.
// Integers beyond 64 bits become doubles. Bounded by `limits` like dumps().
std::expected<nlohmann::ordered_json, DumpError> to_json(const Node& node, const DumpLimits& limits = {});

}  // namespace drydock::workers::yaml
