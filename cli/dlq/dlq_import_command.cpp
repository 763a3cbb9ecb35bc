// `drydock dlq import FILE… [--worker W]`: production dead letters (or any bodies) into a local DLQ.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/dlq/import_files.hpp"
#include "cli/project_context.hpp"
#include "emulator/sqs/message_limits.hpp"
#include "workers/templates/template_kind.hpp"

namespace drydock::cli {
namespace {

using emulator::QueuePair;

std::string_view kind_name(workers::TemplateKind kind) {
  switch (kind) {
    case workers::TemplateKind::account: return "ACCOUNT";
    case workers::TemplateKind::account_region: return "ACCOUNT_REGION";
    default: return "SINGLE_INVOCATION";
  }
}

// The pair whose DLQ a body belongs in, judged from the body: a fan-out message or an S3 notification
// is the Starbase's; a worker message goes to the one worker of the fan-out kind its Starbase fields
// say (StarbaseAssignedRegion: ACCOUNT_REGION, StarbaseAssignedAccount: ACCOUNT, neither:
// SINGLE_INVOCATION). Fails saying why when that is not exactly one.
std::expected<const QueuePair*, std::string> infer_pair(const CloudContext& context, std::string_view body) {
  const auto& layout = context.cloud->layout();
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return std::unexpected("the body is not a JSON object, so its worker cannot be told; give --worker");
  }
  if (json.contains("worker_ship") || json.contains("Records")) {
    if (!layout.fan_out) {
      return std::unexpected("a Starbase fan-out message, but the project has no fan-out queue");
    }
    return &*layout.fan_out;
  }
  const auto kind = json.contains("StarbaseAssignedRegion")    ? workers::TemplateKind::account_region
                    : json.contains("StarbaseAssignedAccount") ? workers::TemplateKind::account
                                                               : workers::TemplateKind::single_invocation;
  std::vector<const QueuePair*> candidates;
  std::vector<std::string> names;
  for (const auto& worker : context.model->workers()) {
    if (worker.kind != kind) {
      continue;
    }
    for (const auto& pair : layout.workers) {
      if (pair.owner == worker.name) {
        candidates.push_back(&pair);
        names.push_back(worker.name);
      }
    }
  }
  if (candidates.size() == 1) {
    return candidates.front();
  }
  return std::unexpected(
      candidates.empty()
          ? fmt::format("no worker of the project fans out {} messages like this one; give --worker",
                        kind_name(kind))
          : fmt::format("{} workers fan out {} messages like this one ({}); give --worker", candidates.size(),
                        kind_name(kind), fmt::join(names, ", ")));
}

struct Planned {
  ImportedMessage message;
  const QueuePair* pair = nullptr;
};

}  // namespace

int run_dlq_import(const DlqImportOptions& options, std::ostream& out, std::ostream& err) {
  auto opened = open_cloud_context(options.cloud, err);
  if (!opened) {
    return opened.error();
  }
  emulator::Cloud& cloud = *opened->cloud;
  const QueuePair* chosen = nullptr;
  if (options.worker) {
    auto pairs = select_pairs(cloud.layout(), options.worker, err);
    if (!pairs) {
      return pairs.error();
    }
    chosen = pairs->front();
  }
  // Read and check everything first (every problem reported), so an import sends all or nothing.
  std::vector<Planned> planned;
  bool failed = false;
  for (const std::string& file : options.files) {
    auto messages = read_import_file(file);
    if (!messages) {
      print_error(err, messages.error());
      failed = true;
      continue;
    }
    for (auto& message : *messages) {
      auto pair = chosen != nullptr ? std::expected<const QueuePair*, std::string>(chosen)
                                    : infer_pair(*opened, message.body);
      if (!pair) {
        print_error(err, fmt::format("{}: {}", message.source, pair.error()));
        failed = true;
        continue;
      }
      auto fits = emulator::check_message_fits(message.body, message.message_attributes,
                                               (*pair)->dlq.maximum_message_size);
      if (!fits) {
        print_error(err, fmt::format("{}: {}: {}", message.source, fits.error().code, fits.error().message));
        failed = true;
        continue;
      }
      planned.push_back({std::move(message), *pair});
    }
  }
  if (failed) {
    print_error(err, "nothing was imported");
    return k_exit_usage;
  }
  for (const Planned& entry : planned) {
    auto sent = cloud.sqs().send_message(entry.pair->dlq.name,
                                         {.id = {},
                                          .body = entry.message.body,
                                          .delay = {},
                                          .message_attributes = entry.message.message_attributes,
                                          .aws_trace_header = {}});
    if (!sent) {
      print_error(err,
                  fmt::format("{}: {}: {}", entry.message.source, sent.error().code, sent.error().message));
      return k_exit_usage;
    }
    out << fmt::format("{}: imported as {} into {} ({})\n", entry.message.source, sent->message_id,
                       entry.pair->dlq.name, entry.pair->owner);
  }
  cloud.save_clock();
  return k_exit_ok;
}

}  // namespace drydock::cli
