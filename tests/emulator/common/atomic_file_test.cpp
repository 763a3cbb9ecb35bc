// Atomic file replacement: the target holds the old bytes or the new ones, never part of either, and
// no temp file is left behind.

#include "emulator/common/atomic_file.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <ostream>
#include <set>
#include <string>

#include <doctest/doctest.h>

#include "tests/emulator/common/time_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::Durability;
using drydock::emulator::k_temp_file_prefix;
using drydock::emulator::temp_file_name;
using drydock::emulator::write_file_atomically;
using drydock::test::read_file;
using drydock::test::ScratchDir;
using drydock::test::utc;

namespace {

std::set<std::string> names_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

}  // namespace

TEST_SUITE("emulator/common") {
  TEST_CASE("a write replaces the target's bytes, stamps its time when asked and leaves no temp file") {
    // Both durabilities write the same way; process_crash only leaves out the fsyncs.
    for (const auto durability : {Durability::power_loss, Durability::process_crash}) {
      CAPTURE(static_cast<int>(durability));
      const ScratchDir dir;
      const auto target = dir.write("t.txt", "old bytes, longer than the new ones");
      REQUIRE(write_file_atomically(target, "new", utc(2024, 5, 1, 9, 8, 7), durability));
      CHECK(read_file(target) == "new");
      struct stat st {};
      REQUIRE(::stat(target.c_str(), &st) == 0);
      CHECK(st.st_mtim.tv_sec == 1714554487);
      CHECK(names_in(dir.path()) == std::set<std::string>{"t.txt"});
    }
  }

  TEST_CASE("a streamed write holds what the writer put on the stream") {
    const ScratchDir dir;
    const auto target = dir.path() / "report.json";
    REQUIRE(write_file_atomically(target, [](std::ostream& out) {
      for (int i = 0; i < 20000; ++i) {  // past the 64 KiB buffer
        out << i << '\n';
      }
    }));
    const std::string text = read_file(target);
    CHECK(text.starts_with("0\n1\n2\n"));
    CHECK(text.ends_with("19998\n19999\n"));
    CHECK(names_in(dir.path()) == std::set<std::string>{"report.json"});
  }

  TEST_CASE("a failure names what failed and the path, and leaves the directory as it was") {
    const ScratchDir dir;
    SUBCASE("the directory does not exist") {
      auto written = write_file_atomically(dir.path() / "missing" / "t.txt", "x", std::nullopt);
      REQUIRE_FALSE(written);
      CHECK(written.error().starts_with("cannot create " + (dir.path() / "missing").string() + "/" +
                                        std::string(k_temp_file_prefix)));
      CHECK(written.error().ends_with(": No such file or directory"));
      CHECK(names_in(dir.path()).empty());
    }
    SUBCASE("the target is a directory that is not empty") {
      dir.write("t/inside.txt", "kept");
      auto written = write_file_atomically(dir.path() / "t", [](std::ostream& out) { out << "x"; });
      REQUIRE_FALSE(written);
      CHECK(
          written.error().starts_with("cannot rename a temp file to " + (dir.path() / "t").string() + ": "));
      CHECK(names_in(dir.path()) == std::set<std::string>{"t"});
      CHECK(read_file(dir.path() / "t" / "inside.txt") == "kept");
    }
  }

  TEST_CASE("temp file names carry the reserved prefix and do not repeat") {
    const std::string a = temp_file_name();
    const std::string b = temp_file_name();
    CHECK(a.starts_with(k_temp_file_prefix));
    CHECK(a != b);
  }
}
