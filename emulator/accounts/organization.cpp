// load_organization: picks the reader by file extension.
#include "emulator/accounts/organization.hpp"

namespace drydock::emulator {

std::expected<Organization, std::vector<workers::Diagnostic>> load_organization(
    const std::filesystem::path& path, const workers::RegionUniverse& regions) {
  const std::string extension = path.extension().string();
  if (extension == ".yaml" || extension == ".yml") {
    return load_compact_fixture(path, regions);
  }
  if (extension == ".json") {
    return load_index_json(path);
  }
  return std::unexpected(std::vector{workers::Diagnostic{
      workers::Severity::error,
      path.string(),
      {},
      {},
      "an organization file must be upstream's index (.json) or a compact fixture (.yaml, .yml)",
      ""}});
}

}  // namespace drydock::emulator
