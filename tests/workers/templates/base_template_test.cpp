// WorkerShipPayloadBaseTemplate (SINGLE_INVOCATION): starfleet-behavior.md §3.1, §3.5, §13.4 SC4/SC5.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"

using drydock::test::error_dict;
using drydock::test::json;
using drydock::test::validate_yaml;
using drydock::workers::TemplateKind;

namespace {
constexpr auto k_single = TemplateKind::single_invocation;
constexpr std::string_view k_p0 =
    "TemplateName: SampleBasePayloadTemplate\n"
    "TemplateDescription: This is a template for unit test purposes only.\n";
}  // namespace

TEST_CASE("SC4: the sample base payload loads, and without TemplateName it is missing") {
  auto result = validate_yaml(k_p0, k_single);
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.loaded.has_value());
  CHECK(result.loaded->kind == k_single);
  CHECK(result.loaded->template_name == "SampleBasePayloadTemplate");
  CHECK(result.loaded->template_description == "This is a template for unit test purposes only.");

  CHECK(error_dict("TemplateDescription: This is a template for unit test purposes only.\n", k_single) ==
        json(R"({"TemplateName": ["Missing data for required field."]})"));
}

TEST_CASE("SC5: unknown top-level keys are allowed in every template kind") {
  auto text = std::string(k_p0) + "SomeField: SomeValue\n2024: x\n";
  CHECK(validate_yaml(text, k_single).loaded.has_value());
  CHECK(error_dict(drydock::test::account_template("  AllAccounts: true", "SomeField: x\n"),
                   TemplateKind::account)
            .empty());
}

TEST_CASE("a payload that is not a mapping is an invalid input type under _schema") {
  const auto expected = json(R"({"_schema": ["Invalid input type."]})");
  SUBCASE("None (empty document)") {
    CHECK(error_dict("", k_single) == expected);
  }
  SUBCASE("a list") {
    CHECK(error_dict("- a\n- b\n", k_single) == expected);
  }
  SUBCASE("a string") {
    CHECK(error_dict("just text\n", k_single) == expected);
  }
  SUBCASE("an int") {
    CHECK(error_dict("5\n", k_single) == expected);
  }
  SUBCASE("ACCOUNT_REGION reports only the _schema error") {
    CHECK(error_dict("[]\n", TemplateKind::account_region) == expected);
  }
}

TEST_CASE("an empty mapping misses both base fields") {
  CHECK(error_dict("{}\n", k_single) == json(R"({"TemplateName": ["Missing data for required field."],
                 "TemplateDescription": ["Missing data for required field."]})"));
}

TEST_CASE("base string fields reject every non-string type with Not a valid string") {
  const auto expected = json(R"({"TemplateName": ["Not a valid string."]})");
  for (const char* value : {"5", "000000000017", "true", "yes", "1.5", ".inf", "[a]", "{a: b}", "2024-01-01",
                            "2024-01-01 10:00:00"}) {
    CAPTURE(value);
    CHECK(error_dict(std::string("TemplateName: ") + value + "\nTemplateDescription: D\n", k_single) ==
          expected);
  }
}

TEST_CASE("a null base field may not be null and an empty string is fine") {
  SUBCASE("null") {
    CHECK(
        error_dict("TemplateName: null\nTemplateDescription: ~\n", k_single) ==
        json(
            R"({"TemplateName": ["Field may not be null."], "TemplateDescription": ["Field may not be null."]})"));
  }
  SUBCASE("empty value") {
    CHECK(error_dict("TemplateName:\nTemplateDescription: D\n", k_single) ==
          json(R"({"TemplateName": ["Field may not be null."]})"));
  }
  SUBCASE("empty string") {
    auto result = validate_yaml("TemplateName: ''\nTemplateDescription: \"\"\n", k_single);
    CHECK(result.diagnostics.empty());
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->template_name.empty());
  }
}

TEST_CASE("invalid_base.yaml fails with both base fields missing") {
  CHECK(error_dict("MissingRequiredFields: True\n", k_single) ==
        json(R"({"TemplateName": ["Missing data for required field."],
                 "TemplateDescription": ["Missing data for required field."]})"));
}

TEST_CASE("a template with errors has no loaded result and errors carry no file or code") {
  auto result = validate_yaml("TemplateName: 1\nTemplateDescription: D\n", k_single);
  CHECK_FALSE(result.loaded.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].severity == drydock::workers::Severity::error);
  CHECK(result.diagnostics[0].file.empty());
  CHECK(result.diagnostics[0].code.empty());
}
