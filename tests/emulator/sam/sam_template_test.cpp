// Reading Starfleet's SAM template (test_sam_template.yaml: the project's own in fixtures/starfleet/,
// upstream's with STARFLEET_REFERENCE) and the values Drydock takes from it: queues and redrive,
// function timeouts, SQS event-source mappings, schedule rules and the template bucket's notification.
#include "emulator/sam/sam_template.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"

using drydock::emulator::default_starfleet_rules;
using drydock::emulator::load_sam_template;
using drydock::emulator::queue_consumer;
using drydock::emulator::SamTemplate;
using drydock::emulator::schedule_rules;
using drydock::emulator::ScheduleRule;
using namespace std::chrono_literals;

namespace {

SamTemplate load_upstream(const std::filesystem::path& tree) {
  return drydock::test::require_loaded(load_sam_template(tree / "test_sam_template.yaml"));
}

}  // namespace

TEST_SUITE("emulator/sam") {
  DRYDOCK_STARFLEET_FILES_TEST(sam_queues, "sam template: the queues, in template order, with their DLQs") {
    const SamTemplate sam = load_upstream(tree);
    REQUIRE(sam.queues.size() == 4);
    CHECK(sam.queues[0].logical_id == "StarbaseFanoutDLQ");
    CHECK(sam.queues[1].logical_id == "StarbaseFanoutQueue");
    CHECK(sam.queues[2].logical_id == "AccountIndexGeneratorDLQ");
    CHECK(sam.queues[3].logical_id == "AccountIndexGeneratorQueue");
    CHECK(sam.queue("AWSConfigWorkerQueue") == nullptr);  // commented out upstream

    const auto* fanout = sam.queue_named("starbase-fanout-queue");
    REQUIRE(fanout != nullptr);
    CHECK(fanout->logical_id == "StarbaseFanoutQueue");
    CHECK_FALSE(fanout->name_generated);
    CHECK(fanout->visibility_timeout == 300s);
    CHECK(fanout->message_retention_period == 345600s);
    CHECK(fanout->delay_seconds == 0s);
    CHECK(fanout->maximum_message_size == 1'048'576);
    CHECK_FALSE(fanout->fifo);
    CHECK_FALSE(fanout->has_redrive_allow_policy);
    REQUIRE(fanout->redrive_policy.has_value());
    CHECK(fanout->redrive_policy->max_receive_count == 4);
    const auto* fanout_dlq = sam.queue(fanout->redrive_policy->dead_letter_queue);
    REQUIRE(fanout_dlq != nullptr);
    CHECK(fanout_dlq->name == "starbase-fanout-dlq");
    CHECK(fanout_dlq->visibility_timeout == 30s);  // AWS's default: the DLQ sets none
    CHECK(fanout_dlq->has_redrive_allow_policy);
    CHECK_FALSE(fanout_dlq->redrive_policy.has_value());

    const auto* generator = sam.queue_named("starfleet-account-index-generator");
    REQUIRE(generator != nullptr);
    CHECK(generator->visibility_timeout == 300s);
    REQUIRE(generator->redrive_policy.has_value());
    CHECK(generator->redrive_policy->max_receive_count == 4);
    CHECK(sam.queue(generator->redrive_policy->dead_letter_queue)->name ==
          "starfleet-account-index-generator-dlq");
  }

  DRYDOCK_STARFLEET_FILES_TEST(
      sam_functions, "sam template: the functions take Globals' Timeout and their SQS batch sizes") {
    const SamTemplate sam = load_upstream(tree);
    REQUIRE(sam.functions.size() == 3);
    CHECK(sam.functions[0].logical_id == "StarbaseEventBridgeFunction");
    CHECK(sam.functions[1].logical_id == "AccountIndexGenerator");
    CHECK(sam.functions[2].logical_id == "StarbaseFanoutFunction");
    for (const auto& function : sam.functions) {
      CAPTURE(function.logical_id);
      CHECK(function.timeout == 300s);
    }
    CHECK(sam.functions[0].sqs_events.empty());
    CHECK(sam.functions[0].schedule_events.size() == 7);

    const auto fanout = queue_consumer(sam, "StarbaseFanoutQueue");
    REQUIRE(fanout.has_value());
    CHECK(fanout->function->logical_id == "StarbaseFanoutFunction");
    CHECK(fanout->event->name == "SQSEvent");
    CHECK(fanout->event->batch_size == 1);  // "Important! We only want 1 to ensure we don't hit timeouts."
    CHECK(fanout->event->enabled);
    CHECK_FALSE(fanout->event->report_batch_item_failures);

    const auto generator = queue_consumer(sam, "AccountIndexGeneratorQueue");
    REQUIRE(generator.has_value());
    CHECK(generator->function->logical_id == "AccountIndexGenerator");
    CHECK(generator->event->batch_size == 2);
    CHECK_FALSE(generator->event->report_batch_item_failures);

    CHECK_FALSE(queue_consumer(sam, "StarbaseFanoutDLQ").has_value());  // DLQs are drained by hand
  }

  DRYDOCK_STARFLEET_FILES_TEST(sam_rules,
                               "sam template: the schedule rules are exactly default_starfleet_rules()") {
    const std::vector<ScheduleRule> rules = schedule_rules(load_upstream(tree));
    const std::vector<ScheduleRule> expected = default_starfleet_rules();
    REQUIRE(rules.size() == expected.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
      CAPTURE(i);
      CHECK(rules[i].name == expected[i].name);
      CHECK(rules[i].expression == expected[i].expression);
      CHECK(rules[i].input == expected[i].input);
      CHECK(rules[i].enabled == expected[i].enabled);
    }
    const SamTemplate sam = load_upstream(tree);
    const auto& hourly = sam.functions[0].schedule_events[3];
    CHECK(hourly.name == "EventBridgeHourly");
    CHECK_FALSE(hourly.rule_name_generated);
  }

  DRYDOCK_STARFLEET_FILES_TEST(sam_bucket, "sam template: the template bucket notifies the fan-out queue") {
    const SamTemplate sam = load_upstream(tree);
    REQUIRE(sam.buckets.size() == 2);
    const auto& templates = sam.buckets[0];
    CHECK(templates.logical_id == "StarfleetTemplateBucket");
    CHECK(templates.name == "starfleet-templates-${AccountId}");
    CHECK(templates.name_intrinsic == "!Sub");
    REQUIRE(templates.queue_notifications.size() == 1);
    CHECK(templates.queue_notifications[0].event == "s3:ObjectCreated:*");
    CHECK(templates.queue_notifications[0].queue == "StarbaseFanoutQueue");
    CHECK(templates.queue_notifications[0].prefix.empty());
    CHECK(templates.queue_notifications[0].suffix.empty());

    CHECK(sam.buckets[1].logical_id == "AccountIndexBucket");
    CHECK(sam.buckets[1].name == "starfleet-account-index-${AccountId}");
    CHECK(sam.buckets[1].queue_notifications.empty());
  }

  TEST_CASE("sam template: an unreadable file is one diagnostic naming it") {
    auto sam = load_sam_template("/nonexistent/template.yaml");
    REQUIRE_FALSE(sam);
    REQUIRE(sam.error().size() == 1);
    CHECK(sam.error()[0].file == "/nonexistent/template.yaml");
    CHECK(sam.error()[0].message.starts_with("cannot read the SAM template: "));
  }

  TEST_CASE("sam template: errors in a file on disk name the path as given") {
    drydock::test::ScratchDir dir;
    const auto path = dir.write("template.yaml",
                                "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                                "    Properties:\n      DelaySeconds: 901\n");
    auto sam = load_sam_template(path);
    REQUIRE_FALSE(sam);
    REQUIRE(sam.error().size() == 1);
    CHECK(drydock::workers::format_diagnostic(sam.error()[0]) ==
          path.string() +
              ":5:21: error: Resources.Q.Properties.DelaySeconds: must be an integer number of "
              "seconds 0..900");
  }
}
