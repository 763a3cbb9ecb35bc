#include <doctest/doctest.h>

#include <string>

#include "tests/workers/configuration/config_fixture.hpp"
#include "workers/configuration/worker_stanza.hpp"

using drydock::test::ConfigFixture;
using drydock::test::k_c0_yaml;
using drydock::test::with_starfleet;
using drydock::workers::InvocationSource;
using drydock::workers::Mark;
using nlohmann::json;

namespace {

// C0 with one line replaced, under the ship `name`.
std::string c0_with(std::string_view old_text, std::string_view new_text,
                    std::string_view name = "TestShip") {
  std::string body(k_c0_yaml);
  if (!old_text.empty()) {
    const auto at = body.find(old_text);
    REQUIRE(at != std::string::npos);
    body.replace(at, old_text.size(), new_text);
  }
  return std::string(name) + ":\n" + body;
}

// Validates `stanza` (YAML text with its top key) as the worker `name`; returns the errors under it.
json ship_errors(const std::string& stanza, const std::string& name = "TestShip") {
  ConfigFixture f(with_starfleet(stanza), {name});
  auto errors = f.errors();
  return errors.contains(name) ? errors[name] : json::object();
}

}  // namespace

TEST_CASE("upstream's sample worker configuration C0 is valid and its raw values are kept") {
  ConfigFixture f(with_starfleet(c0_with("", "")), {"TestShip"});
  CHECK(f.errors() == json::object());
  REQUIRE(f.validation.workers.size() == 1);
  const auto& w = f.validation.workers[0];
  CHECK(w.name == "TestShip");
  CHECK_FALSE(w.enabled);
  CHECK(w.template_prefix == "somePrefix/");
  CHECK(w.invocation_queue_url == "https://sqs.amazonaws.com/SomeQueueUrl");
  CHECK(w.invocation_sources == std::vector{InvocationSource::s3, InvocationSource::eventbridge_timed_event});
  CHECK(w.eventbridge_timed_frequency == "HOURLY");
  CHECK(w.source == 0);
  REQUIRE(w.node != nullptr);
  CHECK(w.node->mark.line == 7);
}

TEST_CASE("unknown keys in a worker stanza are allowed (SC3)") {
  CHECK(ship_errors(c0_with("", "") + "  SomeField: SomeValue\n") == json::object());
}

TEST_CASE("the base worker fields are required and reported at the stanza mapping") {
  SUBCASE("without TemplatePrefix (SC1)") {
    CHECK(ship_errors(c0_with("  TemplatePrefix: somePrefix/\n", "")) ==
          json::parse(R"({"TemplatePrefix": ["Missing data for required field."]})"));
  }
  SUBCASE("without Enabled (CU8 d)") {
    CHECK(ship_errors(c0_with("  Enabled: False\n", "")) ==
          json::parse(R"({"Enabled": ["Missing data for required field."]})"));
  }
  SUBCASE("only an unknown key") {
    ConfigFixture f(with_starfleet("TestShip:\n  SomeField: x\n"), {"TestShip"});
    CHECK(f.errors()["TestShip"] == json::parse(R"({"Enabled": ["Missing data for required field."],
        "InvocationQueueUrl": ["Missing data for required field."], "InvocationSources": ["Missing data for required field."],
        "TemplatePrefix": ["Missing data for required field."]})"));
    CHECK(f.find("TestShip.Enabled")->mark == Mark{7, 3});
    CHECK(f.find("TestShip.Enabled")->file == "configuration_files/configuration.yaml");
  }
}

TEST_CASE("Enabled accepts marshmallow's booleans and nothing else") {
  for (const char* ok : {"'False'", "'yes'", "0.0", "1", "\"0\"", "off"}) {
    CAPTURE(ok);
    CHECK(ship_errors(c0_with("Enabled: False", std::string("Enabled: ") + ok)) == json::object());
  }
  for (const char* bad : {"maybe", "2", "[]", "2024-01-01", "'False '"}) {
    CAPTURE(bad);
    CHECK(ship_errors(c0_with("Enabled: False", std::string("Enabled: ") + bad)) ==
          json::parse(R"({"Enabled": ["Not a valid boolean."]})"));
  }
  CHECK(ship_errors(c0_with("Enabled: False", "Enabled:")) ==
        json::parse(R"({"Enabled": ["Field may not be null."]})"));
}

