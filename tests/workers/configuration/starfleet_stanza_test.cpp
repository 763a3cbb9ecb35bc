#include <doctest/doctest.h>

#include <string>

#include "tests/workers/configuration/config_fixture.hpp"
#include "workers/configuration/starfleet_stanza.hpp"

using drydock::test::ConfigFixture;
using drydock::test::k_starfleet_yaml;
using drydock::test::regions_one_of;
using drydock::test::with_starfleet;
using nlohmann::json;

namespace {

// The valid STARFLEET stanza with one line replaced.
std::map<std::string, std::string> starfleet_with(std::string_view old_line, std::string_view new_line) {
  std::string text(k_starfleet_yaml);
  const auto at = text.find(old_line);
  REQUIRE(at != std::string::npos);
  text.replace(at, old_line.size(), new_line);
  return {{"configuration.yaml", text}};
}

const std::string k_slack_message =
    "Slack can only be enabled if you are using Secrets Manager -- you need to configure the "
    "`SecretsManager` "
    "field.";

}  // namespace

TEST_CASE("a valid STARFLEET stanza has no errors and its raw settings are kept") {
  ConfigFixture f(with_starfleet("  ScopeToRegions: [us-east-2, eu-west-1]\n  LogLevel: DEBUG\n"));
  CHECK(f.errors() == json::object());
  REQUIRE(f.validation.starfleet.has_value());
  CHECK(f.validation.starfleet->deployment_region == "us-east-2");
  CHECK(f.validation.starfleet->template_bucket == "template-bucket");
  CHECK(f.validation.starfleet->fan_out_queue_url == "https://sqs.amazonaws.com/fanout-queue");
  CHECK(f.validation.starfleet->account_index == "StarfleetDefaultAccountIndex");
  CHECK(f.validation.starfleet->scope_to_regions == std::vector<std::string>{"us-east-2", "eu-west-1"});
}

TEST_CASE("a configuration without STARFLEET is missing a required field") {
  ConfigFixture f(drydock::test::one_file("other.yaml", "OTHER: {a: 1}\n"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": ["Missing data for required field."]})"));
  CHECK_FALSE(f.validation.starfleet.has_value());
  REQUIRE(f.find("STARFLEET") != nullptr);
  CHECK(f.find("STARFLEET")->file == "configuration_files");
}

TEST_CASE("a null STARFLEET may not be null") {
  ConfigFixture f(drydock::test::one_file("c.yaml", "STARFLEET:\n"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": ["Field may not be null."]})"));
  CHECK(f.find("STARFLEET")->file == "configuration_files/c.yaml");
}

TEST_CASE("a STARFLEET that is not a mapping is an invalid input type") {
  ConfigFixture f(drydock::test::one_file("c.yaml", "STARFLEET: []\n"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": {"_schema": ["Invalid input type."]}})"));
}

TEST_CASE("an empty STARFLEET misses its three required fields, reported at the mapping") {
  ConfigFixture f(drydock::test::one_file("c.yaml", "STARFLEET: {}\n"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": {"DeploymentRegion": ["Missing data for required field."],
      "FanOutQueueUrl": ["Missing data for required field."], "TemplateBucket": ["Missing data for required field."]}})"));
  CHECK(f.find("STARFLEET.DeploymentRegion")->mark == drydock::workers::Mark{1, 12});
}

TEST_CASE("DeploymentRegion must be a region of the universe, listed sorted in the message") {
  SUBCASE("a region outside the aws partition") {
    ConfigFixture f(starfleet_with("us-east-2", "cn-north-1"));
    CHECK(f.errors() == json{{"STARFLEET", {{"DeploymentRegion", {regions_one_of()}}}}});
    CHECK(f.find("STARFLEET.DeploymentRegion")->mark == drydock::workers::Mark{2, 21});
  }
  SUBCASE("not a string") {
    ConfigFixture f(starfleet_with("DeploymentRegion: us-east-2", "DeploymentRegion: 5"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"DeploymentRegion": ["Not a valid string."]}})"));
  }
}

TEST_CASE("TemplateBucket must be a non-null string") {
  ConfigFixture f(starfleet_with("TemplateBucket: template-bucket", "TemplateBucket:"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": {"TemplateBucket": ["Field may not be null."]}})"));
}

