#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"
#include "tests/workers/marshmallow/hand_built_nodes.hpp"
#include "workers/configuration/field_checks.hpp"
#include "workers/configuration/python_enum_attributes.hpp"
#include "workers/diagnostics/error_dict.hpp"

using namespace drydock::workers;
using nlohmann::json;
using yaml::Type;

namespace {

// The messages recorded by running `check` on `value` at path ["F"].
json run(const yaml::Node& value, const config::ValueCheck& check) {
  std::vector<Diagnostic> out;
  config::Reporter reporter("f.yaml", out);
  config::deserialize(value, {std::string("F")}, reporter, check);
  return to_error_dict(out);
}

void boolean(const yaml::Node& v, const FieldPath& p, config::Reporter& r) {
  config::check_boolean(v, p, r);
}
void string(const yaml::Node& v, const FieldPath& p, config::Reporter& r) {
  config::check_string(v, p, r);
}

const json k_ok = json::object();
const json k_not_boolean = json::parse(R"({"F": ["Not a valid boolean."]})");

}  // namespace

TEST_CASE("Boolean accepts the ints and floats equal to 1 and 0 and nothing else numeric") {
  drydock::test::HandBuiltNodes n;
  CHECK(run(n.make(Type::integer, "1"), boolean) == k_ok);
  CHECK(run(n.make(Type::integer, "-0"), boolean) == k_ok);
  CHECK(run(n.make(Type::floating, {}, 1.0), boolean) == k_ok);
  CHECK(run(n.make(Type::floating, {}, -0.0), boolean) == k_ok);
  CHECK(run(n.make(Type::integer, "2"), boolean) == k_not_boolean);
  CHECK(run(n.make(Type::integer, "100000000000000000000000000001"), boolean) == k_not_boolean);
  CHECK(run(n.make(Type::floating, {}, 0.5), boolean) == k_not_boolean);
  CHECK(run(n.make(Type::bytes, "1"), boolean) == k_not_boolean);
  CHECK(run(n.make(Type::set), boolean) == k_not_boolean);
}

TEST_CASE("String accepts bytes that decode as UTF-8") {
  drydock::test::HandBuiltNodes n;
  CHECK(run(n.make(Type::bytes, "abc"), string) == k_ok);
  CHECK(run(n.make(Type::bytes, "\xff"), string) == json::parse(R"({"F": ["Not a valid utf-8 string."]})"));
  CHECK(run(n.make(Type::date, "2024-01-01"), string) == json::parse(R"({"F": ["Not a valid string."]})"));
}

TEST_CASE("List accepts a set, as marshmallow's is_collection does, but not a mapping or a string") {
  drydock::test::HandBuiltNodes n;
  auto& set = n.doc.make(Type::set, {1, 1});
  set.items.push_back(&n.make(Type::string, "S3"));
  set.items.push_back(&n.make(Type::integer, "1"));
  auto list = [](const yaml::Node& v, const FieldPath& p, config::Reporter& r) {
    config::check_list(v, p, r, string);
  };
  CHECK(run(set, list) == json::parse(R"({"F": {"1": ["Not a valid string."]}})"));
  CHECK(run(n.make(Type::mapping), list) == json::parse(R"({"F": ["Not a valid list."]})"));
  CHECK(run(n.make(Type::string, "S3"), list) == json::parse(R"({"F": ["Not a valid list."]})"));
}

TEST_CASE("enum names also accept the Python attributes of an Enum class, as getattr() does") {
  CHECK(config::is_python_enum_class_attribute("__doc__"));
  CHECK(config::is_python_enum_class_attribute("mro"));
  CHECK(config::is_python_enum_class_attribute("_member_map_"));
  CHECK_FALSE(config::is_python_enum_class_attribute("name"));
  CHECK_FALSE(config::is_python_enum_class_attribute("value"));
  CHECK_FALSE(config::is_python_enum_class_attribute("S3"));
  drydock::test::HandBuiltNodes n;
  const std::array<std::string, 2> members = {"A", "B"};
  auto check = [&](const yaml::Node& v, const FieldPath& p, config::Reporter& r) {
    config::check_enum_name(v, p, r, members);
  };
  CHECK(run(n.make(Type::string, "__class__"), check) == k_ok);
  CHECK(run(n.make(Type::string, "a"), check) == json::parse(R"({"F": ["Must be one of: A, B."]})"));
}

TEST_CASE("a missing required field is reported at the mapping, an unknown key at the key") {
  auto doc = drydock::test::load_yaml("M:\n  A: 1\n  Other: 1\n");
  const std::array<config::FieldSpec, 2> fields = {{{"A", true, string}, {"Req", true, string}}};
  std::vector<Diagnostic> out;
  config::Reporter reporter("f.yaml", out);
  config::check_schema(*doc.root()->find("M"), {std::string("M")}, reporter, fields, config::Unknown::raise);
  CHECK(to_error_dict(out) ==
        json::parse(R"({"M": {"A": ["Not a valid string."], "Req": ["Missing data for required field."],
      "Other": ["Unknown field."]}})"));
  REQUIRE(out.size() == 3);
  CHECK(out[0].mark == Mark{2, 6});
  CHECK(out[1].mark == Mark{2, 3});
  CHECK(out[2].mark == Mark{3, 3});
  CHECK(out[2].file == "f.yaml");
  CHECK(reporter.error_count() == 3);
}
