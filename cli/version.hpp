#pragma once
// What `drydock --version` prints: the version (CMakeLists.txt's project()) and the git revision the
// binary was built from.

#include <string>
#include <string_view>

namespace drydock::cli {

// The git revision of the build ("7284360", or "7284360-dirty" when tracked files had changes), or
// the DRYDOCK_GIT_REVISION cache variable when a packager set it; "" when unknown (not built from a
// git checkout). Defined in a source file generated at build time (cmake/GitRevision.cmake), so a
// new commit recompiles only that file.
std::string_view git_revision();

// "drydock VERSION (git REVISION)", or "drydock VERSION" when revision is empty.
std::string version_text(std::string_view version, std::string_view revision);

// version_text() of this build's version and git_revision().
std::string version_text();

}  // namespace drydock::cli
