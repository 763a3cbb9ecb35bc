#include "cli/version.hpp"

#include <fmt/core.h>

namespace drydock::cli {

std::string version_text(std::string_view version, std::string_view revision) {
  if (revision.empty()) {
    return fmt::format("drydock {}", version);
  }
  return fmt::format("drydock {} (git {})", version, revision);
}

std::string version_text() {
  return version_text(DRYDOCK_VERSION, git_revision());
}

}  // namespace drydock::cli
