// Python's view of loaded values: truthiness, collections, and how mapping keys are printed.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.hpp"
#include "tests/workers/marshmallow/hand_built_nodes.hpp"
#include "workers/marshmallow/python_values.hpp"

using namespace drydock::workers;
using yaml::Type;

TEST_CASE("Python truthiness of raw values") {
  drydock::test::HandBuiltNodes n;
  CHECK_FALSE(marshmallow::python_truthy(n.make(Type::null)));
  CHECK_FALSE(marshmallow::python_truthy(n.make(Type::integer, "-0")));
  CHECK_FALSE(marshmallow::python_truthy(n.make(Type::floating, {}, 0.0)));
  CHECK_FALSE(marshmallow::python_truthy(n.make(Type::string, "")));
  CHECK_FALSE(marshmallow::python_truthy(n.make(Type::mapping)));
  CHECK(marshmallow::python_truthy(n.make(Type::string, "False")));
  CHECK(marshmallow::python_truthy(n.make(Type::integer, "10")));
  CHECK(marshmallow::python_truthy(n.make(Type::date, "2024-01-01")));
  CHECK(marshmallow::python_truthy(n.make(Type::boolean, {}, 0.0, true)));
}

TEST_CASE("python truthiness of loaded values") {
  auto doc = drydock::test::load_yaml(
      "[0, 1, 0.0, .nan, '', x, [], [0], {}, {a: 1}, null, false, true, 2024-01-01]\n");
  std::vector<bool> expected = {false, true,  false, true,  false, true, false,
                                true,  false, true,  false, false, true, true};
  const auto& items = doc.root()->items;
  REQUIRE(items.size() == expected.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    CAPTURE(i);
    CHECK(marshmallow::python_truthy(*items[i]) == expected[i]);
  }
}

TEST_CASE("lists, tuples and sets are collections, and strings, bytes and mappings are not") {
  yaml::Node node;
  for (auto [type, collection] :
       {std::pair{Type::sequence, true}, std::pair{Type::set, true}, std::pair{Type::string, false},
        std::pair{Type::bytes, false}, std::pair{Type::mapping, false}, std::pair{Type::date, false}}) {
    node.type = type;
    CHECK(marshmallow::is_collection(node) == collection);
  }
}

TEST_CASE("unknown keys are keyed as marshmallow keys them: ints stay ints, other keys by Python str()") {
  drydock::test::HandBuiltNodes n;
  CHECK(marshmallow::key_path_element(n.make(Type::integer, "3")) == PathElement{std::int64_t{3}});
  CHECK(marshmallow::key_path_element(n.make(Type::boolean, {}, 0.0, true)) ==
        PathElement{std::string("True")});
  CHECK(marshmallow::key_path_element(n.make(Type::null)) == PathElement{std::string("None")});
  CHECK(marshmallow::key_path_element(n.make(Type::floating, {}, 1.0)) == PathElement{std::string("1.0")});
  CHECK(marshmallow::key_path_element(n.make(Type::floating, {}, 2.5)) == PathElement{std::string("2.5")});
}
