#pragma once
// `drydock plan`: which accounts and regions templates target, and the messages the Starbase sends.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace drydock::cli {

struct PlanOptions {
  std::vector<std::string> templates;           // template files
  std::optional<std::string> project_dir;       // --project DIR
  std::optional<std::string> kind;              // --kind: overrides the claiming worker's kind
  std::optional<std::string> accounts;          // --accounts FILE: index JSON or compact YAML fixture
  std::optional<std::string> regions;           // --regions NAME|FILE|a,b,c
  std::optional<std::string> scope_to_regions;  // --scope-to-regions a,b (overrides STARFLEET's)
  std::string format = "table";                 // table | json
  bool messages = false;                        // --messages: include the message bodies (json)
  std::optional<std::string> output;            // --output FILE
};

// Returns 0 when every template planned, 1 when one is invalid, 2 on usage or project errors.
int run_plan(const PlanOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
