// Phase 2, the fan-out Lambda (starfleet-behavior.md §7.2): a fan-out message is a phase-1 message
// ({"worker_ship", "template_prefix"}), an S3 notification, or something upstream logs and drops.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "emulator/s3/key_encoding.hpp"
#include "emulator/starbase/python_repr.hpp"
#include "emulator/starbase/starbase_internals.hpp"
#include "workers/yaml/python_text.hpp"

namespace drydock::emulator {
namespace {

using Json = nlohmann::ordered_json;
using starbase_detail::fail;
using starbase_detail::has_source;
using starbase_detail::log;

const Json* get(const Json& object, std::string_view key) {
  if (!object.is_object()) {
    return nullptr;
  }
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// A phase-1 message: task the named ship's template.
void timed_message(const StarbaseContext& context, const Json& payload, StarbaseOutcome& outcome) {
  const Json& name = payload["worker_ship"];
  const std::string ship_name = name.is_string() ? name.get<std::string>() : python_repr(name);
  const workers::Worker* ship = nullptr;
  std::string recognized;
  for (const auto* loaded : starbase_detail::loaded_ships(context)) {
    recognized += (recognized.empty() ? "" : ", ") + workers::yaml::python_repr_utf8(loaded->name);
    if (name.is_string() && loaded->name == ship_name) {
      ship = loaded;
    }
  }
  if (ship == nullptr) {
    log(outcome, LogLevel::error,
        fmt::format(
            "[💥] Received payload for worker ship: {}, but that is not a recognized plugin. Recognized "
            "plugins are: [{}].",
            ship_name, recognized));
    fail(outcome, fmt::format("NoShipPluginError: {}", ship_name));
    return;
  }
  const Json* key = get(payload, "template_prefix");
  if (key == nullptr) {
    fail(outcome, "KeyError: 'template_prefix'");
    return;
  }
  if (!key->is_string()) {
    fail(outcome, fmt::format("TypeError: template_prefix {} is not a string", python_repr(*key)));
    return;
  }
  starbase_detail::task_template(context, *ship, key->get<std::string>(), outcome);
}

// One nested S3 record: bucket check, key decoding, the first S3-sourced ship whose prefix claims it.
void s3_record(const StarbaseContext& context, const Json& record, StarbaseOutcome& outcome) {
  const Json* s3 = get(record, "s3");
  if (s3 == nullptr || !python_truthy(*s3)) {
    log(outcome, LogLevel::error,
        fmt::format("[👽] Received a nested record: `{}` we don't support! Dropping it.",
                    python_repr(record)));
    return;
  }
  const Json* bucket = get(*s3, "bucket");
  const Json* bucket_name = bucket != nullptr ? get(*bucket, "name") : nullptr;
  const Json* object = get(*s3, "object");
  const Json* raw_key = object != nullptr ? get(*object, "key") : nullptr;
  if (bucket_name == nullptr) {
    fail(outcome, "KeyError: 'bucket'");
    return;
  }
  const std::string& template_bucket = context.model->starfleet()->template_bucket;
  if (!bucket_name->is_string() || bucket_name->get<std::string>() != template_bucket) {
    log(outcome, LogLevel::error,
        fmt::format(
            "[❌] We received an S3 event notification that is supposed to work with S3 bucket: {}, but we "
            "are only configured for S3 events for bucket: {}",
            bucket_name->is_string() ? bucket_name->get<std::string>() : python_repr(*bucket_name),
            template_bucket));
    fail(outcome,
         fmt::format("InvalidBucketError: the S3 event is for bucket {}, not STARFLEET.TemplateBucket {}",
                     python_repr(*bucket_name), template_bucket));
    return;
  }
  if (raw_key == nullptr || !raw_key->is_string()) {
    fail(outcome, "KeyError: 'key'");
    return;
  }
  const std::string key = unquote_plus(raw_key->get<std::string>());
  log(outcome, LogLevel::info, fmt::format("[🧾] S3 object that was modified was: {}.", key));
  if (!key.ends_with(".yaml")) {
    log(outcome, LogLevel::warning,
        fmt::format(
            "[⏭️] Received an object prefix that is not a recognized template: {}. We only process files "
            "that end in `.yaml`. Skipping.",
            key));
    return;
  }
  for (const auto* ship : starbase_detail::loaded_ships(context)) {
    if (!has_source(*ship->stanza, workers::InvocationSource::s3)) {
      continue;
    }
    const std::string& prefix = ship->stanza->template_prefix;
    if ((prefix.ends_with(".yaml") && prefix == key) || key.starts_with(prefix)) {
      log(outcome, LogLevel::info,
          fmt::format("[🧑‍🚀] Identified worker ship: {} for S3 template: {}.", ship->name, key));
      starbase_detail::task_template(context, *ship, key, outcome);
      return;
    }
  }
  log(outcome, LogLevel::warning,
      fmt::format(
          "[⏭️] Received S3 payload for object: {} that we can't find a ship to handle. Skipping.", key));
}

void s3_notification(const StarbaseContext& context, const Json& records, StarbaseOutcome& outcome) {
  log(outcome, LogLevel::info,
      "[🪣] Starbase received an S3 template modification event. Looking for the worker ship to task...");
  if (!records.is_array()) {
    fail(outcome, fmt::format("TypeError: Records is {}, not a list", python_repr(records)));
    return;
  }
  if (records.size() > 1) {
    log(outcome, LogLevel::error,
        fmt::format(
            "[🚨] Received {} nested events! Going to loop over them, but this should really be used to "
            "re-invoke the fan out!",
            records.size()));
  }
  for (const auto& record : records) {
    s3_record(context, record, outcome);
    if (outcome.failure) {
      return;  // an exception: the remaining records are not processed
    }
  }
}

}  // namespace

StarbaseOutcome process_fanout_message(const StarbaseContext& context, std::string_view body) {
  StarbaseOutcome outcome;
  const Json payload = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (payload.is_discarded()) {
    fail(outcome, "JSONDecodeError: the fan-out message body is not JSON");
    return outcome;
  }
  if (!payload.is_object()) {
    fail(outcome,
         fmt::format("AttributeError: '{}' object has no attribute 'get'", payload.is_array()    ? "list"
                                                                           : payload.is_string() ? "str"
                                                                                                 : "int"));
    return outcome;
  }
  if (const Json* ship = get(payload, "worker_ship"); ship != nullptr && python_truthy(*ship)) {
    timed_message(context, payload, outcome);
  } else if (const Json* records = get(payload, "Records"); records != nullptr && python_truthy(*records)) {
    s3_notification(context, *records, outcome);
  } else {
    log(outcome, LogLevel::error,
        fmt::format("[👽] Received an event: `{}` we don't support! Dropping it.", python_repr(payload)));
  }
  return outcome;
}

StarbaseOutcome process_fanout_event(const StarbaseContext& context, std::string_view event_json) {
  StarbaseOutcome outcome;
  const Json event = Json::parse(event_json, nullptr, /*allow_exceptions=*/false);
  const Json* records = event.is_discarded() ? nullptr : get(event, "Records");
  if (records == nullptr || !records->is_array()) {
    fail(outcome, "KeyError: 'Records'");
    return outcome;
  }
  if (records->size() > 1) {
    log(outcome, LogLevel::error,
        "[🚨] Received more than 1 event for fan out! This should only receive 1, but handling it anyway...");
  }
  for (const auto& record : *records) {
    const Json* body = get(record, "body");
    if (body == nullptr || !body->is_string()) {
      fail(outcome, "KeyError: 'body'");
      return outcome;
    }
    StarbaseOutcome one = process_fanout_message(context, body->get<std::string>());
    for (auto& line : one.logs) {
      outcome.logs.push_back(std::move(line));
    }
    for (auto& tasked : one.tasked) {
      outcome.tasked.push_back(std::move(tasked));
    }
    for (auto& diagnostic : one.diagnostics) {
      outcome.diagnostics.push_back(std::move(diagnostic));
    }
    if (one.failure) {
      outcome.failure = std::move(one.failure);
      return outcome;
    }
  }
  return outcome;
}

}  // namespace drydock::emulator
