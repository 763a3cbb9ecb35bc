// IncludeAccounts / ExcludeAccounts: starfleet-behavior.md §3.2, §3.6 and §13.4 SC6/SC7.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"

using drydock::test::error_dict;
using drydock::test::json;
using drydock::test::validate_yaml;
using drydock::workers::TemplateKind;

namespace {

// The errors under `field` of an ACCOUNT template whose `field` is the flow YAML `spec`
// (and whose IncludeAccounts is {AllAccounts: true} when `field` is ExcludeAccounts).
nlohmann::json spec_errors(std::string_view spec, std::string_view field = "IncludeAccounts") {
  std::string text = "TemplateName: T\nTemplateDescription: D\n";
  if (field != "IncludeAccounts") {
    text += "IncludeAccounts: {AllAccounts: true}\n";
  }
  text += std::string(field) + ": " + std::string(spec) + "\n";
  auto dict = error_dict(text, TemplateKind::account);
  auto key = std::string(field);
  return dict.contains(key) ? dict[key] : nlohmann::json::object();
}

nlohmann::json json_spec_errors(const nlohmann::json& spec, std::string_view field = "IncludeAccounts") {
  return spec_errors(std::string_view(spec.dump()), field);
}

// One ByTags item's errors, as upstream's AccountTagNameValueSchema reports them.
nlohmann::json tag_errors(std::string_view tag) {
  auto errors = spec_errors("{ByTags: [" + std::string(tag) + "]}");
  return errors.contains("ByTags") ? errors["ByTags"]["0"] : nlohmann::json::object();
}

constexpr std::string_view k_exclusive =
    "Can't specify other parameters when `AllAccounts` is set to `True`.";

// {key: [message]}
nlohmann::json message_under(std::string_view key, std::string_view message) {
  auto out = nlohmann::json::object();
  out[std::string(key)] = nlohmann::json::array({std::string(message)});
  return out;
}

// {"key": value} for a spec field holding a list of strings.
nlohmann::json spec_with(std::string_view key, std::vector<std::string> items) {
  auto out = nlohmann::json::object();
  out[std::string(key)] = items;
  return out;
}

}  // namespace

TEST_CASE("SC6: tag name/value pairs are checked like upstream's AccountTagNameValueSchema") {
  CHECK(tag_errors("{Name: SomeTagName, Value: SomeTagValue}").empty());
  CHECK(tag_errors("{lol: 'no', Value: 'No'}") ==
        json(R"({"Name": ["Missing data for required field."], "lol": ["Unknown field."]})"));
  CHECK(tag_errors("{Name: '', Value: ''}") == json(R"({"Name": ["Length must be between 1 and 128."]})"));
  CHECK(
      tag_errors("{Name: " + std::string(129, 'a') + ", Value: " + std::string(257, 'b') + "}") ==
      json(
          R"({"Value": ["Longer than maximum length 256."], "Name": ["Length must be between 1 and 128."]})"));
}

TEST_CASE("SC7: account specification fields and their length rules") {
  SUBCASE("(a) every field set is valid") {
    CHECK(json_spec_errors(json(R"({"ByNames": ["Account One", "Account Two"],
                               "ByIds": ["000000000001", "000000000002", "000000000003"],
                               "ByOrgUnits": ["SomeOu", "SomeOtherOu", "ou-1234-12345678"],
                               "ByTags": [{"Name": "a", "Value": "b"}, {"Name": "c", "Value": "d"}]})"))
              .empty());
  }
  SUBCASE("(b) AllAccounts alone is valid") {
    CHECK(spec_errors("{AllAccounts: True}").empty());
  }
  SUBCASE("(c) names must be 1..128 long") {
    auto spec = spec_with("ByNames", {"Account One", "", std::string(300, 'b')});
    for (auto field : {"IncludeAccounts", "ExcludeAccounts"}) {
      CHECK(json_spec_errors(spec, field) == json(R"({"ByNames": {"1": ["Length must be between 1 and 128."],
                                                              "2": ["Length must be between 1 and 128."]}})"));
    }
  }
  SUBCASE("(d) ids must be 1..12 long, digits are not checked") {
    auto spec = spec_with("ByIds", {"", "000000000001", std::string(13, '0')});
    CHECK(json_spec_errors(spec) == json(R"({"ByIds": {"0": ["Length must be between 1 and 12."],
                                                  "2": ["Length must be between 1 and 12."]}})"));
    CHECK(spec_errors(R"({ByIds: [not-digits]})").empty());
  }
  SUBCASE("(e) org units get the custom validator's three messages") {
    auto spec =
        spec_with("ByOrgUnits", {"ProperOU", "", "ou-" + std::string(68, 'a'), std::string(200, 'a')});
    CHECK(json_spec_errors(spec) == json(R"({"ByOrgUnits": {"1": ["Length must be greater than 0."],
                                                       "2": ["Length must be less than 68 for OU IDs."],
                                                       "3": ["Length must be less than 128 for OU Names."]}})"));
  }
  SUBCASE("(f) AllAccounts with another truthy field") {
    CHECK(spec_errors("{AllAccounts: True, ByNames: [WRONG]}") == message_under("ByNames", k_exclusive));
  }
}

