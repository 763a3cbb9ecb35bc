#pragma once
// Helpers shared by unit tests: scratch directories, loading YAML from a string, paths to data.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include <expected>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::test {

// True once an assertion of the running test case has failed (set by a doctest listener).
bool& current_test_failed();

// A fresh directory under the system temp dir, removed when the test passes and kept (with its
// path printed) when it fails, so a failure can be inspected.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Writes `content` to path()/relative (creating parent dirs) and returns the full path.
  std::filesystem::path write(std::string_view relative, std::string_view content) const;

 private:
  std::filesystem::path m_path;
};

// Loads YAML that the test knows is valid; fails the test (and throws) otherwise.
workers::yaml::Document load_yaml(std::string_view text);

// The source tree's root.
std::filesystem::path source_dir();
// The drydock binary of this build.
std::filesystem::path drydock_binary();

// The Starfleet-shaped files the tests read (configuration directories, sample payloads, the test
// organization's index, a SAM template), laid out as in a Starfleet checkout: the project's own,
// fixtures/starfleet/.
std::filesystem::path starfleet_fixtures();
// The tree named by STARFLEET_REFERENCE (a Starfleet checkout, or a copy of its data files with the same
// layout), whose real files the "upstream files:" tests read; nullopt when the variable is unset or empty.
std::optional<std::filesystem::path> starfleet_reference();
// Runs `body` on starfleet_reference(), or, without one, records the test case as skipped: a test
// process whose every test case was skipped exits 77, which CTest shows as "Skipped".
void on_starfleet_reference(const std::function<void(const std::filesystem::path&)>& body);
// The test organization's account index in a Starfleet-shaped tree ("Index X": 20 accounts, three
// nested OUs, 33 regions; fixtures/orgs/starfleet-tests.yaml is the project's in compact form).
std::filesystem::path index_x_path(const std::filesystem::path& tree = starfleet_fixtures());
// How many test cases on_starfleet_reference() skipped in this process.
int& skipped_without_reference();

std::string read_file(const std::filesystem::path& path);

// The value of a load that the test expects to succeed; otherwise prints its diagnostics and fails the
// test (REQUIRE).
template <typename T>
T require_loaded(std::expected<T, std::vector<workers::Diagnostic>> result) {
  if (!result) {
    for (const auto& diagnostic : result.error()) {
      MESSAGE(workers::format_diagnostic(diagnostic));
    }
  }
  REQUIRE(result.has_value());
  return std::move(*result);
}

}  // namespace drydock::test

// A test of Starfleet-shaped files, defined once and run twice: as NAME on the project's own files
// (starfleet_fixtures()), and as "upstream files: NAME" on STARFLEET_REFERENCE's (skipped without it).
// The body that follows receives the tree's root as `tree`.
#define DRYDOCK_STARFLEET_FILES_TEST(FUNCTION, NAME)       \
  static void FUNCTION(const std::filesystem::path& tree); \
  TEST_CASE(NAME) {                                        \
    FUNCTION(::drydock::test::starfleet_fixtures());       \
  }                                                        \
  TEST_CASE("upstream files: " NAME) {                     \
    ::drydock::test::on_starfleet_reference(FUNCTION);     \
  }                                                        \
  static void FUNCTION(const std::filesystem::path& tree)
