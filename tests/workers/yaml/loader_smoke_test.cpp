#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

using namespace drydock::workers::yaml;

TEST_CASE(
    "yaml loader: an unquoted all-octal account id loads as the int 15 and an id with an 8 stays a string") {
  auto doc = drydock::test::load_yaml("ByIds: [000000000017, 000000000018, '000000000017']\n");
  const auto* ids = doc.root()->find("ByIds");
  REQUIRE(ids != nullptr);
  REQUIRE(ids->items.size() == 3);
  CHECK(ids->items[0]->type == Type::integer);
  CHECK(ids->items[0]->text == "15");
  CHECK(ids->items[1]->type == Type::string);
  CHECK(ids->items[2]->type == Type::string);
  CHECK(dumps(*doc.root()).value() == R"({"ByIds": [15, "000000000018", "000000000017"]})");
}
