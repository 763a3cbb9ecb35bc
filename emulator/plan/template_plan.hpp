#pragma once
// `drydock plan` as a library call: for one template, what upstream's Starbase would task — which
// accounts (ACCOUNT) or account/region pairs (ACCOUNT_REGION), which accounts the template names but
// are excluded or skipped as the org root, and (through fanout_messages.hpp) the exact messages.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emulator/accounts/account_index.hpp"
#include "emulator/accounts/resolver.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::emulator {

struct PlanInputs {
  const workers::RegionUniverse* regions = nullptr;
  const AccountIndex* index = nullptr;
  std::vector<std::string> scope_to_regions;  // STARFLEET.ScopeToRegions (or --scope-to-regions)
};

struct TemplatePlan {
  std::string display;  // the template as shown to the user
  std::string worker;   // the worker ship that claims it, or ""
  workers::TemplateKind kind = workers::TemplateKind::single_invocation;
  // Problems that stop planning: unreadable file, invalid YAML, validation errors (upstream's
  // Starbase would fail the fan-out message with them). Empty when the plan below is valid.
  std::vector<workers::Diagnostic> diagnostics;
  workers::yaml::Document document;  // the template as loaded (message bodies are built from it)
  AccountSet named;     // accounts IncludeAccounts selects (before ExcludeAccounts and the org root)
  AccountSet excluded;  // of those, the ones ExcludeAccounts removes
  std::optional<AccountRef> org_root_skipped;   // the org root, named but not tasked (no OperateInOrgRoot)
  AccountSet accounts;                          // ACCOUNT: the accounts tasked, one message each
  std::vector<AccountRegions> account_regions;  // ACCOUNT_REGION: per account (sorted by id), its regions

  bool ok() const { return diagnostics.empty(); }
  // Messages the Starbase sends: 1 (SINGLE_INVOCATION), accounts, or account/region pairs.
  std::size_t message_count() const;
};

// Plans one template file of `kind`. Never throws; problems land in TemplatePlan::diagnostics.
TemplatePlan plan_template(const std::filesystem::path& file, const std::string& display,
                           workers::TemplateKind kind, const std::string& worker, const PlanInputs& inputs);

// The same for a template's bytes (as the Starbase gets them from GetObject); `display` names it.
TemplatePlan plan_template_bytes(std::string_view bytes, const std::string& display,
                                 workers::TemplateKind kind, const std::string& worker,
                                 const PlanInputs& inputs);

}  // namespace drydock::emulator
