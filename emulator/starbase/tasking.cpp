// _fan_out_payload_logic (starfleet-behavior.md §7.3): fetch the template from the template bucket,
// validate it as the ship's template kind, resolve accounts (and regions), and send the worker's
// messages — bodies byte-identical to upstream's (fanout_messages.hpp) — to the ship's queue.

#include <fmt/format.h>

#include <algorithm>

#include "emulator/plan/template_plan.hpp"
#include "emulator/starbase/fanout_messages.hpp"
#include "emulator/starbase/python_repr.hpp"
#include "emulator/starbase/starbase_internals.hpp"
#include "workers/diagnostics/error_dict.hpp"
#include "workers/validation/template_check.hpp"

namespace drydock::emulator::starbase_detail {
namespace {

constexpr std::size_t k_batches_per_group = 100;

// Sends `messages` in batches of 10 (SendMessageBatch), counting what SQS accepted and refused;
// upstream ignores refused entries, Drydock reports them.
void send_batches(const StarbaseContext& context, const std::string& queue,
                  std::vector<SendMessageEntry>& pending, TaskedTemplate& tasked, StarbaseOutcome& outcome) {
  if (pending.empty()) {
    return;
  }
  auto sent = context.sqs->send_message_batch(queue, pending);
  pending.clear();
  if (!sent) {
    fail(outcome, fmt::format("ClientError: SendMessageBatch to {}: {}: {}", queue, sent.error().code,
                              sent.error().message));
    return;
  }
  tasked.messages_sent += sent->successful.size();
  tasked.messages_failed += sent->failed.size();
  for (const auto& failed : sent->failed) {
    log(outcome, LogLevel::warning,
        fmt::format(
            "[drydock] SQS refused message {} for {} ({}: {}); upstream ignores refused batch entries, so "
            "this message is lost in production too",
            failed.id, tasked.worker, failed.code, failed.message));
  }
}

}  // namespace

std::vector<const workers::Worker*> loaded_ships(const StarbaseContext& context) {
  std::vector<const workers::Worker*> ships;
  for (const auto& worker : context.model->workers()) {
    if (worker.stanza != nullptr && worker.stanza->enabled) {
      ships.push_back(&worker);
    }
  }
  return ships;
}

bool has_source(const workers::WorkerStanza& stanza, workers::InvocationSource source) {
  return std::find(stanza.invocation_sources.begin(), stanza.invocation_sources.end(), source) !=
         stanza.invocation_sources.end();
}

std::string worker_queue(const StarbaseContext& context, std::string_view ship) {
  for (const auto& pair : context.layout->workers) {
    if (pair.owner == ship) {
      return pair.queue.name;
    }
  }
  return {};
}

void log(StarbaseOutcome& outcome, LogLevel level, std::string message) {
  outcome.logs.push_back({level, std::move(message)});
}

void fail(StarbaseOutcome& outcome, std::string exception) {
  outcome.failure = std::move(exception);
}

void task_template(const StarbaseContext& context, const workers::Worker& ship, std::string_view key,
                   StarbaseOutcome& outcome) {
  log(outcome, LogLevel::info,
      fmt::format("[🌟] Starbase tasking for ship: {} / template: {}...", ship.name, key));
  const std::string& bucket = context.model->starfleet()->template_bucket;

  // 1. Fetch (GetObject + yaml.safe_load).
  auto object = context.s3->get_object(bucket, key);
  if (!object) {
    if (object.error().code == "NoSuchKey") {
      log(outcome, LogLevel::error,
          fmt::format("[❌] Can't find the template: {} in S3. Please investigate why it's missing.", key));
    } else {
      log(outcome, LogLevel::error,
          fmt::format(
              "[❌] Some problem occurred reaching out to S3 ({}) while fetching: {}. Please review the "
              "stacktrace.",
              object.error().code, key));
    }
    fail(outcome, fmt::format("ClientError: An error occurred ({}) when calling the GetObject operation: {}",
                              object.error().code, object.error().message));
    return;
  }
  if (object->body.size() > workers::k_max_template_bytes) {
    fail(outcome,
         fmt::format("[drydock] the template {} is {} bytes; Drydock reads templates of at most {} bytes",
                     key, object->body.size(), workers::k_max_template_bytes));
    return;
  }

  // 2. Validate as the ship's template class, 3. resolve (the same steps as `drydock plan`).
  PlanInputs inputs;
  inputs.regions = context.regions;
  inputs.index = context.index;
  inputs.scope_to_regions = context.model->starfleet()->scope_to_regions;
  if (ship.kind != workers::TemplateKind::single_invocation && context.index == nullptr) {
    fail(outcome,
         fmt::format("[drydock] {} fans out by {}, which needs an account index: set starfleet.account_index "
                     "in drydock.yaml",
                     ship.name, workers::to_string(ship.kind)));
    return;
  }
  const std::string display = fmt::format("s3://{}/{}", bucket, key);
  TemplatePlan plan = plan_template_bytes(object->body, display, ship.kind, ship.name, inputs);
  if (!plan.ok()) {
    const auto& first = plan.diagnostics.front();
    const bool yaml_error = first.message.starts_with("invalid YAML");
    if (yaml_error) {
      log(outcome, LogLevel::error,
          fmt::format(
              "[❌] Invalid YAML in template or some other problem: {}. See stacktrace for more details.",
              first.message));
      fail(outcome, "YAMLError: " + first.message);
    } else {
      // str(ValidationError) is its messages dict; the same dict, as Python prints it.
      const std::string messages =
          python_repr(nlohmann::ordered_json(workers::to_error_dict(plan.diagnostics)));
      log(outcome, LogLevel::error,
          fmt::format("[❌] Errors in the payload template: {}. See stacktrace for details.", messages));
      fail(outcome, "ValidationError: " + messages);
    }
    outcome.diagnostics = std::move(plan.diagnostics);
    return;
  }

  // 4. Send.
  const std::string queue = worker_queue(context, ship.name);
  TaskedTemplate tasked{ship.name, std::string(key), ship.kind, 0, 0, ""};
  const auto& root = *plan.document.root();
  if (const auto* name = root.find("TemplateName");
      name != nullptr && name->type == workers::yaml::Type::string) {
    tasked.template_name = name->text;
  }
  log(outcome, LogLevel::info, fmt::format("[🚀] Tasking worker ship: {}", ship.name));
  if (ship.kind == workers::TemplateKind::single_invocation) {
    auto body = single_invocation_message(root);
    if (!body) {
      fail(outcome, body.error().python_error.empty() ? "TypeError: " + body.error().message
                                                      : body.error().python_error);
      return;
    }
    auto sent = context.sqs->send_message(queue, {.body = std::move(*body)});
    if (!sent) {
      fail(outcome, fmt::format("ClientError: SendMessage to {}: {}: {}", queue, sent.error().code,
                                sent.error().message));
      return;
    }
    tasked.messages_sent = 1;
  } else {
    const bool by_account = ship.kind == workers::TemplateKind::account;
    const std::size_t count = plan.message_count();
    if (count == 0) {
      log(outcome, LogLevel::error,
          fmt::format("[🤷‍♂️] The worker ship: {}'s template at {}/{} has no {} to task!", ship.name,
                      bucket, key, by_account ? "accounts" : "accounts/regions"));
      return;
    }
    log(outcome, LogLevel::info,
        by_account ? fmt::format("[🔢] Tasking {} for {}...", ship.name, count)
                   : fmt::format("[🔢] Tasking {} for {} account/region pairs...", ship.name, count));
    // Upstream's SendMessageBatch calls of 10, grouped 100 to a store transaction (SqsService::Group): a
    // crash mid-template loses the open group, and the fan-out message, not deleted, is retried whole
    // (as upstream's is, which sends every batch again then).
    std::vector<SendMessageEntry> pending;
    std::optional<SqsService::Group> group;
    std::size_t grouped = 0;
    const auto flush = [&](bool last) {
      if (!outcome.failure && !pending.empty() && !group) {
        auto opened = context.sqs->group();
        if (!opened) {
          fail(outcome, fmt::format("ClientError: SendMessageBatch to {}: {}: {}", queue, opened.error().code,
                                    opened.error().message));
          return;
        }
        group.emplace(std::move(*opened));
      }
      if (!outcome.failure) {
        send_batches(context, queue, pending, tasked, outcome);
      }
      pending.clear();
      if (group && (last || ++grouped == k_batches_per_group || outcome.failure)) {
        if (auto committed = group->commit(); !committed && !outcome.failure) {
          fail(outcome, fmt::format("ClientError: SendMessageBatch to {}: {}: {}", queue,
                                    committed.error().code, committed.error().message));
        }
        group.reset();
        grouped = 0;
      }
    };
    const MessageSink sink = [&](std::string_view id, std::string_view body) {
      pending.push_back({.id = std::string(id), .body = std::string(body)});
      if (pending.size() == 10) {
        flush(false);
      }
    };
    auto written = by_account
                       ? for_each_account_message(root, *context.index, plan.accounts, sink)
                       : for_each_account_region_message(root, *context.index, plan.account_regions, sink);
    if (!written) {
      pending.clear();  // upstream raises while building this batch: what it sent before stays sent
      flush(true);
      fail(outcome, written.error().python_error.empty() ? "TypeError: " + written.error().message
                                                         : written.error().python_error);
      return;
    }
    flush(true);
    if (outcome.failure) {
      return;
    }
  }
  log(outcome, LogLevel::info,
      fmt::format("[🛸] Worker Ship: {} tasked for the {} fan out", ship.name,
                  workers::to_string(ship.kind)));
  outcome.tasked.push_back(std::move(tasked));
}

}  // namespace drydock::emulator::starbase_detail
