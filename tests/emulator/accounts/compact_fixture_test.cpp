// load_compact_fixture: the hand-written organization format (docs/accounts.md).
#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "tests/emulator/accounts/index_x.hpp"

using namespace drydock;
using namespace drydock::emulator;

namespace {

const workers::RegionUniverse& universe() {
  return workers::default_region_universe();
}

std::vector<workers::Diagnostic> fixture_errors(std::string_view yaml) {
  test::ScratchDir dir;
  auto org = load_compact_fixture(dir.write("org.yaml", yaml), universe());
  REQUIRE_FALSE(org.has_value());
  return org.error();
}

Organization fixture(std::string_view yaml) {
  test::ScratchDir dir;
  auto org = load_organization(dir.write("org.yaml", yaml), universe());
  REQUIRE(org.has_value());
  return std::move(*org);
}

}  // namespace

TEST_CASE("the bundled acme fixture is the quickstart's index, byte for byte") {
  auto org = load_organization(test::source_dir() / "fixtures/orgs/acme.yaml", universe());
  REQUIRE(org.has_value());
  // The quickstart's file was saved with a final newline; upstream's writer adds none.
  CHECK(to_index_json(*org) + "\n" ==
        test::read_file(test::source_dir() / "examples/quickstart/fixtures/org.json"));
}

TEST_CASE("a compact fixture survives compact → index JSON → load_index_json unchanged") {
  auto org = load_organization(test::source_dir() / "fixtures/orgs/acme.yaml", universe());
  REQUIRE(org.has_value());
  test::ScratchDir dir;
  auto again = load_index_json(dir.write("org.json", to_index_json(*org)));
  REQUIRE(again.has_value());
  CHECK(to_index_json(*again) == to_index_json(*org));
  auto index = AccountIndex::build(std::move(*again));
  REQUIRE(index.has_value());
  CHECK(index->org_root() == "100000000001");
  CHECK(index->by_ou("Workloads").size() == 4);
  CHECK(index->by_ou("ou-a1b2-prd00001").size() == 2);
  CHECK(index->by_tag("team", "PAYMENTS").size() == 2);
}

TEST_CASE("a minimal fixture gets defaults: every region, generated OU and root ids, ACTIVE") {
  const Organization org = fixture(R"(
organization: {id: o-test123456}
accounts:
  - {id: "100000000001", name: mgmt}
  - {id: "100000000002", name: app, ou: Workloads/Prod, status: SUSPENDED}
)");
  REQUIRE(org.accounts.size() == 2);
  const Account& app = org.accounts[1];
  CHECK(app.arn == "arn:aws:organizations::100000000001:account/o-test123456/100000000002");
  CHECK(app.regions == universe().sorted());
  CHECK(app.status == "SUSPENDED");
  CHECK(org.accounts[0].status == "ACTIVE");
  CHECK(app.email == "aws+app@example.com");
  REQUIRE(app.parents.size() == 3);
  CHECK(app.parents[0].name == "Prod");
  CHECK(app.parents[1].name == "Workloads");
  CHECK(app.parents[2].name == "ROOT");
  CHECK(app.parents[0].id.starts_with(app.parents[2].id.substr(2).insert(0, "ou-")));
  CHECK(app.parents[0].id != app.parents[1].id);
  CHECK(org.accounts[0].parents.size() == 1);
  // Deterministic: the same text gives the same ids.
  CHECK(fixture(R"(
organization: {id: o-test123456}
accounts:
  - {id: "100000000001", name: mgmt}
  - {id: "100000000002", name: app, ou: Workloads/Prod, status: SUSPENDED}
)")
            .accounts[1]
            .parents == app.parents);
}

TEST_CASE("mistakes in a fixture are all reported with their position and field") {
  const auto errors = fixture_errors(R"(organization: {id: o-x}
accounts:
  - {id: 100000000001, name: a}
  - {id: "100000000002", name: b, colour: red}
  - {id: "100000000002", name: c, regions: [us-nowhere-1], tags: {Team: [x]}}
  - {id: "12", name: 5, status: GONE}
)");
  std::vector<std::string> messages;
  std::string all;
  for (const auto& e : errors) {
    messages.push_back(std::to_string(e.mark.line) + ":" + std::to_string(e.mark.column) + " " +
                       workers::format_field_path(e.field) + ": " + e.message);
    all += messages.back() + "\n";
  }
  CAPTURE(all);
  REQUIRE(errors.size() == 8);
  CHECK(messages[0].starts_with("3:10 accounts[0].id: account id 100000000001 is a YAML int; quote it"));
  CHECK(messages[1].starts_with("4:35 accounts[1].colour: unknown key 'colour'"));
  CHECK(messages[2] == "5:10 accounts[2].id: duplicate account id 100000000002 (first at line 4)");
  CHECK(messages[3].starts_with("5:45 accounts[2].regions[0]: unknown region 'us-nowhere-1'"));
  CHECK(messages[4] == "5:73 accounts[2].tags.Team: tag names and values are strings, found list");
  CHECK(messages[5] == "6:10 accounts[3].id: an account id is 12 digits in quotes");
  CHECK(messages[6] == "6:22 accounts[3].name: expected a string, found int (quote it)");
  CHECK(messages[7].starts_with("6:33 accounts[3].status: status must be"));
}

TEST_CASE("a fixture that is not YAML, or lacks its sections, is refused") {
  CHECK(fixture_errors("accounts: [\n")[0].mark.line >= 1);
  CHECK(fixture_errors("accounts: []\n")[0].message == "missing key 'organization'");
  CHECK(fixture_errors("organization: {id: o-x}\n")[0].message == "expected a list of accounts");
  CHECK(fixture_errors("organization: {id: o-x}\norganization: {id: o-y}\naccounts: []\n")[0]
            .message.starts_with("duplicate key 'organization'"));
}
