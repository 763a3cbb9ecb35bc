#include <doctest/doctest.h>

#include <algorithm>

#include "tests/support/test_support.hpp"

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/workers/transports/test_events.hpp"
#include "workers/transports/builtin_transport.hpp"

using namespace drydock::workers;
using drydock::test::sqs_event;
using drydock::test::starbase_body;

TEST_SUITE("workers/transports") {
  namespace {

  std::unique_ptr<Transport> ship(std::string_view name, const nlohmann::json& options = nullptr) {
    auto made = make_builtin_transport(name, options);
    REQUIRE_MESSAGE(made.has_value(), (made.has_value() ? "" : made.error()));
    return std::move(*made);
  }

  std::string make_error(std::string_view name, const nlohmann::json& options) {
    auto made = make_builtin_transport(name, options);
    REQUIRE_FALSE(made.has_value());
    return made.error();
  }

  const InvocationContext k_context{};

  // Three records: two accounts, the second also in a second region, on attempts 1, 2 and 3.
  const std::string k_event = sqs_event({{"m-1", starbase_body("000000000001", "us-east-1"), 1},
                                         {"m-2", starbase_body("000000000002", "us-east-1"), 2},
                                         {"m-3", starbase_body("000000000002", "eu-west-1"), 3}});

  }  // namespace

  TEST_CASE("an unknown builtin ship is an error listing the known ones") {
    CHECK(make_error("account-index-generator", nullptr) ==
          "unknown builtin ship 'account-index-generator' (known: flaky, noop)");
    CHECK(builtin_ship_names() == std::vector<std::string_view>{"flaky", "noop"});
  }

  TEST_CASE("noop succeeds whatever it is given and takes only record_to") {
    auto noop = ship("noop");
    for (std::string event : {k_event, std::string("not even json")}) {
      auto result = noop->invoke(event, k_context);
      CHECK(result.succeeded);
      CHECK_FALSE(result.batch_item_failures.has_value());
      CHECK(result.error.empty());
    }
    CHECK(ship("noop", nlohmann::json::object()) != nullptr);
    CHECK(make_error("noop", {{"x", 1}}) ==
          "builtin ship 'noop' takes only the option record_to (found 'x')");
    CHECK(make_error("noop", {{"record_to", 1}}) == "builtin ship 'noop': record_to must be a file path");
    CHECK(make_error("noop", nlohmann::json::array()) == "builtin ship 'noop': options must be a mapping");
  }

  TEST_CASE("noop with record_to appends every record's body to the file, one per line") {
    drydock::test::ScratchDir scratch;
    const auto file = scratch.path() / "delivered.jsonl";
    auto noop = ship("noop", {{"record_to", file.string()}});
    CHECK(noop->invoke(k_event, k_context).succeeded);
    CHECK(noop->invoke(k_event, k_context).succeeded);
    const std::string text = drydock::test::read_file(file);
    const auto records = nlohmann::json::parse(k_event)["Records"].size();
    CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == 2 * records);
  }

  TEST_CASE("flaky fails a whole batch holding a record that matches its options") {
    SUBCASE("by account") {
      auto result = ship("flaky", {{"fail_accounts", {"000000000002"}}})->invoke(k_event, k_context);
      CHECK_FALSE(result.succeeded);
      CHECK_FALSE(result.timed_out);
      CHECK(result.error == "builtin ship 'flaky': 2 of 3 messages match its fail options (first: m-2)");
      // In process: no exit code, signal, HTTP status or error payload to record.
      CHECK_FALSE(result.exit_code.has_value());
      CHECK_FALSE(result.signal.has_value());
      CHECK_FALSE(result.http_status.has_value());
      CHECK_FALSE(result.error_payload.has_value());
    }
    SUBCASE("by region") {
      auto result = ship("flaky", {{"fail_regions", {"eu-west-1"}}})->invoke(k_event, k_context);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error.find("1 of 3 messages") != std::string::npos);
    }
    SUBCASE("by attempt") {
      auto result = ship("flaky", {{"fail_attempts", {1}}})->invoke(k_event, k_context);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error.find("(first: m-1)") != std::string::npos);
    }
    SUBCASE("an unquoted account id read as a number") {
      auto result = ship("flaky", {{"fail_accounts", {1}}})->invoke(k_event, k_context);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error.find("(first: m-1)") != std::string::npos);
    }
  }

  TEST_CASE("flaky succeeds when no record matches") {
    for (const auto& options :
         {nlohmann::json{{"fail_accounts", {"999999999999"}}},
          nlohmann::json{{"fail_regions", {"ap-south-1"}}}, nlohmann::json{{"fail_attempts", {4, 5}}},
          // only a record matching every list fails: account 1 is never on attempt 2
          nlohmann::json{{"fail_accounts", {"000000000001"}}, {"fail_attempts", {2}}}}) {
      CAPTURE(options.dump());
      auto result = ship("flaky", options)->invoke(k_event, k_context);
      CHECK(result.succeeded);
      CHECK(result.error.empty());
    }
  }

  TEST_CASE("flaky matches a record only when it matches every list given") {
    auto flaky = ship("flaky", {{"fail_accounts", {"000000000002"}},
                                {"fail_regions", {"eu-west-1", "us-east-1"}},
                                {"fail_attempts", {3}},
                                {"report_failures", true}});
    auto result = flaky->invoke(k_event, k_context);
    CHECK(result.succeeded);
    CHECK(result.batch_item_failures == std::vector<std::string>{"m-3"});
  }

  TEST_CASE("flaky with report_failures answers a partial batch response naming only matching records") {
    auto flaky = ship("flaky", {{"fail_accounts", {"000000000002"}}, {"report_failures", true}});
    auto result = flaky->invoke(k_event, k_context);
    CHECK(result.succeeded);
    CHECK(result.error.empty());
    CHECK(result.batch_item_failures == std::vector<std::string>{"m-2", "m-3"});

    auto none = flaky->invoke(sqs_event({{"m-9", starbase_body("000000000001")}}), k_context);
    CHECK(none.succeeded);
    CHECK(none.batch_item_failures == std::vector<std::string>{});
  }

  TEST_CASE("flaky ignores bodies that are not JSON objects and records without attributes") {
    auto event = sqs_event({{"m-1", "plain text 000000000002"}, {"m-2", "[\"000000000002\"]"}});
    auto result = ship("flaky", {{"fail_accounts", {"000000000002"}}})->invoke(event, k_context);
    CHECK(result.succeeded);
    auto bare =
        ship("flaky", {{"fail_attempts", {1}}})->invoke(R"({"Records": [{"messageId": "x"}]})", k_context);
    CHECK(bare.succeeded);
  }

  TEST_CASE("flaky fails an event that is not a Lambda SQS event when a record could match") {
    auto result = ship("flaky", {{"fail_attempts", {1}}})->invoke("{\"Records\": 5}", k_context);
    CHECK_FALSE(result.succeeded);
    CHECK(result.error == "builtin ship 'flaky': the event is not a Lambda SQS event (no Records list)");
  }

  TEST_CASE("flaky refuses options it does not understand") {
    CHECK(make_error("flaky", nullptr) ==
          "builtin ship 'flaky': give at least one non-empty list of fail_accounts, fail_regions, "
          "fail_attempts");
    CHECK(make_error("flaky", {{"fail_account", {"1"}}})
              .starts_with("builtin ship 'flaky': unknown option 'fail_account'"));
    CHECK(make_error("flaky", {{"fail_accounts", "000000000001"}}) ==
          "builtin ship 'flaky': fail_accounts must be a list");
    CHECK(make_error("flaky", {{"fail_regions", {1}}}) ==
          "builtin ship 'flaky': fail_regions must hold only strings");
    CHECK(make_error("flaky", {{"fail_attempts", {0}}}) ==
          "builtin ship 'flaky': fail_attempts must be a list of integers from 1");
    CHECK(make_error("flaky", {{"fail_attempts", {1}}, {"report_failures", "yes"}}) ==
          "builtin ship 'flaky': report_failures must be true or false");
    CHECK(make_error("flaky", "fail") == "builtin ship 'flaky': options must be a mapping");
  }

  TEST_CASE("builtin ships can be invoked from several threads at once") {
    auto flaky = ship("flaky", {{"fail_accounts", {"000000000002"}}, {"report_failures", true}});
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 200; ++i) {
          auto result = flaky->invoke(k_event, k_context);
          if (!result.succeeded || result.batch_item_failures != std::vector<std::string>{"m-2", "m-3"}) {
            ++wrong;
          }
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    CHECK(wrong == 0);
  }
}  // TEST_SUITE
