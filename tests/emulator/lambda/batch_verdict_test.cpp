// Which messages an invocation settles (aws-anchors.md §4.5; services-sqs-errorhandling.html): failures
// and timeouts settle nothing, a partial batch response counts only when the mapping opts in, and an
// invalid one fails the whole batch.

#include "emulator/lambda/batch_verdict.hpp"

#include <doctest/doctest.h>

using drydock::emulator::EventSourceMapping;
using drydock::emulator::judge_batch;
using drydock::emulator::timeout_message;
using drydock::workers::InvocationResult;
using namespace std::chrono_literals;

namespace {
const std::vector<std::string> k_ids = {"a", "b", "c"};
const EventSourceMapping k_plain{.batch_size = 3, .function_timeout = 60s};
const EventSourceMapping k_reporting{
    .batch_size = 3, .function_timeout = 60s, .report_batch_item_failures = true};
}  // namespace

TEST_SUITE("emulator/lambda") {
  TEST_CASE("a successful invocation settles the whole batch") {
    const auto verdict = judge_batch({.succeeded = true}, k_ids, k_plain);
    CHECK(verdict.settled == std::vector<bool>{true, true, true});
    CHECK(verdict.failure.empty());
    CHECK_FALSE(verdict.timed_out);
  }

  TEST_CASE("a failed invocation settles nothing and keeps the worker's error") {
    const auto verdict = judge_batch({.succeeded = false, .error = "exit status 1"}, k_ids, k_reporting);
    CHECK(verdict.settled == std::vector<bool>{false, false, false});
    CHECK(verdict.failure == "exit status 1");
  }

  TEST_CASE("an invocation longer than the function timeout fails, whatever it answered") {
    SUBCASE("measured") {
      const auto verdict = judge_batch({.succeeded = true, .duration = 60'001ms}, k_ids, k_plain);
      CHECK(verdict.settled == std::vector<bool>{false, false, false});
      CHECK(verdict.timed_out);
      CHECK(verdict.failure == "Task timed out after 60.00 seconds");
    }
    SUBCASE("reported by the transport") {
      const auto verdict = judge_batch(
          {.timed_out = true, .error = "timed out after 60 s", .duration = 60'000ms}, k_ids, k_plain);
      CHECK(verdict.timed_out);
      CHECK(verdict.failure == "timed out after 60 s");
    }
    SUBCASE("exactly the timeout is not over it") {
      CHECK(judge_batch({.succeeded = true, .duration = 60'000ms}, k_ids, k_plain).failure.empty());
    }
  }

  TEST_CASE("a partial batch response settles all but the listed messages when the mapping opts in") {
    const InvocationResult result{.succeeded = true, .batch_item_failures = std::vector<std::string>{"b"}};
    SUBCASE("ReportBatchItemFailures") {
      const auto verdict = judge_batch(result, k_ids, k_reporting);
      CHECK(verdict.settled == std::vector<bool>{true, false, true});
      CHECK(verdict.failure == "reported in batchItemFailures");
    }
    SUBCASE("without it, the response is ignored") {
      CHECK(judge_batch(result, k_ids, k_plain).settled == std::vector<bool>{true, true, true});
    }
  }

  TEST_CASE("an empty or absent failure list is a complete success") {
    CHECK(judge_batch({.succeeded = true, .batch_item_failures = std::vector<std::string>{}}, k_ids,
                      k_reporting)
              .settled == std::vector<bool>{true, true, true});
    CHECK(judge_batch({.succeeded = true}, k_ids, k_reporting).settled ==
          std::vector<bool>{true, true, true});
  }

  TEST_CASE("an invalid partial batch response fails the whole batch") {
    SUBCASE("an id that is not in the batch") {
      const auto verdict =
          judge_batch({.succeeded = true, .batch_item_failures = std::vector<std::string>{"b", "zzz"}}, k_ids,
                      k_reporting);
      CHECK(verdict.settled == std::vector<bool>{false, false, false});
      CHECK(verdict.failure ==
            "invalid partial batch response: itemIdentifier \"zzz\" is not a message of the batch");
    }
    SUBCASE("an empty itemIdentifier") {
      const auto verdict = judge_batch(
          {.succeeded = true, .batch_item_failures = std::vector<std::string>{""}}, k_ids, k_reporting);
      CHECK(verdict.settled == std::vector<bool>{false, false, false});
      CHECK(verdict.failure == "invalid partial batch response: an itemIdentifier is empty");
    }
  }

  TEST_CASE("the timeout message reads like Lambda's") {
    CHECK(timeout_message(300'000ms) == "Task timed out after 300.00 seconds");
    CHECK(timeout_message(3'010ms) == "Task timed out after 3.01 seconds");
  }
}
