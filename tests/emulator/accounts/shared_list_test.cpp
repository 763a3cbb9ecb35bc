// SharedList (copies share one list, edits never leak into another copy) and the places that share:
// the index reader (accounts whose "Regions" or "Parents" are written alike) and the resolver
// (accounts that get the same regions).
#include <string>

#include <doctest/doctest.h>

#include "emulator/accounts/organization.hpp"
#include "emulator/accounts/resolver.hpp"
#include "workers/regions/region_universe.hpp"

using namespace drydock;
using namespace drydock::emulator;

namespace {

std::string account_json(const std::string& id, const std::string& regions, const std::string& parents) {
  return "\"" + id + "\": {\"Arn\": \"arn:aws:organizations::000000000001:account/o-x/" + id +
         "\", \"Name\": \"n" + id + "\", \"Regions\": " + regions + ", \"Parents\": " + parents +
         ", \"Tags\": {}}";
}

const std::string k_root = R"([{"Id": "r-1", "Name": "ROOT", "Type": "ROOT"}])";
const std::string k_prod =
    R"([{"Id": "ou-1-prod0000", "Name": "Prod", "Type": "ORGANIZATIONAL_UNIT"}, {"Id": "r-1", "Name": "ROOT", "Type": "ROOT"}])";

}  // namespace

TEST_CASE("a copy shares the list until one of them is edited") {
  RegionList a{"eu-west-1", "us-east-1"};
  RegionList b = a;
  CHECK(b.shares_with(a));
  b.push_back("us-west-2");
  CHECK_FALSE(b.shares_with(a));
  CHECK(a == std::vector<std::string>{"eu-west-1", "us-east-1"});
  CHECK(b == std::vector<std::string>{"eu-west-1", "us-east-1", "us-west-2"});
  RegionList c = RegionList(std::vector<std::string>{"eu-west-1", "us-east-1"});
  CHECK(c == a);  // equal by value without sharing
  CHECK_FALSE(c.shares_with(a));
  RegionList empty;
  CHECK(empty.empty());
  CHECK(empty == RegionList(std::vector<std::string>{}));
  CHECK(empty.begin() == empty.end());
  std::erase(c.edit(), "eu-west-1");  // alone: edited in place
  CHECK(c == std::vector<std::string>{"us-east-1"});
  CHECK(a.size() == 2);
}

TEST_CASE("a value per shared list is worked out again only for a list not shared with the last one") {
  const RegionList a{"eu-west-1", "us-east-1"};
  const RegionList a_copy = a;
  const RegionList equal_not_shared{"eu-west-1", "us-east-1"};
  int made = 0;
  PerSharedList<std::string, std::size_t> sizes;
  const auto size_of = [&](const RegionList& list) {
    ++made;
    return list.size();
  };
  CHECK(sizes.of(a, size_of) == 2);
  CHECK(sizes.of(a_copy, size_of) == 2);
  CHECK(made == 1);
  CHECK(sizes.of(equal_not_shared, size_of) == 2);
  CHECK(made == 2);
  CHECK(sizes.of(a, size_of) == 2);
  CHECK(made == 3);
  CHECK(sizes.of(RegionList{}, size_of) == 0);  // the first empty list is worked out too
  CHECK(made == 4);
  RegionList edited = a;
  edited.push_back("us-west-2");  // unshared by the edit
  CHECK(sizes.of(edited, size_of) == 3);
  CHECK(made == 5);
}

TEST_CASE("accounts whose Regions or Parents are written alike share one list, and others read their own") {
  const std::string two = R"(["eu-west-1", "us-east-1"])";
  const std::string text = "{\"accounts\": {" + account_json("000000000001", two, k_root) + ", " +
                           account_json("000000000002", R"(["eu-west-1"])", k_prod) + ", " +
                           account_json("000000000003", two, k_prod) + ", " +
                           account_json("000000000004", R"(["eu-west-1",  "us-east-1"])", k_root) + "}}";
  for (std::size_t split : {SIZE_MAX, std::size_t{0}}) {
    CAPTURE(split);
    const auto org = detail::read_index_json(text, "index.json", split);
    REQUIRE(org.has_value());
    const auto& a = org->accounts;
    REQUIRE(a.size() == 4);
    CHECK(a[0].regions == std::vector<std::string>{"eu-west-1", "us-east-1"});
    CHECK(a[1].regions == std::vector<std::string>{"eu-west-1"});
    CHECK(a[2].regions == a[0].regions);
    CHECK(a[3].regions == a[0].regions);  // the same list, written with other spacing
    CHECK(a[2].parents == a[1].parents);
    CHECK(a[2].parents.size() == 2);
    CHECK(a[2].parents[0].name == "Prod");
    CHECK(a[3].parents == a[0].parents);
    if (split == SIZE_MAX) {
      CHECK(a[2].regions.shares_with(a[0].regions));
      CHECK(a[2].parents.shares_with(a[1].parents));
      CHECK(a[3].parents.shares_with(a[0].parents));
      CHECK_FALSE(a[3].regions.shares_with(a[0].regions));  // other text: read again
      CHECK_FALSE(a[1].regions.shares_with(a[0].regions));
    }
  }
}

