#include "cli/queues_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "cli/app.hpp"
#include "emulator/common/instant_text.hpp"

namespace drydock::cli {
namespace {

using emulator::QueueAttributes;
using emulator::QueuePair;

struct Row {
  const QueuePair* pair = nullptr;  // nullptr: a queue in the store the project no longer has
  QueueAttributes queue;
  std::optional<QueueAttributes> dlq;
};

nlohmann::ordered_json counts_json(const QueueAttributes& attributes) {
  return {{"visible", attributes.approximate_number_of_messages},
          {"in_flight", attributes.approximate_number_of_messages_not_visible},
          {"delayed", attributes.approximate_number_of_messages_delayed}};
}

void render_json(const std::vector<Row>& rows, emulator::Cloud& cloud, std::ostream& out) {
  nlohmann::ordered_json queues = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    nlohmann::ordered_json entry = {{"name", row.queue.config.name},
                                    {"owner", row.pair != nullptr ? nlohmann::ordered_json(row.pair->owner)
                                                                  : nlohmann::ordered_json(nullptr)},
                                    {"url", cloud.sqs().queue_url(row.queue.config.name)},
                                    {"arn", row.queue.arn}};
    entry.update(counts_json(row.queue));
    entry["visibility_timeout"] = row.queue.config.visibility_timeout.count();
    entry["message_retention_period"] = row.queue.config.message_retention.count();
    if (row.queue.config.redrive_policy) {
      entry["max_receive_count"] = row.queue.config.redrive_policy->max_receive_count;
    }
    if (row.dlq) {
      nlohmann::ordered_json dlq = {{"name", row.dlq->config.name}, {"arn", row.dlq->arn}};
      dlq.update(counts_json(*row.dlq));
      entry["dlq"] = std::move(dlq);
    }
    if (row.pair != nullptr) {
      const auto& mapping = row.pair->mapping;
      entry["event_source_mapping"] = {{"batch_size", mapping.batch_size},
                                       {"function_timeout", mapping.function_timeout.count()},
                                       {"concurrency", mapping.concurrency},
                                       {"report_batch_item_failures", mapping.report_batch_item_failures}};
      entry["settings_from"] = {{"visibility_timeout", emulator::to_string(row.pair->visibility_origin)},
                                {"redrive_policy", emulator::to_string(row.pair->redrive_origin)},
                                {"event_source_mapping", emulator::to_string(row.pair->mapping_origin)}};
    }
    queues.push_back(std::move(entry));
  }
  const nlohmann::ordered_json doc = {{"clock", emulator::format_instant(cloud.clock().now())},
                                      {"state", cloud.store().dir().string()},
                                      {"queues", std::move(queues)}};
  out << doc.dump(2) << '\n';
}

void render_table(const std::vector<Row>& rows, std::ostream& out) {
  out << fmt::format("{:<40} {:<26} {:>7} {:>9} {:>7}  {:<44} {:>4}  {}\n", "QUEUE", "OWNER", "VISIBLE",
                     "IN FLIGHT", "DELAYED", "DLQ", "DEAD", "SETTINGS");
  for (const auto& row : rows) {
    std::string settings;
    if (row.pair != nullptr) {
      settings = fmt::format(
          "visibility {}s ({}), {} receives ({}), batch {} ({})", row.queue.config.visibility_timeout.count(),
          to_string(row.pair->visibility_origin),
          row.queue.config.redrive_policy ? row.queue.config.redrive_policy->max_receive_count : 0,
          to_string(row.pair->redrive_origin), row.pair->mapping.batch_size,
          to_string(row.pair->mapping_origin));
    }
    out << fmt::format("{:<40} {:<26} {:>7} {:>9} {:>7}  {:<44} {:>4}  {}\n", row.queue.config.name,
                       row.pair != nullptr ? row.pair->owner : "(not in the project)",
                       row.queue.approximate_number_of_messages,
                       row.queue.approximate_number_of_messages_not_visible,
                       row.queue.approximate_number_of_messages_delayed, row.dlq ? row.dlq->config.name : "-",
                       row.dlq ? row.dlq->approximate_number_of_messages : 0, settings);
  }
}

}  // namespace

int run_queues(const QueuesOptions& options, std::ostream& out, std::ostream& err) {
  auto opened = open_cloud_context(options.cloud, err);
  if (!opened) {
    return opened.error();
  }
  auto& cloud = *opened->cloud;
  const auto& layout = cloud.layout();
  std::vector<const QueuePair*> pairs;
  if (layout.fan_out) {
    pairs.push_back(&*layout.fan_out);
  }
  for (const auto& pair : layout.workers) {
    pairs.push_back(&pair);
  }
  std::vector<Row> rows;
  std::set<std::string> shown;
  auto failed = [&](const emulator::SqsError& error) {
    print_error(err, fmt::format("{}: {}", error.code, error.message));
    return k_exit_usage;
  };
  for (const auto* pair : pairs) {
    auto queue = cloud.sqs().queue_attributes(pair->queue.name);
    auto dlq = cloud.sqs().queue_attributes(pair->dlq.name);
    if (!queue || !dlq) {
      return failed(!queue ? queue.error() : dlq.error());
    }
    rows.push_back({pair, std::move(*queue), std::move(*dlq)});
    shown.insert(pair->queue.name);
    shown.insert(pair->dlq.name);
  }
  auto names = cloud.sqs().list_queues();
  if (!names) {
    return failed(names.error());
  }
  for (const auto& name : *names) {
    if (!shown.contains(name)) {
      auto queue = cloud.sqs().queue_attributes(name);
      if (!queue) {
        return failed(queue.error());
      }
      rows.push_back({nullptr, std::move(*queue), std::nullopt});
    }
  }
  if (options.format == "json") {
    render_json(rows, cloud, out);
  } else {
    render_table(rows, out);
  }
  return k_exit_ok;
}

}  // namespace drydock::cli
