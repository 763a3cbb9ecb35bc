#pragma once
// What the emulated cloud of a project consists of, before anything is created: the Starbase fan-out
// queue and one queue per worker, each with its DLQ and its Lambda event-source mapping, the
// template bucket, and the EventBridge rules. Each setting comes from drydock.yaml, else the SAM
// template, else upstream's defaults (issue: "the settings of drydock.yaml, else the SAM template,
// else upstream's defaults (VisibilityTimeout 300, maxReceiveCount 4, retention 4 days)").

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "emulator/eventbridge/schedule.hpp"
#include "emulator/sam/sam_template.hpp"
#include "emulator/sqs/queue_config.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/project/project_model.hpp"

namespace drydock::emulator {

// Upstream's values (its SAM template and Lambda settings: starfleet-behavior.md §6, DESIGN.md).
inline constexpr std::chrono::seconds k_default_visibility_timeout{300};
inline constexpr std::chrono::seconds k_default_lambda_timeout{300};
inline constexpr int k_default_max_receive_count = 4;
inline constexpr int k_default_worker_batch_size = 2;
inline constexpr int k_default_starbase_batch_size = 1;

// The Lambda side of a queue: how the dispatcher feeds the function that consumes it.
struct EventSourceMapping {
  int batch_size = k_default_worker_batch_size;
  std::chrono::seconds function_timeout = k_default_lambda_timeout;
  int concurrency = 1;
  bool report_batch_item_failures = false;
};

// Where a setting's value came from, for `drydock queues` and error messages.
enum class SettingOrigin { project_file, sam_template, upstream_default };
std::string_view to_string(SettingOrigin origin);  // "drydock.yaml", "SAM template", "default"

struct QueuePair {
  std::string owner;  // the worker ship's name, or "Starbase" for the fan-out queue
  QueueConfig queue;  // with its RedrivePolicy naming `dlq`
  QueueConfig dlq;
  EventSourceMapping mapping;
  SettingOrigin visibility_origin = SettingOrigin::upstream_default;
  SettingOrigin redrive_origin = SettingOrigin::upstream_default;
  SettingOrigin mapping_origin = SettingOrigin::upstream_default;
};

struct CloudLayout {
  std::string region = "us-east-1";         // STARFLEET.DeploymentRegion
  std::string account_id = "123456789012";  // from the fan-out queue's URL when it names one
  std::optional<QueuePair> fan_out;         // nullopt when STARFLEET is invalid
  std::vector<QueuePair> workers;           // workers with a valid stanza, in loader order
  std::string template_bucket;              // STARFLEET.TemplateBucket ("" when STARFLEET is invalid)
  std::vector<ScheduleRule> rules;  // the SAM template's Schedule events, else the seven Starfleet rules
  // Problems that stop a queue from being laid out (a queue URL without a name, two workers on one
  // queue, a DLQ name colliding with a queue): errors with the configuration's file positions.
  std::vector<workers::Diagnostic> diagnostics;
};

// The queue name of an SQS queue URL: its last path segment
// ("https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue" → "starbase-fanout-queue");
// nullopt when the URL has no non-empty last segment.
std::optional<std::string> queue_name_from_url(std::string_view url);
// The account id segment of such a URL (the one before the name), when it is 12 digits.
std::optional<std::string> account_from_queue_url(std::string_view url);

// Lays out the cloud of `model`. `sam` may be null (no SAM template). Never fails: problems are in
// CloudLayout::diagnostics and the queues they concern are left out.
CloudLayout plan_cloud_layout(const workers::ProjectModel& model, const SamTemplate* sam);

}  // namespace drydock::emulator
