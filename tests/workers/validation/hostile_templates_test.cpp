// Hostile template files through the whole per-file pipeline (read, parse, validate, lint, schema):
// each must end in a clear error naming the problem, never a crash, a hang or unbounded memory.
#include <doctest/doctest.h>

#include <random>

#include "tests/support/test_support.hpp"
#include "workers/validation/template_check.hpp"

using namespace drydock::workers;
using drydock::test::ScratchDir;

namespace {

FileReport check(const std::filesystem::path& path) {
  TemplateCheck c;
  c.path = path;
  c.display = path.filename().string();
  c.kind = TemplateKind::account_region;
  c.regions = &default_region_universe();
  return check_template(c);
}

std::string first_error(const FileReport& report) {
  for (const auto& d : report.diagnostics) {
    if (d.severity == Severity::error) {
      return d.message;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("hostile template files end in one clear error") {
  ScratchDir dir;
  SUBCASE("binary junk") {
    std::mt19937 rng(42);
    std::string junk(64 * 1024, '\0');
    for (auto& c : junk) {
      c = static_cast<char>(rng());
    }
    auto report = check(dir.write("junk.yaml", junk));
    CHECK_FALSE(report.ok());
    CHECK(first_error(report).starts_with("invalid YAML"));
  }
  SUBCASE("a 50 MB file is refused before it is read") {
    auto path = dir.write("huge.yaml", "");
    std::filesystem::resize_file(path, 50U * 1024U * 1024U);
    auto report = check(path);
    CHECK(first_error(report).find("the limit is 4194304 bytes") != std::string::npos);
  }
  SUBCASE("10,000-deep nesting") {
    auto report =
        check(dir.write("deep.yaml", "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n"));
    CHECK_FALSE(report.ok());
    CHECK(first_error(report).starts_with("invalid YAML"));
  }
  SUBCASE("10,000-deep block nesting") {
    std::string text;
    for (int i = 0; i < 10000; ++i) {
      text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    }
    auto report = check(dir.write("deep-block.yaml", text));
    CHECK_FALSE(report.ok());
  }
  SUBCASE("an alias bomb loads (aliases are shared) and is stopped when expanded") {
    std::string text = "TemplateName: bomb\nTemplateDescription: lol\na0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 9; ++level) {
      text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
      for (int k = 0; k < 9; ++k) {
        text += (k ? ", " : "") + std::string("*a") + std::to_string(level - 1);
      }
      text += "]\n";
    }
    text += "IncludeAccounts: {AllAccounts: true}\nIncludeRegions: [ALL]\n";
    auto report = check(dir.write("bomb.yaml", text));
    // The schema accepts it (upstream does too); the message-size lint must not expand 3 GB of JSON.
    CHECK(report.errors() == 0);
  }
  SUBCASE("invalid UTF-8") {
    auto report = check(dir.write("latin1.yaml", "TemplateName: caf\xe9\nTemplateDescription: x\n"));
    CHECK_FALSE(report.ok());
    CHECK(first_error(report).find("invalid") != std::string::npos);
  }
  SUBCASE("a missing file") {
    auto report = check(dir.path() / "missing.yaml");
    CHECK(first_error(report).starts_with("cannot read the template"));
  }
}
