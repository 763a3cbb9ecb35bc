// load_index_json and to_index_json: upstream's index file format (starfleet-behavior.md §4.2).
#include <doctest/doctest.h>

#include "emulator/accounts/organization.hpp"
#include "tests/emulator/accounts/index_x.hpp"

using namespace drydock;
using namespace drydock::emulator;

namespace {

std::vector<workers::Diagnostic> load_errors(std::string_view text) {
  test::ScratchDir dir;
  auto org = load_index_json(dir.write("index.json", text));
  REQUIRE_FALSE(org.has_value());
  return org.error();
}

const char* k_account_1 = R"({"accounts": {
  "000000000001": {
    "Arn": "arn:aws:organizations::000000000001:account/o-x/000000000001",
    "Name": "one",
    "Parents": [{"Id": "r-1", "Name": "ROOT", "Type": "ROOT"}],
    "Regions": ["us-east-1"],
    "Tags": {}
  }
}})";

}  // namespace

TEST_CASE("the fixture index loads in file order with every field") {
  auto org = load_index_json(test::index_x_path());
  REQUIRE(org.has_value());
  REQUIRE(org->accounts.size() == 20);
  const Account& ten = org->accounts[9];
  CHECK(ten.id == "000000000010");
  CHECK(ten.name == "Account 10");
  CHECK(ten.email == "ship10@drydock.test");
  CHECK(ten.status == "ACTIVE");
  CHECK(ten.joined_method == "INVITED");
  REQUIRE(ten.parents.size() == 4);
  CHECK(ten.parents[0].name == "SomeNestedNestedOU");
  CHECK(ten.parents[3].type == "ROOT");
  CHECK(ten.regions.size() == 33);
  CHECK(org->accounts[19].parents.size() == 1);
  CHECK(org->generated == "2025-06-02T09:30:00Z");
}

DRYDOCK_STARFLEET_FILES_TEST(index_x_round_trips,
                             "writing the fixture index back gives the file byte for byte") {
  auto org = load_index_json(test::index_x_path(tree));
  REQUIRE(org.has_value());
  const std::string original = test::read_file(test::index_x_path(tree));
  const std::string written = to_index_json(*org);
  CHECK(written.size() == original.size());
  CHECK(written == original);
}

TEST_CASE("the fixture index is the compact test organization, converted") {
  auto compact = load_organization(test::source_dir() / "fixtures/orgs/starfleet-tests.yaml",
                                   workers::default_region_universe());
  REQUIRE(compact.has_value());
  CHECK(to_index_json(*compact) == test::read_file(test::index_x_path()));
}

TEST_CASE("upstream files: upstream's test index has the fixture index's accounts, OUs, tags and regions") {
  test::on_starfleet_reference([](const std::filesystem::path& tree) {
    auto upstream = load_index_json(test::index_x_path(tree));
    auto ours = load_index_json(test::index_x_path());
    REQUIRE(upstream.has_value());
    REQUIRE(ours.has_value());
    REQUIRE(upstream->accounts.size() == ours->accounts.size());
    for (std::size_t i = 0; i < ours->accounts.size(); ++i) {
      const Account& a = upstream->accounts[i];
      const Account& b = ours->accounts[i];
      CAPTURE(b.id);
      CHECK(a.id == b.id);
      CHECK(a.name == b.name);
      CHECK(a.status == b.status);
      CHECK(a.joined_method == b.joined_method);
      CHECK(a.parents == b.parents);
      CHECK(a.tags == b.tags);
      CHECK(a.regions == b.regions);
      // The ARN's management account is the org root: the same in both (the org ids differ).
      CHECK(a.arn.substr(0, a.arn.find("account/")) == b.arn.substr(0, b.arn.find("account/")));
    }
  });
}

TEST_CASE("to_index_json sorts accounts and tags and escapes as Python's json.dumps does") {
  Organization org;
  org.generated = "g";
  org.accounts.push_back(test::make_account("222", "caf\xC3\xA9 \"x\""));
  org.accounts.push_back(test::make_account("111", "b"));
  org.accounts[0].tags = {{"b", "2"}, {"a", "1"}};
  const std::string text = to_index_json(org);
  CHECK(text.find("\"111\"") < text.find("\"222\""));
  CHECK(text.find("\"a\": \"1\",\n                \"b\": \"2\"") != std::string::npos);
  CHECK(text.find("\"Name\": \"caf\\u00e9 \\\"x\\\"\"") != std::string::npos);
  CHECK(text.find("\"Regions\": [],") != std::string::npos);
  CHECK(text.find("\"Tags\": {}") != std::string::npos);
  CHECK(text.back() == '}');
}

TEST_CASE("a minimal index with only the keys upstream reads loads") {
  test::ScratchDir dir;
  auto org = load_index_json(dir.write("index.json", k_account_1));
  REQUIRE(org.has_value());
  CHECK(org->accounts[0].name == "one");
  CHECK(org->accounts[0].email.empty());
}

