#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/support/test_support.hpp"
#include "workers/configuration/configuration.hpp"

using drydock::test::ScratchDir;
using drydock::workers::ConfigurationLoad;
using drydock::workers::load_configuration_dir;
using drydock::workers::Mark;
using drydock::workers::Severity;

namespace {

std::vector<std::string> messages(const ConfigurationLoad& load, Severity severity) {
  std::vector<std::string> out;
  for (const auto& d : load.diagnostics) {
    if (d.severity == severity) {
      out.push_back(d.file + ": " + d.message);
    }
  }
  return out;
}

std::vector<std::string> keys(const ConfigurationLoad& load) {
  std::vector<std::string> out;
  for (const auto& e : load.config.entries) {
    out.push_back(e.key);
  }
  return out;
}

}  // namespace

TEST_CASE("every .yaml file in the directory is read in name order and merged shallowly") {
  ScratchDir dir;
  dir.write("b.yaml", "B: {x: 1}\nSTARFLEET: {TemplateBucket: b}\n");
  dir.write("a.yaml", "A: 1\n");
  dir.write("c.yaml", "C: [1]\n");
  auto load = load_configuration_dir(dir.path(), "configuration_files");
  CHECK(load.diagnostics.empty());
  REQUIRE(load.config.sources.size() == 3);
  CHECK(load.config.sources[0].display == "configuration_files/a.yaml");
  CHECK(load.config.sources[2].display == "configuration_files/c.yaml");
  CHECK(keys(load) == std::vector<std::string>{"A", "B", "STARFLEET", "C"});
  const auto* starfleet = load.config.find("STARFLEET");
  REQUIRE(starfleet != nullptr);
  CHECK(load.config.file_of(*starfleet) == "configuration_files/b.yaml");
  CHECK(starfleet->key_node->mark == Mark{2, 1});
  CHECK(load.config.find("D") == nullptr);
}

TEST_CASE("a top-level key defined in two files is an error naming both places, and the later file wins") {
  ScratchDir dir;
  dir.write("a.yaml", "X: 1\n\nIamRoleWorkerShip: {Enabled: true}\n");
  dir.write("b.yaml", "IamRoleWorkerShip: {Enabled: false}\n");
  auto load = load_configuration_dir(dir.path(), "configuration_files/");
  REQUIRE(load.diagnostics.size() == 1);
  const auto& d = load.diagnostics[0];
  CHECK(d.severity == Severity::error);
  CHECK(d.file == "configuration_files/b.yaml");
  CHECK(d.mark == Mark{1, 1});
  CHECK(
      d.message ==
      "IamRoleWorkerShip is also defined in configuration_files/a.yaml:3:1; upstream keeps only one of them "
      "(the file os.listdir returns last)");
  CHECK(keys(load) == std::vector<std::string>{"X", "IamRoleWorkerShip"});
  const auto* entry = load.config.find("IamRoleWorkerShip");
  CHECK(load.config.file_of(*entry) == "configuration_files/b.yaml");
  CHECK_FALSE(entry->value->find("Enabled")->boolean);
}

TEST_CASE("an empty file is an error, since upstream's dict.update(None) raises TypeError") {
  ScratchDir dir;
  dir.write("empty.yaml", "");
  dir.write("comments.yaml", "# only a comment\n");
  dir.write("ok.yaml", "A: 1\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  CHECK(messages(load, Severity::error) ==
        std::vector<std::string>{
            "cfg/comments.yaml: the file is empty (it loads as None): upstream's loader crashes "
            "on it (TypeError: 'NoneType' object is not iterable)",
            "cfg/empty.yaml: the file is empty (it loads as None): upstream's loader crashes on "
            "it (TypeError: 'NoneType' object is not iterable)"});
  CHECK(load.config.sources.size() == 1);
}

TEST_CASE(".yml files are ignored with a warning, as upstream reads only names ending in .yaml") {
  ScratchDir dir;
  dir.write("a.yml", "A: 1\n");
  dir.write("b.YAML", "B: 1\n");
  dir.write("notes.txt", "x");
  dir.write("c.yaml", "C: 1\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  CHECK(messages(load, Severity::warning) ==
        std::vector<std::string>{"cfg/a.yml: ignored by upstream: only files ending in .yaml are read",
                                 "cfg/b.YAML: ignored by upstream: only files ending in .yaml are read"});
  CHECK(load.diagnostics[0].code == "ignored-file");
  CHECK(keys(load) == std::vector<std::string>{"C"});
}

