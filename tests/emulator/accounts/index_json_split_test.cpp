// The index reader's two-thread mode (a large "accounts" object read in halves) against the one-thread
// reader on the same text: the same Organization, or the same diagnostics, whatever the second half
// holds — including a duplicate id across the halves, an error after the split and a guess that
// lands inside an account.
#include <string>

#include <doctest/doctest.h>

#include "emulator/accounts/organization.hpp"
#include "workers/regions/region_universe.hpp"

using namespace drydock;
using namespace drydock::emulator;

namespace {

std::string generated_index(std::size_t accounts) {
  return to_index_json(generate_organization(accounts, 7, workers::default_region_universe()));
}

std::string describe(const std::expected<Organization, std::vector<workers::Diagnostic>>& result) {
  if (result) {
    return "ok " + std::to_string(result->accounts.size()) + " " + to_index_json(*result);
  }
  std::string out = "errors";
  for (const auto& d : result.error()) {
    out += "\n" + std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + " " + d.message;
  }
  return out;
}

// Reads `text` on one thread and with the split forced on; both must agree. `halves` says whether
// the second half was taken.
std::string agree(const std::string& text, bool* halves = nullptr) {
  const auto one = describe(detail::read_index_json(text, "index.json", SIZE_MAX));
  bool used = false;
  const auto two = describe(detail::read_index_json(text, "index.json", 0, &used));
  CHECK(one == two);
  if (halves != nullptr) {
    *halves = used;
  }
  return one;
}

}  // namespace

TEST_CASE("index reader: two threads read a generated index exactly as one does") {
  const std::string text = generated_index(400);
  bool halves = false;
  const std::string result = agree(text, &halves);
  CHECK(halves);  // the comparison is not one thread against itself
  CHECK(result.starts_with("ok 400 "));
  // Written back, the file is byte for byte what was read.
  CHECK(result.substr(std::string("ok 400 ").size()) == text);
}

TEST_CASE("index reader: what the second half holds never changes the result") {
  const std::string text = generated_index(200);
  const std::size_t middle = text.size() / 2;
  const std::size_t key = text.find("\n        \"", middle);  // an account key after the middle
  REQUIRE(key != std::string::npos);
  const std::string id = text.substr(key + 10, 12);

  SUBCASE("an id of the first half repeated in the second") {
    std::string copy = text;
    const std::string first_id = text.substr(text.find("\"accounts\"") + 23, 12);
    copy.replace(key + 10, 12, first_id);
    bool halves = true;
    CHECK(agree(copy, &halves).starts_with("ok 199 "));
    CHECK_FALSE(halves);  // a dict keeps the first position: the second half is not taken
  }
  SUBCASE("a syntax error after the split") {
    std::string copy = text;
    copy.insert(text.find("\"Regions\"", key), ",");
    CHECK(agree(copy).starts_with("errors"));
  }
  SUBCASE("a missing key after the split") {
    std::string copy = text;
    const std::size_t name = text.find("\"Name\"", key);
    copy.replace(name, 6, "\"Nome\"");
    CHECK(agree(copy).find("missing key 'Name'") != std::string::npos);
  }
  SUBCASE("a problem before the split") {
    std::string copy = text;
    const std::size_t tags = text.find("\"Tags\"", text.find("\"accounts\""));
    copy.replace(tags, 6, "\"Togs\"");
    CHECK(agree(copy).find("missing key 'Tags'") != std::string::npos);
  }
  SUBCASE("an object that is not an account where the guess lands") {
    // A Tags object followed by another key: the guess may take that key for an account id.
    std::string copy = text;
    const std::size_t tags = text.find("\"Tags\": {", middle);
    REQUIRE(tags != std::string::npos);
    const std::size_t close = copy.find('}', tags);
    copy.insert(close + 1, ", \"Extra\": {\"Name\": \"x\"}");
    CHECK(agree(copy).starts_with("ok 200 "));
  }
}
