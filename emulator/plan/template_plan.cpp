#include "emulator/plan/template_plan.hpp"

#include <algorithm>
#include <iterator>

#include "workers/templates/template_validator.hpp"
#include "workers/validation/template_check.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::emulator {
namespace {

AccountSet difference(const AccountSet& a, const AccountSet& b) {
  AccountSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

void fail(TemplatePlan& plan, workers::Mark mark, std::string message) {
  plan.diagnostics.push_back({workers::Severity::error, plan.display, mark, {}, std::move(message), {}});
}

}  // namespace

std::size_t TemplatePlan::message_count() const {
  switch (kind) {
    case workers::TemplateKind::single_invocation: return ok() ? 1 : 0;
    case workers::TemplateKind::account: return accounts.size();
    case workers::TemplateKind::account_region: {
      std::size_t n = 0;
      for (const auto& entry : account_regions) {
        n += entry.regions.size();
      }
      return n;
    }
  }
  return 0;
}

TemplatePlan plan_template(const std::filesystem::path& file, const std::string& display,
                           workers::TemplateKind kind, const std::string& worker, const PlanInputs& inputs) {
  // 1. Fetch, as the Starbase's GetObject.
  auto bytes = workers::read_bounded(file, workers::k_max_template_bytes);
  if (!bytes) {
    TemplatePlan plan;
    plan.display = display;
    plan.worker = worker;
    plan.kind = kind;
    fail(plan, {}, "cannot read the template: " + bytes.error());
    return plan;
  }
  return plan_template_bytes(*bytes, display, kind, worker, inputs);
}

TemplatePlan plan_template_bytes(std::string_view bytes, const std::string& display,
                                 workers::TemplateKind kind, const std::string& worker,
                                 const PlanInputs& inputs) {
  TemplatePlan plan;
  plan.display = display;
  plan.worker = worker;
  plan.kind = kind;
  // Parse, as yaml.safe_load.
  auto doc = workers::yaml::load(bytes);
  if (!doc) {
    fail(plan, doc.error().mark, "invalid YAML: " + doc.error().message);
    return plan;
  }
  plan.document = std::move(*doc);

  // 2. Validate with the worker's template class; upstream raises (and retries) on any error.
  auto validation = workers::validate_template(*plan.document.root(), kind, *inputs.regions);
  if (!validation.loaded) {
    for (auto& d : validation.diagnostics) {
      d.file = display;
      plan.diagnostics.push_back(std::move(d));
    }
    workers::sort_diagnostics(plan.diagnostics);
    return plan;
  }
  if (kind == workers::TemplateKind::single_invocation) {
    return plan;
  }

  // 3. Resolve, as resolve_worker_template_accounts / _account_regions, and keep what was left out.
  const auto& loaded = *validation.loaded;
  auto include_only = loaded;
  include_only.exclude_accounts = {};
  plan.named = resolve_include_exclude(*inputs.index, include_only);
  const AccountSet after_exclude = resolve_include_exclude(*inputs.index, loaded);
  plan.excluded = difference(plan.named, after_exclude);
  if (kind == workers::TemplateKind::account) {
    plan.accounts = resolve_worker_template_accounts(*inputs.index, loaded);
  } else {
    plan.account_regions =
        resolve_worker_template_account_regions(*inputs.index, loaded, inputs.scope_to_regions);
  }
  const auto root = inputs.index->org_root_ref();
  if (root && std::binary_search(after_exclude.begin(), after_exclude.end(), *root) &&
      !loaded.operate_in_org_root) {
    plan.org_root_skipped = root;
  }
  return plan;
}

}  // namespace drydock::emulator
