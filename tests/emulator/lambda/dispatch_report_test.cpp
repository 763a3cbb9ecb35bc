// The dispatcher's report as JSON (for `--format json` and the account × region grid) and the target
// the Starbase assigned to a worker message.

#include "emulator/lambda/dispatch_report.hpp"

#include <doctest/doctest.h>

#include <sstream>

using drydock::emulator::assigned_target;
using drydock::emulator::DispatchReport;
using drydock::emulator::MappingReport;
using drydock::emulator::MessageOutcome;
using drydock::emulator::MessageRecord;
using drydock::emulator::write_report_json;

TEST_SUITE("emulator/lambda") {
  TEST_CASE("the JSON report has the totals and every message sorted by account, region and id") {
    DispatchReport report;
    report.totals = {.invocations = 5, .succeeded = 2, .failed_attempts = 4, .dead_lettered = 1};
    MappingReport fan_out{.queue_name = "fanout"};
    fan_out.messages.put(
        MessageRecord{.message_id = "f1", .receive_counts = {1}, .outcome = MessageOutcome::succeeded});
    MappingReport worker{.queue_name = "worker"};
    worker.messages.put(MessageRecord{.message_id = "w2",
                                      .account = "222222222222",
                                      .region = "us-east-1",
                                      .receive_counts = {1, 2, 3, 4},
                                      .outcome = MessageOutcome::dead_lettered});
    worker.messages.put(MessageRecord{.message_id = "w1",
                                      .account = "222222222222",
                                      .region = "eu-west-1",
                                      .receive_counts = {1},
                                      .outcome = MessageOutcome::succeeded});
    worker.messages.put(MessageRecord{.message_id = "w0", .account = "111111111111"});
    report.mappings = {fan_out, worker};

    const nlohmann::json extra = {{"limit_hit", nullptr}, {"zz", {{"a", 1}}}};
    std::ostringstream out;
    write_report_json(report, extra, out);
    const nlohmann::json expected = nlohmann::json::parse(R"({
      "invocations": 5, "succeeded": 2, "failed_attempts": 4, "dead_lettered": 1, "limit_hit": null,
      "zz": {"a": 1},
      "messages": [
        {"id": "f1", "account": null, "region": null, "attempts": 1, "outcome": "succeeded"},
        {"id": "w0", "account": "111111111111", "region": null, "attempts": 0, "outcome": "pending"},
        {"id": "w1", "account": "222222222222", "region": "eu-west-1", "attempts": 1, "outcome": "succeeded"},
        {"id": "w2", "account": "222222222222", "region": "us-east-1", "attempts": 4,
         "outcome": "dead_lettered"}
      ]})");
    // Streamed, yet byte for byte the dump of the whole document.
    CHECK(out.str() == expected.dump(2) + "\n");
  }

  TEST_CASE("a JSON report without messages has an empty list") {
    std::ostringstream out;
    write_report_json(DispatchReport{}, nlohmann::json::object(), out);
    CHECK(nlohmann::json::parse(out.str()).at("messages") == nlohmann::json::array());
    CHECK(out.str().find(R"("messages": [],)") != std::string::npos);
  }

  TEST_CASE("the assigned account and region are read from a worker message's JSON body") {
    SUBCASE("ACCOUNT_REGION fan-out") {
      const auto target = assigned_target(
          R"({"TemplateName": "x", "StarbaseAssignedAccount": "123456789012", "StarbaseAssignedRegion": "us-east-2"})");
      CHECK(target.account == "123456789012");
      CHECK(target.region == "us-east-2");
    }
    SUBCASE("ACCOUNT fan-out has no region") {
      const auto target = assigned_target(R"({"StarbaseAssignedAccount": "123456789012"})");
      CHECK(target.account == "123456789012");
      CHECK_FALSE(target.region);
    }
    SUBCASE("escapes, nested objects, numbers and repeated keys read as a JSON parser reads them") {
      const auto target = assigned_target(
          R"({"Nested": {"StarbaseAssignedAccount": "000000000000"}, "StarbaseAssignedRegion": "us-\u0065ast-2",)"
          R"( "StarbaseAssignedAccount": "111111111111", "StarbaseAssignedAccount": "123456789012"})");
      CHECK(target.account == "123456789012");
      CHECK(target.region == "us-east-2");
      CHECK(assigned_target(R"({"StarbaseAssignedAccount": 123456789012})").account == "123456789012");
    }
    SUBCASE("bodies without a target") {
      CHECK_FALSE(assigned_target("Test message.").account);
      CHECK_FALSE(assigned_target(R"({"worker_ship": "X", "template_prefix": "t.yaml"})").account);
      CHECK_FALSE(assigned_target(R"({"StarbaseAssignedAccount": ["no"]})").account);
      CHECK_FALSE(assigned_target(R"({"StarbaseAssignedAccount": "truncated)").account);
      CHECK_FALSE(assigned_target("").account);
    }
  }
}