TEST_CASE("org unit lengths are inclusive at 68 for OU IDs and 128 for names") {
  auto ok = spec_with("ByOrgUnits", {"ou-" + std::string(65, 'a'), std::string(128, 'a')});
  CHECK(json_spec_errors(ok).empty());
  // An ou- string longer than 128 gets only the OU ID message.
  auto long_id = spec_with("ByOrgUnits", {"ou-" + std::string(200, 'a')});
  CHECK(json_spec_errors(long_id) ==
        json(R"({"ByOrgUnits": {"0": ["Length must be less than 68 for OU IDs."]}})"));
}

TEST_CASE("the org unit validator runs on the loaded items, so its indexes shift after an item error") {
  // marshmallow passes List's valid_data (only the items that loaded) to @validates("by_org_units").
  CHECK(spec_errors("{ByOrgUnits: [5, '']}") ==
        json(R"({"ByOrgUnits": {"0": ["Not a valid string.", "Length must be greater than 0."]}})"));
  CHECK(spec_errors("{ByOrgUnits: [ok, null, '', 7]}") ==
        json(R"({"ByOrgUnits": {"1": ["Field may not be null.", "Length must be greater than 0."],
                                "3": ["Not a valid string."]}})"));
}

TEST_CASE("lengths count code points like Python's len") {
  std::string name;
  for (int i = 0; i < 128; ++i) {
    name += "\xC3\xA9";  // é: 2 bytes, 1 code point
  }
  CHECK(json_spec_errors(spec_with("ByNames", {name})).empty());
  CHECK(json_spec_errors(spec_with("ByNames", {name + "x"})) ==
        json(R"({"ByNames": {"0": ["Length must be between 1 and 128."]}})"));
}

TEST_CASE("unquoted account ids: all-octal ones are ints and rejected, ones with an 8 or 9 stay strings") {
  CHECK(spec_errors("{ByIds: [000000000017, 000000000018, 123456789012]}") ==
        json(R"({"ByIds": {"0": ["Not a valid string."], "2": ["Not a valid string."]}})"));
}

TEST_CASE("list fields reject non-lists, null and bad items") {
  const std::vector<std::string> fields = {"ByNames", "ByIds", "ByOrgUnits", "ByTags"};
  SUBCASE("a string or a mapping is not a list") {
    for (const auto& key : fields) {
      CAPTURE(key);
      CHECK(spec_errors("{" + key + ": x}") == message_under(key, "Not a valid list."));
      CHECK(spec_errors("{" + key + ": {a: b}}") == message_under(key, "Not a valid list."));
    }
  }
  SUBCASE("null may not be null") {
    for (const auto& key : fields) {
      CAPTURE(key);
      CHECK(spec_errors("{" + key + ": null}") == message_under(key, "Field may not be null."));
    }
  }
  SUBCASE("a null item may not be null") {
    for (const auto& key : fields) {
      CAPTURE(key);
      auto expected = nlohmann::json::object();
      expected[key] = message_under("0", "Field may not be null.");
      CHECK(spec_errors("{" + key + ": [null]}") == expected);
    }
  }
  SUBCASE("string items reject other types") {
    CHECK(spec_errors("{ByNames: [1, true, [a], {a: b}, 1.5, ok]}") ==
          json(R"({"ByNames": {"0": ["Not a valid string."], "1": ["Not a valid string."],
                               "2": ["Not a valid string."], "3": ["Not a valid string."],
                               "4": ["Not a valid string."]}})"));
  }
  SUBCASE("a tag item that is not a mapping is an invalid input type") {
    CHECK(spec_errors("{ByTags: [x, [a]]}") == json(R"({"ByTags": {"0": {"_schema": ["Invalid input type."]},
                                                                 "1": {"_schema": ["Invalid input type."]}}})"));
  }
  SUBCASE("tag fields may not be null and must be strings") {
    CHECK(
        spec_errors("{ByTags: [{Name: 5, Value: null}]}") ==
        json(R"({"ByTags": {"0": {"Name": ["Not a valid string."], "Value": ["Field may not be null."]}}})"));
  }
}

