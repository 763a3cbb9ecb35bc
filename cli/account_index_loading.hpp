#pragma once
// Loading a project's account index for a command (`plan`, and the commands that run the Starbase).

#include <expected>
#include <filesystem>
#include <iosfwd>
#include <vector>

#include "emulator/accounts/account_index.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::cli {

// Loads upstream's index JSON or a compact YAML fixture at `path` and builds the index. With
// `show_lints`, the index's own traps (OU-name aliasing, duplicate names, suspended accounts) are
// printed: the first few, then a count. On failure prints the problems and returns exit code 2.
std::expected<emulator::AccountIndex, int> load_account_index(const std::filesystem::path& path,
                                                              const workers::RegionUniverse& regions,
                                                              std::ostream& err, bool show_lints);

// Prints the lints of the index loaded from `path` as load_account_index does: the first few, then
// a count. For commands that compute the lints on another thread while they work.
void print_index_lints(std::ostream& err, const std::filesystem::path& path,
                       std::vector<workers::Diagnostic> lints);

}  // namespace drydock::cli
