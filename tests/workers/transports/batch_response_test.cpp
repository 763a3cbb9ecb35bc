#include <doctest/doctest.h>

#include "tests/workers/transports/test_events.hpp"
#include "workers/transports/batch_response.hpp"
#include "workers/transports/invocation_report.hpp"

using namespace drydock::workers;
using drydock::test::sqs_event;

TEST_SUITE("workers/transports") {
  namespace {

  const std::string k_event = sqs_event({{"m-1", "a"}, {"m-2", "b"}, {"m-3", "c"}});

  }  // namespace

  TEST_CASE("output without a batchItemFailures object is not a partial batch response") {
    for (std::string_view output : {"", "hello\n", "null", "{}", R"({"statusCode": 200})",
                                    "[\"batchItemFailures\"]", "{'batchItemFailures': []}"}) {
      CAPTURE(output);
      auto found = find_batch_item_failures(output, k_event);
      REQUIRE(found.has_value());
      CHECK_FALSE(found->has_value());
    }
  }

  TEST_CASE("a partial batch response is found as the whole output or as its last non-empty line") {
    SUBCASE("whole output, pretty-printed") {
      auto found = find_batch_item_failures(
          "{\n  \"batchItemFailures\": [\n    {\"itemIdentifier\": \"m-2\"}\n  ]\n}\n", k_event);
      REQUIRE(found.has_value());
      CHECK(found->value() == std::vector<std::string>{"m-2"});
    }
    SUBCASE("last line after logs, repeats dropped") {
      auto found = find_batch_item_failures(
          "processing...\n{\"batchItemFailures\": [{\"itemIdentifier\": \"m-3\"}, {\"itemIdentifier\": "
          "\"m-1\"}, "
          "{\"itemIdentifier\": \"m-3\"}]}\n\n",
          k_event);
      REQUIRE(found.has_value());
      CHECK(found->value() == std::vector<std::string>{"m-3", "m-1"});
    }
    SUBCASE("an empty or null list means no failures") {
      for (std::string_view output : {R"({"batchItemFailures": []})", R"({"batchItemFailures": null})"}) {
        auto found = find_batch_item_failures(output, k_event);
        REQUIRE(found.has_value());
        REQUIRE(found->has_value());
        CHECK(found->value().empty());
      }
    }
  }

  TEST_CASE("a malformed partial batch response is an error saying why") {
    struct Case {
      std::string_view output;
      std::string_view error;
    };
    for (const auto& c : {
             Case{R"({"batchItemFailures": "m-1"})", "batchItemFailures is not a list"},
             Case{R"({"batchItemFailures": [{"itemId": "m-1"}]})",
                  "batchItemFailures[0] has no itemIdentifier"},
             Case{R"({"batchItemFailures": ["m-1"]})", "batchItemFailures[0] has no itemIdentifier"},
             Case{R"({"batchItemFailures": [{"itemIdentifier": "m-1"}, {"itemIdentifier": ""}]})",
                  "batchItemFailures[1].itemIdentifier is not a non-empty string"},
             Case{R"({"batchItemFailures": [{"itemIdentifier": null}]})",
                  "batchItemFailures[0].itemIdentifier is not a non-empty string"},
             Case{R"({"batchItemFailures": [{"itemIdentifier": "m-9"}]})",
                  "batchItemFailures[0].itemIdentifier 'm-9' is not a messageId of this batch"},
         }) {
      CAPTURE(c.output);
      auto found = find_batch_item_failures(c.output, k_event);
      REQUIRE_FALSE(found.has_value());
      CHECK(found.error() == c.error);
    }
  }

  TEST_CASE("a malformed response turns a successful invocation into a whole-batch failure") {
    InvocationResult result;
    result.succeeded = true;
    apply_batch_response(result, R"({"batchItemFailures": [{"itemIdentifier": "nope"}]})", k_event,
                         /*opted_in=*/true);
    CHECK_FALSE(result.succeeded);
    CHECK_FALSE(result.batch_item_failures.has_value());
    CHECK(result.error ==
          "malformed partial batch response: batchItemFailures[0].itemIdentifier 'nope' is not a messageId "
          "of this batch");
  }

  TEST_CASE("event_message_ids lists the records' messageIds and nothing for other JSON") {
    CHECK(event_message_ids(k_event) == std::vector<std::string>{"m-1", "m-2", "m-3"});
    CHECK(event_message_ids("not json").empty());
    CHECK(event_message_ids(R"({"Records": {}})").empty());
  }

  TEST_CASE("output_tail keeps the last bytes of stdout then stderr on a character boundary") {
    CHECK(output_tail("out\n", "err\n") == "out\nerr\n");
    CHECK(output_tail("abcdef", "gh", 4) == "efgh");
    CHECK(output_tail("abc", "defgh", 4) == "efgh");
    CHECK(output_tail("", "", 4).empty());
    // "é" is two bytes: a cut through it drops the orphan continuation byte.
    CHECK(output_tail("x\xC3\xA9yz", "", 3) == "yz");
    CHECK(output_tail("x\xC3\xA9yz", "", 4) == "\xC3\xA9yz");
    CHECK(output_tail(std::string(10000, 'a'), "b").size() == k_output_tail_bytes);
  }

  TEST_CASE("timeouts are written in seconds") {
    CHECK(describe_timeout(std::chrono::seconds(300)) == "300 s");
    CHECK(describe_timeout(std::chrono::milliseconds(200)) == "0.2 s");
    CHECK(describe_timeout(std::chrono::milliseconds(1500)) == "1.5 s");
  }

}  // TEST_SUITE
