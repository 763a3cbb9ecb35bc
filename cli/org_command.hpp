#pragma once
// `drydock org generate` and `drydock org convert`: organizations in upstream's index format.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace drydock::cli {

struct OrgGenerateOptions {
  std::size_t accounts = 20;
  std::uint64_t seed = 1;
  bool all_regions = false;              // every account in every region
  bool other_partition_regions = false;  // add the cn-* and us-gov-* regions (33, as upstream's test index)
  std::optional<std::string> regions;    // region universe
  std::string format = "json";           // json (upstream's index) | yaml (compact fixture)
  std::optional<std::string> output;
};

struct OrgConvertOptions {
  std::string input;                   // compact YAML fixture or index JSON
  std::optional<std::string> regions;  // default regions for fixture accounts that list none
  std::optional<std::string> output;
};

// Writes upstream's index JSON (json.dumps(indent=4, sort_keys=True)), or for `org generate --format
// yaml` the compact fixture format. 0 ok, 2 usage/input error.
int run_org_generate(const OrgGenerateOptions& options, std::ostream& out, std::ostream& err);
int run_org_convert(const OrgConvertOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
