#include "cli/plan_command.hpp"

#include <fstream>
#include <future>
#include <iostream>

#include <fmt/format.h>

#include "cli/account_index_loading.hpp"
#include "cli/app.hpp"
#include "cli/keep_until_exit.hpp"
#include "cli/project_context.hpp"
#include "cli/render/plan_renderers.hpp"
#include "emulator/accounts/account_index.hpp"
#include "emulator/plan/template_plan.hpp"
#include "workers/project/project_model.hpp"
#include "workers/validation/project_validation.hpp"

namespace drydock::cli {
namespace {

namespace fs = std::filesystem;

// The account index file: --accounts or drydock.yaml's account_index.
std::expected<fs::path, int> index_path(const PlanOptions& options, const ProjectContext& context,
                                        std::ostream& err) {
  if (options.accounts) {
    return fs::path(*options.accounts);
  }
  if (context.project && context.project->account_index) {
    return *context.project->account_index;
  }
  print_error(err,
              "no account index: give --accounts FILE (upstream's index JSON or a compact YAML "
              "fixture) or starfleet.account_index in drydock.yaml");
  return std::unexpected(k_exit_usage);
}

}  // namespace

int run_plan(const PlanOptions& options, std::ostream& out, std::ostream& err) {
  if (options.messages && options.format != "json") {
    print_error(err, "--messages needs --format json (the table shows counts, not bodies)");
    return k_exit_usage;
  }
  auto context = load_project_context(options.project_dir, options.regions, err);
  if (!context) {
    return context.error();
  }
  const auto accounts = index_path(options, *context, err);
  if (!accounts) {
    return accounts.error();
  }
  auto index = load_account_index(*accounts, context->regions, err, /*show_lints=*/false);
  if (!index) {
    return index.error();
  }
  // The index's lints take as long as planning does (9 ms for 10,000 accounts): they are found on
  // another core meanwhile and printed when the command ends, whichever way it ends.
  const emulator::AccountIndex& built = *index;
  std::future<std::vector<workers::Diagnostic>> lints = std::async(std::launch::async, [&built, &accounts] {
    return built.lints(workers::display_path(*accounts, fs::current_path()));
  });
  const auto finish = [&](int code) {
    print_index_lints(err, *accounts, lints.get());
    return code;
  };
  // The configuration says which worker claims a template (and so its kind) and ScopeToRegions.
  const auto& project = context->project;
  const workers::ProjectModel model(
      project ? project->configuration : fs::path{},
      project ? workers::display_path(project->configuration, fs::current_path()) : std::string(),
      project ? project->workers : std::vector<workers::WorkerSettings>{}, context->regions);
  emulator::PlanInputs inputs;
  inputs.regions = &context->regions;
  inputs.index = &*index;
  if (options.scope_to_regions) {
    inputs.scope_to_regions = workers::split_region_list(*options.scope_to_regions);
  } else if (model.starfleet()) {
    inputs.scope_to_regions = model.starfleet()->scope_to_regions;
  }
  const auto kind_flag = options.kind ? workers::parse_template_kind(*options.kind) : std::nullopt;

  std::vector<emulator::TemplatePlan> plans;
  bool failed = false;
  for (const auto& given : options.templates) {
    const fs::path path = fs::absolute(given).lexically_normal();
    const std::string display = workers::display_path(path, fs::current_path());
    std::string worker;
    std::optional<workers::TemplateKind> kind = kind_flag;
    if (project) {
      auto key =
          path.lexically_relative(fs::absolute(project->templates).lexically_normal()).generic_string();
      if (!key.starts_with("..")) {
        if (const auto* owner = workers::find_template_owner(key, model.workers()).worker) {
          worker = owner->name;
          kind = kind ? kind : owner->kind;
        }
      }
    }
    if (!kind) {
      print_error(err, fmt::format("{}: no worker ship's TemplatePrefix claims it, so its kind is unknown: "
                                   "give --kind SINGLE_INVOCATION|ACCOUNT|ACCOUNT_REGION",
                                   display));
      return finish(k_exit_usage);
    }
    plans.push_back(emulator::plan_template(path, display, *kind, worker, inputs));
    failed = failed || !plans.back().ok();
  }

  std::ofstream file;
  if (options.output) {
    file.open(*options.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      print_error(err, fmt::format("cannot write {}", *options.output));
      return finish(k_exit_usage);
    }
  }
  std::ostream& sink = options.output ? file : out;
  if (options.format == "json") {
    render_plan_json(plans, *index, options.messages, sink);
  } else {
    render_plan_table(plans, *index, context->regions, sink);
  }
  sink.flush();
  if (options.output) {
    file.close();  // a full disk shows when the last buffer is written
  }
  const bool written = static_cast<bool>(sink);
  const int code = finish(!written ? k_exit_usage : failed ? k_exit_problems : k_exit_ok);
  keep_until_exit(std::move(plans));
  keep_until_exit(std::move(*index));
  if (!written) {
    print_error(err, fmt::format("cannot write {}", options.output ? *options.output : "standard output"));
  }
  return code;
}

}  // namespace drydock::cli
