#pragma once
// `drydock schema KIND`: prints the JSON Schema of a template kind for editors.

#include <iosfwd>
#include <optional>
#include <string>

namespace drydock::cli {

struct SchemaOptions {
  std::string kind;                    // SINGLE_INVOCATION | ACCOUNT | ACCOUNT_REGION
  std::optional<std::string> regions;  // --regions
  std::optional<std::string> project_dir;
};

int run_schema(const SchemaOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