TEST_CASE("a list that had a problem is not shared: every account with it reports it") {
  const std::string bad_parents = R"([{"Id": "ou-1-prod0000", "Type": "ORGANIZATIONAL_UNIT"}])";
  const std::string bad_regions = R"(["eu-west-1", 7])";
  const std::string text = "{\"accounts\": {\n" + account_json("000000000001", bad_regions, bad_parents) +
                           ",\n" + account_json("000000000002", bad_regions, bad_parents) + "}}";
  const auto org = detail::read_index_json(text, "index.json", SIZE_MAX);
  REQUIRE_FALSE(org.has_value());
  const auto& errors = org.error();
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].field == workers::FieldPath{"accounts", "000000000001", "Regions", 1});
  CHECK(errors[1].field == workers::FieldPath{"accounts", "000000000001", "Parents", 0});
  CHECK(errors[1].message == "missing key 'Name'");
  CHECK(errors[2].field == workers::FieldPath{"accounts", "000000000002", "Regions", 1});
  CHECK(errors[2].mark.line == 3);
  CHECK(errors[3].field == workers::FieldPath{"accounts", "000000000002", "Parents", 0});
  CHECK(errors[3].mark.line == 3);
}

TEST_CASE("the resolver gives accounts with the same regions one shared list, each its own regions") {
  Organization org;
  const std::vector<std::vector<std::string>> enabled = {
      {"eu-west-1", "us-east-1"}, {"us-east-1"}, {"eu-west-1", "us-east-1"}, {"us-east-1"}, {}};
  for (std::size_t i = 0; i < enabled.size(); ++i) {
    Account a;
    a.id = "00000000000" + std::to_string(i + 1);
    a.name = "n" + std::to_string(i);
    a.arn = "arn:aws:organizations::000000000001:account/o-x/" + a.id;
    a.parents = {{"r-1", "ROOT", "ROOT"}};
    a.regions = enabled[i];
    org.accounts.push_back(a);
  }
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  workers::LoadedTemplate t;
  t.include_accounts.all_accounts = true;
  t.operate_in_org_root = true;
  t.include_regions = {"eu-west-1", "us-east-1", "us-west-2"};
  const auto pairs = resolve_worker_template_account_regions(*index, t, {});
  REQUIRE(pairs.size() == 5);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    CHECK(pairs[i].regions == enabled[pairs[i].account]);
  }
  CHECK(pairs[0].regions.shares_with(pairs[2].regions));
  CHECK(pairs[1].regions.shares_with(pairs[3].regions));
  CHECK_FALSE(pairs[0].regions.shares_with(pairs[1].regions));
  CHECK(pairs[4].regions.empty());
}

TEST_CASE("lists that begin alike but differ later, or hold brackets in their strings, read as written") {
  // Twenty region lists with the same first 64 bytes (more than the memo keeps for one key), each
  // twice, and lists whose strings hold ']' and '}' where the memo's key would end.
  const std::string common = R"(["ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", )";
  std::string text = "{\"accounts\": {";
  std::vector<std::vector<std::string>> expected;
  for (int n = 0; n < 40; ++n) {
    const std::string last = "xx-test-" + std::to_string(n % 20);
    const std::string odd = n % 3 == 0 ? "we]ird}" : "plain";
    text += (n == 0 ? "" : ", ") +
            account_json("0000000001" + std::to_string(10 + n), common + "\"" + last + "\"]",
                         R"([{"Id": "ou-)" + odd + R"(", "Name": "N)" + std::to_string(n % 5) +
                             R"(", "Type": "ORGANIZATIONAL_UNIT"}])");
    expected.push_back({"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", last});
  }
  text += "}}";
  const auto org = detail::read_index_json(text, "index.json", SIZE_MAX);
  REQUIRE(org.has_value());
  REQUIRE(org->accounts.size() == 40);
  for (int n = 0; n < 40; ++n) {
    CAPTURE(n);
    const Account& a = org->accounts[static_cast<std::size_t>(n)];
    CHECK(a.regions == expected[static_cast<std::size_t>(n)]);
    REQUIRE(a.parents.size() == 1);
    CHECK(a.parents[0].id == (n % 3 == 0 ? "ou-we]ird}" : "ou-plain"));
    CHECK(a.parents[0].name == "N" + std::to_string(n % 5));
  }
  CHECK(org->accounts[25].regions.shares_with(org->accounts[5].regions));  // the memo took it
}
