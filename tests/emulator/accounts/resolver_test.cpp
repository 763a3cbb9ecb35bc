// Upstream's tests/account_index/test_resolvers.py (starfleet-behavior.md §13.1, R1–R16) against
// Index X: 20 accounts, org root 000000000020, every account in 33 regions.

#include "emulator/accounts/resolver.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/emulator/starbase/fixtures.hpp"

using namespace drydock::test;
using namespace drydock::test::resolution;
using drydock::emulator::resolve_include_exclude;
using drydock::emulator::resolve_worker_template_account_regions;
using drydock::emulator::resolve_worker_template_accounts;

namespace {

constexpr std::string_view k_r1_include =
    "IncludeAccounts:\n  ByIds: ['000000000018', '000000000017']\n  ByNames: [Account 1, Account 2, Account "
    "18]\n";

}  // namespace

TEST_CASE("R1: an include block is the union of its ids and names") {
  auto index = index_x();
  auto tpl = load_account_template(k_r1_include);
  CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == accts({1, 2, 17, 18}));
}

TEST_CASE("R2: tag selectors are OR-ed and each tag matches every account") {
  auto index = index_x();
  SUBCASE("all three tags") {
    auto tpl = load_account_template(
        "IncludeAccounts:\n  ByTags:\n    - {Name: Key1, Value: Value1}\n    - {Name: Key2, Value: Value2}\n"
        "    - {Name: Key3, Value: Value3}\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == acct_range(1, 20));
  }
  for (int k = 1; k <= 3; ++k) {
    SUBCASE(("tag Key" + std::to_string(k) + " alone").c_str()) {
      auto tpl = load_account_template("IncludeAccounts:\n  ByTags:\n    - {Name: Key" + std::to_string(k) +
                                       ", Value: Value" + std::to_string(k) + "}\n");
      CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == acct_range(1, 20));
    }
  }
}

TEST_CASE("R3: the ROOT OU, by name or id, holds every account") {
  auto index = index_x();
  for (std::string_view ous : {"[ROOT, SomeOU, r-123456, ou-1234-5678910]", "[ROOT]", "[r-123456]"}) {
    CAPTURE(ous);
    auto tpl = load_account_template("IncludeAccounts:\n  ByOrgUnits: " + std::string(ous) + "\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == acct_range(1, 20));
  }
}

TEST_CASE("R4: AllAccounts includes every account of the index") {
  auto index = index_x();
  auto tpl = load_account_template("IncludeAccounts:\n  AllAccounts: True\n");
  CHECK(resolve_include_exclude(index, tpl.t) == index.all_accounts());
  CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == acct_range(1, 20));
}

TEST_CASE("R5: SomeOU, by name or id, holds accounts 1-19 and not the org root") {
  auto index = index_x();
  for (std::string_view ou : {"SomeOU", "ou-1234-5678910"}) {
    CAPTURE(ou);
    auto tpl = load_account_template("IncludeAccounts:\n  ByOrgUnits: [" + std::string(ou) + "]\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == acct_range(1, 19));
  }
}

TEST_CASE("R6: excluded names are removed from the included accounts") {
  auto index = index_x();
  auto tpl = load_account_template(std::string(k_r1_include) +
                                   "ExcludeAccounts:\n  ByNames: [Account 1, Account 18]\n");
  CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == accts({2, 17}));
}

TEST_CASE("R7: AllAccounts minus SomeOU leaves only the org root") {
  auto index = index_x();
  auto tpl = load_account_template(
      "IncludeAccounts:\n  AllAccounts: True\nExcludeAccounts:\n  ByOrgUnits: [SomeOU]\n");
  CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == accts({20}));
}

