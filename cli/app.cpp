// The only translation unit that includes CLI11 (it is the heaviest header we use; TOOLCHAIN.md §6a).
#include "cli/app.hpp"

#include <algorithm>
#include <iostream>
#include <string_view>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "cli/org_command.hpp"
#include "cli/plan_command.hpp"
#include "cli/queues_command.hpp"
#include "cli/schema_command.hpp"
#include "cli/validate_command.hpp"

namespace drydock::cli {
namespace {

// One table of subcommands: name, one-line description (shown by --help and "did you mean").
struct Subcommand {
  std::string_view name;
  std::string_view description;
};

constexpr Subcommand k_subcommands[] = {
    {"validate", "Check the Starfleet configuration and payload templates exactly as upstream does"},
    {"plan", "Show which accounts and regions templates target, and the messages the Starbase sends"},
    {"queues", "List the emulated SQS queues with their message counts, DLQs and settings"},
    {"org", "Generate an organization, or convert a compact fixture, to upstream's account index JSON"},
    {"schema", "Print the JSON Schema of a template kind, for editors (yaml-language-server)"},
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "did you mean 'validate'?" for a mistyped subcommand, or "".
std::string suggestion(std::string_view typed) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (const auto& sub : k_subcommands) {
    auto d = edit_distance(typed, sub.name);
    if (d < best_distance) {
      best = sub.name;
      best_distance = d;
    }
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", best);
}

const char* description_of(std::string_view name) {
  for (const auto& sub : k_subcommands) {
    if (sub.name == name) {
      return sub.description.data();
    }
  }
  return "";
}

void add_validate(CLI::App& app, ValidateOptions& o, int& result) {
  auto* cmd = app.add_subcommand("validate", description_of("validate"));
  cmd->footer(
      "With a project (drydock.yaml in the working directory, or --project DIR), checks the Starfleet\n"
      "configuration directory and every template under the template directory, each against the kind of\n"
      "the worker ship whose TemplatePrefix claims it. Without a project, --kind KIND FILE... checks\n"
      "standalone templates. Errors use upstream's field paths and messages; warnings flag upstream's\n"
      "traps (unquoted account IDs, dates, Enabled: \"False\", ...).\n\n"
      "Exit status: 0 valid, 1 errors found (or warnings with --strict), 2 usage or project error.");
  cmd->add_option("PATH", o.paths, "Check only these templates or directories")->type_name("PATH");
  cmd->add_option("--project", o.project_dir,
                  "Directory holding drydock.yaml (default: the working directory)")
      ->type_name("DIR");
  cmd->add_option("--config", o.config_dir, "Starfleet configuration directory (overrides drydock.yaml)")
      ->type_name("DIR");
  cmd->add_option("--templates", o.templates_dir,
                  "Template directory = the template bucket (overrides drydock.yaml)")
      ->type_name("DIR");
  cmd->add_option("--kind", o.kind, "Validate every template as this kind")
      ->check(CLI::IsMember({"SINGLE_INVOCATION", "ACCOUNT", "ACCOUNT_REGION"}))
      ->type_name("KIND");
  cmd->add_option("--regions", o.regions, "Region universe: aws-1.34.74 (default), latest, a file, or a,b,c")
      ->type_name("LIST");
  cmd->add_option("--format", o.format, "Output: text, json, junit or github")
      ->check(CLI::IsMember({"text", "json", "junit", "github"}))
      ->type_name("FORMAT");
  cmd->add_option("--output,-o", o.output, "Write the report to FILE (a summary still goes to stdout)")
      ->type_name("FILE");
  cmd->add_option("--color", o.color, "Color text output: auto (a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  cmd->add_flag("--strict", o.strict, "Treat warnings as errors (exit 1)");
  cmd->callback([&] { result = run_validate(o, std::cout, std::cerr); });
}

void add_plan(CLI::App& app, PlanOptions& o, int& result) {
  auto* cmd = app.add_subcommand("plan", description_of("plan"));
  cmd->footer(
      "Resolves each template as upstream's Starbase does — IncludeAccounts minus ExcludeAccounts, the org\n"
      "root only with OperateInOrgRoot, regions where each account is enabled, narrowed by ScopeToRegions —\n"
      "against the account index (drydock.yaml's account_index, or --accounts). The worker (and so the "
      "kind)\n"
      "comes from the TemplatePrefix that claims the template; --kind overrides it.\n\n"
      "--format json --messages prints the exact SQS message bodies (json.dumps of the original template\n"
      "with StarbaseAssignedAccount/StarbaseAssignedRegion), sorted by batch entry Id.\n\n"
      "Exit status: 0 planned, 1 a template is invalid (its errors are shown), 2 usage or project error.");
  cmd->add_option("TEMPLATE", o.templates, "Template files")->required()->type_name("FILE");
  cmd->add_option("--project", o.project_dir, "Directory holding drydock.yaml")->type_name("DIR");
  cmd->add_option("--kind", o.kind, "Plan every template as this kind")
      ->check(CLI::IsMember({"SINGLE_INVOCATION", "ACCOUNT", "ACCOUNT_REGION"}))
      ->type_name("KIND");
  cmd->add_option("--accounts", o.accounts, "Account index: upstream's JSON or a compact YAML fixture")
      ->type_name("FILE");
  cmd->add_option("--regions", o.regions, "Region universe: aws-1.34.74 (default), latest, a file, or a,b,c")
      ->type_name("LIST");
  cmd->add_option("--scope-to-regions", o.scope_to_regions, "STARFLEET.ScopeToRegions to apply (a,b)")
      ->type_name("LIST");
  cmd->add_option("--format", o.format, "Output: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->type_name("FORMAT");
  cmd->add_flag("--messages", o.messages, "With --format json: include every message's Id and body");
  cmd->add_option("--output,-o", o.output, "Write the plan to FILE")->type_name("FILE");
  cmd->callback([&] { result = run_plan(o, std::cout, std::cerr); });
}

void add_org(CLI::App& app, OrgGenerateOptions& generate, OrgConvertOptions& convert, int& result) {
  auto* org = app.add_subcommand("org", description_of("org"));
  org->require_subcommand(1);
  auto* gen =
      org->add_subcommand("generate", "A synthetic organization (deterministic for a seed), as index JSON");
  gen->add_option("--accounts", generate.accounts, "Number of accounts (the first is the management account)")
      ->type_name("N");
  gen->add_option("--seed", generate.seed, "Seed: the same seed gives the same organization")->type_name("S");
  gen->add_flag("--all-regions", generate.all_regions, "Enable every region in every account");
  gen->add_flag("--other-partitions", generate.other_partition_regions,
                "Also list cn-* and us-gov-* regions, as upstream's test index does (29 + 4 = 33)");
  gen->add_option("--regions", generate.regions, "Region universe (default aws-1.34.74)")->type_name("LIST");
  gen->add_option("--format", generate.format, "json (upstream's index) or yaml (compact fixture)")
      ->check(CLI::IsMember({"json", "yaml"}))
      ->type_name("FORMAT");
  gen->add_option("--output,-o", generate.output, "Write to FILE instead of stdout")->type_name("FILE");
  gen->callback([&] { result = run_org_generate(generate, std::cout, std::cerr); });
  auto* conv =
      org->add_subcommand("convert", "A compact YAML fixture (docs/accounts.md) as upstream's index JSON");
  conv->add_option("FILE", convert.input, "fixtures/orgs/*.yaml, or an index JSON to normalise")
      ->required()
      ->type_name("FILE");
  conv->add_option("--regions", convert.regions, "Regions of accounts that list none (default aws-1.34.74)")
      ->type_name("LIST");
  conv->add_option("--output,-o", convert.output, "Write to FILE instead of stdout")->type_name("FILE");
  conv->callback([&] { result = run_org_convert(convert, std::cout, std::cerr); });
}

void add_cloud_flags(CLI::App* cmd, CloudFlags& flags) {
  cmd->add_option("--project", flags.project_dir, "Directory holding drydock.yaml")->type_name("DIR");
  cmd->add_option("--regions", flags.regions,
                  "Region universe: aws-1.34.74 (default), latest, a file, or a,b,c")
      ->type_name("LIST");
  cmd->add_option("--state", flags.state_dir, "State directory (default: drydock.yaml's state:, .drydock/)")
      ->type_name("DIR");
}

void add_queues(CLI::App& app, QueuesOptions& o, int& result) {
  auto* cmd = app.add_subcommand("queues", description_of("queues"));
  cmd->footer(
      "The queues come from the project: the Starbase fan-out queue (STARFLEET.FanOutQueueUrl) and one per\n"
      "worker (the last segment of its InvocationQueueUrl), each with a DLQ (<name>-dlq unless the SAM\n"
      "template's RedrivePolicy names another). Settings come from drydock.yaml, else the SAM template, "
      "else\n"
      "upstream's defaults (visibility 300 s, 4 receives, batch 2; the Starbase's batch is 1); SETTINGS\n"
      "says which. Queues are created or updated in the state store (.drydock/state.sqlite3) on every\n"
      "command; their messages are kept. Counts are at the virtual clock's current time.");
  add_cloud_flags(cmd, o.cloud);
  cmd->add_option("--format", o.format, "Output: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->type_name("FORMAT");
  cmd->callback([&] { result = run_queues(o, std::cout, std::cerr); });
}

void add_schema(CLI::App& app, SchemaOptions& o, int& result) {
  auto* cmd = app.add_subcommand("schema", description_of("schema"));
  cmd->footer(
      "Example (VS Code / yaml-language-server), at the top of a template:\n"
      "  # yaml-language-server: $schema=./account-region.schema.json\n"
      "after: drydock schema ACCOUNT_REGION > account-region.schema.json");
  cmd->add_option("KIND", o.kind, "SINGLE_INVOCATION, ACCOUNT or ACCOUNT_REGION")->required();
  cmd->add_option("--regions", o.regions, "Region universe for the region enums (default: the project's)")
      ->type_name("LIST");
  cmd->add_option("--project", o.project_dir, "Directory holding drydock.yaml")->type_name("DIR");
  cmd->callback([&] { result = run_schema(o, std::cout, std::cerr); });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Drydock: build and test Starfleet worker ships on your own machine and in CI.", "drydock"};
  app.set_version_flag("--version", "drydock " DRYDOCK_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'drydock COMMAND --help' for a command's options. Docs: docs/ in the source tree.");
  int result = k_exit_ok;
  ValidateOptions validate;
  SchemaOptions schema;
  PlanOptions plan;
  OrgGenerateOptions org_generate;
  OrgConvertOptions org_convert;
  QueuesOptions queues;
  add_validate(app, validate, result);
  add_plan(app, plan, result);
  add_queues(app, queues, result);
  add_org(app, org_generate, org_convert, result);
  add_schema(app, schema, result);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands().empty()) {
      message = fmt::format("unknown command '{}'{}", argv[1], suggestion(argv[1]));
    }
    std::cerr << "drydock: error: " << message << "\nRun 'drydock --help' for the list of commands.\n";
    return k_exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "drydock: internal error: " << e.what() << '\n';
    return k_exit_internal;
  }
  return result;
}

}  // namespace drydock::cli
