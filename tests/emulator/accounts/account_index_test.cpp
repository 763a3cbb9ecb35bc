// AccountIndex against upstream's test_default_account_index.py (starfleet-behavior.md §13.7, D5–D14)
// on the fixture index, plus the ou_map aliasing bug of §4.3 and the failures upstream has.
#include <algorithm>
#include <ctime>

#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "tests/emulator/accounts/index_x.hpp"

using namespace drydock;
using namespace drydock::emulator;
using drydock::test::ids_of;
using drydock::test::make_account;

namespace {

std::string pad(int n) {
  std::string id = std::to_string(n);
  return std::string(12 - id.size(), '0') + id;
}

std::vector<std::string> range_ids(int first, int last) {
  std::vector<std::string> out;
  for (int n = first; n <= last; ++n) {
    out.push_back(pad(n));
  }
  return out;
}

}  // namespace

TEST_CASE("D5: the fixture index loads with 20 accounts, every region, OU and tag holding them") {
  const AccountIndex index = test::load_index_x();
  std::tm tm{};
  CHECK(strptime(index.organization().generated.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) != nullptr);
  CHECK(index.size() == 20);
  CHECK(index.by_names({"account 20"}) == index.by_ids({"000000000020"}));
  CHECK(index.regions_map().size() == 33);
  for (const auto& [region, accounts] : index.regions_map()) {
    CHECK(accounts.size() == 20);
  }
  CHECK(index.by_ou("r-123456").size() == 20);
  CHECK(index.by_ou("root").size() == 20);
  CHECK(index.by_ou("ou-1234-5678910").size() == 19);
  CHECK(index.by_ou("someou").size() == 19);
  for (const char* key : {"Key1", "Key2", "Key3"}) {
    CHECK(index.by_tag(key, std::string("Value") + key[3]).size() == 20);
  }
}

TEST_CASE("D6: by_ids keeps known ids and drops unknown ones") {
  const AccountIndex index = test::load_index_x();
  CHECK(ids_of(index, index.by_ids({pad(19), pad(20), pad(23)})) == std::vector{pad(19), pad(20)});
}

TEST_CASE("D7: by_names matches names case-insensitively and drops unknown names") {
  const AccountIndex index = test::load_index_x();
  CHECK(ids_of(index, index.by_names({"Account 1", "Account 2", "AcCoUNt 3", "not an account"})) ==
        range_ids(1, 3));
}

TEST_CASE("D8: by_tag matches tag names and values case-insensitively") {
  const AccountIndex index = test::load_index_x();
  CHECK(index.by_tag("kEy1", "VaLuE1").size() == 20);
  CHECK(index.by_tag("fake", "tag").empty());
  CHECK(index.by_tag("Key1", "fake").empty());
}

TEST_CASE("D9: by_ou matches OU names and ids case-insensitively, through nested OUs") {
  const AccountIndex index = test::load_index_x();
  const AccountSet by_name = index.by_ou("sOMeOu");
  CHECK(ids_of(index, by_name) == range_ids(1, 19));
  CHECK(index.by_ou("oU-1234-5678910") == by_name);
  CHECK(ids_of(index, index.by_ou("SomeNestedOU")) == std::vector{pad(10), pad(11)});
  CHECK(ids_of(index, index.by_ou("ou-1234-5678912")) == std::vector{pad(10)});
  CHECK(index.by_ou("nope").empty());
}

TEST_CASE("D10: by_regions has a key for every requested region, unknown ones empty") {
  const AccountIndex index = test::load_index_x();
  const auto regions = index.by_regions({"us-east-1", "us-east-2", "fake-region"});
  REQUIRE(regions.size() == 3);
  CHECK(regions.at("fake-region").empty());
  CHECK(regions.at("us-east-1").size() == 20);
  CHECK(regions.at("us-east-2").size() == 20);
  CHECK(index.regions_map().size() > 10);
}

TEST_CASE("D11: all_accounts is every account") {
  const AccountIndex index = test::load_index_x();
  CHECK(ids_of(index, index.all_accounts()) == range_ids(1, 20));
}

TEST_CASE("D12: the org root comes from the first account's ARN") {
  const AccountIndex index = test::load_index_x();
  CHECK(index.org_root() == "000000000020");
  REQUIRE(index.org_root_ref().has_value());
  CHECK(index.account(*index.org_root_ref()).id == "000000000020");
}

TEST_CASE("D13/D14: names and tags by id, nothing for an unknown id") {
  const AccountIndex index = test::load_index_x();
  for (int n = 1; n <= 3; ++n) {
    const auto ref = index.find_id(pad(n));
    REQUIRE(ref.has_value());
    CHECK(index.account(*ref).name == "Account " + std::to_string(n));
    CHECK(index.account(*ref).tags == std::vector<std::pair<std::string, std::string>>{
                                          {"Key1", "Value1"}, {"Key2", "Value2"}, {"Key3", "Value3"}});
  }
  CHECK_FALSE(index.find_id("not-an-account").has_value());
}

