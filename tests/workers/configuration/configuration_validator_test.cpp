#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "tests/workers/configuration/config_fixture.hpp"

using drydock::test::ConfigFixture;
using drydock::test::k_c0_yaml;
using drydock::test::with_starfleet;
using drydock::workers::InvocationSource;
using drydock::workers::Severity;
using nlohmann::json;

namespace {

std::vector<std::string> worker_names(const ConfigFixture& f) {
  std::vector<std::string> out;
  for (const auto& w : f.validation.workers) {
    out.push_back(w.name);
  }
  return out;
}

std::string ship(std::string_view name) {
  return std::string(name) + ":\n" + std::string(k_c0_yaml);
}

}  // namespace

DRYDOCK_STARFLEET_FILES_TEST(config_t_is_valid,
                             "the test configuration (Config T) is valid with its test ships") {
  ConfigFixture f(drydock::test::k_existing_dir, tree / "tests/test_configuration_files");
  CHECK(f.errors() == json::object());
  CHECK(f.all(Severity::error).empty());
  REQUIRE(f.validation.starfleet.has_value());
  CHECK(f.validation.starfleet->deployment_region == "us-east-2");
  CHECK(f.validation.starfleet->account_index == "TestingAccountIndexPlugin");
  CHECK(f.validation.starfleet->scope_to_regions.empty());
  auto names = worker_names(f);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"AccountIndexGeneratorShip", "AwsConfigWorkerShip",
                                          "GitHubSyncWorkerShip", "IamRoleWorkerShip",
                                          "TestingStarfleetWorkerPlugin", "TestingStarfleetWorkerPluginThree",
                                          "TestingStarfleetWorkerPluginTwo"});
  for (const auto& w : f.validation.workers) {
    CHECK(w.enabled);
  }
  CHECK(f.warnings().empty());
}

DRYDOCK_STARFLEET_FILES_TEST(config_t_ships,
                             "Config T's test ships keep their raw prefixes, sources and frequencies") {
  ConfigFixture f(drydock::test::k_existing_dir, tree / "tests/test_configuration_files",
                  {"TestingStarfleetWorkerPlugin", "TestingStarfleetWorkerPluginTwo",
                   "TestingStarfleetWorkerPluginThree"});
  REQUIRE(f.validation.workers.size() == 3);
  const auto& three = f.validation.workers[2];
  CHECK(three.name == "TestingStarfleetWorkerPluginThree");
  CHECK(three.template_prefix == "TestingStarfleetWorkerPluginThree/");
  CHECK(three.invocation_queue_url == "https://us-east-2.queue.amazonaws.com/123456789012/WorkerQueue3");
  CHECK(three.invocation_sources ==
        std::vector{InvocationSource::s3, InvocationSource::eventbridge_timed_event});
  CHECK(three.eventbridge_timed_frequency == "DAILY");
  CHECK(f.load.config.file_of(f.load.config.entries[0]) ==
        "configuration_files/account_index_generator.yaml");
}

DRYDOCK_STARFLEET_FILES_TEST(bad_configuration, "the bad test configuration is missing STARFLEET") {
  ConfigFixture f(drydock::test::k_existing_dir, tree / "tests/bad_configuration_files");
  CHECK(f.errors() == json::parse(R"({"STARFLEET": ["Missing data for required field."]})"));
  CHECK(f.validation.workers.empty());
}

DRYDOCK_STARFLEET_FILES_TEST(production_sample,
                             "the production sample is valid, placeholder queue URLs included") {
  ConfigFixture f(drydock::test::k_existing_dir, tree / "src/starfleet/configuration_files");
  CHECK(f.errors() == json::object());
  REQUIRE(f.validation.starfleet.has_value());
  CHECK(f.validation.starfleet->fan_out_queue_url ==
        "https://sqs.DEPLOYMENT-REGION.amazonaws.com/DEPLOYMENT-ACCOUNT-ID/starbase-fanout-queue");
  REQUIRE(f.validation.workers.size() == 1);
  const auto& generator = f.validation.workers[0];
  CHECK(generator.name == "AccountIndexGeneratorShip");
  CHECK(generator.enabled);
  CHECK(generator.template_prefix == "AccountIndexGenerator/SaveAccountInventory.yaml");
  CHECK(generator.invocation_sources ==
        std::vector{InvocationSource::eventbridge_timed_event, InvocationSource::s3});
  CHECK(f.warnings().empty());
}

