#include <doctest/doctest.h>

#include <string>

#include "tests/workers/configuration/config_fixture.hpp"
#include "workers/lint/config_lints.hpp"

using drydock::test::ConfigFixture;
using drydock::test::k_starfleet_yaml;
using drydock::test::with_starfleet;
using drydock::workers::format_field_path;
using drydock::workers::Mark;
using drydock::workers::Severity;
using nlohmann::json;

namespace {

// A valid worker stanza.
std::string ship(std::string_view name, std::string_view enabled, std::string_view prefix,
                 std::string_view sources, std::string_view frequency = "HOURLY") {
  std::string out =
      std::string(name) + ":\n  Enabled: " + std::string(enabled) + "\n  TemplatePrefix: '" +
      std::string(prefix) +
      "'\n  InvocationQueueUrl: https://sqs.amazonaws.com/q\n  InvocationSources: " + std::string(sources) +
      "\n";
  if (!frequency.empty()) {
    out += "  EventBridgeTimedFrequency: " + std::string(frequency) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("Enabled given as the string \"False\" validates, is enabled, and is warned about") {
  ConfigFixture f(with_starfleet(ship("Ship", "\"False\"", "p/", "[S3]")), {"Ship"});
  CHECK(f.errors() == json::object());
  REQUIRE(f.validation.workers.size() == 1);
  CHECK(f.validation.workers[0].enabled);
  auto warnings = f.warnings("enabled-as-string");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::warning);
  CHECK(format_field_path(warnings[0].field) == "Ship.Enabled");
  CHECK(warnings[0].mark == Mark{7, 12});
  CHECK(warnings[0].file == "configuration_files/configuration.yaml");
  CHECK(warnings[0].message ==
        "Enabled is the string \"False\": upstream's schema accepts it as false, but its loader checks the "
        "raw value's "
        "truthiness and a non-empty string is true, so this ship is ENABLED; write Enabled: False without "
        "quotes");
}

TEST_CASE("Enabled given as a true-looking string is warned about more mildly") {
  ConfigFixture f(with_starfleet(ship("Ship", "'yes'", "p/", "[S3]")), {"Ship"});
  auto warnings = f.warnings("enabled-as-string");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.starts_with("Enabled is the string \"yes\", not a boolean"));
}

TEST_CASE("Enabled given as a boolean or an int draws no warning") {
  ConfigFixture f(with_starfleet(ship("A", "True", "a/", "[S3]") + ship("B", "0", "b/", "[S3]")), {"A", "B"});
  CHECK(f.warnings("enabled-as-string").empty());
}

TEST_CASE("EVENTBRIDGE_TIMED_EVENT without EventBridgeTimedFrequency is an error with a note on upstream") {
  ConfigFixture f(with_starfleet(ship("Ship", "True", "p/", "[EVENTBRIDGE_TIMED_EVENT]", "") +
                                 ship("Disabled", "False", "a/", "[EVENTBRIDGE_TIMED_EVENT]", "") +
                                 ship("On", "True", "b/", "[EVENTBRIDGE_TIMED_EVENT]") +
                                 ship("S3Only", "True", "c/", "[S3]", "")),
                  {"Ship", "Disabled", "On", "S3Only"});
  // The schema rejects a disabled ship too: its rule does not look at Enabled.
  CHECK(f.errors() == json::parse(R"({"Ship": {"_schema": ["A EventBridgeTimedFrequency is required when )"
                                  R"(specifying an invocation event of EVENTBRIDGE_TIMED_EVENT."]},
                                  "Disabled": {"_schema": ["A EventBridgeTimedFrequency is required when )"
                                  R"(specifying an invocation event of EVENTBRIDGE_TIMED_EVENT."]}})"));
  std::vector<drydock::workers::Diagnostic> notes;
  for (const auto& d : f.validation.diagnostics) {
    if (d.severity == Severity::note) {
      notes.push_back(d);
    }
  }
  REQUIRE(notes.size() == 2);
  CHECK(format_field_path(notes[0].field) == "Ship._schema");
  CHECK(notes[0].mark == Mark{7, 3});
  CHECK(notes[0].message.find(".validate(), which skips this rule") != std::string::npos);
  CHECK(notes[0].message.find("KeyError: 'EventBridgeTimedFrequency'") != std::string::npos);
  CHECK(f.warnings("timed-without-frequency").empty());
}

TEST_CASE("STARFLEET without AccountIndex warns that upstream's runtime raises KeyError") {
  std::string starfleet(k_starfleet_yaml);
  starfleet.erase(starfleet.find("  AccountIndex"));
  ConfigFixture f(drydock::test::one_file("c.yaml", starfleet));
  CHECK(f.errors() == json::object());
  auto warnings = f.warnings("missing-account-index");
  REQUIRE(warnings.size() == 1);
  CHECK(format_field_path(warnings[0].field) == "STARFLEET");
  CHECK(warnings[0].mark == Mark{2, 3});
  CHECK(warnings[0].message.find("KeyError: 'AccountIndex'") != std::string::npos);

  ConfigFixture with_index(
      with_starfleet("StarfleetDefaultAccountIndex:\n  IndexBucket: b\n  BucketRegion: us-east-2\n"));
  CHECK(with_index.warnings("missing-account-index").empty());
}

