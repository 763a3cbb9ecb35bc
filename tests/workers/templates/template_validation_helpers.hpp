#pragma once
// Shared by the template validator tests: validate YAML text against a kind and compare the result
// with upstream's marshmallow error dict (integer keys written as strings).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"
#include "workers/diagnostics/error_dict.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_validator.hpp"

namespace drydock::test {

inline workers::TemplateValidation validate_yaml(std::string_view text, workers::TemplateKind kind) {
  auto doc = load_yaml(text);
  return workers::validate_template(*doc.root(), kind, workers::default_region_universe());
}

// The upstream-shaped error dict of `text` validated as `kind`; {} when valid.
inline nlohmann::json error_dict(std::string_view text, workers::TemplateKind kind) {
  return workers::to_error_dict(validate_yaml(text, kind).diagnostics);
}

inline nlohmann::json json(std::string_view text) {
  return nlohmann::json::parse(text);
}

// A minimal valid ACCOUNT template followed by `extra` (more top-level YAML lines).
inline std::string account_template(std::string_view include_block, std::string_view extra = {}) {
  return "TemplateName: T\nTemplateDescription: D\nIncludeAccounts:\n" + std::string(include_block) + "\n" +
         std::string(extra);
}

inline constexpr std::string_view k_r29_joined =
    "af-south-1, ap-east-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, "
    "ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, ca-central-1, ca-west-1, eu-central-1, "
    "eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, "
    "me-central-1, me-south-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2";

}  // namespace drydock::test
