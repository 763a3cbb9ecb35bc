#include <doctest/doctest.h>

#include "tests/support/fake_process_runner.hpp"
#include "tests/support/test_support.hpp"
#include "workers/schema/external_validator.hpp"

using namespace drydock::workers;
using drydock::test::exited;
using drydock::test::FakeRunner;

TEST_CASE("validate_command gets the template on stdin and its marshmallow error dict becomes diagnostics") {
  auto doc = drydock::test::load_yaml("TemplateName: t\nRules:\n  - a\n  - b\n");
  FakeRunner runner(exited(0, R"({"Rules": {"1": ["Not a valid rule."]}, "_schema": ["Bad."]})"));
  ExternalValidatorRequest request{{"python3", "check.py"}, "/proj", "TemplateName: t\n", doc.root()};
  auto errors = run_external_validator(runner, request);
  CHECK(runner.last.stdin_data == "TemplateName: t\n");
  CHECK(runner.last.cwd == "/proj");
  REQUIRE(errors.size() == 2);
  sort_diagnostics(errors);
  CHECK(format_field_path(errors[0].field) == "_schema");
  CHECK(format_field_path(errors[1].field) == "Rules[1]");  // "1" under a list is an index
  CHECK(errors[1].mark.line == 4);
  CHECK(errors[1].message == "Not a valid rule.");
}

TEST_CASE("validate_command reporting {} or nothing means valid") {
  auto doc = drydock::test::load_yaml("a: 1\n");
  for (std::string out : {"{}", "", "\n"}) {
    FakeRunner runner(exited(0, out));
    CHECK(run_external_validator(runner, {{"x"}, {}, "a: 1\n", doc.root()}).empty());
  }
}

TEST_CASE("a failing validate_command is one error that says why") {
  auto doc = drydock::test::load_yaml("a: 1\n");
  SUBCASE("cannot start") {
    FakeRunner runner(std::unexpected(std::string("cannot run 'nope': No such file or directory")));
    auto errors = run_external_validator(runner, {{"nope"}, {}, "", doc.root()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("No such file") != std::string::npos);
  }
  SUBCASE("non-zero exit and a traceback") {
    FakeRunner runner(exited(1, "", "Traceback (most recent call last):\nKeyError: 'x'\n"));
    auto errors = run_external_validator(runner, {{"python3", "v.py"}, {}, "", doc.root()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("exited with status 1") != std::string::npos);
    CHECK(errors[0].message.find("KeyError") != std::string::npos);
  }
  SUBCASE("not JSON") {
    FakeRunner runner(exited(0, "all good!"));
    auto errors = run_external_validator(runner, {{"v"}, {}, "", doc.root()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("not JSON") != std::string::npos);
  }
  SUBCASE("timed out") {
    ProcessResult r;
    r.timed_out = true;
    FakeRunner runner(r);
    auto errors = run_external_validator(runner, {{"v"}, {}, "", doc.root()});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("timed out") != std::string::npos);
  }
}
