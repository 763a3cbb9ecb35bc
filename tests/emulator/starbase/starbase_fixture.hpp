#pragma once
// Upstream's Starbase test setup (starfleet-behavior.md §13.2) as a Drydock project: Config T's
// STARFLEET (template-bucket in us-east-2, fanout-queue), Ships T (three testing ships, HOURLY, HOURLY,
// DAILY, prefixes <Ship>/, S3 + timed sources, queues WorkerQueue1..3), Index X (index_x_path(): 20
// accounts, org root 000000000020).

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "emulator/cloud/cloud.hpp"
#include "emulator/starbase/starbase.hpp"
#include "tests/emulator/cloud/cloud_fixture.hpp"

namespace drydock::test {

inline constexpr const char* k_plugin = "TestingStarfleetWorkerPlugin";

struct StarbaseFixture {
  ScratchDir scratch;
  LoadedProject project;
  std::unique_ptr<emulator::Cloud> cloud;
  std::optional<emulator::AccountIndex> index;

  // `plugin_kind` is the first ship's fan_out; `plugin_prefix` its TemplatePrefix.
  explicit StarbaseFixture(const std::string& plugin_kind = "SINGLE_INVOCATION",
                           const std::string& plugin_prefix = "TestingStarfleetWorkerPlugin/") {
    std::string config =
        "STARFLEET:\n  DeploymentRegion: us-east-2\n  TemplateBucket: template-bucket\n"
        "  FanOutQueueUrl: https://sqs.amazonaws.com/fanout-queue\n  AccountIndex: "
        "StarfleetDefaultAccountIndex\n"
        "StarfleetDefaultAccountIndex:\n  IndexBucket: index-bucket\n  BucketRegion: us-east-2\n";
    const char* ships[][2] = {{"TestingStarfleetWorkerPlugin", "HOURLY"},
                              {"TestingStarfleetWorkerPluginTwo", "HOURLY"},
                              {"TestingStarfleetWorkerPluginThree", "DAILY"}};
    int n = 1;
    for (const auto& [ship, frequency] : ships) {
      const std::string prefix = n == 1 ? plugin_prefix : std::string(ship) + "/";
      config += std::string(ship) + ":\n  Enabled: True\n  TemplatePrefix: " + prefix +
                "\n  InvocationQueueUrl: https://us-east-2.queue.amazonaws.com/123456789012/WorkerQueue" +
                std::to_string(n++) + "\n  InvocationSources:\n    - S3\n    - EVENTBRIDGE_TIMED_EVENT\n" +
                "  EventBridgeTimedFrequency: " + frequency + "\n";
    }
    scratch.write("configuration/config.yaml", config);
    scratch.write("templates/.keep", "");
    scratch.write("drydock.yaml",
                  "starfleet:\n  configuration: configuration/\n  templates: templates/\n  account_index: " +
                      index_x_path().string() +
                      "\nworkers:\n  TestingStarfleetWorkerPlugin:\n    fan_out: " + plugin_kind +
                      "\n  TestingStarfleetWorkerPluginTwo:\n    fan_out: SINGLE_INVOCATION\n"
                      "  TestingStarfleetWorkerPluginThree:\n    fan_out: SINGLE_INVOCATION\n");
    project = load_project(scratch.path() / "drydock.yaml");
    auto layout = emulator::plan_cloud_layout(*project.model, nullptr);
    auto opened = emulator::Cloud::open(
        std::move(layout), {.state_dir = scratch.path() / ".drydock",
                            .templates_dir = scratch.path() / "templates",
                            .clock_start = emulator::Instant(std::chrono::milliseconds(1'767'225'600'000))});
    REQUIRE_MESSAGE(opened.has_value(), (opened ? "" : opened.error()));
    cloud = std::move(*opened);
    auto org = emulator::load_organization(*project.file.account_index, workers::default_region_universe());
    REQUIRE(org.has_value());
    auto built = emulator::AccountIndex::build(std::move(*org));
    REQUIRE(built.has_value());
    index = std::move(*built);
  }

  emulator::StarbaseContext context() {
    return {project.model.get(), &cloud->layout(), &*index, &workers::default_region_universe(),
            &cloud->sqs(),       &cloud->s3()};
  }

  void put_template(const std::string& key, const std::string& body) {
    // Straight into the bucket's directory: no notification (the tests send their own events).
    scratch.write("templates/" + key, body);
  }

  // Every body on `queue`, received (and so hidden) in arrival order.
  std::vector<std::string> drain(const std::string& queue) {
    std::vector<std::string> bodies;
    for (;;) {
      auto got = cloud->sqs().receive_message(queue, {.max_number_of_messages = 10});
      REQUIRE(got.has_value());
      if (got->empty()) {
        return bodies;
      }
      for (const auto& message : *got) {
        bodies.push_back(message.body);
      }
    }
  }
};

inline const char* k_template_single =
    "TemplateName: TestWorkerTemplate\nTemplateDescription: This is a template used for testing the "
    "Starbase\n";

inline bool has_log(const emulator::StarbaseOutcome& outcome, const std::string& text) {
  for (const auto& line : outcome.logs) {
    if (line.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace drydock::test
