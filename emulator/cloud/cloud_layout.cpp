#include "emulator/cloud/cloud_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace drydock::emulator {
namespace {

using workers::Diagnostic;

// The SAM queue named `name` and the function consuming it, when the template has them.
struct SamView {
  const SamQueue* queue = nullptr;
  std::optional<SamQueueConsumer> consumer;
};

SamView find_in_sam(const SamTemplate* sam, std::string_view name) {
  SamView view;
  if (sam == nullptr) {
    return view;
  }
  view.queue = sam->queue_named(name);
  if (view.queue != nullptr) {
    view.consumer = queue_consumer(*sam, view.queue->logical_id);
  }
  return view;
}

// Settings drydock.yaml can give a worker (none for the Starbase).
struct ProjectSettings {
  std::optional<std::chrono::seconds> visibility_timeout;
  std::optional<std::chrono::seconds> timeout;
  std::optional<int> max_receive_count;
  std::optional<int> batch_size;
  std::optional<int> concurrency;
  bool report_batch_item_failures = false;
};

ProjectSettings project_settings(const workers::WorkerSettings* settings) {
  if (settings == nullptr) {
    return {};
  }
  return {settings->visibility_timeout, settings->timeout,     settings->max_receive_count,
          settings->batch_size,         settings->concurrency, settings->report_batch_item_failures};
}

QueuePair lay_out(std::string owner, const std::string& name, const ProjectSettings& project,
                  const SamView& sam, int default_batch_size) {
  QueuePair pair;
  pair.owner = std::move(owner);
  pair.queue.name = name;

  // Visibility timeout: drydock.yaml's, else the SAM queue's, else the Lambda timeout (DESIGN.md:
  // "visibility_timeout: default = timeout"), else upstream's 300 s.
  if (project.visibility_timeout) {
    pair.queue.visibility_timeout = *project.visibility_timeout;
    pair.visibility_origin = SettingOrigin::project_file;
  } else if (sam.queue != nullptr) {
    pair.queue.visibility_timeout = sam.queue->visibility_timeout;
    pair.visibility_origin = SettingOrigin::sam_template;
  } else if (project.timeout) {
    pair.queue.visibility_timeout = *project.timeout;
    pair.visibility_origin = SettingOrigin::project_file;
  } else {
    pair.queue.visibility_timeout = k_default_visibility_timeout;
  }
  if (sam.queue != nullptr) {
    pair.queue.message_retention = sam.queue->message_retention_period;
    pair.queue.delay = sam.queue->delay_seconds;
    pair.queue.maximum_message_size = sam.queue->maximum_message_size;
  }

  // The DLQ is <name>-dlq unless the SAM RedrivePolicy names another (apply_sam_dlq).
  int max_receive_count = k_default_max_receive_count;
  if (sam.queue != nullptr && sam.queue->redrive_policy) {
    max_receive_count = sam.queue->redrive_policy->max_receive_count;
    pair.redrive_origin = SettingOrigin::sam_template;
  }
  if (project.max_receive_count) {
    max_receive_count = *project.max_receive_count;
    pair.redrive_origin = SettingOrigin::project_file;
  }
  pair.dlq.name = name + "-dlq";
  pair.queue.redrive_policy = RedrivePolicy{pair.dlq.name, max_receive_count};

  // The event-source mapping: drydock.yaml, else the SAM function and event, else upstream's.
  pair.mapping.batch_size = default_batch_size;
  if (sam.consumer) {
    pair.mapping.batch_size = sam.consumer->event->batch_size;
    pair.mapping.function_timeout = sam.consumer->function->timeout;
    pair.mapping.report_batch_item_failures = sam.consumer->event->report_batch_item_failures;
    pair.mapping_origin = SettingOrigin::sam_template;
  }
  if (project.batch_size || project.timeout || project.concurrency || project.report_batch_item_failures) {
    pair.mapping_origin = SettingOrigin::project_file;
  }
  pair.mapping.batch_size = project.batch_size.value_or(pair.mapping.batch_size);
  pair.mapping.function_timeout = project.timeout.value_or(pair.mapping.function_timeout);
  pair.mapping.concurrency = project.concurrency.value_or(pair.mapping.concurrency);
  pair.mapping.report_batch_item_failures =
      project.report_batch_item_failures || pair.mapping.report_batch_item_failures;
  return pair;
}

// Points the DLQ at the SAM template's RedrivePolicy target when there is one.
void apply_sam_dlq(QueuePair& pair, const SamTemplate* sam) {
  if (sam == nullptr) {
    return;
  }
  const SamQueue* queue = sam->queue_named(pair.queue.name);
  if (queue == nullptr || !queue->redrive_policy) {
    return;
  }
  const SamQueue* dlq = sam->queue(queue->redrive_policy->dead_letter_queue);
  if (dlq == nullptr) {
    return;
  }
  pair.dlq.name = dlq->name;
  pair.dlq.visibility_timeout = dlq->visibility_timeout;
  pair.dlq.message_retention = dlq->message_retention_period;
  pair.dlq.delay = dlq->delay_seconds;
  pair.dlq.maximum_message_size = dlq->maximum_message_size;
  pair.queue.redrive_policy->dead_letter_queue = dlq->name;
}

Diagnostic stanza_error(const workers::ProjectModel& model, const workers::WorkerStanza& stanza,
                        std::string_view key, std::string message) {
  Diagnostic diagnostic;
  diagnostic.file = model.load().config.sources.at(stanza.source).display;
  const workers::yaml::Node* value = stanza.node != nullptr ? stanza.node->find(key) : nullptr;
  diagnostic.mark =
      value != nullptr ? value->mark : (stanza.node != nullptr ? stanza.node->mark : workers::Mark{});
  diagnostic.field = {stanza.name, std::string(key)};
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace

std::string_view to_string(SettingOrigin origin) {
  switch (origin) {
    case SettingOrigin::project_file: return "drydock.yaml";
    case SettingOrigin::sam_template: return "SAM template";
    case SettingOrigin::upstream_default: return "default";
  }
  return "default";
}

std::optional<std::string> queue_name_from_url(std::string_view url) {
  while (!url.empty() && url.back() == '/') {
    url.remove_suffix(1);
  }
  const auto slash = url.rfind('/');
  if (slash == std::string_view::npos || slash + 1 >= url.size() || url.substr(0, slash).ends_with('/')) {
    return std::nullopt;
  }
  return std::string(url.substr(slash + 1));
}

std::optional<std::string> account_from_queue_url(std::string_view url) {
  while (!url.empty() && url.back() == '/') {
    url.remove_suffix(1);
  }
  const auto last = url.rfind('/');
  if (last == std::string_view::npos) {
    return std::nullopt;
  }
  const auto before = url.rfind('/', last - 1);
  if (before == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view account = url.substr(before + 1, last - before - 1);
  if (account.size() != 12 ||
      !std::all_of(account.begin(), account.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::string(account);
}

CloudLayout plan_cloud_layout(const workers::ProjectModel& model, const SamTemplate* sam) {
  CloudLayout layout;
  layout.rules =
      sam != nullptr && !schedule_rules(*sam).empty() ? schedule_rules(*sam) : default_starfleet_rules();
  std::map<std::string, std::string> queue_owners;  // queue name → who uses it

  if (const auto& starfleet = model.starfleet()) {
    layout.region = starfleet->deployment_region;
    layout.template_bucket = starfleet->template_bucket;
    layout.account_id = account_from_queue_url(starfleet->fan_out_queue_url).value_or(layout.account_id);
    if (auto name = queue_name_from_url(starfleet->fan_out_queue_url)) {
      QueuePair pair = lay_out("Starbase", *name, {}, find_in_sam(sam, *name), k_default_starbase_batch_size);
      apply_sam_dlq(pair, sam);
      queue_owners[pair.queue.name] = "the Starbase";
      queue_owners[pair.dlq.name] = "the Starbase (its DLQ)";
      layout.fan_out = std::move(pair);
    }
  }

  for (const auto& worker : model.workers()) {
    if (worker.stanza == nullptr) {
      continue;
    }
    const auto name = queue_name_from_url(worker.stanza->invocation_queue_url);
    if (!name) {
      layout.diagnostics.push_back(stanza_error(model, *worker.stanza, "InvocationQueueUrl",
                                                "the queue URL has no queue name (its last path segment)"));
      continue;
    }
    QueuePair pair = lay_out(worker.name, *name, project_settings(worker.settings), find_in_sam(sam, *name),
                             k_default_worker_batch_size);
    apply_sam_dlq(pair, sam);
    bool collides = false;
    for (const auto* queue_name : {&pair.queue.name, &pair.dlq.name}) {
      if (auto owner = queue_owners.find(*queue_name); owner != queue_owners.end()) {
        layout.diagnostics.push_back(stanza_error(
            model, *worker.stanza, "InvocationQueueUrl",
            fmt::format("queue {} is already used by {}; every worker needs its own queue and DLQ",
                        *queue_name, owner->second)));
        collides = true;
        break;
      }
    }
    if (collides) {
      continue;
    }
    queue_owners[pair.queue.name] = worker.name;
    queue_owners[pair.dlq.name] = worker.name + " (its DLQ)";
    layout.workers.push_back(std::move(pair));
  }
  return layout;
}

}  // namespace drydock::emulator
