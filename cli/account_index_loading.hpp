#pragma once
// Loading a project's account index for a command (`plan`, and the commands that run the Starbase).

#include <expected>
#include <filesystem>
#include <iosfwd>

#include "emulator/accounts/account_index.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::cli {

// Loads upstream's index JSON or a compact YAML fixture at `path` and builds the index. With
// `show_lints`, the index's own traps (OU-name aliasing, duplicate names, suspended accounts) are
// printed: the first few, then a count. On failure prints the problems and returns exit code 2.
std::expected<emulator::AccountIndex, int> load_account_index(const std::filesystem::path& path,
                                                              const workers::RegionUniverse& regions,
                                                              std::ostream& err, bool show_lints);

}  // namespace drydock::cli
