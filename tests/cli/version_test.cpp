// `drydock --version`: the version and, when known, the git revision of the build.

#include "cli/version.hpp"

#include <doctest/doctest.h>

#include <string>

using drydock::cli::git_revision;
using drydock::cli::version_text;

TEST_CASE("the version text names the git revision when there is one") {
  CHECK(version_text("0.1.0", "7284360") == "drydock 0.1.0 (git 7284360)");
  CHECK(version_text("0.1.0", "7284360-dirty") == "drydock 0.1.0 (git 7284360-dirty)");
}

TEST_CASE("the version text is the version alone outside a git checkout") {
  CHECK(version_text("0.1.0", "") == "drydock 0.1.0");
}

TEST_CASE("this build's version text is its version and its revision") {
  const std::string revision(git_revision());
  CHECK(version_text() == version_text(DRYDOCK_VERSION, revision));
  CHECK(version_text().starts_with("drydock " DRYDOCK_VERSION));
  // A revision is a short hash, "-dirty" perhaps, or what a packager set: never spaces or quotes.
  CHECK(revision.find_first_of(" \"()") == std::string::npos);
}
