#include "tests/support/test_support.hpp"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <doctest/doctest.h>
#include <unistd.h>

#include "workers/yaml/loader.hpp"

namespace drydock::test {

bool& current_test_failed() {
  static bool failed = false;
  return failed;
}

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  m_path = std::filesystem::temp_directory_path() /
           ("drydock-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
  if (current_test_failed()) {
    MESSAGE("scratch dir kept for inspection: " << m_path.string());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path ScratchDir::write(std::string_view relative, std::string_view content) const {
  auto full = m_path / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary);
  out << content;
  return full;
}

workers::yaml::Document load_yaml(std::string_view text) {
  auto doc = workers::yaml::load(text);
  if (!doc) {
    FAIL("YAML did not load: " << doc.error().message);
    throw std::runtime_error("unreachable");
  }
  return std::move(*doc);
}

std::filesystem::path source_dir() {
  return DRYDOCK_SOURCE_DIR;
}

std::filesystem::path drydock_binary() {
  return DRYDOCK_BINARY;
}

std::filesystem::path starfleet_fixtures() {
  return source_dir() / "fixtures" / "starfleet";
}

std::optional<std::filesystem::path> starfleet_reference() {
  const char* dir = std::getenv("STARFLEET_REFERENCE");
  if (dir == nullptr || *dir == '\0') {
    return std::nullopt;
  }
  return std::filesystem::path(dir);
}

std::filesystem::path index_x_path(const std::filesystem::path& tree) {
  return tree / "tests/starfleet_included_plugins/account_index_generator/generatedIndex.json";
}

int& skipped_without_reference() {
  static int skipped = 0;
  return skipped;
}

void on_starfleet_reference(const std::function<void(const std::filesystem::path&)>& body) {
  if (const auto reference = starfleet_reference()) {
    REQUIRE_MESSAGE(std::filesystem::is_directory(*reference),
                    "STARFLEET_REFERENCE is not a directory: " << reference->string());
    body(*reference);
    return;
  }
  ++skipped_without_reference();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace drydock::test
