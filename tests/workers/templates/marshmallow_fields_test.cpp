// marshmallow fields in payload templates: bytes decoding through the template validator.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"
#include "workers/templates/template_validator.hpp"

using drydock::workers::Mark;
using drydock::workers::TemplateKind;
using drydock::workers::yaml::Document;
using drydock::workers::yaml::Type;

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
