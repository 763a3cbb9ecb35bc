#include "emulator/lambda/dispatch_report.hpp"

#include <algorithm>
#include <tuple>

#include "emulator/accounts/json_cursor.hpp"

namespace drydock::emulator {

std::string_view to_string(MessageOutcome outcome) {
  switch (outcome) {
    case MessageOutcome::succeeded: return "succeeded";
    case MessageOutcome::dead_lettered: return "dead_lettered";
    case MessageOutcome::pending: return "pending";
  }
  return "pending";
}

std::string_view to_string(DispatchLimit limit) {
  switch (limit) {
    case DispatchLimit::max_invocations: return "max_invocations";
    case DispatchLimit::max_virtual_time: return "max_virtual_time";
  }
  return "max_invocations";
}

DispatchTotals& DispatchTotals::operator+=(const DispatchTotals& other) {
  invocations += other.invocations;
  succeeded += other.succeeded;
  failed_attempts += other.failed_attempts;
  dead_lettered += other.dead_lettered;
  return *this;
}

nlohmann::json report_json(const DispatchReport& report) {
  std::vector<const MessageRecord*> records;
  for (const MappingReport& mapping : report.mappings) {
    for (const auto& [id, record] : mapping.messages) {
      records.push_back(&record);
    }
  }
  std::sort(records.begin(), records.end(), [](const MessageRecord* a, const MessageRecord* b) {
    return std::tie(a->account, a->region, a->message_id) < std::tie(b->account, b->region, b->message_id);
  });
  nlohmann::json messages = nlohmann::json::array();
  for (const MessageRecord* record : records) {
    messages.push_back({{"id", record->message_id},
                        {"account", record->account ? nlohmann::json(*record->account) : nlohmann::json()},
                        {"region", record->region ? nlohmann::json(*record->region) : nlohmann::json()},
                        {"attempts", record->attempts()},
                        {"outcome", to_string(record->outcome)}});
  }
  return {{"invocations", report.totals.invocations},
          {"succeeded", report.totals.succeeded},
          {"failed_attempts", report.totals.failed_attempts},
          {"dead_lettered", report.totals.dead_lettered},
          {"messages", std::move(messages)}};
}

namespace {

// The slow path: any JSON nlohmann reads, numbers as their JSON text.
AssignedTarget assigned_target_from_dom(std::string_view body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_object()) {
    return {};
  }
  const auto field = [&](const char* name) -> std::optional<std::string> {
    const auto found = parsed.find(name);
    if (found == parsed.end()) {
      return std::nullopt;
    }
    if (found->is_string()) {
      return found->get<std::string>();
    }
    if (found->is_number()) {
      return found->dump();
    }
    return std::nullopt;
  };
  return {.account = field("StarbaseAssignedAccount"), .region = field("StarbaseAssignedRegion")};
}

}  // namespace

AssignedTarget assigned_target(std::string_view body) {
  // Worker bodies are JSON objects; anything else (a plain-text test message) has no target.
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || body[start] != '{') {
    return {};
  }
  // The fast path (every body the Starbase writes): one pass that reads the two strings and skips
  // everything else, without building a document. Numbers and anything unusual take the DOM.
  json::Cursor cursor(body);
  AssignedTarget target;
  bool unusual = false;
  const bool read = cursor.peek() == json::Kind::object &&
                    cursor.object([&](const std::string& key, std::size_t) {
                      std::optional<std::string>* slot = key == "StarbaseAssignedAccount"  ? &target.account
                                                         : key == "StarbaseAssignedRegion" ? &target.region
                                                                                           : nullptr;
                      if (slot == nullptr) {
                        return cursor.skip_value();
                      }
                      if (cursor.peek() != json::Kind::string) {
                        unusual = true;  // a number, or a value that is no target
                        return cursor.skip_value();
                      }
                      *slot = std::string();
                      return cursor.read_string(**slot);
                    }) &&
                    cursor.finish();
  return read && !unusual ? target : assigned_target_from_dom(body);
}

}  // namespace drydock::emulator
