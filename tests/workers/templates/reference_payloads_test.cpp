// The sample payloads of Starfleet's tests (starfleet-behavior.md §14; the project's own in
// fixtures/starfleet/tests/, upstream's with STARFLEET_REFERENCE), validated with the fan-out kind of
// the ship that uses them, give upstream's outcome.

#include <doctest/doctest.h>

#include "tests/workers/templates/template_validation_helpers.hpp"
#include "workers/yaml/loader.hpp"

using drydock::test::json;
using drydock::workers::TemplateKind;

namespace {

// The text of tests/`relative` in the tree being tested.
std::string reference(const std::filesystem::path& tree, std::string_view relative) {
  return drydock::test::read_file(tree / "tests" / relative);
}

constexpr std::string_view k_samples = "worker_ship_utils/sample_payloads/";

}  // namespace

DRYDOCK_STARFLEET_FILES_TEST(
    sample_payloads, "the worker_ship_utils sample payloads validate as upstream's CLI tests expect") {
  const std::string dir(k_samples);
  const auto errors_of_file = [&](std::string_view relative, TemplateKind kind) {
    return drydock::test::error_dict(reference(tree, relative), kind);
  };
  SUBCASE("sample_payload.yaml is a valid base template but not an ACCOUNT one") {
    CHECK(errors_of_file(dir + "sample_payload.yaml", TemplateKind::single_invocation).empty());
    CHECK(errors_of_file(dir + "sample_payload.yaml", TemplateKind::account) ==
          json(R"({"IncludeAccounts": ["Missing data for required field."]})"));
    CHECK(errors_of_file(dir + "sample_payload.yaml", TemplateKind::account_region) ==
          json(R"({"IncludeAccounts": ["Missing data for required field."],
                   "IncludeRegions": ["Missing data for required field."]})"));
  }
  SUBCASE("sample_account_payload.yaml is a valid ACCOUNT template") {
    auto result = drydock::test::validate_yaml(reference(tree, dir + "sample_account_payload.yaml"),
                                               TemplateKind::account);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->include_accounts.all_accounts);
  }
  SUBCASE("sample_account_region_payload.yaml is a valid ACCOUNT_REGION template") {
    auto result = drydock::test::validate_yaml(reference(tree, dir + "sample_account_region_payload.yaml"),
                                               TemplateKind::account_region);
    REQUIRE(result.loaded.has_value());
    CHECK(result.loaded->include_regions.size() == 29);
    CHECK(result.loaded->exclude_regions == std::vector<std::string>{"us-west-1"});
  }
  SUBCASE("invalid_base.yaml misses both base fields") {
    CHECK(errors_of_file(dir + "invalid_base.yaml", TemplateKind::single_invocation) ==
          json(R"({"TemplateName": ["Missing data for required field."],
                   "TemplateDescription": ["Missing data for required field."]})"));
  }
  SUBCASE("empty_payload.yaml loads as None, an invalid input type") {
    CHECK(errors_of_file(dir + "empty_payload.yaml", TemplateKind::single_invocation) ==
          json(R"({"_schema": ["Invalid input type."]})"));
  }
  SUBCASE("invalid_yaml.yaml does not load at all") {
    CHECK_FALSE(drydock::workers::yaml::load(reference(tree, dir + "invalid_yaml.yaml")).has_value());
  }
}

DRYDOCK_STARFLEET_FILES_TEST(plugin_payloads,
                             "the included plugins' test payloads are valid for their ships' fan-out kinds") {
  struct Case {
    const char* path;
    TemplateKind kind;
  };
  for (const auto& [path, kind] : {
           Case{"starfleet_included_plugins/account_index_generator/test_payload.yaml",
                TemplateKind::single_invocation},
           Case{"starfleet_included_plugins/aws_config/test_payload.yaml", TemplateKind::account_region},
           Case{"starfleet_included_plugins/github_sync/test_payload.yaml", TemplateKind::single_invocation},
           Case{"starfleet_included_plugins/iam/test_role_payload.yaml", TemplateKind::account},
       }) {
    CAPTURE(path);
    auto result = drydock::test::validate_yaml(reference(tree, path), kind);
    CHECK(result.diagnostics.empty());
    CHECK(result.loaded.has_value());
  }
}

DRYDOCK_STARFLEET_FILES_TEST(
    aws_config_payload,
    "the AWS Config test payload loads with all accounts, the org root and every region") {
  auto result =
      drydock::test::validate_yaml(reference(tree, "starfleet_included_plugins/aws_config/test_payload.yaml"),
                                   TemplateKind::account_region);
  REQUIRE(result.loaded.has_value());
  CHECK(result.loaded->template_name == "AWSConfigEnablement");
  CHECK(result.loaded->include_accounts.all_accounts);
  CHECK(result.loaded->operate_in_org_root);
  CHECK(result.loaded->include_regions == drydock::workers::default_region_universe().sorted());
}