TEST_CASE("R8-R9: the org root is tasked only with OperateInOrgRoot") {
  auto index = index_x();
  const std::string body =
      "IncludeAccounts:\n  ByIds: ['000000000018', '000000000017']\n"
      "  ByNames: [Account 1, Account 2, Account 18, Account 20]\n"
      "ExcludeAccounts:\n  ByNames: [Account 1, Account 18]\n";
  SUBCASE("R8: OperateInOrgRoot: True keeps account 20") {
    auto tpl = load_account_template(body + "OperateInOrgRoot: True\n");
    CHECK(ids_of(index, resolve_worker_template_accounts(index, tpl.t)) == accts({2, 17, 20}));
  }
  SUBCASE("R9: without it account 20 is dropped") {
    auto tpl = load_account_template(body);
    CHECK(ids_of(index, resolve_worker_template_accounts(index, tpl.t)) == accts({2, 17}));
  }
}

TEST_CASE("R10-R11: AllAccounts reaches the org root only with OperateInOrgRoot") {
  auto index = index_x();
  SUBCASE("R10: without the flag, 19 accounts") {
    auto tpl = load_account_template("IncludeAccounts:\n  AllAccounts: True\n");
    CHECK(ids_of(index, resolve_worker_template_accounts(index, tpl.t)) == acct_range(1, 19));
  }
  SUBCASE("R11: with it, all 20") {
    auto tpl = load_account_template("IncludeAccounts:\n  AllAccounts: True\nOperateInOrgRoot: True\n");
    CHECK(ids_of(index, resolve_worker_template_accounts(index, tpl.t)) == acct_range(1, 20));
  }
}

TEST_CASE("R12: an account gets no task in a region it has not enabled") {
  auto org = index_x_organization();
  for (auto& account : org.accounts) {
    if (account.id == acct(1) || account.id == acct(2)) {
      std::erase(account.regions.edit(), "ap-east-1");
    }
  }
  auto index = build_index(std::move(org));
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByNames: [Account 1, Account 2, Account 3, Account 4]\nIncludeRegions: [ALL]\n");
  auto without = r29();
  without.erase("ap-east-1");
  const std::map<std::string, std::set<std::string>> expected{
      {acct(1), without}, {acct(2), without}, {acct(3), r29()}, {acct(4), r29()}};
  CHECK(region_map(index, resolve_worker_template_account_regions(index, tpl.t, {})) == expected);
}

TEST_CASE("R13-R14: ALL regions with the org root, by flag or with org_root_check off") {
  auto index = index_x();
  const std::string body =
      "IncludeAccounts:\n  ByNames: [Account 1, Account 2, Account 18, Account 20]\n"
      "ExcludeAccounts:\n  ByNames: [Account 1]\nIncludeRegions: [ALL]\n";
  const std::map<std::string, std::set<std::string>> expected{
      {acct(2), r29()}, {acct(18), r29()}, {acct(20), r29()}};
  SUBCASE("R13: OperateInOrgRoot: True") {
    auto tpl = load_account_region_template(body + "OperateInOrgRoot: True\n");
    CHECK(region_map(index, resolve_worker_template_account_regions(index, tpl.t, {})) == expected);
  }
  SUBCASE("R14: no flag, org_root_check = false") {
    auto tpl = load_account_region_template(body);
    CHECK(region_map(index, resolve_worker_template_account_regions(index, tpl.t, {}, false)) == expected);
    SUBCASE("and with the check, the root is dropped") {
      auto with_check = expected;
      with_check.erase(acct(20));
      CHECK(region_map(index, resolve_worker_template_account_regions(index, tpl.t, {})) == with_check);
    }
  }
}

TEST_CASE("R15: excluded regions are removed from the included ones") {
  auto index = index_x();
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByNames: [Account 1, Account 2]\n"
      "IncludeRegions: [us-east-1, us-east-2, us-west-1]\nExcludeRegions: [us-west-1]\n");
  const std::set<std::string> regions{"us-east-1", "us-east-2"};
  const std::map<std::string, std::set<std::string>> expected{{acct(1), regions}, {acct(2), regions}};
  CHECK(region_map(index, resolve_worker_template_account_regions(index, tpl.t, {})) == expected);
}

TEST_CASE("R16: ScopeToRegions narrows ALL to the scope") {
  auto index = index_x();
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByNames: [Account 1, Account 2]\nIncludeRegions: [ALL]\n");
  const std::set<std::string> regions{"us-east-2", "eu-west-1"};
  const std::map<std::string, std::set<std::string>> expected{{acct(1), regions}, {acct(2), regions}};
  CHECK(region_map(index, resolve_worker_template_account_regions(index, tpl.t,
                                                                  {"us-east-2", "eu-west-1"})) == expected);
}

