// Phase 1 (starfleet-behavior.md §7.1): an EventBridge timed event tasks, through the fan-out queue,
// every template of every ship due at that frequency.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "emulator/starbase/python_repr.hpp"
#include "emulator/starbase/starbase_internals.hpp"
#include "workers/configuration/worker_stanza.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::emulator {
namespace {

using starbase_detail::fail;
using starbase_detail::log;

using starbase_detail::has_source;

// json.dumps({"worker_ship": ship, "template_prefix": key}).
std::string fanout_body(std::string_view ship, std::string_view key) {
  std::string body = R"({"worker_ship": )";
  workers::yaml::append_python_string(body, ship);
  body += R"(, "template_prefix": )";
  workers::yaml::append_python_string(body, key);
  body += "}";
  return body;
}

// task_starbase_fanout: batches of 10 to the fan-out queue, ids "1".."n" per ship; failed entries are
// ignored by upstream and reported here.
void task_fanout(const StarbaseContext& context, std::string_view ship, const std::vector<std::string>& keys,
                 StarbaseOutcome& outcome) {
  const std::string& queue = context.layout->fan_out->queue.name;
  for (std::size_t start = 0; start < keys.size(); start += 10) {
    std::vector<SendMessageEntry> batch;
    for (std::size_t i = start; i < std::min(keys.size(), start + 10); ++i) {
      batch.push_back({.id = std::to_string(i + 1), .body = fanout_body(ship, keys[i])});
    }
    auto sent = context.sqs->send_message_batch(queue, batch);
    if (!sent) {
      fail(outcome, fmt::format("ClientError: SendMessageBatch to {}: {}: {}", queue, sent.error().code,
                                sent.error().message));
      return;
    }
    outcome.fanout_messages_sent += sent->successful.size();
    for (const auto& failed : sent->failed) {
      log(outcome, LogLevel::warning,
          fmt::format("[drydock] SendMessageBatch entry {} for {} was refused ({}: {}); upstream ignores it",
                      failed.id, ship, failed.code, failed.message));
    }
  }
}

}  // namespace

std::expected<std::vector<std::string>, S3Error> list_worker_ship_templates(
    const StarbaseContext& context, std::string_view template_prefix) {
  if (template_prefix.ends_with(".yaml")) {
    return std::vector<std::string>{std::string(template_prefix)};
  }
  std::vector<std::string> keys;
  ListObjectsV2Request request;
  request.prefix = std::string(template_prefix);
  for (;;) {
    auto page = context.s3->list_objects_v2(context.model->starfleet()->template_bucket, request);
    if (!page) {
      return std::unexpected(page.error());
    }
    for (const auto& object : page->contents) {
      if (object.key.ends_with(".yaml")) {
        keys.push_back(object.key);
      }
    }
    if (!page->is_truncated) {
      return keys;
    }
    request.continuation_token = page->next_continuation_token;
  }
}

StarbaseOutcome process_timed_event(const StarbaseContext& context, std::string_view event_json) {
  StarbaseOutcome outcome;
  const auto event = nlohmann::ordered_json::parse(event_json, nullptr, /*allow_exceptions=*/false);
  if (event.is_discarded()) {
    fail(outcome, "JSONDecodeError: the timed event is not JSON");
    return outcome;
  }
  if (!event.is_object() || !event.contains("name")) {
    fail(outcome, "KeyError: 'name'");
    return outcome;
  }
  const auto& name = event["name"];
  const std::string frequency = name.is_string() ? name.get<std::string>() : python_repr(name);
  const auto& frequencies = workers::eventbridge_frequency_names();  // upstream's EventBridgeFrequency
  if (!name.is_string() ||
      std::find(frequencies.begin(), frequencies.end(), frequency) == frequencies.end()) {
    fail(outcome, fmt::format("ValueError: {} is not a valid EventBridgeFrequency", python_repr(name)));
    return outcome;
  }
  log(outcome, LogLevel::info,
      fmt::format("[⏰] Starbase received an EventBridge timed event: {}. Looking for worker ships to task.",
                  frequency));
  std::vector<const workers::Worker*> due;
  for (const auto* ship : starbase_detail::loaded_ships(context)) {
    if (!has_source(*ship->stanza, workers::InvocationSource::eventbridge_timed_event)) {
      continue;
    }
    if (!ship->stanza->eventbridge_timed_frequency) {
      // Upstream reads config[ship]["EventBridgeTimedFrequency"] and raises: no ship is tasked.
      fail(outcome, "KeyError: 'EventBridgeTimedFrequency'");
      return outcome;
    }
    if (*ship->stanza->eventbridge_timed_frequency == frequency) {
      due.push_back(ship);
    }
  }
  if (due.empty()) {
    log(outcome, LogLevel::info, fmt::format("[🌑] No ships to task for the timed event: {}.", frequency));
    return outcome;
  }
  for (const auto* ship : due) {
    auto templates = list_worker_ship_templates(context, ship->stanza->template_prefix);
    if (!templates) {
      fail(outcome, fmt::format("ClientError: ListObjectsV2: {}: {}", templates.error().code,
                                templates.error().message));
      return outcome;
    }
    if (templates->empty()) {
      log(outcome, LogLevel::warning,
          fmt::format("[⚠️] No templates found for worker ship: {}. Skipping it.", ship->name));
      continue;
    }
    task_fanout(context, ship->name, *templates, outcome);
    if (outcome.failure) {
      return outcome;
    }
  }
  log(outcome, LogLevel::info,
      fmt::format("[🚀] All ships have been tasked for fan-out for this timed event: {}.", frequency));
  return outcome;
}

}  // namespace drydock::emulator