TEST_CASE("a worker is enabled by the Python truthiness of its raw Enabled value") {
  auto enabled = [](const char* value) {
    ConfigFixture f(with_starfleet(c0_with("Enabled: False", std::string("Enabled: ") + value)),
                    {"TestShip"});
    REQUIRE(f.validation.workers.size() == 1);
    return f.validation.workers[0].enabled;
  };
  CHECK(enabled("True"));
  CHECK(enabled("'False'"));
  CHECK(enabled("'no'"));
  CHECK(enabled("1"));
  CHECK_FALSE(enabled("False"));
  CHECK_FALSE(enabled("0"));
  CHECK_FALSE(enabled("0.0"));
}

TEST_CASE("TemplatePrefix and StarbaseInvocationTopicArn must be strings") {
  CHECK(ship_errors(c0_with("TemplatePrefix: somePrefix/", "TemplatePrefix: 1")) ==
        json::parse(R"({"TemplatePrefix": ["Not a valid string."]})"));
  CHECK(ship_errors(c0_with("", "") + "  StarbaseInvocationTopicArn: 1\n") ==
        json::parse(R"({"StarbaseInvocationTopicArn": ["Not a valid string."]})"));
}

TEST_CASE("InvocationQueueUrl must be an https URL") {
  CHECK(ship_errors(c0_with("https://sqs", "http://sqs")) ==
        json::parse(R"({"InvocationQueueUrl": ["Not a valid URL."]})"));
  CHECK(ship_errors(c0_with("https://sqs.amazonaws.com/SomeQueueUrl", "5")) ==
        json::parse(R"({"InvocationQueueUrl": ["Not a valid URL."]})"));
}

TEST_CASE("InvocationSources is a list of enum names with item errors keyed by index") {
  SUBCASE("not a list") {
    CHECK(ship_errors(c0_with("[S3, EVENTBRIDGE_TIMED_EVENT]", "S3")) ==
          json::parse(R"({"InvocationSources": ["Not a valid list."]})"));
  }
  SUBCASE("bad items; Python attribute names of the enum class pass getattr()") {
    ConfigFixture f(with_starfleet(c0_with("[S3, EVENTBRIDGE_TIMED_EVENT]",
                                           "[S3, s3, 1, null, EVENTBRIDGE_TIMED_EVENT, __doc__, name, mro]")),
                    {"TestShip"});
    CHECK(f.errors()["TestShip"] == json::parse(R"({"InvocationSources": {
        "1": ["Must be one of: S3, SQS, EVENTBRIDGE_TIMED_EVENT."], "2": ["Not a valid string."],
        "3": ["Field may not be null."], "6": ["Must be one of: S3, SQS, EVENTBRIDGE_TIMED_EVENT."]}})"));
    CHECK(f.find("TestShip.InvocationSources[1]")->mark == Mark{10, 27});
  }
  SUBCASE("an empty list is valid") {
    CHECK(ship_errors(c0_with("[S3, EVENTBRIDGE_TIMED_EVENT]", "[]")) == json::object());
  }
}

TEST_CASE("EventBridgeTimedFrequency is an optional enum name") {
  CHECK(ship_errors(c0_with("EventBridgeTimedFrequency: HOURLY", "EventBridgeTimedFrequency: hourly")) ==
        json::parse(R"({"EventBridgeTimedFrequency":
            ["Must be one of: FIVE_MIN, FIFTEEN_MIN, THIRTY_MIN, HOURLY, SIX_HOURLY, TWELVE_HOURLY, DAILY."]})"));
  CHECK(ship_errors(c0_with("EventBridgeTimedFrequency: HOURLY", "EventBridgeTimedFrequency: 5")) ==
        json::parse(R"({"EventBridgeTimedFrequency": ["Not a valid string."]})"));
  CHECK(ship_errors(c0_with("EventBridgeTimedFrequency: HOURLY", "EventBridgeTimedFrequency:")) ==
        json::parse(R"({"EventBridgeTimedFrequency": ["Field may not be null."]})"));
}

