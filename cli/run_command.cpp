#include "cli/run_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli/app.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/one_record_invocation.hpp"
#include "emulator/plan/template_plan.hpp"
#include "emulator/starbase/fanout_messages.hpp"
#include "emulator/starbase/python_repr.hpp"
#include "workers/process/process_runner.hpp"
#include "workers/transports/command_transport.hpp"
#include "workers/validation/template_check.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::cli {
namespace {

constexpr std::string_view k_yaml_problem =
    "[💥] Problem loading the YAML template. See the stacktrace below!";

// The body the Starbase would have put on the queue for this account (and region).
std::optional<std::string> message_body(const emulator::TemplatePlan& plan,
                                        const emulator::AccountIndex* index, const std::string& account,
                                        const std::optional<std::string>& region) {
  const auto& root = *plan.document.root();
  if (plan.kind == workers::TemplateKind::single_invocation) {
    auto body = emulator::single_invocation_message(root);
    return body ? std::optional(*body) : std::nullopt;
  }
  std::optional<std::string> found;
  const std::string wanted = account + region.value_or("");
  const emulator::MessageSink sink = [&](std::string_view id, std::string_view body) {
    if (id == wanted) {
      found = std::string(body);
    }
  };
  if (plan.kind == workers::TemplateKind::account) {
    (void)emulator::for_each_account_message(root, *index, plan.accounts, sink);
  } else {
    (void)emulator::for_each_account_region_message(root, *index, plan.account_regions, sink);
  }
  return found;
}

// `run --from-dlq ID`: the dead letter's body, once, through its worker; a command worker prints on
// the terminal (nothing captured), any other transport as `run` does. The message is not touched.
int run_from_dlq(DispatchSession& session, const RunOptions& options, std::ostream& out, std::ostream& err) {
  auto& cloud = session.cloud();
  auto pairs = select_pairs(cloud.layout(), std::nullopt, err);
  if (!pairs) {
    return pairs.error();
  }
  auto letters = find_dead_letters(cloud, *pairs, {*options.from_dlq}, err);
  if (!letters) {
    return letters.error();
  }
  const DeadLetter& letter = letters->front();
  const emulator::QueuePair& pair = *letter.pair;
  if (pair.owner == k_starbase_owner) {
    print_error(err, fmt::format("dead letter {} is a Starbase fan-out message (in {}), not a worker's "
                                 "payload; replay it with 'drydock dlq replay {}'",
                                 letter.message.message_id, pair.dlq.name, letter.message.message_id));
    return k_exit_usage;
  }
  if (options.worker && *options.worker != pair.owner) {
    print_error(err, fmt::format("dead letter {} belongs to {} (it is in {}), not to {}",
                                 letter.message.message_id, pair.owner, pair.dlq.name, *options.worker));
    return k_exit_usage;
  }
  const workers::Worker* worker = nullptr;
  for (const auto& candidate : session.model().workers()) {
    worker = candidate.name == pair.owner ? &candidate : worker;
  }
  std::ostream& text = session.text_out(out, err);
  text << fmt::format("[🛃] Running dead letter {} (from {}) through {}; it stays in the DLQ...\n",
                      letter.message.message_id, pair.dlq.name, pair.owner);
  if (worker == nullptr || worker->settings == nullptr || worker->settings->command.empty()) {
    return session.invoke_once(pair.owner, letter.message.body, text, err);
  }
  text.flush();  // the worker writes to the same terminal
  workers::RealProcessRunner runner;
  workers::CommandTransport transport(worker->settings->command, session.project().root, runner,
                                      workers::ChildStdio::output_attached);
  const auto invocation = one_record_invocation(cloud, pair, letter.message.body, options.dispatch.commit);
  return session.report_invocation(pair.owner, letter.message.body,
                                   transport.invoke(invocation.event, invocation.context), text, err);
}

// `drydock run` refused the payload (exit 1): a failed case of `worker` for the CI reports.
int refuse(DispatchSession& session, const std::string& worker, const RunOptions& options,
           std::optional<std::string> template_name, std::string error, std::string details) {
  session.record_refused(worker, emulator::MessageRecord{.message_id = std::string(k_one_record_message_id),
                                                         .account = options.account_id,
                                                         .region = options.region,
                                                         .outcome = emulator::MessageOutcome::failed,
                                                         .last_error = std::move(error),
                                                         .last_output_tail = std::move(details),
                                                         .template_name = std::move(template_name)});
  return k_exit_problems;
}

// `drydock run WORKER --payload F`: the checks upstream's worker CLI makes, then the invocation.
int run_payload(DispatchSession& session, const RunOptions& options, std::ostream& out, std::ostream& err) {
  std::ostream& text = session.text_out(out, err);
  const workers::Worker* worker = nullptr;
  for (const auto& candidate : session.model().workers()) {
    if (candidate.name == *options.worker) {
      worker = &candidate;
    }
  }
  if (worker == nullptr || worker->settings == nullptr) {
    print_error(err, fmt::format("no worker ship {} in drydock.yaml", *options.worker));
    return k_exit_usage;
  }
  // Upstream's Click options: --payload always, --account-id for ACCOUNT and ACCOUNT_REGION ships,
  // --region for ACCOUNT_REGION ships; a missing one is a usage error.
  const auto kind = worker->kind;
  const auto missing = [&](std::string_view option) {
    err << fmt::format("Error: Missing option '{}'.\n", option);
    return k_exit_usage;
  };
  if (!options.payload) {
    return missing("--payload");
  }
  if (kind != workers::TemplateKind::single_invocation && !options.account_id) {
    return missing("--account-id");
  }
  if (kind == workers::TemplateKind::account_region && !options.region) {
    return missing("--region");
  }
  auto bytes = workers::read_bounded(*options.payload, workers::k_max_template_bytes);
  if (!bytes) {
    err << fmt::format("Error: Invalid value for '--payload': '{}': No such file or directory\n",
                       *options.payload);
    return k_exit_usage;
  }
  auto document = workers::yaml::load(*bytes);
  if (!document) {
    const std::string where =
        fmt::format("{}:{}:{}: error: {}\n", *options.payload, document.error().mark.line,
                    document.error().mark.column, document.error().message);
    err << k_yaml_problem << '\n' << where;
    session.set_payload_file(worker->name, *options.payload, *options.payload);
    return refuse(session, worker->name, options, *options.payload, std::string(k_yaml_problem), where);
  }
  const auto& root = *document->root();
  // The payload's TemplateName names its case in the CI reports (the file's path when it has none).
  std::string template_name = *options.payload;
  if (const auto* name = root.find("TemplateName");
      name != nullptr && name->type == workers::yaml::Type::string) {
    template_name = name->text;
  }
  session.set_payload_file(worker->name, template_name, *options.payload);
  // Python truthiness of what yaml.safe_load returned (upstream: `if not payload`).
  using workers::yaml::Type;
  const bool falsy = root.type == Type::null || (root.type == Type::boolean && !root.boolean) ||
                     (root.type == Type::integer && root.as_int64() == 0) ||
                     (root.type == Type::string && root.text.empty()) ||
                     (root.type == Type::mapping && root.entries.empty()) ||
                     ((root.type == Type::sequence || root.type == Type::set) && root.items.empty());
  if (falsy) {
    err << k_yaml_problem << "\nError: [💥] The loaded YAML is EMPTY!!\n";
    return refuse(session, worker->name, options, template_name, "[💥] The loaded YAML is EMPTY!!", "");
  }

  text << "[🛃] Validating the template...\n";
  const auto planned = plan_payload(session, *worker, *bytes, *options.payload, err);
  if (!planned) {
    return planned.error();
  }
  const emulator::TemplatePlan& plan = *planned;
  const auto starbase = session.starbase();
  if (!plan.ok()) {
    print_diagnostics(err, plan.diagnostics);
    std::string details;
    for (const auto& diagnostic : plan.diagnostics) {
      details += workers::format_diagnostic(diagnostic) + "\n";
    }
    return refuse(session, worker->name, options, template_name,
                  fmt::format("not a valid {} template for {} ({} problem{})", workers::to_string(kind),
                              worker->name, plan.diagnostics.size(), plan.diagnostics.size() == 1 ? "" : "s"),
                  details);
  }
  if (kind == workers::TemplateKind::account) {
    text << "[🌎] Confirming the account passed in is applicable for this template...\n";
  } else if (kind == workers::TemplateKind::account_region) {
    text << "[🌎] Confirming the account and region passed in are applicable for this template...\n";
  }
  const auto body = message_body(plan, starbase.index, options.account_id.value_or(""), options.region);
  if (!body && kind == workers::TemplateKind::single_invocation) {
    constexpr std::string_view k_not_json =
        "the template cannot be written as JSON (json.dumps would fail in the Starbase)";
    print_error(err, k_not_json);
    return refuse(session, worker->name, options, template_name, std::string(k_not_json), "");
  }
  if (!body) {
    const std::string refusal =
        kind == workers::TemplateKind::account
            ? "[🙅‍♂️] The account provided is not applicable for this template. Not doing anything."
            : "[🙅‍♂️] The account/region provided is not applicable for this template. Not doing "
              "anything.";
    err << "Error: " << refusal << '\n';
    return refuse(session, worker->name, options, template_name, refusal, "");
  }
  text << fmt::format("[🆗] Template OK: Executing worker: {}...\n", worker->name);
  return session.invoke_once(worker->name, *body, text, err);
}

}  // namespace

