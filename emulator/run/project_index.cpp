#include "emulator/run/project_index.hpp"

#include <fmt/format.h>

#include "emulator/accounts/organization.hpp"

namespace drydock::emulator {

std::expected<AccountIndex, RunError> load_account_index(const std::filesystem::path& path,
                                                         const workers::RegionUniverse& regions) {
  auto org = load_organization(path, regions);
  if (!org) {
    return std::unexpected(
        RunError{std::move(org.error()), fmt::format("cannot load the account index {}", path.string())});
  }
  auto index = AccountIndex::build(std::move(*org));
  if (!index) {
    return std::unexpected(RunError{std::move(index.error()), ""});
  }
  return std::move(*index);
}

}  // namespace drydock::emulator
