#pragma once
// A project's account index (drydock.yaml's starfleet.account_index), loaded and built for `plan` and
// for the Starbase of a run.

#include <expected>
#include <filesystem>

#include "emulator/accounts/account_index.hpp"
#include "emulator/run/run_error.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::emulator {

// Loads upstream's index JSON or a compact YAML fixture at `path` and builds the index; the error
// names the file, with the problems found in it.
std::expected<AccountIndex, RunError> load_account_index(const std::filesystem::path& path,
                                                         const workers::RegionUniverse& regions);

}  // namespace drydock::emulator