TEST_CASE("A scope disjoint from the template's regions keeps the accounts with no regions") {
  auto index = index_x();
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByNames: [Account 1, Account 2]\nIncludeRegions: [us-east-1]\n");
  auto result = resolve_worker_template_account_regions(index, tpl.t, {"eu-west-1"});
  REQUIRE(result.size() == 2);
  CHECK(result[0].regions.empty());
  CHECK(result[1].regions.empty());
}

TEST_CASE("Account/region results are sorted by account id with sorted regions") {
  auto index = index_x();
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByNames: [Account 12, Account 3, Account 1]\nIncludeRegions: [us-west-2, "
      "eu-west-1, us-east-1]\n");
  auto result = resolve_worker_template_account_regions(index, tpl.t, {});
  REQUIRE(result.size() == 3);
  CHECK(index.account(result[0].account).id == acct(1));
  CHECK(index.account(result[1].account).id == acct(3));
  CHECK(index.account(result[2].account).id == acct(12));
  CHECK(result[0].regions == std::vector<std::string>{"eu-west-1", "us-east-1", "us-west-2"});
}

TEST_CASE("Names, OUs and tags match case-insensitively but never trimmed") {
  auto index = index_x();
  SUBCASE("case") {
    auto tpl = load_account_template(
        "IncludeAccounts:\n  ByNames: [aCCOUNT 3]\n  ByOrgUnits: [somenestednestedou]\n  ByTags: [{Name: "
        "key1, Value: VALUE9}]\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == accts({3, 10}));
  }
  SUBCASE("whitespace") {
    auto tpl = load_account_template(
        "IncludeAccounts:\n  ByNames: ['  Account 1']\n  ByIds: [' 00000000002', '00000000002 ']\n");
    CHECK(resolve_include_exclude(index, tpl.t).empty());
  }
}

TEST_CASE("Names, OUs and tags outside ASCII match as Python's lower() folds them") {
  ScratchDir dir;
  const auto org_file = dir.write("org.yaml", R"(organization: {id: o-unicode123}
accounts:
  - {id: "100000000001", name: management}
  - {id: "100000000002", name: ÇAĞRI, ou: Ürün, tags: {Département: Ingénierie}}
  - {id: "100000000003", name: İnci, ou: Ürün/Ventes, tags: {département: Ventes}}
  - {id: "100000000004", name: Müller, ou: Ingénierie, tags: {DÉPARTEMENT: INGÉNIERIE}}
)");
  auto index = build_index(require_loaded(
      drydock::emulator::load_organization(org_file, drydock::workers::default_region_universe())));
  const auto ids = [](std::initializer_list<const char*> list) {
    return std::set<std::string>(list.begin(), list.end());
  };
  SUBCASE("ExcludeAccounts ByOrgUnits üRÜN excludes the OU and the OUs below it") {
    auto tpl = load_account_template(
        "IncludeAccounts:\n  AllAccounts: True\nExcludeAccounts:\n  ByOrgUnits: [üRÜN]\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == ids({"100000000001", "100000000004"}));
  }
  SUBCASE("ByTags département: INGÉNIERIE") {
    auto tpl =
        load_account_template("IncludeAccounts:\n  ByTags: [{Name: département, Value: INGÉNIERIE}]\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) == ids({"100000000002", "100000000004"}));
  }
  SUBCASE("ByNames: 'İ' lowers to 'i' + U+0307, so 'inci' is another name") {
    auto tpl = load_account_template("IncludeAccounts:\n  ByNames: [çağri, İNCI, MÜLLER]\n");
    CHECK(ids_of(index, resolve_include_exclude(index, tpl.t)) ==
          ids({"100000000002", "100000000003", "100000000004"}));
    auto dotless = load_account_template("IncludeAccounts:\n  ByNames: [inci]\n");
    CHECK(resolve_include_exclude(index, dotless.t).empty());
  }
}
