// The account-index-generator builtin: the fixture organization written in upstream's index format
// into the emulated bucket, only with commit, and read back as the same organization.

#include "emulator/ships/account_index_generator.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"
#include "workers/regions/region_universe.hpp"

using namespace drydock::emulator;
using namespace std::chrono_literals;

namespace {

struct NoSink final : NotificationSink {
  std::expected<void, S3Error> deliver(std::string_view, std::string) override { return {}; }
};

std::string event_with(const std::string& body) {
  return nlohmann::json{{"Records", {{{"messageId", "m-1"}, {"body", body}}}}}.dump();
}

const char* k_payload =
    R"({"TemplateName": "AccountIndexGeneratorShip", "TemplateDescription": "d", "AccountInventoryBucket": "account-inventory-s3-bucket", "InventoryBucketRegion": "us-east-2"})";

}  // namespace

TEST_SUITE("emulator/ships") {
  TEST_CASE("with commit the organization is saved as accountIndex.json, generated at the virtual time") {
    drydock::test::ScratchDir scratch;
    const auto fixture = drydock::test::index_x_path();
    auto org = load_organization(fixture, drydock::workers::default_region_universe());
    REQUIRE(org);
    VirtualClock clock(Instant(1'767'225'600'123ms));  // 2026-01-01T00:00:00.123Z
    NoSink sink;
    S3Service s3(clock, sink);
    AccountIndexGeneratorShip ship(*org, s3, clock, scratch.path() / "buckets");
    drydock::workers::InvocationContext context;
    context.commit = "true";
    const auto result = ship.invoke(event_with(k_payload), context);
    CHECK(result.succeeded);
    auto object = s3.get_object("account-inventory-s3-bucket", "accountIndex.json");
    REQUIRE(object);
    Organization expected = *org;
    expected.generated = "2026-01-01T00:00:00Z";
    CHECK(object->body == to_index_json(expected));
    // The generated index reads back as the same organization (the loop: generate, then fan out with it).
    scratch.write("read-back.json", object->body);
    auto again =
        load_organization(scratch.path() / "read-back.json", drydock::workers::default_region_universe());
    REQUIRE(again);
    CHECK(again->accounts.size() == 20);
  }

  TEST_CASE("without commit nothing is saved, and a payload missing its bucket fails") {
    drydock::test::ScratchDir scratch;
    Organization org;
    VirtualClock clock(Instant(0ms));
    NoSink sink;
    S3Service s3(clock, sink);
    AccountIndexGeneratorShip ship(org, s3, clock, scratch.path() / "buckets");
    const auto dry = ship.invoke(event_with(k_payload), {});
    CHECK(dry.succeeded);
    CHECK(dry.output_tail.find("Commit flag is disabled") != std::string::npos);
    CHECK_FALSE(s3.bucket("account-inventory-s3-bucket"));
    const auto bad = ship.invoke(event_with(R"({"TemplateName": "x", "TemplateDescription": "d"})"), {});
    CHECK_FALSE(bad.succeeded);
    CHECK(bad.error ==
          "ValidationError: {'AccountInventoryBucket': ['Missing data for required field.'], "
          "'InventoryBucketRegion': ['Missing data for required field.']}");
  }
}