TEST_CASE("unknown keys in an account specification are unknown fields") {
  SUBCASE("in IncludeAccounts") {
    CHECK(spec_errors("{AllAccounts: true, Foo: 1, 7: x}") ==
          json(R"({"Foo": ["Unknown field."], "7": ["Unknown field."]})"));
  }
  SUBCASE("AllAccounts is unknown in ExcludeAccounts") {
    CHECK(spec_errors("{AllAccounts: true}", "ExcludeAccounts") ==
          json(R"({"AllAccounts": ["Unknown field."]})"));
  }
  SUBCASE("keys are case sensitive") {
    CHECK(spec_errors("{allaccounts: true}") == json(R"({"allaccounts": ["Unknown field."]})"));
  }
}

TEST_CASE("AllAccounts excludes every other truthy field, keyed by the original key") {
  SUBCASE("empty or falsy fields are fine") {
    CHECK(spec_errors("{AllAccounts: True, ByNames: [], ByIds: [], ByTags: []}").empty());
  }
  SUBCASE("each truthy field gets the message") {
    auto expected = message_under("ByIds", k_exclusive);
    expected["ByOrgUnits"] = expected["ByIds"];
    CHECK(spec_errors("{AllAccounts: yes, ByIds: ['000000000001'], ByNames: [], ByOrgUnits: [x]}") ==
          expected);
  }
  SUBCASE("a string AllAccounts is read by marshmallow's Boolean") {
    CHECK(spec_errors("{AllAccounts: 'True', ByNames: [x]}") == message_under("ByNames", k_exclusive));
  }
}

TEST_CASE("an include specification without any account field set gets the message under all five keys") {
  const auto expected = json(R"({
    "AllAccounts": ["Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, `ByIds`, `ByTags`, and/or `ByOrgUnits`."],
    "ByNames": ["Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, `ByIds`, `ByTags`, and/or `ByOrgUnits`."],
    "ByIds": ["Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, `ByIds`, `ByTags`, and/or `ByOrgUnits`."],
    "ByOrgUnits": ["Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, `ByIds`, `ByTags`, and/or `ByOrgUnits`."],
    "ByTags": ["Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, `ByIds`, `ByTags`, and/or `ByOrgUnits`."]})");
  SUBCASE("empty mapping") {
    CHECK(spec_errors("{}") == expected);
  }
  SUBCASE("AllAccounts false and empty lists") {
    CHECK(spec_errors("{AllAccounts: 'no', ByNames: []}") == expected);
  }
  SUBCASE("exclude has no such rule") {
    CHECK(spec_errors("{}", "ExcludeAccounts").empty());
  }
}

TEST_CASE("include schema rules are skipped while the specification has field errors") {
  CHECK(spec_errors("{ByNames: ['']}") ==
        json(R"({"ByNames": {"0": ["Length must be between 1 and 128."]}})"));
  CHECK(spec_errors("{AllAccounts: true, ByNames: [x], Bogus: 1}") ==
        json(R"({"Bogus": ["Unknown field."]})"));
  CHECK(spec_errors("{AllAccounts: maybe}") == json(R"({"AllAccounts": ["Not a valid boolean."]})"));
}

TEST_CASE("loaded account specifications keep item order and defaults") {
  auto result = validate_yaml(
      drydock::test::account_template("  ByNames: [b, a]\n  ByIds: ['000000000018', 000000000019]\n"
                                      "  ByOrgUnits: [SomeOU]\n  ByTags: [{Name: k, Value: ''}]",
                                      "ExcludeAccounts: {ByNames: [c]}\n"),
      TemplateKind::account);
  REQUIRE(result.loaded.has_value());
  const auto& include = result.loaded->include_accounts;
  CHECK_FALSE(include.all_accounts);
  CHECK(include.by_names == std::vector<std::string>{"b", "a"});
  CHECK(include.by_ids == std::vector<std::string>{"000000000018", "000000000019"});
  CHECK(include.by_org_units == std::vector<std::string>{"SomeOU"});
  REQUIRE(include.by_tags.size() == 1);
  CHECK(include.by_tags[0].name == "k");
  CHECK(include.by_tags[0].value.empty());
  CHECK(result.loaded->exclude_accounts.by_names == std::vector<std::string>{"c"});
}