TEST_CASE(
    "a timed ship without EventBridgeTimedFrequency is an error, as upstream's schema load() says (SC2)") {
  CHECK(ship_errors(c0_with("  EventBridgeTimedFrequency: HOURLY\n", "")) ==
        json::parse(R"({"_schema": ["A EventBridgeTimedFrequency is required when specifying an invocation )"
                    R"(event of EVENTBRIDGE_TIMED_EVENT."]})"));
  // Only once the fields load, as marshmallow runs post_load: a field error alone is reported.
  CHECK(ship_errors(c0_with("  EventBridgeTimedFrequency: HOURLY\n", "") +
                    "  StarbaseInvocationTopicArn: 1\n") ==
        json::parse(R"({"StarbaseInvocationTopicArn": ["Not a valid string."]})"));
}

TEST_CASE("AlertConfiguration is a nested schema that rejects unknown keys") {
  const auto base = c0_with("", "");
  CHECK(ship_errors(base + "  AlertConfiguration: {ChannelId: lol, AlertPriority: SUCCESS}\n") ==
        json::object());
  CHECK(
      ship_errors(base + "  AlertConfiguration: {ChannelId: 1, AlertPriority: LOUD, X: 1}\n") ==
      json::parse(
          R"({"AlertConfiguration": {"AlertPriority": ["Must be one of: NONE, PROBLEM, IMPORTANT, SUCCESS, INFORMATIONAL."],
            "ChannelId": ["Not a valid string."], "X": ["Unknown field."]}})"));
  CHECK(ship_errors(base + "  AlertConfiguration: x\n") ==
        json::parse(R"({"AlertConfiguration": {"_schema": ["Invalid input type."]}})"));
  CHECK(ship_errors(base + "  AlertConfiguration:\n") ==
        json::parse(R"({"AlertConfiguration": ["Field may not be null."]})"));
  CHECK(ship_errors(base + "  AlertConfiguration: {}\n") ==
        json::parse(R"({"AlertConfiguration": {"AlertPriority": ["Missing data for required field."],
            "ChannelId": ["Missing data for required field."]}})"));
}

TEST_CASE("a non-empty worker stanza that is not a mapping is an invalid input type") {
  CHECK(ship_errors("TestShip: just a string\n") == json::parse(R"({"_schema": ["Invalid input type."]})"));
}

TEST_CASE("AccountIndexGeneratorShip requires its four organization strings") {
  CHECK(ship_errors(c0_with("", "", "AccountIndexGeneratorShip"), "AccountIndexGeneratorShip") ==
        json::parse(R"({"DescribeRegionsAssumeRole": ["Missing data for required field."],
            "OrgAccountAssumeRole": ["Missing data for required field."], "OrgAccountId": ["Missing data for required field."],
            "OrgRootId": ["Missing data for required field."]})"));
  CHECK(ship_errors(c0_with("", "", "AccountIndexGeneratorShip") +
                        "  OrgAccountAssumeRole: r\n  OrgAccountId: 123456789012\n  OrgRootId: r-123456\n"
                        "  DescribeRegionsAssumeRole: r\n",
                    "AccountIndexGeneratorShip") ==
        json::parse(R"({"OrgAccountId": ["Not a valid string."]})"));
}

TEST_CASE("AwsConfigWorkerShip and IamRoleWorkerShip require WorkerRoleToAssume") {
  for (const char* ship : {"AwsConfigWorkerShip", "IamRoleWorkerShip"}) {
    CAPTURE(ship);
    CHECK(ship_errors(c0_with("", "", ship), ship) ==
          json::parse(R"({"WorkerRoleToAssume": ["Missing data for required field."]})"));
    CHECK(ship_errors(c0_with("", "", ship) + "  WorkerRoleToAssume: r\n  WorkerRoleSessionName: 1\n",
                      ship) == json::parse(R"({"WorkerRoleSessionName": ["Not a valid string."]})"));
    CHECK(ship_errors(c0_with("", "", ship) + "  WorkerRoleToAssume: r\n", ship) == json::object());
  }
}

TEST_CASE("GitHubSyncWorkerShip uses the base configuration only") {
  CHECK(ship_errors(c0_with("", "", "GitHubSyncWorkerShip"), "GitHubSyncWorkerShip") == json::object());
}

TEST_CASE("an invalid worker stanza is left out of the valid workers") {
  ConfigFixture f(with_starfleet(c0_with("Enabled: False", "Enabled: maybe") + c0_with("", "", "Other")),
                  {"TestShip", "Other"});
  REQUIRE(f.validation.workers.size() == 1);
  CHECK(f.validation.workers[0].name == "Other");
}