TEST_CASE("OUs sharing a name corrupt name and id lookups exactly as upstream's ou_map does") {
  Organization org;
  org.accounts = {make_account("111", "a", {{"ou-aaaa-1", "Infra"}}),
                  make_account("222", "b", {{"ou-bbbb-2", "Infra"}}),
                  make_account("333", "c", {{"ou-aaaa-1", "Infra"}}),
                  make_account("444", "d", {{"ou-cccc-3", "ou-aaaa-1"}})};
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  CHECK(ids_of(*index, index->by_ou("Infra")) == std::vector<std::string>{"111", "222", "333", "444"});
  CHECK(ids_of(*index, index->by_ou("ou-aaaa-1")) == std::vector<std::string>{"444"});
  CHECK(ids_of(*index, index->by_ou("ou-bbbb-2")) == std::vector<std::string>{"222", "333"});
  CHECK(ids_of(*index, index->by_ou("ou-cccc-3")) == std::vector<std::string>{"444"});
  CHECK(index->by_ou("ROOT").size() == 4);
}

TEST_CASE("a duplicate account name selects the last account with it") {
  Organization org;
  org.accounts = {make_account("111", "Shared"), make_account("222", "shared"), make_account("333", "other")};
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  CHECK(ids_of(*index, index->by_names({"SHARED"})) == std::vector<std::string>{"222"});
}

TEST_CASE("the org root need not be an indexed account") {
  Organization org;
  org.accounts = {make_account("222", "b")};
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  CHECK(index->org_root() == "111");
  CHECK_FALSE(index->org_root_ref().has_value());
}

TEST_CASE("an empty organization fails to build, as upstream's StopIteration does") {
  auto index = AccountIndex::build(Organization{});
  REQUIRE_FALSE(index.has_value());
  REQUIRE(index.error().size() == 1);
  CHECK(index.error()[0].message.find("no accounts") != std::string::npos);
}

TEST_CASE("a first account outside the aws partition fails to build, as upstream's IndexError does") {
  for (const char* arn : {"arn:aws-us-gov:organizations::111:account/o-x/222",
                          "arn:aws-cn:organizations::111:account/o-x/222", ""}) {
    CAPTURE(arn);
    Organization org;
    org.accounts = {make_account("222", "b")};
    org.accounts[0].arn = arn;
    auto index = AccountIndex::build(std::move(org));
    REQUIRE_FALSE(index.has_value());
    CHECK(index.error()[0].field == workers::FieldPath{"accounts", "222", "Arn"});
    CHECK(index.error()[0].message.find("aws partition") != std::string::npos);
  }
}

TEST_CASE("only the first account's ARN matters for the org root") {
  Organization org;
  org.accounts = {make_account("222", "b"), make_account("333", "c")};
  org.accounts[1].arn = "arn:aws-cn:organizations::999:account/o-x/333";
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  CHECK(index->org_root() == "111");
}

namespace {

// Names, OUs and tags outside ASCII, folded the way Python's str.lower() folds them.
AccountIndex unicode_index() {
  Organization org;
  org.accounts = {make_account("111", "ÇAĞRI", {{"ou-abcd-11111111", "Ürün"}}),
                  make_account("222", "İnci", {{"ou-abcd-22222222", "Ingénierie"}}),
                  make_account("333", "ΟΔΥΣΣΕΥΣ")};
  org.accounts[0].tags = {{"Département", "Ingénierie"}};
  org.accounts[1].tags = {{"département", "Ventes"}};
  org.accounts[2].tags = {{"DÉPARTEMENT", "INGÉNIERIE"}};
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  return std::move(*index);
}

}  // namespace

TEST_CASE("by_names folds every script as Python's lower(), İ and final sigma included") {
  const AccountIndex index = unicode_index();
  CHECK(ids_of(index, index.by_names({"çağri"})) == std::vector<std::string>{"111"});
  CHECK(index.by_names({"çağrı"}).empty());  // dotless ı is another letter to lower() too
  // 'İ'.lower() is 'i' + U+0307: "İNCI" and "i\u0307nci" find İnci, plain "inci" does not.
  CHECK(ids_of(index, index.by_names({"İNCI"})) == std::vector<std::string>{"222"});
  CHECK(ids_of(index, index.by_names({"i\u0307nci"})) == std::vector<std::string>{"222"});
  CHECK(index.by_names({"inci"}).empty());
  // ΟΔΥΣΣΕΥΣ lowers to οδυσσευς (final ς), so a medial σ at the end does not match.
  CHECK(ids_of(index, index.by_names({"Οδυσσευς"})) == std::vector<std::string>{"333"});
  CHECK(index.by_names({"οδυσσευσ"}).empty());
}

TEST_CASE("by_ou folds non-ASCII OU names as Python's lower()") {
  const AccountIndex index = unicode_index();
  CHECK(ids_of(index, index.by_ou("üRÜN")) == std::vector<std::string>{"111"});
  CHECK(ids_of(index, index.by_ou("INGÉNIERIE")) == std::vector<std::string>{"222"});
  CHECK(index.by_ou("urun").empty());  // folding case is not stripping accents
}

TEST_CASE("by_tag folds non-ASCII tag names and values as Python's lower()") {
  const AccountIndex index = unicode_index();
  CHECK(ids_of(index, index.by_tag("département", "INGÉNIERIE")) == std::vector<std::string>{"111", "333"});
  CHECK(ids_of(index, index.by_tag("DÉPARTEMENT", "ventes")) == std::vector<std::string>{"222"});
  CHECK(index.by_tag("departement", "ingenierie").empty());
}
