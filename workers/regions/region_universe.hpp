#pragma once
// The region universe: the AWS regions upstream's botocore knows (`get_all_regions()`). It decides
// what `IncludeRegions: [ALL]` expands to and which region names are valid. Bundled lists live in
// fixtures/regions/ and are compiled into the binary.

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::workers {

class RegionUniverse {
 public:
  // `regions` in any order, duplicates allowed; `name` says where the list came from.
  RegionUniverse(std::string name, std::vector<std::string> regions);

  bool contains(std::string_view region) const;
  // Every region, sorted (the order Drydock prints region lists in; upstream's order is random).
  const std::vector<std::string>& sorted() const { return m_sorted; }
  const std::string& name() const { return m_name; }

 private:
  std::string m_name;
  std::vector<std::string> m_sorted;
};

// The default universe: "aws-1.34.74", the 29 regions of the botocore upstream pins.
const RegionUniverse& default_region_universe();

// Names of the bundled lists ("aws-1.34.74", "latest").
std::vector<std::string> bundled_region_list_names();

// "us-east-1, eu-west-1" → {"us-east-1", "eu-west-1"}: items trimmed, empty ones dropped.
std::vector<std::string> split_region_list(std::string_view text);

// Resolves a `--regions` / drydock.yaml `regions:` value: a bundled list name, a file (one region
// per line, '#' comments; relative to `base_dir`), or an inline comma-separated list "a,b,c".
// Returns a message naming the problem when the value is none of these or the file is unreadable.
std::expected<RegionUniverse, std::string> resolve_region_universe(std::string_view spec,
                                                                   const std::filesystem::path& base_dir);

}  // namespace drydock::workers
