#pragma once
// Diagnostics: one problem found in one file, at a line and column, under a field path.
// Every validator in Drydock reports through these so all output formats agree.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace drydock::workers {

// A position in a source file. 1-based; line 0 means "no position" (e.g. a missing file).
struct Mark {
  int line = 0;
  int column = 0;
  friend bool operator==(const Mark&, const Mark&) = default;
};

// One step of a field path: a mapping key (string) or a list index (integer), exactly as upstream's
// marshmallow error dicts key them. The special key "_schema" names an error of no single field.
using PathElement = std::variant<std::string, std::int64_t>;
using FieldPath = std::vector<PathElement>;

// A note explains the diagnostic before it (compilers' "note:"); it never fails a check.
enum class Severity { error, warning, note };

// "error", "warning" or "note", as every output format spells it.
std::string_view severity_name(Severity severity);

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;  // path as the user gave it (or relative to the project)
  Mark mark;
  FieldPath field;  // may be empty for file-level problems (unreadable, invalid YAML)
  std::string message;
  std::string code;  // stable short id for lint warnings ("unquoted-account-id"); empty for errors
};

// "IncludeAccounts.ByIds[0]" — the human form of a field path; "" for an empty path.
std::string format_field_path(const FieldPath& path);

// ["IncludeAccounts", "ByIds", 0] — the machine form used by `--format json`.
nlohmann::json field_path_to_json(const FieldPath& path);

// "file:line:col: error: Field.path: message" — the compiler-style line every text output uses
// ("file: warning: message" when there is no position or field). No trailing newline.
std::string format_diagnostic(const Diagnostic& diagnostic);

// Stable display order: by file, then line, column, then errors (each with the notes that follow it)
// before warnings.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity);

}  // namespace drydock::workers