TEST_CASE("an S3 ship whose TemplatePrefix extends an earlier ship's never gets those templates") {
  ConfigFixture f(
      with_starfleet(ship("First", "True", "Foo", "[S3]") + ship("Second", "True", "FooBar/", "[S3]")),
      {"First", "Second"});
  auto warnings = f.warnings("overlapping-template-prefix");
  REQUIRE(warnings.size() == 1);
  CHECK(format_field_path(warnings[0].field) == "Second.TemplatePrefix");
  CHECK(warnings[0].mark.line == 14);
  CHECK(warnings[0].message ==
        "TemplatePrefix \"FooBar/\" starts with First's TemplatePrefix \"Foo\": upstream gives an S3 "
        "template to the "
        "first ship in loader order whose prefix the key starts with, so First wins every template under "
        "\"FooBar/\" "
        "and Second gets none through S3");
}

TEST_CASE("an S3 ship whose TemplatePrefix is a prefix of an earlier ship's gets only the other templates") {
  ConfigFixture f(
      with_starfleet(ship("Narrow", "True", "IAM/Roles/", "[S3]") + ship("Wide", "True", "IAM/", "[S3]")),
      {"Narrow", "Wide"});
  auto warnings = f.warnings("overlapping-template-prefix");
  REQUIRE(warnings.size() == 1);
  CHECK(format_field_path(warnings[0].field) == "Wide.TemplatePrefix");
  CHECK(warnings[0].message ==
        "Narrow's TemplatePrefix \"IAM/Roles/\" starts with TemplatePrefix \"IAM/\": upstream gives an S3 "
        "template to "
        "the first ship in loader order whose prefix the key starts with, so templates under \"IAM/Roles/\" "
        "go to "
        "Narrow, and Wide gets only the others");
}

TEST_CASE("the winner of overlapping prefixes follows the order of the worker names") {
  const auto stanzas = ship("First", "True", "Foo", "[S3]") + ship("Second", "True", "FooBar/", "[S3]");
  ConfigFixture f(with_starfleet(stanzas), {"Second", "First"});
  auto warnings = f.warnings("overlapping-template-prefix");
  REQUIRE(warnings.size() == 1);
  CHECK(format_field_path(warnings[0].field) == "First.TemplatePrefix");
  CHECK(warnings[0].message.find("templates under \"FooBar/\" go to Second") != std::string::npos);
}

TEST_CASE("equal and empty TemplatePrefixes overlap") {
  ConfigFixture f(with_starfleet(ship("A", "True", "x/", "[S3]") + ship("B", "True", "x/", "[S3]") +
                                 ship("C", "True", "", "[S3]")),
                  {"A", "B", "C"});
  CHECK(f.warnings("overlapping-template-prefix").size() == 3);
}

TEST_CASE("prefixes of disabled ships and of ships without S3 do not overlap") {
  ConfigFixture f(with_starfleet(ship("A", "False", "Foo", "[S3]") + ship("B", "True", "Foo/", "[S3]") +
                                 ship("C", "True", "Foo/x", "[EVENTBRIDGE_TIMED_EVENT]") +
                                 ship("D", "True", "Bar/", "[S3]")),
                  {"A", "B", "C", "D"});
  CHECK(f.warnings("overlapping-template-prefix").empty());
}

TEST_CASE("a key given twice in one file is warned about where it repeats") {
  drydock::workers::Configuration config;
  drydock::workers::ConfigSource source{"cfg/a.yaml", drydock::test::load_yaml("A: 1\n")};
  source.doc.duplicate_keys.push_back({"Enabled", Mark{3, 3}, Mark{5, 3}});
  config.sources.push_back(std::move(source));
  auto warnings = drydock::workers::lint_configuration(config, {});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].code == "duplicate-key");
  CHECK(warnings[0].file == "cfg/a.yaml");
  CHECK(warnings[0].mark == Mark{5, 3});
  CHECK(warnings[0].message ==
        "key 'Enabled' is given twice in the same mapping (first at line 3, column 3); PyYAML silently keeps "
        "only the last value, so upstream never sees the first one");
}

DRYDOCK_STARFLEET_FILES_TEST(reference_configurations_lint_clean,
                             "the test and sample configurations draw no configuration lint") {
  for (const char* dir : {"tests/test_configuration_files", "src/starfleet/configuration_files"}) {
    CAPTURE(dir);
    ConfigFixture f(drydock::test::k_existing_dir, tree / dir);
    CHECK(f.warnings().empty());
  }
}

TEST_CASE("a key given twice in a configuration file is found by the loader and warned about") {
  ConfigFixture f(with_starfleet("Ship:\n  Enabled: true\n  Enabled: false\n"));
  auto warnings = f.warnings("duplicate-key");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].file == "configuration_files/configuration.yaml");
  CHECK(warnings[0].mark == Mark{8, 3});
  CHECK(format_field_path(warnings[0].field) == "Ship.Enabled");
  CHECK(warnings[0].message.starts_with(
      "key 'Enabled' is given twice in the same mapping (first at line 7, column 3)"));
}

TEST_CASE("the default account index without its stanza is warned about at AccountIndex") {
  ConfigFixture f(
      std::map<std::string, std::string>{{"configuration.yaml",
                                          "STARFLEET:\n  DeploymentRegion: us-east-2\n  TemplateBucket: b\n"
                                          "  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/1/q\n"
                                          "  AccountIndex: StarfleetDefaultAccountIndex\n"}});
  auto warnings = f.warnings("missing-account-index");
  REQUIRE(warnings.size() == 1);
  CHECK(format_field_path(warnings[0].field) == "STARFLEET.AccountIndex");
  CHECK(warnings[0].message.find("MissingConfigurationError") != std::string::npos);
}