TEST_CASE("FanOutQueueUrl must be an https URL with a TLD") {
  const std::string url = "https://sqs.amazonaws.com/fanout-queue";
  SUBCASE("http") {
    ConfigFixture f(starfleet_with(url, "http://sqs.amazonaws.com/fanout-queue"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"FanOutQueueUrl": ["Not a valid URL."]}})"));
  }
  SUBCASE("a host without a TLD") {
    ConfigFixture f(starfleet_with(url, "https://sqs/fanout-queue"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"FanOutQueueUrl": ["Not a valid URL."]}})"));
  }
  SUBCASE("a non-string is not a valid URL either (Url renames String's message)") {
    ConfigFixture f(starfleet_with(url, "1"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"FanOutQueueUrl": ["Not a valid URL."]}})"));
  }
  SUBCASE("localhost with a port") {
    ConfigFixture f(starfleet_with(url, "https://localhost:4566/000000000000/fanout"));
    CHECK(f.errors() == json::object());
  }
}

TEST_CASE("unknown STARFLEET keys are unknown fields reported at the key") {
  ConfigFixture f(with_starfleet("  Bogus: 1\n  AccountIndexer: X\n  3: x\n"));
  CHECK(f.errors() ==
        json::parse(R"({"STARFLEET": {"3": ["Unknown field."], "AccountIndexer": ["Unknown field."],
      "Bogus": ["Unknown field."]}})"));
  CHECK(f.find("STARFLEET.Bogus")->mark == drydock::workers::Mark{6, 3});
  CHECK(f.find("STARFLEET.3") == nullptr);  // an int key is an int path step
}

TEST_CASE("ScopeToRegions is a list of regions with errors keyed by index") {
  SUBCASE("not a list") {
    ConfigFixture f(with_starfleet("  ScopeToRegions: us-east-1\n"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"ScopeToRegions": ["Not a valid list."]}})"));
  }
  SUBCASE("bad items") {
    ConfigFixture f(with_starfleet("  ScopeToRegions: [us-east-1, 5, nope, null, ALL]\n"));
    CHECK(f.errors() == json{{"STARFLEET",
                              {{"ScopeToRegions",
                                {{"1", {"Not a valid string."}},
                                 {"2", {regions_one_of()}},
                                 {"3", {"Field may not be null."}},
                                 {"4", {regions_one_of()}}}}}}});
    CHECK(f.find("STARFLEET.ScopeToRegions[2]")->mark == drydock::workers::Mark{6, 34});
  }
}

TEST_CASE("SecretsManager is a nested schema that rejects unknown keys") {
  SUBCASE("missing SecretRegion and an extra key") {
    ConfigFixture f(with_starfleet("  SecretsManager: {SecretId: x, Extra: 1}\n"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"SecretsManager": {"Extra": ["Unknown field."],
        "SecretRegion": ["Missing data for required field."]}}})"));
  }
  SUBCASE("not a mapping") {
    ConfigFixture f(with_starfleet("  SecretsManager: x\n"));
    CHECK(f.errors() ==
          json::parse(R"({"STARFLEET": {"SecretsManager": {"_schema": ["Invalid input type."]}}})"));
  }
  SUBCASE("a GovCloud region") {
    ConfigFixture f(with_starfleet("  SecretsManager: {SecretId: x, SecretRegion: us-gov-west-1}\n"));
    CHECK(f.errors() == json{{"STARFLEET", {{"SecretsManager", {{"SecretRegion", {regions_one_of()}}}}}}});
  }
  SUBCASE("null") {
    ConfigFixture f(with_starfleet("  SecretsManager:\n  SlackEnabled: true\n"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"SecretsManager": ["Field may not be null."]}})"));
  }
}

TEST_CASE("SlackEnabled is a marshmallow boolean") {
  ConfigFixture f(with_starfleet("  SlackEnabled: maybe\n"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": {"SlackEnabled": ["Not a valid boolean."]}})"));
}

