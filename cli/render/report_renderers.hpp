#pragma once
// Output formats of `drydock validate`: compiler-style text, JSON, JUnit XML and GitHub workflow
// annotations. Pure functions of the report, so tests can pin the exact bytes.

#include <string>

#include "workers/validation/validation_report.hpp"

namespace drydock::cli {

struct RenderOptions {
  bool color = false;   // ANSI colors (text only)
  bool strict = false;  // warnings count as failures (junit marks them failed)
};

// file:line:col: error: Field.path: message, then a one-line summary.
std::string render_text(const workers::ValidationReport& report, const RenderOptions& options);
// {"files": [{"path","kind","worker","ok","diagnostics":[...]}], "errors": N, "warnings": M}
std::string render_json(const workers::ValidationReport& report, const RenderOptions& options);
// One <testcase> per file; errors (and warnings under --strict) are <failure>s.
std::string render_junit(const workers::ValidationReport& report, const RenderOptions& options);
// ::error file=…,line=…,col=…,title=…::message — one per diagnostic, then a summary line.
std::string render_github(const workers::ValidationReport& report, const RenderOptions& options);

// "3 files checked: 2 ok, 1 with errors (2 errors, 1 warning)".
std::string summary_line(const workers::ValidationReport& report);

}  // namespace drydock::cli
