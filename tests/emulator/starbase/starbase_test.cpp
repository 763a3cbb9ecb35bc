// Upstream's Starbase tests (starfleet-behavior.md §13.2 S1-S18 and §13.3 U1-U4) through Drydock's
// Starbase: the same inputs, the same messages and log lines, the same raise-or-drop outcomes.

#include "emulator/starbase/starbase.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>

#include "tests/emulator/starbase/starbase_fixture.hpp"

using drydock::emulator::process_fanout_event;
using drydock::emulator::process_fanout_message;
using drydock::emulator::process_timed_event;
using drydock::test::has_log;
using drydock::test::k_plugin;
using drydock::test::k_template_single;
using drydock::test::StarbaseFixture;

namespace {

const char* k_phase2 =
    R"({"worker_ship": "TestingStarfleetWorkerPlugin", "template_prefix": "TestingStarfleetWorkerPlugin/template1.yaml"})";

std::string s3_event(const std::string& bucket, const std::string& key) {
  return R"({"Records": [{"eventSource": "aws:s3", "s3": {"bucket": {"name": ")" + bucket +
         R"("}, "object": {"key": ")" + key + R"("}}}]})";
}

void upload_all_single(StarbaseFixture& f) {
  for (const char* ship : {"TestingStarfleetWorkerPlugin", "TestingStarfleetWorkerPluginTwo",
                           "TestingStarfleetWorkerPluginThree"}) {
    for (const char* name : {"template1.yaml", "template2.yaml"}) {
      f.put_template(std::string(ship) + "/" + name, k_template_single);
    }
  }
}

}  // namespace