std::expected<emulator::TemplatePlan, int> plan_payload(DispatchSession& session,
                                                        const workers::Worker& worker, std::string_view bytes,
                                                        const std::string& display, std::ostream& err) {
  emulator::PlanInputs inputs;
  auto starbase = session.starbase();
  inputs.regions = starbase.regions;
  inputs.index = starbase.index;
  inputs.scope_to_regions = session.model().starfleet() ? session.model().starfleet()->scope_to_regions
                                                        : std::vector<std::string>{};
  if (worker.kind != workers::TemplateKind::single_invocation && starbase.index == nullptr) {
    print_error(
        err, "the applicability check needs an account index: set starfleet.account_index in drydock.yaml");
    return std::unexpected(k_exit_usage);
  }
  return emulator::plan_template_bytes(bytes, display, worker.kind, worker.name, inputs);
}

int run_worker(const RunOptions& options, std::ostream& out, std::ostream& err) {
  if (options.from_dlq && (options.payload || options.account_id || options.region)) {
    print_error(
        err, "--from-dlq runs the dead letter's own body: it takes no --payload, --account-id or --region");
    return k_exit_usage;
  }
  if (!options.from_dlq && !options.worker) {
    err << "Error: give a WORKER (with --payload), or --from-dlq ID.\n";
    return k_exit_usage;
  }
  auto opened = DispatchSession::open(options.dispatch, err);
  if (!opened) {
    return opened.error();
  }
  auto& session = **opened;
  if (options.from_dlq) {
    return session.finish("drydock run", run_from_dlq(session, options, out, err), out, err);
  }
  return session.finish("drydock run", run_payload(session, options, out, err), out, err);
}

}  // namespace drydock::cli
