#pragma once
// Helpers shared by unit tests: scratch directories, loading YAML from a string, paths to data.

#include <filesystem>
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

// ../shared/ (read-only team data: upstream fixtures, python vectors).
std::filesystem::path shared_dir();
// The source tree's root.
std::filesystem::path source_dir();

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
