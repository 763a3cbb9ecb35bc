#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "workers/regions/region_universe.hpp"

using namespace drydock::workers;

TEST_CASE("the default region universe is the 29 regions of the botocore upstream pins") {
  const auto& regions = default_region_universe();
  CHECK(regions.name() == "aws-1.34.74");
  CHECK(regions.sorted().size() == 29);
  CHECK(regions.contains("us-east-1"));
  CHECK(regions.contains("ca-west-1"));
  CHECK_FALSE(regions.contains("cn-north-1"));      // only in upstream's test index
  CHECK_FALSE(regions.contains("ap-southeast-5"));  // newer than botocore 1.34.74
  CHECK(std::is_sorted(regions.sorted().begin(), regions.sorted().end()));
}

TEST_CASE("a region universe is a bundled list, a file or an inline list") {
  drydock::test::ScratchDir dir;
  SUBCASE("bundled: latest adds the newer commercial regions") {
    auto latest = resolve_region_universe("latest", dir.path());
    REQUIRE(latest.has_value());
    CHECK(latest->sorted().size() == 34);
    CHECK(latest->contains("mx-central-1"));
  }
  SUBCASE("a file, one region a line, comments and blanks ignored, relative to the base dir") {
    dir.write("regions.txt", "# mine\nus-east-1\n\n  eu-west-1  \nus-east-1\n");
    auto file = resolve_region_universe("regions.txt", dir.path());
    REQUIRE(file.has_value());
    CHECK(file->sorted() == std::vector<std::string>{"eu-west-1", "us-east-1"});
  }
  SUBCASE("an inline list, items trimmed") {
    auto inline_list = resolve_region_universe("us-east-1, eu-west-1", dir.path());
    REQUIRE(inline_list.has_value());
    CHECK(inline_list->sorted() == std::vector<std::string>{"eu-west-1", "us-east-1"});
    auto single = resolve_region_universe("us-east-2", dir.path());
    REQUIRE(single.has_value());
    CHECK(single->sorted() == std::vector<std::string>{"us-east-2"});
  }
  SUBCASE("anything else names the choices") {
    auto unknown = resolve_region_universe("aws-9.9", dir.path());
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().find("aws-1.34.74, latest") != std::string::npos);
    dir.write("empty.txt", "# nothing\n");
    auto empty = resolve_region_universe("empty.txt", dir.path());
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().find("holds no regions") != std::string::npos);
  }
}

TEST_CASE("a comma-separated region list is trimmed and empty items dropped") {
  CHECK(split_region_list(" us-east-1 ,eu-west-1,, ") == std::vector<std::string>{"us-east-1", "eu-west-1"});
  CHECK(split_region_list("").empty());
}
