// BaseAccountRegionPayloadTemplate (ACCOUNT_REGION): starfleet-behavior.md §0, §3.3 and §13.4 SC9.

#include <algorithm>

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"

using drydock::test::error_dict;
using drydock::test::json;
using drydock::test::k_r29_joined;
using drydock::test::validate_yaml;
using drydock::workers::default_region_universe;
using drydock::workers::TemplateKind;

namespace {

constexpr auto k_region = TemplateKind::account_region;

std::string region_template(std::string_view regions) {
  return "TemplateName: T\nTemplateDescription: D\nIncludeAccounts: {AllAccounts: true}\n" +
         std::string(regions);
}

std::string invalid(std::string_view bad) {
  return "Invalid regions are specified: " + std::string(bad) +
         ". Regions must be from this list: " + std::string(k_r29_joined);
}

nlohmann::json message_under(std::string_view key, const std::string& message) {
  auto out = nlohmann::json::object();
  out[std::string(key)] = nlohmann::json::array({message});
  return out;
}

using Regions = std::vector<std::string>;

}  // namespace

TEST_CASE("SC9: IncludeRegions, ALL and ExcludeRegions") {
  SUBCASE("(a) ALL expands to the 29 regions of the universe") {
    auto result = validate_yaml(region_template("IncludeRegions: [ALL]\n"), k_region);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->include_regions == default_region_universe().sorted());
    CHECK(result.loaded->include_regions.size() == 29);
    CHECK(std::find(result.loaded->include_regions.begin(), result.loaded->include_regions.end(), "ALL") ==
          result.loaded->include_regions.end());
    CHECK(result.loaded->exclude_regions.empty());
  }
  SUBCASE("(b) explicit regions load as a sorted set") {
    auto result =
        validate_yaml(region_template("IncludeRegions: [us-east-2, us-east-1, us-east-2]\n"), k_region);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->include_regions == Regions{"us-east-1", "us-east-2"});
  }
  SUBCASE("(c) ALL with exclusions") {
    auto result = validate_yaml(
        region_template("IncludeRegions: [ALL]\nExcludeRegions: [us-west-1, ca-central-1]\n"), k_region);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->exclude_regions == Regions{"ca-central-1", "us-west-1"});
  }
  SUBCASE("(d) ALL with other regions") {
    CHECK(
        error_dict(region_template("IncludeRegions: [us-west-1, ALL, us-east-1]\n"), k_region) ==
        json(
            R"({"IncludeRegions": ["Can't specify any other regions when `ALL` is specified in the list."]})"));
  }
  SUBCASE("(e) IncludeRegions is required") {
    CHECK(error_dict(region_template(""), k_region) ==
          json(R"({"IncludeRegions": ["Missing data for required field."]})"));
  }
  SUBCASE("(f) an empty list is too short") {
    CHECK(error_dict(region_template("IncludeRegions: []\n"), k_region) ==
          json(R"({"IncludeRegions": ["Shorter than minimum length 1."]})"));
  }
  SUBCASE("(g) invalid include and exclude regions are reported together") {
    auto dict = error_dict(
        region_template("IncludeRegions: [us-east-1, fake-region, us-west-2, another-fake-region]\n"
                        "ExcludeRegions: [us-east-2, fake-region, us-west-1, another-fake-region]\n"),
        k_region);
    auto expected = message_under("IncludeRegions", invalid("another-fake-region, fake-region"));
    expected["ExcludeRegions"] = expected["IncludeRegions"];
    CHECK(dict == expected);
  }
}

TEST_CASE("ALL is exact and exclusive even when repeated") {
  SUBCASE("[ALL, ALL] is rejected") {
    CHECK(
        error_dict(region_template("IncludeRegions: [ALL, ALL]\n"), k_region) ==
        json(
            R"({"IncludeRegions": ["Can't specify any other regions when `ALL` is specified in the list."]})"));
  }
  SUBCASE("All and all are invalid regions") {
    CHECK(error_dict(region_template("IncludeRegions: [All, all]\n"), k_region) ==
          message_under("IncludeRegions", invalid("All, all")));
  }
  SUBCASE("ALL is not special in ExcludeRegions") {
    CHECK(error_dict(region_template("IncludeRegions: [ALL]\nExcludeRegions: [ALL]\n"), k_region) ==
          message_under("ExcludeRegions", invalid("ALL")));
  }
  SUBCASE("ALL with invalid regions only reports the ALL rule") {
    CHECK(
        error_dict(region_template("IncludeRegions: [ALL, nowhere-1]\n"), k_region) ==
        json(
            R"({"IncludeRegions": ["Can't specify any other regions when `ALL` is specified in the list."]})"));
  }
}

TEST_CASE("regions outside the universe such as cn and us-gov are invalid, listed once and sorted") {
  CHECK(error_dict(region_template("IncludeRegions: [us-gov-west-1, cn-north-1, us-east-1, cn-north-1]\n"),
                   k_region) == message_under("IncludeRegions", invalid("cn-north-1, us-gov-west-1")));
}

TEST_CASE("region lists reject non-lists, null and non-string items before any region check") {
  SUBCASE("a string is not a list") {
    CHECK(error_dict(region_template("IncludeRegions: us-east-1\n"), k_region) ==
          json(R"({"IncludeRegions": ["Not a valid list."]})"));
  }
  SUBCASE("null") {
    CHECK(
        error_dict(region_template("IncludeRegions: ~\nExcludeRegions: ~\n"), k_region) ==
        json(
            R"({"IncludeRegions": ["Field may not be null."], "ExcludeRegions": ["Field may not be null."]})"));
  }
  SUBCASE("item errors hide the region check of the other list") {
    CHECK(error_dict(region_template("IncludeRegions: [us-east-1, 5]\nExcludeRegions: [nowhere-1]\n"),
                     k_region) == json(R"({"IncludeRegions": {"1": ["Not a valid string."]}})"));
  }
  SUBCASE("an empty exclude list stays empty") {
    auto result =
        validate_yaml(region_template("IncludeRegions: [us-east-1]\nExcludeRegions: []\n"), k_region);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->exclude_regions.empty());
  }
}

TEST_CASE("region errors are hidden while any other field has an error") {
  CHECK(error_dict("TemplateName: T\nTemplateDescription: D\nIncludeAccounts: {ByNames: ['']}\n"
                   "IncludeRegions: [nowhere-1]\n",
                   k_region) ==
        json(R"({"IncludeAccounts": {"ByNames": {"0": ["Length must be between 1 and 128."]}}})"));
  CHECK(error_dict(region_template("IncludeRegions: [nowhere-1]\nStarbaseAssignedRegion: 5\n"), k_region) ==
        json(R"({"StarbaseAssignedRegion": ["Not a valid string."]})"));
}

TEST_CASE("StarbaseAssignedRegion is a string or null") {
  CHECK(
      validate_yaml(region_template("IncludeRegions: [ALL]\nStarbaseAssignedRegion: ~\n"), k_region).loaded);
  CHECK(validate_yaml(region_template("IncludeRegions: [ALL]\nStarbaseAssignedRegion: us-east-1\n"), k_region)
            .loaded);
}

TEST_CASE("a custom region universe decides ALL and validity") {
  drydock::workers::RegionUniverse universe("test", {"b-1", "a-1"});
  auto doc = drydock::test::load_yaml(region_template("IncludeRegions: [ALL]\nExcludeRegions: [c-1]\n"));
  auto result = drydock::workers::validate_template(*doc.root(), k_region, universe);
  CHECK(drydock::workers::to_error_dict(result.diagnostics) ==
        message_under("ExcludeRegions",
                      "Invalid regions are specified: c-1. Regions must be from this list: a-1, b-1"));
  auto ok = drydock::test::load_yaml(region_template("IncludeRegions: [ALL]\n"));
  auto loaded = drydock::workers::validate_template(*ok.root(), k_region, universe).loaded;
  REQUIRE(loaded.has_value());
  CHECK(loaded->include_regions == Regions{"a-1", "b-1"});
}
