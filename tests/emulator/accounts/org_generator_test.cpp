// generate_organization: deterministic synthetic organizations in upstream's shape.
#include <set>

#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "tests/emulator/accounts/index_x.hpp"

using namespace drydock;
using namespace drydock::emulator;

TEST_CASE("the generator gives the same organization for the same seed, another for another") {
  const auto& regions = workers::default_region_universe();
  const std::string a = to_index_json(generate_organization(200, 7, regions));
  CHECK(a == to_index_json(generate_organization(200, 7, regions)));
  CHECK(a != to_index_json(generate_organization(200, 8, regions)));
}

TEST_CASE("a generated organization has upstream's shape: management first, nested OUs, ROOT last") {
  const Organization org = generate_organization(500, 3, workers::default_region_universe());
  REQUIRE(org.accounts.size() == 500);
  const Account& management = org.accounts.front();
  CHECK(management.parents.size() == 1);
  CHECK(management.parents[0].name == "ROOT");
  CHECK(management.regions == workers::default_region_universe().sorted());
  std::set<std::string> ids, names;
  std::size_t deepest = 0, suspended = 0, trimmed = 0;
  for (const Account& a : org.accounts) {
    ids.insert(a.id);
    names.insert(a.name);
    CHECK(a.id.size() == 12);
    CHECK(a.arn ==
          "arn:aws:organizations::" + management.id + ":account/" + a.arn.substr(a.arn.find("/o-") + 1));
    REQUIRE_FALSE(a.parents.empty());
    CHECK(a.parents.back().type == "ROOT");
    CHECK(std::is_sorted(a.regions.begin(), a.regions.end()));
    deepest = std::max(deepest, a.parents.size());
    suspended += a.status == "SUSPENDED" ? 1 : 0;
    trimmed += a.regions.size() < 29 ? 1 : 0;
  }
  CHECK(ids.size() == 500);
  CHECK(names.size() == 500);
  CHECK(deepest == 4);  // Workloads/Prod/TeamNN + ROOT
  CHECK(suspended > 0);
  CHECK(trimmed > 0);
  CHECK(trimmed < 250);
  auto index = AccountIndex::build(Organization(org));
  REQUIRE(index.has_value());
  CHECK(index->org_root() == management.id);
  CHECK(index->by_ou("Workloads").size() > index->by_ou("Prod").size());
  CHECK(index->lints("org").empty() == false);  // the SUSPENDED accounts are told
}

TEST_CASE("the all-regions option with other partitions gives every account Index X's 33 regions") {
  OrgGeneratorOptions options;
  options.accounts = 50;
  options.all_regions = true;
  options.other_partition_regions = true;
  const Organization org = generate_organization(options, workers::default_region_universe());
  for (const Account& a : org.accounts) {
    CHECK(a.regions.size() == 33);
  }
}

TEST_CASE("a 10,000-account organization with 33 regions each round-trips through the index file") {
  OrgGeneratorOptions options;
  options.accounts = 10'000;
  options.all_regions = true;
  options.other_partition_regions = true;
  const Organization org = generate_organization(options, workers::default_region_universe());
  const std::string text = to_index_json(org);
  CHECK(text.size() > 10'000'000);
  test::ScratchDir dir;
  auto loaded = load_index_json(dir.write("big.json", text));
  REQUIRE(loaded.has_value());
  CHECK(loaded->accounts.size() == 10'000);
  auto index = AccountIndex::build(std::move(*loaded));
  REQUIRE(index.has_value());
  CHECK(index->all_accounts().size() == 10'000);
  CHECK(index->regions_map().size() == 33);
  CHECK(index->by_regions({"us-east-1"}).at("us-east-1").size() == 10'000);
  CHECK(index->by_ou("root").size() == 10'000);
}