TEST_CASE("a file whose top level is not a mapping is an error") {
  ScratchDir dir;
  dir.write("list.yaml", "- a\n- b\n");
  dir.write("scalar.yaml", "just text\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  CHECK(messages(load, Severity::error) ==
        std::vector<std::string>{
            "cfg/list.yaml: the top level is a list, not a mapping of configuration stanzas: "
            "upstream's loader fails on it (dict.update)",
            "cfg/scalar.yaml: the top level is a str, not a mapping of configuration stanzas: "
            "upstream's loader fails on it (dict.update)"});
  CHECK(load.diagnostics[0].mark == Mark{1, 1});
}

TEST_CASE("a missing configuration directory is an error") {
  ScratchDir dir;
  auto load = load_configuration_dir(dir.path() / "nope", "nope");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].file == "nope");
  CHECK(load.diagnostics[0].message == "no such configuration directory (upstream raises FileNotFoundError)");
  CHECK(load.config.display_dir == "nope");
}

TEST_CASE("a path that is a file, not a directory, is an error") {
  ScratchDir dir;
  auto file = dir.write("x.yaml", "A: 1\n");
  auto load = load_configuration_dir(file, "x.yaml");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].message == "not a directory (upstream raises NotADirectoryError)");
}

TEST_CASE("a YAML syntax error is reported at the loader's position") {
  ScratchDir dir;
  dir.write("bad.yaml", "A: 1\nB: [1, 2\n");
  dir.write("good.yaml", "C: 1\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].file == "cfg/bad.yaml");
  CHECK(load.diagnostics[0].mark.line >= 2);
  CHECK_FALSE(load.diagnostics[0].message.empty());
  CHECK(keys(load) == std::vector<std::string>{"C"});
}

TEST_CASE("a file that is not UTF-8 is an error at the first bad byte") {
  ScratchDir dir;
  dir.write("latin1.yaml", "A: 1\nB: caf\xe9\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].mark == Mark{2, 7});
  CHECK(load.diagnostics[0].message ==
        "not valid UTF-8: upstream opens configuration files as UTF-8 text and fails (UnicodeDecodeError)");
}

TEST_CASE("files in subdirectories are not read, and a directory named like a .yaml file is an error") {
  ScratchDir dir;
  dir.write("sub/inner.yaml", "A: 1\n");
  dir.write("dir.yaml/inner.yaml", "B: 1\n");
  dir.write("top.yaml", "C: 1\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  CHECK(keys(load) == std::vector<std::string>{"C"});
  CHECK(messages(load, Severity::error) ==
        std::vector<std::string>{
            "cfg/dir.yaml: a directory whose name ends in .yaml: upstream tries to open it as a "
            "configuration file and fails (IsADirectoryError)"});
}

DRYDOCK_STARFLEET_FILES_TEST(test_configuration_loads,
                             "the test configuration directory loads its seven files without a problem") {
  auto load = load_configuration_dir(tree / "tests/test_configuration_files", "test_configuration_files");
  CHECK(load.diagnostics.empty());
  CHECK(load.config.sources.size() == 7);
  CHECK(load.config.find("TESTING") != nullptr);
  CHECK(load.config.find("SOMEOTHER") != nullptr);
  CHECK(load.config.find("TestingStarfleetWorkerPluginThree") != nullptr);
}

TEST_CASE("a non-string top-level key is kept under its Python str() but not found by name") {
  ScratchDir dir;
  dir.write("a.yaml", "1: x\n'1': y\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  CHECK(load.diagnostics.empty());
  CHECK(keys(load) == std::vector<std::string>{"1", "1"});
  REQUIRE(load.config.find("1") != nullptr);
  CHECK(load.config.find("1")->value->text == "y");
}

TEST_CASE("a file that cannot be read is an error, and the other files still load") {
  ScratchDir dir;
  std::filesystem::create_symlink(dir.path() / "missing-target", dir.path() / "broken.yaml");
  dir.write("ok.yaml", "A: 1\n");
  auto load = load_configuration_dir(dir.path(), "cfg");
  CHECK(messages(load, Severity::error) ==
        std::vector<std::string>{"cfg/broken.yaml: cannot read the file: No such file or directory"});
  CHECK(keys(load) == std::vector<std::string>{"A"});
}
