// Where template errors point: field paths as upstream keys them and the most useful source mark.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"

using drydock::test::validate_yaml;
using drydock::workers::Diagnostic;
using drydock::workers::FieldPath;
using drydock::workers::Mark;
using drydock::workers::TemplateKind;

namespace {

const Diagnostic& only(const drydock::workers::TemplateValidation& result) {
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics[0];
}

}  // namespace

TEST_CASE("type errors point at the value and list item errors at the item") {
  auto result = validate_yaml(
      "TemplateName: T\n"
      "TemplateDescription: D\n"
      "IncludeAccounts:\n"
      "  ByIds:\n"
      "    - '000000000001'\n"
      "    - 000000000017\n",
      TemplateKind::account);
  const auto& d = only(result);
  CHECK(d.field == FieldPath{std::string("IncludeAccounts"), std::string("ByIds"), std::int64_t{1}});
  CHECK(d.mark == Mark{6, 7});
  CHECK(d.message == "Not a valid string.");
}

TEST_CASE("unknown fields point at the key") {
  auto result = validate_yaml(
      "TemplateName: T\nTemplateDescription: D\nIncludeAccounts:\n  AllAccounts: true\n  Bogus: 1\n",
      TemplateKind::account);
  const auto& d = only(result);
  CHECK(d.field == FieldPath{std::string("IncludeAccounts"), std::string("Bogus")});
  CHECK(d.mark == Mark{5, 3});
  CHECK(d.message == "Unknown field.");
}

TEST_CASE("missing required fields point at the enclosing mapping") {
  SUBCASE("top level: the root mapping") {
    auto result = validate_yaml("\n\nTemplateDescription: D\n", TemplateKind::single_invocation);
    const auto& d = only(result);
    CHECK(d.field == FieldPath{std::string("TemplateName")});
    CHECK(d.mark == Mark{3, 1});
  }
  SUBCASE("nested: the tag mapping") {
    auto result = validate_yaml(
        "TemplateName: T\nTemplateDescription: D\nIncludeAccounts:\n  ByTags:\n    - {Value: v}\n",
        TemplateKind::account);
    const auto& d = only(result);
    CHECK(d.field == FieldPath{std::string("IncludeAccounts"), std::string("ByTags"), std::int64_t{0},
                               std::string("Name")});
    CHECK(d.mark == Mark{5, 7});
  }
}

TEST_CASE("schema errors of a non-mapping point at the value, or at line 1 column 1") {
  SUBCASE("a nested non-mapping") {
    auto result = validate_yaml("TemplateName: T\nTemplateDescription: D\nIncludeAccounts: [x]\n",
                                TemplateKind::account);
    const auto& d = only(result);
    CHECK(d.field == FieldPath{std::string("IncludeAccounts"), std::string("_schema")});
    CHECK(d.mark == Mark{3, 18});
  }
  SUBCASE("an empty document") {
    auto result = validate_yaml("", TemplateKind::single_invocation);
    const auto& d = only(result);
    CHECK(d.field == FieldPath{std::string("_schema")});
    CHECK(d.mark == Mark{1, 1});
  }
  SUBCASE("a hand-built root without a mark") {
    drydock::workers::yaml::Document doc;
    doc.set_root(&doc.make(drydock::workers::yaml::Type::string, Mark{}));
    auto result = drydock::workers::validate_template(*doc.root(), TemplateKind::single_invocation,
                                                      drydock::workers::default_region_universe());
    CHECK(only(result).mark == Mark{1, 1});
  }
}

TEST_CASE("the AllAccounts rule points at the offending key and invalid regions at the first bad item") {
  auto result = validate_yaml(
      "TemplateName: T\nTemplateDescription: D\nIncludeAccounts:\n  AllAccounts: true\n  ByNames: [a]\n",
      TemplateKind::account);
  CHECK(only(result).mark == Mark{5, 3});

  auto regions = validate_yaml(
      "TemplateName: T\nTemplateDescription: D\nIncludeAccounts: {AllAccounts: true}\n"
      "IncludeRegions:\n  - us-east-1\n  - zz-nowhere-1\n  - aa-nowhere-1\n",
      TemplateKind::account_region);
  const auto& d = only(regions);
  CHECK(d.field == FieldPath{std::string("IncludeRegions")});
  CHECK(d.mark == Mark{6, 5});
}

TEST_CASE("non-string unknown keys are keyed as upstream keys them") {
  auto result = validate_yaml(
      "TemplateName: T\nTemplateDescription: D\nIncludeAccounts: {AllAccounts: true, 12: a, true: b, ~: c, "
      "1.5: d}\n",
      TemplateKind::account);
  REQUIRE(result.diagnostics.size() == 4);
  CHECK(result.diagnostics[0].field.back() == drydock::workers::PathElement{std::int64_t{12}});
  CHECK(result.diagnostics[1].field.back() == drydock::workers::PathElement{std::string("True")});
  CHECK(result.diagnostics[2].field.back() == drydock::workers::PathElement{std::string("None")});
  CHECK(result.diagnostics[3].field.back() == drydock::workers::PathElement{std::string("1.5")});
}
