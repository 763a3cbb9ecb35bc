// Behaviours of load() that the Python vectors show only through JSON: the typed tree itself, the
// duplicate-key record for the lint, marks, and to_json for schema validation.
#include <chrono>

#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

using namespace drydock::workers::yaml;
using drydock::workers::Mark;

TEST_CASE("yaml loader: duplicate keys keep the first position and the last value, and are recorded") {
  auto doc = drydock::test::load_yaml("a: 1\nb: 2\na: 3\n");
  const Node& root = *doc.root();
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[0].key->text == "a");
  CHECK(root.entries[0].value->text == "3");
  REQUIRE(doc.duplicate_keys.size() == 1);
  CHECK(doc.duplicate_keys[0].key == "a");
  CHECK(doc.duplicate_keys[0].first == Mark{1, 1});
  CHECK(doc.duplicate_keys[0].duplicate == Mark{3, 1});

  SUBCASE("keys equal after typing are duplicates too, spelled as first written") {
    auto typed = drydock::test::load_yaml("0: a\nfalse: b\nno: c\n0.0: d\n-0.0: e\n");
    REQUIRE(typed.root()->entries.size() == 1);
    CHECK(typed.root()->entries[0].key->type == Type::integer);
    CHECK(typed.root()->entries[0].value->text == "e");
    CHECK(typed.duplicate_keys.size() == 4);
    CHECK(typed.duplicate_keys[3].key == "-0.0");
    CHECK(typed.duplicate_keys[3].first == Mark{1, 1});
  }
  SUBCASE("an int and a str of the same digits are different keys") {
    auto mixed = drydock::test::load_yaml("1: a\n\"1\": b\n");
    CHECK(mixed.root()->entries.size() == 2);
    CHECK(mixed.duplicate_keys.empty());
    CHECK(dumps(*mixed.root()).value() == R"({"1": "a", "1": "b"})");
  }
  SUBCASE("overriding a merged key is what merges are for, not a duplicate") {
    auto merged = drydock::test::load_yaml("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 9\n  x: 10\n");
    CHECK(dumps(*merged.root()).value() == R"({"base": {"x": 1, "y": 2}, "m": {"x": 10, "y": 2}})");
    REQUIRE(merged.duplicate_keys.size() == 1);
    CHECK(merged.duplicate_keys[0].first == Mark{4, 3});
    CHECK(merged.duplicate_keys[0].duplicate == Mark{5, 3});
  }
  SUBCASE("nested and flow mappings are checked as well") {
    auto nested = drydock::test::load_yaml("a: {x: 1, x: 2}\nb:\n  - {y: 1, y: 2}\n");
    CHECK(nested.duplicate_keys.size() == 2);
  }
}

TEST_CASE("yaml loader: nodes carry 1-based marks counted in characters, and aliases are shared") {
  auto doc = drydock::test::load_yaml("été: &x [1, 2]\nb: *x\n");
  const Node& root = *doc.root();
  CHECK(root.entries[0].value->mark == Mark{1, 6});
  CHECK(root.entries[1].value == root.entries[0].value);  // the same node, as in Python
  CHECK(root.find("b") == root.entries[0].value);
}

TEST_CASE("yaml loader: big ints are exact, and past 4300 digits they load but cannot be dumped") {
  auto doc = drydock::test::load_yaml("a: 18446744073709551616\nb: -0x10\n");
  CHECK(doc.root()->find("a")->text == "18446744073709551616");
  CHECK_FALSE(doc.root()->find("a")->as_int64());
  CHECK(doc.root()->find("b")->as_int64() == -16);

  auto huge = drydock::test::load_yaml("v: 0x" + std::string(4000, 'f') + "\n");
  const Node* v = huge.root()->find("v");
  CHECK(v->int_exceeds_str_digits);
  CHECK(dumps(*huge.root()).error().python_error ==
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to increase the limit");
}

TEST_CASE("yaml loader: explicit tags construct as SafeConstructor does, unknown tags are errors") {
  auto doc = drydock::test::load_yaml(
      "%TAG !e! tag:yaml.org,2002:\n---\n"
      "s: !e!str 123\nb: !!binary aGVsbG8=\nset: !!set {a, b, a}\nomap: !!omap [x: 1, y: 2]\nn: ! 12\n");
  const Node& root = *doc.root();
  CHECK(root.find("s")->text == "123");
  CHECK(root.find("b")->type == Type::bytes);
  CHECK(root.find("b")->text == "hello");
  CHECK(root.find("set")->type == Type::set);
  CHECK(root.find("set")->items.size() == 2);
  CHECK(root.find("omap")->items[1]->is_tuple);
  CHECK(root.find("n")->type == Type::integer);

  auto unknown = load("v: !Ref MyBucket\n");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().python_error ==
        "ConstructorError: could not determine a constructor for the tag '!Ref'");
  CHECK(unknown.error().mark == Mark{1, 4});
}

TEST_CASE("yaml loader: only one document is allowed") {
  auto doc = load("a: 1\n---\nb: 2\n");
  REQUIRE_FALSE(doc);
  CHECK(doc.error().python_error == "ComposerError: expected a single document in the stream");
  CHECK(doc.error().mark == Mark{2, 1});
  CHECK(doc.error().python_error_full ==
        "expected a single document in the stream\n  in \"<file>\", line 1, column 1\n"
        "but found another document\n  in \"<file>\", line 2, column 1");
}

TEST_CASE("yaml loader: to_json gives schema validation a tree even where json.dumps would fail") {
  auto doc = drydock::test::load_yaml(
      "d: 2024-01-01\nu64: 18446744073709551615\nbig: 18446744073709551616\nn: .nan\nk: {1: a, true: b}\n");
  auto json = to_json(*doc.root());
  REQUIRE(json);
  CHECK((*json)["d"].get<std::string>() == "2024-01-01");
  CHECK((*json)["u64"].is_number_unsigned());
  CHECK((*json)["big"].is_number_float());  // beyond 64 bits
  CHECK((*json)["k"].dump() == R"({"1":"b"})");
  CHECK_FALSE(dumps(*doc.root()));  // upstream cannot send a date
}

TEST_CASE("yaml loader: a 400-byte template loads in microseconds") {
  // PyYAML's safe_load takes about 0.7 ms of CPU for this template; Drydock must be at least 20x
  // faster in a release build (about 13 us measured, 50x). An unoptimised Debug build is some 30x
  // slower than release and sanitizers add more, so the bound here is only a guard against gross
  // regressions.
  const std::string yaml =
      "TemplateName: IamRoleTemplate\n"
      "TemplateDescription: A small role template of about four hundred bytes\n"
      "IncludeAccounts:\n  ByIds:\n    - \"000000000001\"\n    - \"000000000002\"\n  ByNames:\n    - prod\n"
      "ExcludeAccounts:\n  ByOrgUnits:\n    - ou-1234\n"
      "IncludeRegions:\n  - us-east-1\n  - us-west-2\n"
      "IamRoleSpec:\n  RoleName: SomeRole\n  MaxSessionDuration: 3600\n  Enabled: True\n"
      "  Tags: {Owner: team, Cost: 1234}\n";
  constexpr int k_loads = 2000;
  const auto start = std::chrono::steady_clock::now();
  std::size_t nodes = 0;
  for (int k = 0; k < k_loads; ++k) {
    nodes += load(yaml)->node_count();
  }
  const double micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / k_loads;
  CHECK(nodes == 37U * k_loads);
  MESSAGE("load() of a " << yaml.size() << "-byte template: " << micros << " us");
}