TEST_CASE("D4: text that is not JSON is reported with Python's JSONDecodeError message") {
  SUBCASE("a single letter") {
    const auto errors = load_errors("a");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "invalid JSON: Expecting value: line 1 column 1 (char 0)");
    CHECK(errors[0].mark == workers::Mark{1, 1});
  }
  SUBCASE("a missing comma, positioned") {
    const auto errors = load_errors("{\"accounts\": {}\n  \"x\": 1}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "invalid JSON: Expecting ',' delimiter: line 2 column 3 (char 18)");
    CHECK(errors[0].mark == workers::Mark{2, 3});
  }
  SUBCASE("an unterminated string") {
    const auto errors = load_errors("{\"accounts");
    CHECK(errors[0].message == "invalid JSON: Unterminated string starting at: line 1 column 2 (char 1)");
  }
  SUBCASE("extra data") {
    CHECK(load_errors("{} {}")[0].message == "invalid JSON: Extra data: line 1 column 4 (char 3)");
  }
  SUBCASE("a trailing comma") {
    CHECK(load_errors("{\"a\": [1,]}")[0].message ==
          "invalid JSON: Expecting value: line 1 column 10 (char 9)");
    CHECK(load_errors("{\"a\": 1,}")[0].message ==
          "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 9 (char 8)");
  }
  SUBCASE("a bad escape") {
    CHECK(load_errors("\"\\x\"")[0].message == "invalid JSON: Invalid \\escape: line 1 column 2 (char 1)");
  }
  SUBCASE("an empty file") {
    CHECK(load_errors("")[0].message == "invalid JSON: Expecting value: line 1 column 1 (char 0)");
  }
}

TEST_CASE("missing keys upstream needs are all reported, with the account and the position") {
  const auto errors = load_errors(R"({"accounts": {
  "000000000001": {"Arn": "arn:aws:organizations::1:account/o/1", "Name": "a", "Regions": [], "Tags": {},
                   "Parents": [{"Id": "r-1", "Name": "ROOT"}]},
  "000000000017": {"Regions": [], "Tags": {},
                   "Parents": [{"Id": "ou-1"}]}
}})");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == workers::FieldPath{"accounts", "000000000017"});
  CHECK(errors[0].message == "missing key 'Name'");
  CHECK(errors[0].mark == workers::Mark{4, 3});
  CHECK(errors[1].field == workers::FieldPath{"accounts", "000000000017", "Parents", 0});
  CHECK(errors[1].message == "missing key 'Name'");
  CHECK(errors[1].mark == workers::Mark{5, 32});
}

TEST_CASE("the first account needs an Arn, and later ones do not") {
  const auto errors =
      load_errors(R"({"accounts": {"1": {"Name": "a", "Regions": [], "Parents": [], "Tags": {}},
                                       "2": {"Name": "b", "Regions": [], "Parents": [], "Tags": {}}}})");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == workers::FieldPath{"accounts", "1"});
  CHECK(errors[0].message.starts_with("missing key 'Arn'"));
}

TEST_CASE("values of the wrong type are reported where they are") {
  const auto errors = load_errors(R"({"accounts": {"1": {
  "Arn": "arn:aws:organizations::1:account/o/1", "Name": 12, "Regions": ["us-east-1", null],
  "Parents": {}, "Tags": {"Team": ["x"]}}}})");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].field == workers::FieldPath{"accounts", "1", "Name"});
  CHECK(errors[0].message == "expected a string, found a number");
  CHECK(errors[0].mark == workers::Mark{2, 58});
  CHECK(errors[1].field == workers::FieldPath{"accounts", "1", "Regions", 1});
  CHECK(errors[1].message == "expected a string, found null");
  CHECK(errors[2].field == workers::FieldPath{"accounts", "1", "Parents"});
  CHECK(errors[2].message == "expected a list, found an object");
  CHECK(errors[3].field == workers::FieldPath{"accounts", "1", "Tags", "Team"});
}

TEST_CASE("an index without 'accounts', or with accounts of the wrong shape, is refused") {
  CHECK(load_errors(R"({"generated": "x"})")[0].message == "missing key 'accounts'");
  CHECK(load_errors(R"({"accounts": []})")[0].message == "expected an object, found a list");
  CHECK(load_errors(R"([])")[0].message == "expected an object, found a list");
  CHECK(load_errors(R"({"accounts": {"1": "x"}})")[0].field == workers::FieldPath{"accounts", "1"});
}

TEST_CASE("an index with no accounts loads but does not build") {
  test::ScratchDir dir;
  auto org = load_index_json(dir.write("index.json", R"({"accounts": {}, "generated": "x"})"));
  REQUIRE(org.has_value());
  CHECK_FALSE(AccountIndex::build(std::move(*org)).has_value());
}

TEST_CASE("a repeated account id keeps the first position and the last value, as a Python dict") {
  test::ScratchDir dir;
  const std::string text =
      std::string(k_account_1)
          .insert(
              15,
              R"("2": {"Arn": "arn:aws:organizations::1:account/o/2", "Name": "two", "Regions": [], "Parents": [], "Tags": {}},
  "000000000001": {"Name": "first", "Regions": [], "Parents": [], "Tags": {}},)");
  auto org = load_index_json(dir.write("index.json", text));
  REQUIRE(org.has_value());
  REQUIRE(org->accounts.size() == 2);
  CHECK(org->accounts[0].id == "2");
  CHECK(org->accounts[1].name == "one");
}

TEST_CASE("string escapes decode as Python decodes them") {
  test::ScratchDir dir;
  std::string text = k_account_1;
  text.replace(text.find("\"one\""), 5, R"("\u00e9\ud83d\ude00\n\/")");
  auto org = load_index_json(dir.write("index.json", text));
  REQUIRE(org.has_value());
  CHECK(org->accounts[0].name == "\xC3\xA9\xF0\x9F\x98\x80\n/");
}

TEST_CASE("a missing file is one error naming it") {
  auto org = load_index_json("/nonexistent/index.json");
  REQUIRE_FALSE(org.has_value());
  CHECK(org.error()[0].file == "/nonexistent/index.json");
}
