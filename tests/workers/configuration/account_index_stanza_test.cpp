#include <doctest/doctest.h>

#include <string>

#include "tests/workers/configuration/config_fixture.hpp"
#include "workers/configuration/account_index_stanza.hpp"

using drydock::test::ConfigFixture;
using drydock::test::with_starfleet;
using nlohmann::json;

namespace {

json index_errors(std::string_view body) {
  ConfigFixture f(with_starfleet(std::string("StarfleetDefaultAccountIndex:") + std::string(body)));
  auto errors = f.errors();
  return errors.contains("StarfleetDefaultAccountIndex") ? errors["StarfleetDefaultAccountIndex"]
                                                         : json::object();
}

}  // namespace

TEST_CASE("a StarfleetDefaultAccountIndex stanza with IndexBucket and BucketRegion is valid") {
  CHECK(index_errors("\n  IndexBucket: account-inventory-s3-bucket\n  BucketRegion: us-east-2\n") ==
        json::object());
  CHECK(index_errors("\n  IndexBucket: b\n  BucketRegion: REPLACE-ME\n  IndexObjectPath: x.json\n") ==
        json::object());
}

TEST_CASE("a StarfleetDefaultAccountIndex stanza without IndexBucket misses it (D2)") {
  CHECK(index_errors("\n  BucketRegion: us-east-2\n") ==
        json::parse(R"({"IndexBucket": ["Missing data for required field."]})"));
  CHECK(index_errors(" {}\n") == json::parse(R"({"IndexBucket": ["Missing data for required field."],
      "BucketRegion": ["Missing data for required field."]})"));
}

TEST_CASE("StarfleetDefaultAccountIndex fields are strings and unknown keys are errors") {
  CHECK(index_errors("\n  IndexBucket: 1\n  BucketRegion: nowhere\n  IndexObjectPath: [a]\n  Extra: 1\n") ==
        json::parse(R"({"IndexBucket": ["Not a valid string."], "IndexObjectPath": ["Not a valid string."],
            "Extra": ["Unknown field."]})"));
}

TEST_CASE("a null or scalar StarfleetDefaultAccountIndex is an invalid input type, as load() reports it") {
  CHECK(index_errors("\n") == json::parse(R"({"_schema": ["Invalid input type."]})"));
  CHECK(index_errors(" x\n") == json::parse(R"({"_schema": ["Invalid input type."]})"));
}

TEST_CASE("no StarfleetDefaultAccountIndex stanza is not an error") {
  ConfigFixture f(with_starfleet(""));
  CHECK(f.errors() == json::object());
}
