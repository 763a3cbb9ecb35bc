#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "workers/schema/json_schema_validator.hpp"

using namespace drydock::workers;

TEST_CASE("a worker's JSON Schema errors carry the field path and the line of the offending value") {
  auto schema = JsonSchemaValidator::from_json(nlohmann::json::parse(R"({
    "type": "object",
    "required": ["Bucket"],
    "properties": {
      "Retention": {"type": "integer", "minimum": 1},
      "Rules": {"type": "array", "items": {"type": "object", "required": ["Name"]}}
    }})"));
  REQUIRE(schema.has_value());
  auto doc = drydock::test::load_yaml("TemplateName: t\nRetention: 0\nRules:\n  - Name: a\n  - Nom: b\n");
  auto errors = schema->validate(*doc.root());
  REQUIRE(errors.size() == 3);
  sort_diagnostics(errors);
  CHECK(format_field_path(errors[0].field) == "");  // missing Bucket: the document itself
  CHECK(errors[1].mark.line == 2);
  CHECK(format_field_path(errors[1].field) == "Retention");
  CHECK(errors[2].mark.line == 5);
  CHECK(format_field_path(errors[2].field) == "Rules[1]");
}

TEST_CASE("a template satisfying the schema has no errors") {
  auto schema = JsonSchemaValidator::from_json(nlohmann::json::parse(R"({"type": "object"})"));
  REQUIRE(schema.has_value());
  auto doc = drydock::test::load_yaml("a: 1\n");
  CHECK(schema->validate(*doc.root()).empty());
}

TEST_CASE("an unusable schema file is an error, not a crash") {
  drydock::test::ScratchDir dir;
  CHECK_FALSE(JsonSchemaValidator::from_file(dir.path() / "missing.json").has_value());
  auto bad = JsonSchemaValidator::from_file(dir.write("bad.json", R"({"type": 12})"));
  CHECK_FALSE(bad.has_value());
  auto broken = JsonSchemaValidator::from_file(dir.write("broken.json", "{"));
  CHECK_FALSE(broken.has_value());
}
