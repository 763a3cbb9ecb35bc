#pragma once
// The Starbase, exactly as upstream's (starfleet-behavior.md §6-7): phase 1 turns an EventBridge timed
// event into one fan-out message per template of every ship due at that frequency; phase 2 (the
// fan-out Lambda) turns a fan-out message — a phase-1 message or an S3 notification — into the
// worker's messages: fetch, validate, resolve, send. Each step is a named function below.
//
// Every upstream outcome is kept. What upstream logs and drops is reported (`logs`) and the message is
// consumed; what upstream raises fails the invocation (`failure`), so the fan-out message is retried
// and ends in the fan-out DLQ, as in production. Log lines are upstream's, emoji included.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/accounts/account_index.hpp"
#include "emulator/cloud/cloud_layout.hpp"
#include "emulator/s3/s3_service.hpp"
#include "emulator/sqs/sqs_service.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/project/project_model.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::emulator {

// What the Starbase reads and writes. All references must outlive the Starbase calls.
struct StarbaseContext {
  const workers::ProjectModel* model = nullptr;  // ships (loader order) and STARFLEET
  const CloudLayout* layout = nullptr;           // the fan-out queue and each worker's queue
  const AccountIndex* index = nullptr;           // null: no account index (ACCOUNT fan-outs then fail)
  const workers::RegionUniverse* regions = nullptr;
  SqsService* sqs = nullptr;
  S3Service* s3 = nullptr;
};

enum class LogLevel { info, warning, error };

struct StarbaseLog {
  LogLevel level = LogLevel::info;
  std::string message;  // upstream's text
};

// A template the Starbase fanned out to a worker's queue.
struct TaskedTemplate {
  std::string worker;
  std::string key;
  workers::TemplateKind kind = workers::TemplateKind::single_invocation;
  std::size_t messages_sent = 0;
  std::size_t messages_failed = 0;  // batch entries SQS refused (upstream ignores them)
  std::string template_name;        // its TemplateName, as the messages' bodies carry it
};

struct StarbaseOutcome {
  std::vector<StarbaseLog> logs;
  std::vector<TaskedTemplate> tasked;
  std::size_t fanout_messages_sent = 0;  // phase 1: messages put on the fan-out queue
  // Set when upstream would raise: the exception's class and message, e.g.
  // "InvalidBucketError: the S3 event is for bucket 'x', not STARFLEET.TemplateBucket 'y'".
  std::optional<std::string> failure;
  std::vector<workers::Diagnostic> diagnostics;  // template validation errors, with positions
};

// Phase 1 for the timed event `event_json` (`{"name": "HOURLY"}`).
StarbaseOutcome process_timed_event(const StarbaseContext& context, std::string_view event_json);

// Phase 2 for the body of one fan-out queue message.
StarbaseOutcome process_fanout_message(const StarbaseContext& context, std::string_view body);

// The fan-out Lambda over a whole SQS event (Records[].body, BatchSize 1 expected): every record in
// order; the first failure stops the rest, as an exception would.
StarbaseOutcome process_fanout_event(const StarbaseContext& context, std::string_view event_json);

// The templates of a ship: the prefix itself when it ends with `.yaml` (no S3 call), else every key
// under the prefix that ends with `.yaml`, in S3 order. Fails with the S3 error.
std::expected<std::vector<std::string>, S3Error> list_worker_ship_templates(const StarbaseContext& context,
                                                                            std::string_view template_prefix);

}  // namespace drydock::emulator
