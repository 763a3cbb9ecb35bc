// AccountIndex::lints: warnings about upstream's index traps (starfleet-behavior.md §15 items 1, 12, 13).
#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "tests/emulator/accounts/index_x.hpp"

using namespace drydock;
using namespace drydock::emulator;
using drydock::test::make_account;

namespace {

std::vector<workers::Diagnostic> lints_of(std::vector<Account> accounts) {
  Organization org;
  org.accounts = std::move(accounts);
  auto index = AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  return index->lints("org.json");
}

}  // namespace

TEST_CASE("the fixture index has nothing to warn about") {
  CHECK(test::load_index_x().lints("x").empty());
}

TEST_CASE("OUs sharing a name are named, with the accounts upstream's bug adds to or drops from lookups") {
  const auto lints = lints_of({make_account("111", "a", {{"ou-aaaa-1", "Infra"}}),
                               make_account("222", "b", {{"ou-bbbb-2", "Infra"}}),
                               make_account("333", "c", {{"ou-aaaa-1", "Infra"}}),
                               make_account("444", "d", {{"ou-cccc-3", "ou-aaaa-1"}})});
  REQUIRE(lints.size() == 2);  // 'infra' (two OUs) and 'ou-aaaa-1' (an id and another OU's name)
  for (const auto& lint : lints) {
    CHECK(lint.severity == workers::Severity::warning);
    CHECK(lint.code == "ou-name-collision");
    CHECK(lint.file == "org.json");
  }
  const std::string& infra = lints[0].message;
  CAPTURE(infra);
  CHECK(infra.find("'infra' is shared by ou-aaaa-1, ou-bbbb-2") != std::string::npos);
  CHECK(infra.find("'infra' selects also 444") != std::string::npos);
  CHECK(infra.find("'ou-aaaa-1' selects not 111, 333") != std::string::npos);
  CHECK(infra.find("'ou-bbbb-2' selects also 333") != std::string::npos);
  CHECK(lints[0].field == workers::FieldPath{"accounts", "111", "Parents", 0, "Name"});
  CHECK(lints[1].message.find("'ou-aaaa-1' is shared by ou-aaaa-1, ou-cccc-3") != std::string::npos);
}

TEST_CASE("distinct OU names give no collision warning") {
  CHECK(lints_of({make_account("111", "a", {{"ou-aaaa-1", "Infra"}}),
                  make_account("222", "b", {{"ou-bbbb-2", "Apps"}})})
            .empty());
}

TEST_CASE("a duplicate account name warns which account upstream's ByNames picks") {
  const auto lints = lints_of({make_account("111", "Shared"), make_account("222", "SHARED")});
  REQUIRE(lints.size() == 1);
  CHECK(lints[0].code == "duplicate-account-name");
  CHECK(lints[0].field == workers::FieldPath{"accounts", "222", "Name"});
  CHECK(lints[0].message.find("only the last, 222") != std::string::npos);
}

TEST_CASE("a SUSPENDED account is a warning: upstream still tasks it") {
  std::vector<Account> accounts = {make_account("111", "a"), make_account("222", "b")};
  accounts[1].status = "SUSPENDED";
  const auto lints = lints_of(std::move(accounts));
  REQUIRE(lints.size() == 1);
  CHECK(lints[0].code == "suspended-account");
  CHECK(lints[0].field == workers::FieldPath{"accounts", "222", "Status"});
}

TEST_CASE("names that collide only once non-ASCII letters are lowered are duplicates too") {
  const auto lints = lints_of({make_account("111", "ÇAĞRI"), make_account("222", "çağri"),
                               make_account("333", "Straße"), make_account("444", "STRASSE")});
  REQUIRE(lints.size() == 1);  // lower() keeps ß, so Straße and STRASSE do not collide
  CHECK(lints[0].code == "duplicate-account-name");
  CHECK(lints[0].field == workers::FieldPath{"accounts", "222", "Name"});
  CHECK(lints[0].message.find("used by 111, 222") != std::string::npos);
}

TEST_CASE("OU names that differ only in the case of non-ASCII letters collide") {
  const auto lints = lints_of(
      {make_account("111", "a", {{"ou-aaaa-1", "Ürün"}}), make_account("222", "b", {{"ou-bbbb-2", "ÜRÜN"}})});
  REQUIRE(lints.size() == 1);
  CHECK(lints[0].code == "ou-name-collision");
  CHECK(lints[0].message.find("'ürün' is shared by ou-aaaa-1, ou-bbbb-2") != std::string::npos);
}