TEST_SUITE("emulator/starbase") {
  TEST_CASE("S1: an HOURLY event tasks the two HOURLY ships' templates through the fan-out queue") {
    StarbaseFixture f;
    upload_all_single(f);
    const auto outcome = process_timed_event(f.context(), R"({"name": "HOURLY"})");
    CHECK_FALSE(outcome.failure);
    CHECK(outcome.fanout_messages_sent == 4);
    const auto bodies = f.drain("fanout-queue");
    CHECK(
        std::multiset<std::string>(bodies.begin(), bodies.end()) ==
        std::multiset<std::string>{
            R"({"worker_ship": "TestingStarfleetWorkerPlugin", "template_prefix": "TestingStarfleetWorkerPlugin/template1.yaml"})",
            R"({"worker_ship": "TestingStarfleetWorkerPlugin", "template_prefix": "TestingStarfleetWorkerPlugin/template2.yaml"})",
            R"({"worker_ship": "TestingStarfleetWorkerPluginTwo", "template_prefix": "TestingStarfleetWorkerPluginTwo/template1.yaml"})",
            R"({"worker_ship": "TestingStarfleetWorkerPluginTwo", "template_prefix": "TestingStarfleetWorkerPluginTwo/template2.yaml"})"});
    CHECK(outcome.logs.back().message ==
          "[🚀] All ships have been tasked for fan-out for this timed event: HOURLY.");
  }

  TEST_CASE("S2: a frequency no ship uses tasks nothing") {
    StarbaseFixture f;
    upload_all_single(f);
    const auto outcome = process_timed_event(f.context(), R"({"name": "TWELVE_HOURLY"})");
    CHECK_FALSE(outcome.failure);
    CHECK(outcome.logs.back().message == "[🌑] No ships to task for the timed event: TWELVE_HOURLY.");
    CHECK(f.drain("fanout-queue").empty());
  }

  TEST_CASE("S3: ships due but without templates are skipped with a warning") {
    StarbaseFixture f;
    const auto outcome = process_timed_event(f.context(), R"({"name": "HOURLY"})");
    int warnings = 0;
    for (const auto& line : outcome.logs) {
      if (line.level == drydock::emulator::LogLevel::warning) {
        CHECK(line.message.starts_with("[⚠️] No templates found for worker ship:"));
        ++warnings;
      }
    }
    CHECK(warnings == 2);
    CHECK(f.drain("fanout-queue").empty());
  }

  TEST_CASE("timed events: a missing name is KeyError, an unknown one ValueError") {
    StarbaseFixture f;
    CHECK(process_timed_event(f.context(), "{}").failure == "KeyError: 'name'");
    CHECK(process_timed_event(f.context(), R"({"name": "WEEKLY"})").failure ==
          "ValueError: 'WEEKLY' is not a valid EventBridgeFrequency");
  }

  TEST_CASE("U1: more than 10 templates go out in batches of 10 with ids 1..n") {
    StarbaseFixture f;
    for (int i = 1; i <= 27; ++i) {
      f.put_template("TestingStarfleetWorkerPlugin/t" + std::to_string(100 + i) + ".yaml", k_template_single);
    }
    const auto outcome = process_timed_event(f.context(), R"({"name": "HOURLY"})");
    CHECK(outcome.fanout_messages_sent == 27);
    CHECK(f.drain("fanout-queue").size() == 27);
  }

  TEST_CASE("U3: only .yaml keys under the prefix are templates, and a .yaml prefix is used as is") {
    StarbaseFixture f;
    upload_all_single(f);
    f.put_template("TestingStarfleetWorkerPlugin/NotATemplate.notayaml", "x");
    auto listed = drydock::emulator::list_worker_ship_templates(f.context(), "TestingStarfleetWorkerPlugin/");
    REQUIRE(listed);
    CHECK(*listed == std::vector<std::string>{"TestingStarfleetWorkerPlugin/template1.yaml",
                                              "TestingStarfleetWorkerPlugin/template2.yaml"});
    auto single = drydock::emulator::list_worker_ship_templates(f.context(), "Does/Not/Exist.yaml");
    CHECK(*single == std::vector<std::string>{"Does/Not/Exist.yaml"});
  }

  TEST_CASE("S4: an S3 event for another bucket raises InvalidBucketError") {
    StarbaseFixture f;
    const auto outcome = process_fanout_message(f.context(), s3_event("wrong-bucket", "x.yaml"));
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->starts_with("InvalidBucketError"));
  }

  TEST_CASE("S5 and S6: non-.yaml keys and keys no ship claims are dropped with a warning") {
    StarbaseFixture f;
    auto txt = process_fanout_message(f.context(), s3_event("template-bucket", "pewpewpew.txt"));
    CHECK_FALSE(txt.failure);
    CHECK(
        has_log(txt, "[⏭️] Received an object prefix that is not a recognized template: pewpewpew.txt"));
    auto unclaimed =
        process_fanout_message(f.context(), s3_event("template-bucket", "NotAWorker/Template1.yaml"));
    CHECK_FALSE(unclaimed.failure);
    CHECK(has_log(unclaimed, "NotAWorker/Template1.yaml that we can't find a ship to handle. Skipping"));
  }

  TEST_CASE("S7: a phase-2 message for a SINGLE_INVOCATION ship sends the template unchanged") {
    StarbaseFixture f;
    upload_all_single(f);
    const auto outcome = process_fanout_message(f.context(), k_phase2);
    CHECK_FALSE(outcome.failure);
    CHECK(
        f.drain("WorkerQueue1") ==
        std::vector<std::string>{
            R"({"TemplateName": "TestWorkerTemplate", "TemplateDescription": "This is a template used for testing the Starbase"})"});
  }

  TEST_CASE("S8: an S3 event is matched to the ship by prefix, a directory or the .yaml key itself") {
    for (const char* prefix :
         {"TestingStarfleetWorkerPlugin/", "TestingStarfleetWorkerPlugin/template1.yaml"}) {
      CAPTURE(prefix);
      StarbaseFixture f("SINGLE_INVOCATION", prefix);
      upload_all_single(f);
      const auto outcome = process_fanout_message(
          f.context(), s3_event("template-bucket", "TestingStarfleetWorkerPlugin/template1.yaml"));
      CHECK_FALSE(outcome.failure);
      CHECK(has_log(outcome,
                    "[🪣] Starbase received an S3 template modification event. Looking for the worker ship "
                    "to task..."));
      CHECK(has_log(outcome,
                    "[🧑‍🚀] Identified worker ship: TestingStarfleetWorkerPlugin for S3 template: "
                    "TestingStarfleetWorkerPlugin/template1.yaml."));
      CHECK(has_log(
          outcome,
          "[🛸] Worker Ship: TestingStarfleetWorkerPlugin tasked for the SINGLE_INVOCATION fan out"));
      CHECK(f.drain("WorkerQueue1").size() == 1);
    }
  }

  TEST_CASE("S3 keys are form-decoded (unquote_plus) before matching and fetching") {
    StarbaseFixture f;
    f.put_template("TestingStarfleetWorkerPlugin/my role+x.yaml", k_template_single);
    const auto outcome = process_fanout_message(
        f.context(), s3_event("template-bucket", "TestingStarfleetWorkerPlugin/my+role%2Bx.yaml"));
    CHECK_FALSE(outcome.failure);
    CHECK(f.drain("WorkerQueue1").size() == 1);
  }

  TEST_CASE("S9: an ACCOUNT ship gets one message per account, 02-19 (01 excluded, 20 the org root)") {
    StarbaseFixture f("ACCOUNT");
    f.put_template(
        "TestingStarfleetWorkerPlugin/template1.yaml",
        "TemplateName: TestWorkerTemplate\nTemplateDescription: d\nIncludeAccounts:\n  AllAccounts: True\n"
        "ExcludeAccounts:\n  ByNames:\n    - Account 1\n");
    const auto outcome = process_fanout_message(f.context(), k_phase2);
    CHECK_FALSE(outcome.failure);
    const auto bodies = f.drain("WorkerQueue1");
    REQUIRE(bodies.size() == 18);
    std::set<std::string> accounts;
    for (const auto& body : bodies) {
      accounts.insert(nlohmann::json::parse(body).at("StarbaseAssignedAccount").get<std::string>());
    }
    std::set<std::string> expected;
    for (int i = 2; i <= 19; ++i) {
      expected.insert(fmt::format("{:012}", i));
    }
    CHECK(accounts == expected);
    CHECK(has_log(outcome, "[🔢] Tasking TestingStarfleetWorkerPlugin for 18..."));
  }

  TEST_CASE("S10: an ACCOUNT template with no accounts sends nothing and consumes the message") {
    StarbaseFixture f("ACCOUNT");
    f.put_template(
        "TestingStarfleetWorkerPlugin/template1.yaml",
        "TemplateName: T\nTemplateDescription: d\nIncludeAccounts:\n  ByNames:\n    - fake_account\n");
    const auto outcome = process_fanout_message(f.context(), k_phase2);
    CHECK_FALSE(outcome.failure);
    CHECK(has_log(outcome, "has no accounts to task"));
    CHECK(f.drain("WorkerQueue1").empty());
  }

  TEST_CASE("S11: an ACCOUNT_REGION template with no pairs sends nothing") {
    StarbaseFixture f("ACCOUNT_REGION");
    f.put_template(
        "TestingStarfleetWorkerPlugin/template1.yaml",
        "TemplateName: T\nTemplateDescription: d\nIncludeAccounts:\n  ByNames:\n    - fake_account\n"
        "IncludeRegions:\n  - us-east-1\n");
    const auto outcome = process_fanout_message(f.context(), k_phase2);
    CHECK_FALSE(outcome.failure);
    CHECK(has_log(outcome, "has no accounts/regions to task"));
  }

  TEST_CASE("S13 and S14: unsupported records and events are logged and dropped") {
    StarbaseFixture f;
    upload_all_single(f);
    const std::string two =
        R"({"Records": [{"s3": {"bucket": {"name": "template-bucket"}, "object": {"key": "TestingStarfleetWorkerPlugin/template1.yaml"}}}, {"lol": "aliens"}]})";
    const auto nested = process_fanout_message(f.context(), two);
    CHECK_FALSE(nested.failure);
    CHECK(has_log(nested,
                  "[🚨] Received 2 nested events! Going to loop over them, but this should really be used to "
                  "re-invoke the fan out!"));
    CHECK(
        has_log(nested, "[👽] Received a nested record: `{'lol': 'aliens'}` we don't support! Dropping it."));
    const auto alien = process_fanout_message(f.context(), R"({"lol": "aliens"})");
    CHECK_FALSE(alien.failure);
    CHECK(alien.logs.back().message ==
          "[👽] Received an event: `{'lol': 'aliens'}` we don't support! Dropping it.");
    // S3's s3:TestEvent takes the same path.
    const auto test_event = process_fanout_message(
        f.context(), R"({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "template-bucket"})");
    CHECK_FALSE(test_event.failure);
  }

  TEST_CASE("S15: a phase-2 message for an unknown ship raises NoShipPluginError") {
    StarbaseFixture f;
    const auto outcome =
        process_fanout_message(f.context(), R"({"worker_ship": "fake", "template_prefix": "fake"})");
    CHECK(outcome.failure == "NoShipPluginError: fake");
    CHECK(
        has_log(outcome,
                "Recognized plugins are: ['TestingStarfleetWorkerPlugin', 'TestingStarfleetWorkerPluginTwo', "
                "'TestingStarfleetWorkerPluginThree']."));
  }

  TEST_CASE("S16: a template that fails the schema raises ValidationError naming the fields") {
    StarbaseFixture f;
    f.put_template("TestingStarfleetWorkerPlugin/template1.yaml", "not: conformant with schema\n");
    const auto outcome = process_fanout_message(f.context(), k_phase2);
    REQUIRE(outcome.failure);
    CHECK(outcome.failure->starts_with("ValidationError: "));
    CHECK(outcome.failure->find("'TemplateName'") != std::string::npos);
    CHECK(outcome.failure->find("'TemplateDescription'") != std::string::npos);
    CHECK_FALSE(outcome.diagnostics.empty());
  }

  TEST_CASE("S17: a fan-out Lambda event with two records logs an error and handles both") {
    StarbaseFixture f;
    upload_all_single(f);
    const std::string event = std::string(R"({"Records": [{"body": )") + nlohmann::json(k_phase2).dump() +
                              R"(}, {"body": )" + nlohmann::json(k_phase2).dump() + "}]}";
    const auto outcome = process_fanout_event(f.context(), event);
    CHECK_FALSE(outcome.failure);
    CHECK(outcome.logs.front().message.starts_with("[🚨] Received more than 1 event for fan out!"));
    CHECK(f.drain("WorkerQueue1").size() == 2);
  }

  TEST_CASE("S18: an ACCOUNT_REGION ship gets {02..05} x {us-east-1, us-east-2, eu-west-1, ca-central-1}") {
    StarbaseFixture f("ACCOUNT_REGION");
    f.put_template(
        "TestingStarfleetWorkerPlugin/template1.yaml",
        "TemplateName: TestWorkerTemplate\nTemplateDescription: d\nIncludeAccounts:\n  ByNames:\n"
        "    - Account 1\n    - Account 2\n    - Account 3\n    - Account 4\n    - Account 5\n"
        "ExcludeAccounts:\n  ByNames:\n    - Account 1\n"
        "IncludeRegions:\n  - us-west-1\n  - us-east-1\n  - us-east-2\n  - eu-west-1\n  - ca-central-1\n"
        "ExcludeRegions:\n  - us-west-1\n");
    const auto outcome = process_fanout_message(f.context(), k_phase2);
    CHECK_FALSE(outcome.failure);
    const auto bodies = f.drain("WorkerQueue1");
    REQUIRE(bodies.size() == 16);
    std::set<std::string> pairs;
    for (const auto& body : bodies) {
      const auto json = nlohmann::json::parse(body);
      pairs.insert(json.at("StarbaseAssignedAccount").get<std::string>() + "/" +
                   json.at("StarbaseAssignedRegion").get<std::string>());
    }
    std::set<std::string> expected;
    for (const char* account : {"000000000002", "000000000003", "000000000004", "000000000005"}) {
      for (const char* region : {"us-east-1", "us-east-2", "eu-west-1", "ca-central-1"}) {
        expected.insert(std::string(account) + "/" + region);
      }
    }
    CHECK(pairs == expected);
    CHECK(has_log(outcome, "[🔢] Tasking TestingStarfleetWorkerPlugin for 16 account/region pairs..."));
  }

  TEST_CASE("U4: a missing template is a ClientError (NoSuchKey), and invalid YAML a YAMLError") {
    StarbaseFixture f;
    const auto missing = process_fanout_message(
        f.context(), R"({"worker_ship": "TestingStarfleetWorkerPlugin", "template_prefix": "LOLNO"})");
    REQUIRE(missing.failure);
    CHECK(missing.failure->starts_with("ClientError: An error occurred (NoSuchKey)"));
    CHECK(has_log(missing, "[❌] Can't find the template: LOLNO in S3. Please investigate why it's missing."));
    f.put_template("TestingStarfleetWorkerPlugin/template1.yaml",
                   "\xc6"
                   "2:\xe3\xc5\x93\n\xe1\xf0\xd5\xe4[");
    const auto bad_yaml = process_fanout_message(f.context(), k_phase2);
    REQUIRE(bad_yaml.failure);
    CHECK(bad_yaml.failure->starts_with("YAMLError"));
  }

  TEST_CASE("a body that is JSON but not an object raises, as upstream's .get on it does") {
    StarbaseFixture f;
    CHECK(process_fanout_message(f.context(), "1").failure->starts_with("AttributeError"));
    CHECK(process_fanout_message(f.context(), "not json").failure->starts_with("JSONDecodeError"));
  }
}
