// marshmallow field primitives: Python len(), bytes decoding, truthiness and collections.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"
#include "workers/templates/marshmallow_fields.hpp"

using drydock::workers::Mark;
using drydock::workers::TemplateKind;
using drydock::workers::yaml::Document;
using drydock::workers::yaml::Node;
using drydock::workers::yaml::Type;
namespace templates = drydock::workers::templates;

namespace {

// {TemplateName: <bytes>, TemplateDescription: D}, built by hand (a !!binary value).
drydock::workers::TemplateValidation validate_bytes_name(std::string bytes) {
  Document doc;
  auto& root = doc.make(Type::mapping, Mark{1, 1});
  auto& name_key = doc.make(Type::string, Mark{1, 1});
  name_key.text = "TemplateName";
  auto& name = doc.make(Type::bytes, Mark{1, 15});
  name.text = std::move(bytes);
  auto& description_key = doc.make(Type::string, Mark{2, 1});
  description_key.text = "TemplateDescription";
  auto& description = doc.make(Type::string, Mark{2, 22});
  description.text = "D";
  root.entries = {{&name_key, &name}, {&description_key, &description}};
  doc.set_root(&root);
  return drydock::workers::validate_template(*doc.root(), TemplateKind::single_invocation,
                                             drydock::workers::default_region_universe());
}

}  // namespace

TEST_CASE("string fields accept bytes that decode as UTF-8 and reject the rest") {
  auto ok = validate_bytes_name("caf\xC3\xA9");
  REQUIRE(ok.loaded.has_value());
  CHECK(ok.loaded->template_name == "caf\xC3\xA9");
  for (std::string bad : {"\xFF", "\xC3", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82"}) {
    CAPTURE(bad);
    CHECK(drydock::workers::to_error_dict(validate_bytes_name(bad).diagnostics) ==
          drydock::test::json(R"({"TemplateName": ["Not a valid utf-8 string."]})"));
  }
}

TEST_CASE("code points are counted like Python's len of a str") {
  CHECK(templates::code_point_count("") == 0);
  CHECK(templates::code_point_count("abc") == 3);
  CHECK(templates::code_point_count("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80") == 3);
  CHECK(templates::is_valid_utf8("\xF0\x9F\x9A\x80"));
  CHECK_FALSE(templates::is_valid_utf8("\xF0\x9F\x9A"));
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
    CHECK(templates::python_truthy(*items[i]) == expected[i]);
  }
}

TEST_CASE("lists, tuples and sets are collections; strings, bytes and mappings are not") {
  Node node;
  for (auto [type, collection] :
       {std::pair{Type::sequence, true}, std::pair{Type::set, true}, std::pair{Type::string, false},
        std::pair{Type::bytes, false}, std::pair{Type::mapping, false}, std::pair{Type::date, false}}) {
    node.type = type;
    CHECK(templates::is_collection(node) == collection);
  }
}