TEST_CASE("a worker named in drydock.yaml without a stanza is skipped with a warning") {
  ConfigFixture f(with_starfleet(ship("Present")), {"Missing", "Present"});
  CHECK(f.errors() == json::object());
  CHECK(worker_names(f) == std::vector<std::string>{"Present"});
  auto warnings = f.warnings("no-configuration");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message == "no configuration: upstream skips this ship");
  CHECK(drydock::workers::format_field_path(warnings[0].field) == "Missing");
  CHECK(warnings[0].file == "configuration_files");
}

TEST_CASE("an empty or null worker stanza is skipped with a warning, as upstream skips falsy stanzas") {
  ConfigFixture f(with_starfleet("A: {}\nB:\nIamRoleWorkerShip: null\n"), {"A", "B"});
  CHECK(f.errors() == json::object());
  CHECK(f.validation.workers.empty());
  CHECK(f.warnings("no-configuration").size() == 2);

  ConfigFixture discovered(with_starfleet("IamRoleWorkerShip: null\n"));
  REQUIRE(discovered.warnings("no-configuration").size() == 1);
  CHECK(discovered.warnings("no-configuration")[0].mark.line == 6);
}

TEST_CASE(
    "without worker names, stanzas with TemplatePrefix or InvocationSources and the included ships are "
    "workers") {
  ConfigFixture f(
      with_starfleet(ship("Custom") +
                     "ByPrefix: {TemplatePrefix: 1}\n"
                     "BySources: {InvocationSources: x}\n"
                     "NotAWorker: {Enabled: true}\n"
                     "GitHubSyncWorkerShip: {Enabled: true}\n"
                     "StarfleetDefaultAccountIndex: {IndexBucket: b, BucketRegion: r, TemplatePrefix: x}\n"));
  auto errors = f.errors();
  CHECK(errors.contains("ByPrefix"));
  CHECK(errors.contains("BySources"));
  CHECK(errors.contains("GitHubSyncWorkerShip"));
  CHECK_FALSE(errors.contains("NotAWorker"));
  CHECK(errors["StarfleetDefaultAccountIndex"] == json::parse(R"({"TemplatePrefix": ["Unknown field."]})"));
  CHECK(worker_names(f) == std::vector<std::string>{"Custom"});
}

TEST_CASE("valid workers come in the order of the worker names given") {
  ConfigFixture f(with_starfleet(ship("A") + ship("B") + ship("C")), {"C", "A", "B", "A"});
  CHECK(worker_names(f) == std::vector<std::string>{"C", "A", "B"});
}

TEST_CASE("a worker stanza's errors name the file that defines it") {
  ConfigFixture f({{"a.yaml", std::string(drydock::test::k_starfleet_yaml)},
                   {"b.yaml",
                    "Ship:\n  Enabled: 3\n  TemplatePrefix: p/\n  InvocationQueueUrl: https://localhost/q\n"
                    "  InvocationSources: []\n"}},
                  {"Ship"});
  const auto* d = f.find("Ship.Enabled");
  REQUIRE(d != nullptr);
  CHECK(d->file == "configuration_files/b.yaml");
  CHECK(d->mark == drydock::workers::Mark{2, 12});
  CHECK(d->message == "Not a valid boolean.");
}

TEST_CASE("configuration errors from several stanzas are all reported in one pass") {
  ConfigFixture f(with_starfleet("  LogLevel: loud\n" + ship("A") + "StarfleetDefaultAccountIndex: {}\n"),
                  {"A", "IamRoleWorkerShip"});
  auto errors = f.errors();
  CHECK(errors.contains("STARFLEET"));
  CHECK(errors.contains("StarfleetDefaultAccountIndex"));
  CHECK(f.warnings("no-configuration").size() == 1);
  CHECK(worker_names(f) == std::vector<std::string>{"A"});
}
