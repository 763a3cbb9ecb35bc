// BaseAccountPayloadTemplate (ACCOUNT): starfleet-behavior.md §3.2 and §13.4 SC8.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"

using drydock::test::account_template;
using drydock::test::error_dict;
using drydock::test::json;
using drydock::test::validate_yaml;
using drydock::workers::TemplateKind;

namespace {
constexpr auto k_account = TemplateKind::account;
constexpr std::string_view k_head = "TemplateName: T\nTemplateDescription: D\n";
}  // namespace

TEST_CASE("SC8: ACCOUNT templates with AllAccounts, exclusions and the org root flag") {
  SUBCASE("(a) AllAccounts with an exclusion is valid") {
    auto result = validate_yaml(
        account_template("  AllAccounts: True", "ExcludeAccounts:\n  ByNames:\n    - Some Test Account\n"),
        k_account);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->include_accounts.all_accounts);
    CHECK(result.loaded->exclude_accounts.by_names == std::vector<std::string>{"Some Test Account"});
    CHECK_FALSE(result.loaded->operate_in_org_root);
  }
  SUBCASE("(b) AllAccounts alone is valid") {
    CHECK(validate_yaml(account_template("  AllAccounts: True"), k_account).loaded.has_value());
  }
  SUBCASE("(c) AllAccounts with ByOrgUnits") {
    CHECK(
        error_dict(account_template("  AllAccounts: True\n  ByOrgUnits: [SomeOrg]",
                                    "ExcludeAccounts: {ByNames: [x]}\nOperateInOrgRoot: False\n"),
                   k_account) ==
        json(
            R"({"IncludeAccounts": {"ByOrgUnits": ["Can't specify other parameters when `AllAccounts` is set to `True`."]}})"));
  }
  SUBCASE("(d) IncludeAccounts is required") {
    CHECK(error_dict(k_head, k_account) ==
          json(R"({"IncludeAccounts": ["Missing data for required field."]})"));
  }
  SUBCASE("(e) an empty IncludeAccounts misses an account field set") {
    auto dict = error_dict(std::string(k_head) + "IncludeAccounts: {}\n", k_account);
    const std::string message =
        "Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, "
        "`ByIds`, "
        "`ByTags`, and/or `ByOrgUnits`.";
    auto expected = nlohmann::json::object();
    for (auto key : {"AllAccounts", "ByNames", "ByIds", "ByOrgUnits", "ByTags"}) {
      expected["IncludeAccounts"][key] = nlohmann::json::array({message});
    }
    CHECK(dict == expected);
  }
}

TEST_CASE("IncludeAccounts must be a mapping and may not be null") {
  SUBCASE("a list") {
    CHECK(error_dict(std::string(k_head) + "IncludeAccounts: [a]\n", k_account) ==
          json(R"({"IncludeAccounts": {"_schema": ["Invalid input type."]}})"));
  }
  SUBCASE("a string") {
    CHECK(error_dict(std::string(k_head) + "IncludeAccounts: all\n", k_account) ==
          json(R"({"IncludeAccounts": {"_schema": ["Invalid input type."]}})"));
  }
  SUBCASE("null") {
    CHECK(error_dict(std::string(k_head) + "IncludeAccounts:\n", k_account) ==
          json(R"({"IncludeAccounts": ["Field may not be null."]})"));
  }
}

TEST_CASE("ExcludeAccounts defaults to empty but may not be null or a non-mapping") {
  CHECK(validate_yaml(account_template("  AllAccounts: true"), k_account)
            .loaded->exclude_accounts.by_names.empty());
  CHECK(error_dict(account_template("  AllAccounts: true", "ExcludeAccounts: null\n"), k_account) ==
        json(R"({"ExcludeAccounts": ["Field may not be null."]})"));
  CHECK(error_dict(account_template("  AllAccounts: true", "ExcludeAccounts: 5\n"), k_account) ==
        json(R"({"ExcludeAccounts": {"_schema": ["Invalid input type."]}})"));
  CHECK(error_dict(account_template("  AllAccounts: true", "ExcludeAccounts: {AllAccounts: true}\n"),
                   k_account) == json(R"({"ExcludeAccounts": {"AllAccounts": ["Unknown field."]}})"));
}

TEST_CASE("OperateInOrgRoot is read with marshmallow's truthy and falsy sets") {
  const auto org_root = [](std::string_view value) {
    return validate_yaml(
        account_template("  AllAccounts: true", "OperateInOrgRoot: " + std::string(value) + "\n"), k_account);
  };
  SUBCASE("truthy") {
    for (auto value :
         {"true", "yes", "on", "'yes'", "'True'", "'TRUE'", "'1'", "'t'", "'Y'", "'On'", "1", "1.0"}) {
      CAPTURE(value);
      auto result = org_root(value);
      REQUIRE(result.loaded.has_value());
      CHECK(result.loaded->operate_in_org_root);
    }
  }
  SUBCASE("falsy") {
    for (auto value :
         {"false", "no", "off", "'no'", "'False'", "'0'", "'f'", "'N'", "'OFF'", "0", "0.0", "-0.0"}) {
      CAPTURE(value);
      auto result = org_root(value);
      REQUIRE(result.loaded.has_value());
      CHECK_FALSE(result.loaded->operate_in_org_root);
    }
  }
  SUBCASE("anything else is not a valid boolean") {
    for (auto value : {"2", "'maybe'", "'yES'", "''", "[]", "[true]", "{a: 1}", "1.5", "2024-01-01", "'2'"}) {
      CAPTURE(value);
      CHECK(error_dict(
                account_template("  AllAccounts: true", "OperateInOrgRoot: " + std::string(value) + "\n"),
                k_account) == json(R"({"OperateInOrgRoot": ["Not a valid boolean."]})"));
    }
  }
  SUBCASE("null may not be null") {
    CHECK(error_dict(account_template("  AllAccounts: true", "OperateInOrgRoot: null\n"), k_account) ==
          json(R"({"OperateInOrgRoot": ["Field may not be null."]})"));
  }
}

TEST_CASE("StarbaseAssignedAccount is a string or null") {
  CHECK(validate_yaml(account_template("  AllAccounts: true", "StarbaseAssignedAccount: null\n"), k_account)
            .loaded.has_value());
  CHECK(validate_yaml(account_template("  AllAccounts: true", "StarbaseAssignedAccount: '000000000001'\n"),
                      k_account)
            .loaded.has_value());
  CHECK(error_dict(account_template("  AllAccounts: true", "StarbaseAssignedAccount: 000000000017\n"),
                   k_account) == json(R"({"StarbaseAssignedAccount": ["Not a valid string."]})"));
}

TEST_CASE("ACCOUNT errors from several fields are reported together") {
  CHECK(error_dict("TemplateName: 1\nIncludeAccounts: {ByIds: [000000000017]}\nExcludeAccounts: "
                   "~\nOperateInOrgRoot: x\n",
                   k_account) == json(R"({"TemplateName": ["Not a valid string."],
                                          "TemplateDescription": ["Missing data for required field."],
                                          "IncludeAccounts": {"ByIds": {"0": ["Not a valid string."]}},
                                          "ExcludeAccounts": ["Field may not be null."],
                                          "OperateInOrgRoot": ["Not a valid boolean."]})"));
}
