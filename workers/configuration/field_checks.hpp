#pragma once
// marshmallow 3.21.1's field and schema behaviour, as upstream's configuration schemas use it:
// required / None handling, String, Boolean, Url, Enum (by name), OneOf, List, Dict, Nested and
// `unknown=RAISE`. Every check records its errors (exact marshmallow messages) through a Reporter
// under a field path, and returns what it loaded so callers can fill settings from raw values.
// The primitives and messages shared with the template schemas live in workers/marshmallow.

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers::config {

// Records diagnostics of one file. Errors of a stanza all come from the file that defines it.
class Reporter {
 public:
  Reporter(std::string file, std::vector<Diagnostic>& out) : m_file(std::move(file)), m_out(out) {}

  void error(FieldPath path, Mark mark, std::string_view message);
  void warning(FieldPath path, Mark mark, std::string message, std::string code);
  // A note explaining the diagnostic recorded just before it.
  void note(FieldPath path, Mark mark, std::string message);
  // Errors recorded through this reporter so far (to tell whether a schema had field errors).
  std::size_t error_count() const { return m_errors; }
  const std::string& file() const { return m_file; }

 private:
  std::string m_file;
  std::vector<Diagnostic>& m_out;
  std::size_t m_errors = 0;
};

// `path` with one more step.
FieldPath child(const FieldPath& path, PathElement step);

// Checks a present, non-None value; records errors under the path it is given.
using ValueCheck = std::function<void(const yaml::Node& value, const FieldPath& path, Reporter& reporter)>;

// Field.deserialize: None is "Field may not be null." (no field here allows None); anything else
// goes to `check`.
void deserialize(const yaml::Node& value, const FieldPath& path, Reporter& reporter, const ValueCheck& check);

// String: the text of a str, or of bytes that decode as UTF-8; else records the error, nullopt.
std::optional<std::string_view> check_string(const yaml::Node& value, const FieldPath& path,
                                             Reporter& reporter);
// Boolean with marshmallow's truthy/falsy sets; else "Not a valid boolean.".
std::optional<bool> check_boolean(const yaml::Node& value, const FieldPath& path, Reporter& reporter);
// Url(schemes={"https"}) (require_tld=True): "Not a valid URL." for a non-string (Url renames
// String's "invalid" message) or a string validate.URL rejects.
void check_https_url(const yaml::Node& value, const FieldPath& path, Reporter& reporter);
// String(validate=OneOf(choices)): "Must be one of: {choices joined by ', '}." in the given order.
void check_one_of(const yaml::Node& value, const FieldPath& path, Reporter& reporter,
                  std::span<const std::string> choices);
// fields.Enum(E) (by name): String, then getattr(E, value), which also finds the class's Python
// attributes (e.g. "__doc__", "mro"); else "Must be one of: {member names}.".
void check_enum_name(const yaml::Node& value, const FieldPath& path, Reporter& reporter,
                     std::span<const std::string> members);
// List(inner): "Not a valid list." unless a collection; items are checked (None included) under
// their integer index.
void check_list(const yaml::Node& value, const FieldPath& path, Reporter& reporter, const ValueCheck& item);
// Dict(): "Not a valid mapping type." unless a mapping.
void check_dict(const yaml::Node& value, const FieldPath& path, Reporter& reporter);

// One field of a schema: its data key, whether it is required, and its check.
struct FieldSpec {
  std::string_view key;
  bool required = false;
  ValueCheck check;
};

enum class Unknown { include, raise };

// Schema._deserialize over `value`: a non-mapping is {"_schema": ["Invalid input type."]};
// missing required fields are reported at the mapping, None values and each field's own errors at
// the value, and (with Unknown::raise) unknown keys as "Unknown field." at the key.
void check_schema(const yaml::Node& value, const FieldPath& path, Reporter& reporter,
                  std::span<const FieldSpec> fields, Unknown unknown);

}  // namespace drydock::workers::config
