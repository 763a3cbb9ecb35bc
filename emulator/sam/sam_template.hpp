#pragma once
// What the emulator reads from a project's AWS SAM template (CloudFormation YAML, DESIGN.md "The
// project file", `sam_template:`): the SQS queues and their redrive policies, the functions' timeouts,
// their SQS event-source mappings and Schedule rules, and S3 bucket notifications to queues. Every
// other resource and property is ignored.
//
// Values are read as CloudFormation reads them: numbers may be ints or numeric strings, booleans
// true/false or "true"/"false", and a `!Ref` to a template Parameter takes that parameter's Default.
// Other intrinsics (`!Sub`, `!If`, `!FindInMap`, ...) cannot be evaluated without a deployment and are
// reported where Drydock needs the value. References between resources are logical ids.

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/eventbridge/schedule.hpp"
#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::emulator {

// RedrivePolicy of an AWS::SQS::Queue.
struct SamRedrivePolicy {
  std::string dead_letter_queue;  // logical id of the deadLetterTargetArn queue (in this template)
  int max_receive_count = 0;      // 1..1000
};

// An AWS::SQS::Queue. Defaults are AWS's (aws-anchors.md §4.1-4.2).
struct SamQueue {
  std::string logical_id;  // "StarbaseFanoutQueue"
  workers::Mark mark;      // where the logical id is written
  // QueueName. When it is absent (or an intrinsic other than a parameter !Ref) CloudFormation would
  // generate "<stack>-<logical id>-<random>"; Drydock uses the logical id and sets name_generated.
  std::string name;
  bool name_generated = false;
  std::chrono::seconds visibility_timeout{30};            // 0..43200
  std::chrono::seconds message_retention_period{345600};  // 60..1209600
  std::chrono::seconds delay_seconds{0};                  // 0..900
  int maximum_message_size = 1'048'576;                   // 1024..1048576 bytes
  bool fifo = false;                                      // FifoQueue
  std::optional<SamRedrivePolicy> redrive_policy;
  bool has_redrive_allow_policy = false;  // RedriveAllowPolicy is present (its content is not read)
};

// An `Events:` entry of `Type: SQS`: the event-source mapping from a queue to the function.
struct SamSqsEvent {
  std::string name;  // the event's key under Events ("SQSEvent")
  workers::Mark mark;
  std::string queue;                        // logical id of the Properties.Queue queue
  int batch_size = 10;                      // 1..10000 (SAM/Lambda default 10)
  bool report_batch_item_failures = false;  // FunctionResponseTypes holds ReportBatchItemFailures
  bool enabled = true;
};

// An `Events:` entry of `Type: Schedule`: an EventBridge rule targeting the function.
struct SamScheduleEvent {
  std::string name;  // the event's key under Events ("EventBridgeHourly")
  workers::Mark mark;
  // Properties.Name. Without one CloudFormation generates the rule's name; Drydock uses SAM's logical
  // id for the rule, <function logical id><event name>, and sets rule_name_generated.
  std::string rule_name;
  bool rule_name_generated = false;
  std::string expression;  // Schedule: `rate(...)` or `cron(...)`, checked by ScheduleExpression::parse
  std::string input;       // Input: JSON text exactly as written; empty when absent
  bool enabled = true;     // Enabled, or State ENABLED/DISABLED
};

// An AWS::Serverless::Function.
struct SamFunction {
  std::string logical_id;
  workers::Mark mark;
  // Timeout, else Globals.Function.Timeout, else SAM's default of 3 seconds; 1..900.
  std::chrono::seconds timeout{3};
  std::vector<SamSqsEvent> sqs_events;            // in template order
  std::vector<SamScheduleEvent> schedule_events;  // in template order
};

// One NotificationConfiguration.QueueConfigurations entry of a bucket.
struct SamQueueNotification {
  std::string event;   // "s3:ObjectCreated:*"
  std::string queue;   // logical id of the target queue
  std::string prefix;  // Filter.S3Key.Rules `prefix`; empty when none
  std::string suffix;  // Filter.S3Key.Rules `suffix`; empty when none
};

// An AWS::S3::Bucket.
struct SamBucket {
  std::string logical_id;
  workers::Mark mark;
  // BucketName as written: a literal, or the template text of `!Sub` ("starfleet-templates-${AccountId}",
  // unexpanded); empty when absent or another intrinsic.
  std::string name;
  std::string name_intrinsic;  // "" for a literal, else the intrinsic's tag ("!Sub")
  std::vector<SamQueueNotification> queue_notifications;
};

struct SamTemplate {
  std::vector<SamQueue> queues;        // in template order
  std::vector<SamFunction> functions;  // in template order
  std::vector<SamBucket> buckets;      // in template order

  // The queue with this logical id, or nullptr.
  const SamQueue* queue(std::string_view logical_id) const;
  // The queue whose name (SamQueue::name) is `name`, or nullptr.
  const SamQueue* queue_named(std::string_view name) const;
  // The function with this logical id, or nullptr.
  const SamFunction* function(std::string_view logical_id) const;
};

// The function and SQS event that consume a queue.
struct SamQueueConsumer {
  const SamFunction* function = nullptr;
  const SamSqsEvent* event = nullptr;
};

// The first SQS event (in template order) whose Queue is the queue with `queue_logical_id`; nullopt
// when no function consumes it. Pointers are into `sam`.
std::optional<SamQueueConsumer> queue_consumer(const SamTemplate& sam, std::string_view queue_logical_id);

// Reads the template at `path` (diagnostics name it as `path.string()`). On failure returns every
// problem found: an unreadable file, invalid YAML, duplicate keys, or a field Drydock needs that is
// malformed, out of range or refers to a queue not in the template, each with file, line, column and
// field path ("Resources.Q.Properties.VisibilityTimeout").
std::expected<SamTemplate, std::vector<workers::Diagnostic>> load_sam_template(
    const std::filesystem::path& path);

// As load_sam_template, from the template's text; `display` names the file in diagnostics.
std::expected<SamTemplate, std::vector<workers::Diagnostic>> parse_sam_template(std::string_view text,
                                                                                const std::string& display);

// Every Schedule event of every function, as EventBridge rules, in template order (functions, then
// their events): name = rule_name, expression, input and enabled as written.
std::vector<ScheduleRule> schedule_rules(const SamTemplate& sam);

}  // namespace drydock::emulator
