#pragma once
// `drydock validate`: options (filled by CLI11 in app.cpp) and the command itself.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace drydock::cli {

struct ValidateOptions {
  std::vector<std::string> paths;            // only these files / dirs (default: everything)
  std::optional<std::string> project_dir;    // --project DIR (default: the cwd if it has drydock.yaml)
  std::optional<std::string> config_dir;     // --config DIR, without a project
  std::optional<std::string> templates_dir;  // --templates DIR, without a project
  std::optional<std::string> kind;           // --kind SINGLE_INVOCATION|ACCOUNT|ACCOUNT_REGION
  std::optional<std::string> regions;        // --regions NAME|FILE|a,b,c
  std::string format = "text";               // text | json | junit | github
  std::string color = "auto";                // auto | always | never
  std::optional<std::string> output;         // --output FILE: write the report there
  bool strict = false;                       // warnings fail the run
};

// Runs validation and writes the report to `out` (or --output); usage and project problems go to
// `err` prefixed "drydock: error:". Returns 0 valid, 1 problems found, 2 usage/project error.
int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
