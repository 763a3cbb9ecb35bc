#pragma once
// The result of `drydock validate`: one entry per file checked, each with its diagnostics.
// Renderers (text, json, junit, github) in cli/ turn it into output.

#include <string>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::workers {

struct FileReport {
  std::string path;    // as shown to the user (relative to the working directory when possible)
  std::string kind;    // "configuration", "SINGLE_INVOCATION", "ACCOUNT", "ACCOUNT_REGION", or ""
  std::string worker;  // the worker ship that claims the template, or ""
  std::vector<Diagnostic> diagnostics;

  std::size_t errors() const { return count_severity(diagnostics, Severity::error); }
  std::size_t warnings() const { return count_severity(diagnostics, Severity::warning); }
  bool ok() const { return errors() == 0; }
};

struct ValidationReport {
  std::vector<FileReport> files;  // configuration files first, then templates in key order

  std::size_t errors() const;
  std::size_t warnings() const;
};

}  // namespace drydock::workers
