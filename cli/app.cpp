// The only translation unit that includes CLI11 (it is the heaviest header we use; TOOLCHAIN.md §6a).
#include "cli/app.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <string_view>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "cli/command_help.hpp"
#include "cli/dispatch_commands.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/org_command.hpp"
#include "cli/plan_command.hpp"
#include "cli/queues_command.hpp"
#include "cli/run_command.hpp"
#include "cli/schema_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/subcommands.hpp"
#include "cli/validate_command.hpp"
#include "cli/version.hpp"
#include "workers/configuration/worker_stanza.hpp"

namespace drydock::cli {
namespace {

void add_validate(CLI::App& app, ValidateOptions& o, int& result) {
  auto* cmd = app.add_subcommand("validate", description_of("validate"));
  cmd->footer(std::string(footer_of("validate")));
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
  cmd->footer(std::string(footer_of("plan")));
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

void add_format_flags(CLI::App* cmd, DispatchFlags& flags) {
  cmd->add_option("--format", flags.format, "Output: text, json, junit or github")
      ->check(CLI::IsMember({"text", "json", "junit", "github"}))
      ->type_name("FORMAT");
  cmd->add_option("--output,-o", flags.output,
                  "Write the json, junit or github report to FILE (the text report still goes to stdout)")
      ->type_name("FILE");
}

void add_dispatch_flags(CLI::App* cmd, DispatchFlags& flags) {
  add_cloud_flags(cmd, flags.cloud);
  add_format_flags(cmd, flags);
  cmd->add_flag("-v,--verbose", flags.verbose,
                "Show every failed attempt's error and output, and the Starbase's log");
  cmd->add_flag("--real-time", flags.real_time, "Wait for visibility timeouts on the wall clock");
  cmd->add_flag("--commit", flags.commit, "Run the workers with STARFLEET_COMMIT=true");
  cmd->add_option("--max-invocations", flags.max_invocations, "Stop after this many invocations")
      ->type_name("N");
  cmd->add_flag("--progress", flags.progress,
                "Print a progress line on stderr every 100 invocations (a terminal gets a live line anyway)");
}

void add_dispatch_commands(CLI::App& app, FanoutOptions& fanout, PutOptions& put, TickOptions& tick,
                           ClockAdvanceOptions& clock, DrainOptions& drain, int& result) {
  auto* f = app.add_subcommand("fanout", description_of("fanout"));
  f->footer(dispatch_footer(
      "The template is put at the worker's TemplatePrefix + the file's name (or at the prefix\n"
      "itself when it names a .yaml key), in the state dir's overlay of templates/.\n\n"));
  f->add_option("WORKER", fanout.worker, "The worker ship")->required();
  f->add_option("--payload", fanout.payload, "The template file")->required()->type_name("FILE");
  add_dispatch_flags(f, fanout.dispatch);
  f->add_flag("--write-through", fanout.dispatch.cloud.write_through,
              "Write into templates/ instead of the overlay");
  f->callback([&] { result = run_fanout(fanout, std::cout, std::cerr); });

  auto* p = app.add_subcommand("put", description_of("put"));
  p->footer(dispatch_footer());
  p->add_option("KEY", put.key, "The object key")->required();
  p->add_option("FILE", put.file, "The object's contents")->required();
  add_dispatch_flags(p, put.dispatch);
  p->add_flag("--write-through", put.dispatch.cloud.write_through,
              "Write into templates/ instead of the overlay");
  p->callback([&] { result = run_put(put, std::cout, std::cerr); });

  auto* t = app.add_subcommand("tick", description_of("tick"));
  t->footer(dispatch_footer());
  t->add_option("FREQUENCY", tick.frequency,
                "FIVE_MIN, FIFTEEN_MIN, THIRTY_MIN, HOURLY, SIX_HOURLY, TWELVE_HOURLY or DAILY")
      ->required()
      ->check(CLI::IsMember(workers::eventbridge_frequency_names()));
  add_dispatch_flags(t, tick.dispatch);
  t->callback([&] { result = run_tick(tick, std::cout, std::cerr); });

  auto* c = app.add_subcommand("clock", description_of("clock"));
  c->require_subcommand(1);
  auto* advance =
      c->add_subcommand("advance", "Move the virtual clock forward by DURATION (90s, 30m, 6h, 1d)");
  advance->footer(dispatch_footer(
      "Each firing runs the timed path (Starbase phase 1, the fan-out queue, the workers) at its own time;\n"
      "the json, junit and github reports cover every firing (the firing lines go to stderr when the\n"
      "report is on stdout).\n\n"));
  advance->add_option("DURATION", clock.duration, "How far")->required();
  add_dispatch_flags(advance, clock.dispatch);
  advance->callback([&] { result = run_clock_advance(clock, std::cout, std::cerr); });

  auto* d = app.add_subcommand("drain", description_of("drain"));
  d->footer(dispatch_footer());
  d->add_option("WORKER", drain.worker, "Only this worker's queue (and the Starbase's)");
  add_dispatch_flags(d, drain.dispatch);
  d->callback([&] { result = run_drain(drain, std::cout, std::cerr); });
}

void add_run(CLI::App& app, RunOptions& o, int& result) {
  auto* cmd = app.add_subcommand("run", description_of("run"));
  cmd->footer(std::string(footer_of("run")));
  cmd->add_option("WORKER", o.worker, "The worker ship (optional with --from-dlq)");
  cmd->add_option("--payload", o.payload, "The template file")->type_name("FILE");
  cmd->add_option("--account-id", o.account_id, "The account to run for (ACCOUNT, ACCOUNT_REGION workers)")
      ->type_name("ID");
  cmd->add_option("--region", o.region, "The region to run in (ACCOUNT_REGION workers)")->type_name("REGION");
  cmd->add_option("--from-dlq", o.from_dlq,
                  "Run this dead letter's body through its worker, attached to the terminal")
      ->type_name("ID");
  add_cloud_flags(cmd, o.dispatch.cloud);
  add_format_flags(cmd, o.dispatch);
  cmd->add_flag("--commit", o.dispatch.commit, "Run the worker with STARFLEET_COMMIT=true");
  cmd->callback([&] { result = run_worker(o, std::cout, std::cerr); });
}

void add_queues(CLI::App& app, QueuesOptions& o, int& result) {
  auto* cmd = app.add_subcommand("queues", description_of("queues"));
  cmd->footer(std::string(footer_of("queues")));
  add_cloud_flags(cmd, o.cloud);
  cmd->add_option("--format", o.format, "Output: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->type_name("FORMAT");
  cmd->callback([&] { result = run_queues(o, std::cout, std::cerr); });
}

void add_serve(CLI::App& app, ServeOptions& o, int& result) {
  auto* cmd = app.add_subcommand("serve", description_of("serve"));
  cmd->footer(std::string(footer_of("serve")));
  add_cloud_flags(cmd, o.cloud);
  cmd->add_option("--port", o.port, "Port to listen on (default 4566; 0: any free port)")->type_name("PORT");
  cmd->add_option("--bind", o.bind, "Address to listen on (default 127.0.0.1; others are warned about)")
      ->type_name("ADDRESS");
  cmd->add_flag(
      "--no-workers", o.no_workers,
      "Serve S3 and SQS only: invoke no worker and fire no EventBridge rule (messages stay queued)");
  cmd->callback([&] { result = run_serve(o, std::cout, std::cerr); });
}

struct DlqOptions {
  DlqListOptions list;
  DlqShowOptions show;
  DlqExportOptions export_;
  DlqImportOptions import_;
  DlqPurgeOptions purge;
  DlqReplayOptions replay;
};

void add_dlq(CLI::App& app, DlqOptions& o, int& result) {
  auto* dlq = app.add_subcommand("dlq", description_of("dlq"));
  dlq->require_subcommand(1);
  dlq->footer(std::string(footer_of("dlq")));

  auto* list =
      dlq->add_subcommand("list", "One line per dead letter: id, worker, target, attempts, last error");
  list->footer(std::string(footer_of("dlq list")));
  list->add_option("WORKER", o.list.worker, "Only this worker's DLQ ('Starbase': the fan-out queue's)");
  add_cloud_flags(list, o.list.cloud);
  list->add_option("--format", o.list.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  list->callback([&] { result = run_dlq_list(o.list, std::cout, std::cerr); });

  auto* show = dlq->add_subcommand("show", "One dead letter: body, attributes and every failed attempt");
  show->footer(std::string(footer_of("dlq show")));
  show->add_option("ID", o.show.id, "The dead letter's MessageId (from 'drydock dlq list')")->required();
  add_cloud_flags(show, o.show.cloud);
  show->add_option("--format", o.show.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
  show->callback([&] { result = run_dlq_show(o.show, std::cout, std::cerr); });

  auto* exp = dlq->add_subcommand("export", "Write dead letters' bodies to files: DIR/<id>.json (or .txt)");
  exp->footer(std::string(footer_of("dlq export")));
  exp->add_option("ID... DIR", o.export_.ids, "The dead letters' MessageIds, then the directory")
      ->required()
      ->expected(2, CLI::detail::expected_max_vector_size);
  add_cloud_flags(exp, o.export_.cloud);
  exp->add_flag("--force", o.export_.force, "Replace existing files");
  exp->callback([&] {
    o.export_.directory = o.export_.ids.back();
    o.export_.ids.pop_back();
    result = run_dlq_export(o.export_, std::cout, std::cerr);
  });

  auto* imp =
      dlq->add_subcommand("import", "Put message bodies or 'aws sqs receive-message' JSON into a DLQ");
  imp->footer(std::string(footer_of("dlq import")));
  imp->add_option("FILE", o.import_.files, "Message bodies or aws-cli JSON")->required()->type_name("FILE");
  imp->add_option("--worker", o.import_.worker, "The worker whose DLQ gets them ('Starbase': the fan-out's)")
      ->type_name("WORKER");
  add_cloud_flags(imp, o.import_.cloud);
  imp->callback([&] { result = run_dlq_import(o.import_, std::cout, std::cerr); });

  auto* purge = dlq->add_subcommand("purge", "Delete dead letters by id, or --all (of one WORKER's DLQ)");
  purge->footer(std::string(footer_of("dlq purge")));
  purge->add_option("ID... [WORKER]", o.purge.arguments, "MessageIds, and optionally a worker");
  purge->add_flag("--all", o.purge.all, "Every dead letter (of WORKER's DLQ when given)");
  purge->add_flag("--yes,-y", o.purge.yes, "Do not ask for confirmation");
  add_cloud_flags(purge, o.purge.cloud);
  purge->callback(
      [&] { result = run_dlq_purge(o.purge, std::cin, ::isatty(STDIN_FILENO) == 1, std::cout, std::cerr); });

  auto* replay = dlq->add_subcommand("replay", "Move dead letters back to their source queue and run them");
  replay->footer(std::string(footer_of("dlq replay")));
  replay->add_option("ID... [WORKER]", o.replay.arguments, "MessageIds, and optionally a worker");
  replay->add_flag("--all", o.replay.all, "Every dead letter (of WORKER's DLQ when given)");
  replay->add_option("--payload", o.replay.payload, "The new body of the one dead letter given")
      ->type_name("FILE");
  replay->add_flag("--edit", o.replay.edit, "Edit the one dead letter's body in $EDITOR first");
  replay->add_flag("--dry-run", o.replay.dry_run, "Print what would move; change nothing");
  add_dispatch_flags(replay, o.replay.dispatch);
  replay->callback([&] { result = run_dlq_replay(o.replay, std::cout, std::cerr); });
}

void add_schema(CLI::App& app, SchemaOptions& o, int& result) {
  auto* cmd = app.add_subcommand("schema", description_of("schema"));
  cmd->footer(std::string(footer_of("schema")));
  cmd->add_option("KIND", o.kind, "SINGLE_INVOCATION, ACCOUNT or ACCOUNT_REGION")->required();
  cmd->add_option("--regions", o.regions, "Region universe for the region enums (default: the project's)")
      ->type_name("LIST");
  cmd->add_option("--project", o.project_dir, "Directory holding drydock.yaml")->type_name("DIR");
  cmd->callback([&] { result = run_schema(o, std::cout, std::cerr); });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Drydock: build and test Starfleet worker ships on your own machine and in CI.", "drydock"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.footer(
      "Run 'drydock COMMAND --help' for a command's options, 'man drydock' for all of them.\n"
      "Docs: docs/ in the source tree, share/doc/drydock/ where installed (/usr/share/doc/drydock).");
  int result = k_exit_ok;
  ValidateOptions validate;
  SchemaOptions schema;
  PlanOptions plan;
  OrgGenerateOptions org_generate;
  OrgConvertOptions org_convert;
  QueuesOptions queues;
  FanoutOptions fanout;
  PutOptions put;
  TickOptions tick;
  ClockAdvanceOptions clock_advance;
  DrainOptions drain;
  RunOptions run_options;
  DlqOptions dlq;
  add_validate(app, validate, result);
  add_plan(app, plan, result);
  add_run(app, run_options, result);
  add_dispatch_commands(app, fanout, put, tick, clock_advance, drain, result);
  add_queues(app, queues, result);
  ServeOptions serve;
  add_serve(app, serve, result);
  add_dlq(app, dlq, result);
  add_org(app, org_generate, org_convert, result);
  add_schema(app, schema, result);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    result = app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    result = app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    result = app.exit(e);
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
  // Output that did not reach its destination (a full disk, a closed pipe) is a failure, not a success.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "drydock: error: cannot write standard output\n";
    return k_exit_usage;
  }
  return result;
}

}  // namespace drydock::cli