TEST_CASE("Slack needs SecretsManager, checked only when STARFLEET has no field error") {
  SUBCASE("true without SecretsManager") {
    ConfigFixture f(with_starfleet("  SlackEnabled: true\n"));
    CHECK(f.errors() == json{{"STARFLEET", {{"SlackEnabled", {k_slack_message}}}}});
    CHECK(f.find("STARFLEET.SlackEnabled")->mark == drydock::workers::Mark{6, 17});
    CHECK_FALSE(f.validation.starfleet.has_value());
  }
  SUBCASE("the strings and ints marshmallow reads as true") {
    for (const char* value : {"'yes'", "1", "'on'", "1.0"}) {
      ConfigFixture f(with_starfleet(std::string("  SlackEnabled: ") + value + "\n"));
      CHECK(f.errors() == json{{"STARFLEET", {{"SlackEnabled", {k_slack_message}}}}});
    }
  }
  SUBCASE("false needs nothing") {
    ConfigFixture f(with_starfleet("  SlackEnabled: false\n"));
    CHECK(f.errors() == json::object());
  }
  SUBCASE("another field's error hides the rule") {
    ConfigFixture f(with_starfleet("  SlackEnabled: true\n  LogLevel: info\n"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"LogLevel":
        ["Must be one of: CRITICAL, DEBUG, ERROR, INFO, NOTSET, WARNING."]}})"));
  }
  SUBCASE("an empty SecretsManager fails its own fields instead") {
    ConfigFixture f(with_starfleet("  SlackEnabled: true\n  SecretsManager: {}\n"));
    CHECK(f.errors() ==
          json::parse(R"({"STARFLEET": {"SecretsManager": {"SecretId": ["Missing data for required field."],
        "SecretRegion": ["Missing data for required field."]}}})"));
  }
  SUBCASE("with SecretsManager") {
    ConfigFixture f(
        with_starfleet("  SlackEnabled: true\n  SecretsManager: {SecretId: s, SecretRegion: us-east-2}\n"));
    CHECK(f.errors() == json::object());
  }
}

TEST_CASE("LogLevel is one of the logging levels, listed sorted") {
  ConfigFixture f(with_starfleet("  LogLevel: info\n"));
  CHECK(f.errors() == json::parse(R"({"STARFLEET": {"LogLevel":
      ["Must be one of: CRITICAL, DEBUG, ERROR, INFO, NOTSET, WARNING."]}})"));
}

TEST_CASE("ThirdPartyLoggerLevels must be a mapping") {
  SUBCASE("a list") {
    ConfigFixture f(with_starfleet("  ThirdPartyLoggerLevels: [a]\n"));
    CHECK(f.errors() ==
          json::parse(R"({"STARFLEET": {"ThirdPartyLoggerLevels": ["Not a valid mapping type."]}})"));
  }
  SUBCASE("null") {
    ConfigFixture f(with_starfleet("  ThirdPartyLoggerLevels:\n"));
    CHECK(f.errors() ==
          json::parse(R"({"STARFLEET": {"ThirdPartyLoggerLevels": ["Field may not be null."]}})"));
  }
}

TEST_CASE("AccountIndex must be a string and may be absent") {
  SUBCASE("an int") {
    ConfigFixture f(starfleet_with("AccountIndex: StarfleetDefaultAccountIndex", "AccountIndex: 1"));
    CHECK(f.errors() == json::parse(R"({"STARFLEET": {"AccountIndex": ["Not a valid string."]}})"));
  }
  SUBCASE("absent: valid, and no default is filled in") {
    ConfigFixture f(starfleet_with("  AccountIndex: StarfleetDefaultAccountIndex\n", ""));
    CHECK(f.errors() == json::object());
    REQUIRE(f.validation.starfleet.has_value());
    CHECK_FALSE(f.validation.starfleet->account_index.has_value());
  }
}

DRYDOCK_STARFLEET_FILES_TEST(
    slack_needs_secrets,
    "removing SecretsManager while SlackEnabled gives the Slack error (upstream test_utils)") {
  ConfigFixture config_t(drydock::test::k_existing_dir, tree / "tests/test_configuration_files");
  REQUIRE(config_t.errors() == json::object());
  auto text = drydock::test::read_file(tree / "tests/test_configuration_files/test_base_configuration.yaml");
  // The SecretsManager stanza: from its key's line to the line of the key that follows it.
  const auto start = text.find("SecretsManager:");
  const auto end = text.find("SlackEnabled:");
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  const auto from = text.rfind('\n', start) + 1;
  text.erase(from, text.rfind('\n', end) + 1 - from);
  ConfigFixture f(drydock::test::one_file("test_base_configuration.yaml", text));
  CHECK(f.errors() == json{{"STARFLEET", {{"SlackEnabled", {k_slack_message}}}}});
}
