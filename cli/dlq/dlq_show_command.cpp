// `drydock dlq show ID`: everything about one dead letter, and every attempt that failed it.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "emulator/common/instant_text.hpp"
#include "emulator/lambda/dispatch_report.hpp"

namespace drydock::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_timestamp_attributes[] = {"SentTimestamp", "ApproximateFirstReceiveTimestamp"};

bool is_timestamp(const std::string& name) {
  return std::find(std::begin(k_timestamp_attributes), std::end(k_timestamp_attributes), name) !=
         std::end(k_timestamp_attributes);
}

// A millisecond epoch attribute ("1764307468254") as an ISO time; nullopt when it is not a number.
std::optional<std::string> iso_of_millis(const std::string& text) {
  std::int64_t millis = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), millis);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return emulator::format_instant(emulator::Instant(std::chrono::milliseconds(millis)));
}

std::string iso_of_wall(std::chrono::system_clock::time_point time) {
  return emulator::format_instant(std::chrono::time_point_cast<std::chrono::milliseconds>(time));
}

Json or_null(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json or_null(const std::optional<int>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// A JSON object or array body indented; any other body as it is.
std::string pretty_body(const std::string& body) {
  const auto json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  return json.is_object() || json.is_array() ? json.dump(2) : body;
}

std::string attribute_value(const emulator::MessageAttributeValue& value) {
  if (value.binary_value) {
    return fmt::format("({} bytes)", value.binary_value->size());
  }
  return value.string_value.value_or("");
}

Json attempt_json(const emulator::FailedAttempt& attempt) {
  return {{"attempt", attempt.attempt},
          {"virtual_time", emulator::format_instant(attempt.virtual_time)},
          {"wall_time", iso_of_wall(attempt.wall_time)},
          {"function", attempt.function},
          {"queue", attempt.queue},
          {"request_id", attempt.request_id.empty() ? Json(nullptr) : Json(attempt.request_id)},
          {"reason", std::string(emulator::first_line(attempt.error))},
          {"error", attempt.error},
          {"timed_out", attempt.timed_out},
          {"exit_code", or_null(attempt.exit_code)},
          {"signal", or_null(attempt.signal)},
          {"http_status", or_null(attempt.http_status)},
          {"error_payload", or_null(attempt.error_payload)},
          {"output_tail", attempt.output_tail},
          {"duration_ms", attempt.duration.count()}};
}

void render_json(const DeadLetter& letter, std::ostream& out) {
  const auto& message = letter.message;
  const emulator::AssignedTarget target = emulator::assigned_target(message.body);
  Json attributes = Json::object();
  Json times = Json::object();
  for (const auto& [name, value] : message.attributes) {
    attributes[name] = value;
    if (is_timestamp(name)) {
      times[name] = or_null(iso_of_millis(value));
    }
  }
  Json message_attributes = Json::object();
  for (const auto& [name, value] : message.message_attributes) {
    Json entry = {{"DataType", value.data_type}};
    if (value.string_value) {
      entry["StringValue"] = *value.string_value;
    }
    if (value.binary_value) {
      entry["BinaryLength"] = value.binary_value->size();
    }
    message_attributes[name] = std::move(entry);
  }
  Json attempts = Json::array();
  for (const auto& attempt : letter.attempts) {
    attempts.push_back(attempt_json(attempt));
  }
  const auto source = message.attributes.find("DeadLetterQueueSourceArn");
  const Json doc = {
      {"id", message.message_id},
      {"queue", letter.pair->dlq.name},
      {"worker", letter.pair->owner},
      {"account", or_null(target.account)},
      {"region", or_null(target.region)},
      {"template", or_null(target.template_name)},
      {"source_arn", source != message.attributes.end() ? Json(source->second) : Json(nullptr)},
      {"attempts", attempt_count(letter)},
      {"body", message.body},
      {"attributes", std::move(attributes)},
      {"attribute_times", std::move(times)},
      {"message_attributes", std::move(message_attributes)},
      {"recorded_attempts", std::move(attempts)},
  };
  out << doc.dump(2) << '\n';
}

// `text` with every line indented by `prefix`.
std::string indented(std::string_view text, std::string_view prefix) {
  std::string result;
  while (!text.empty()) {
    const auto end = text.find('\n');
    result += fmt::format("{}{}\n", prefix, text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return result;
}

void render_attempt(const emulator::FailedAttempt& attempt, std::ostream& out) {
  out << fmt::format("  #{} at {} (virtual time; wall {}), {} in {}, {} ms\n", attempt.attempt,
                     emulator::format_instant(attempt.virtual_time), iso_of_wall(attempt.wall_time),
                     attempt.function, attempt.queue, attempt.duration.count());
  std::vector<std::string> facts;
  if (attempt.timed_out) {
    facts.emplace_back("timed out");
  }
  if (attempt.exit_code) {
    facts.push_back(fmt::format("exit code {}", *attempt.exit_code));
  }
  if (attempt.signal) {
    facts.push_back(fmt::format("signal {}", *attempt.signal));
  }
  if (attempt.http_status) {
    facts.push_back(fmt::format("HTTP status {}", *attempt.http_status));
  }
  if (!attempt.request_id.empty()) {
    facts.push_back("request " + attempt.request_id);
  }
  if (!facts.empty()) {
    out << fmt::format("     {}\n", fmt::join(facts, ", "));
  }
  const std::string_view reason = emulator::first_line(attempt.error);
  out << "     reason: " << reason << '\n';
  if (reason.size() < attempt.error.size()) {
    out << "     details:\n"
        << indented(std::string_view(attempt.error).substr(reason.size() + 1), "       | ");
  }
  if (attempt.error_payload) {
    out << "     error payload:\n" << indented(*attempt.error_payload, "       | ");
  }
  if (!attempt.output_tail.empty()) {
    out << "     output (tail):\n" << indented(attempt.output_tail, "       | ");
  }
}

void render_text(const DeadLetter& letter, std::ostream& out) {
  const auto& message = letter.message;
  const emulator::AssignedTarget target = emulator::assigned_target(message.body);
  out << fmt::format("Dead letter {} in {} ({})\n", message.message_id, letter.pair->dlq.name,
                     letter.pair->owner);
  const auto source = message.attributes.find("DeadLetterQueueSourceArn");
  out << fmt::format("Redriven from: {}\n", source != message.attributes.end()
                                                ? source->second
                                                : std::string("(sent to the DLQ directly)"));
  out << fmt::format("Account: {}  Region: {}  Template: {}\n", target.account.value_or("-"),
                     target.region.value_or("-"), target.template_name.value_or("-"));
  out << "Attributes:\n";
  for (const auto& [name, value] : message.attributes) {
    const auto iso = is_timestamp(name) ? iso_of_millis(value) : std::nullopt;
    out << fmt::format("  {:<34} {}{}\n", name, value, iso ? fmt::format(" ({})", *iso) : "");
  }
  out << "Message attributes:" << (message.message_attributes.empty() ? " none\n" : "\n");
  for (const auto& [name, value] : message.message_attributes) {
    out << fmt::format("  {} ({}): {}\n", name, value.data_type, attribute_value(value));
  }
  out << "Body:\n" << indented(pretty_body(message.body), "  ");
  if (letter.attempts.empty()) {
    out << "Attempts: none recorded (imported, or dead-lettered before Drydock kept a history)\n";
    return;
  }
  out << fmt::format("Attempts: {} recorded\n", letter.attempts.size());
  for (const auto& attempt : letter.attempts) {
    render_attempt(attempt, out);
  }
}

}  // namespace

int run_dlq_show(const DlqShowOptions& options, std::ostream& out, std::ostream& err) {
  auto opened = open_cloud_context(options.cloud, err);
  if (!opened) {
    return opened.error();
  }
  emulator::Cloud& cloud = *opened->cloud;
  collect_history_garbage(cloud, err);
  auto letters = select_dead_letters(cloud, std::nullopt, {options.id}, false, err);
  if (!letters) {
    return letters.error();
  }
  if (options.format == "json") {
    render_json(letters->front(), out);
  } else {
    render_text(letters->front(), out);
  }
  return k_exit_ok;
}

}  // namespace drydock::cli
