#pragma once
// Payload template validation exactly as upstream's marshmallow schemas do it
// (../shared/starfleet-behavior.md §3): WorkerShipPayloadBaseTemplate, BaseAccountPayloadTemplate and
// BaseAccountRegionPayloadTemplate, with upstream's field paths and messages.

#include <optional>
#include <string>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

struct AccountTag {
  std::string name;
  std::string value;
};

// IncludeAccounts / ExcludeAccounts after loading (upstream's snake_case fields).
struct AccountsSpecification {
  bool all_accounts = false;  // include only
  std::vector<std::string> by_names;
  std::vector<std::string> by_ids;
  std::vector<std::string> by_org_units;
  std::vector<AccountTag> by_tags;
};

// A template as upstream's schema `.load()` returns it (defaults applied, `ALL` expanded).
struct LoadedTemplate {
  TemplateKind kind = TemplateKind::single_invocation;
  std::string template_name;
  std::string template_description;
  AccountsSpecification include_accounts;  // ACCOUNT and ACCOUNT_REGION
  AccountsSpecification exclude_accounts;
  bool operate_in_org_root = false;
  std::vector<std::string> include_regions;  // ACCOUNT_REGION: a sorted set, `ALL` = the universe
  std::vector<std::string> exclude_regions;  // sorted set
};

struct TemplateValidation {
  // Errors with upstream's field path and message; `file` is left empty for the caller to fill.
  std::vector<Diagnostic> diagnostics;
  // The loaded template when there are no errors, else nullopt.
  std::optional<LoadedTemplate> loaded;
};

// Validates the root node of a loaded template (any node type; upstream rejects non-mappings with
// {"_schema": ["Invalid input type."]}) against the schema of `kind`.
TemplateValidation validate_template(const yaml::Node& root, TemplateKind kind,
                                     const RegionUniverse& regions);

}  // namespace drydock::workers
