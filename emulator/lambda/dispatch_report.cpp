#include "emulator/lambda/dispatch_report.hpp"

#include <algorithm>
#include <ostream>
#include <tuple>

#include "emulator/accounts/json_cursor.hpp"
#include "emulator/s3/key_encoding.hpp"

namespace drydock::emulator {

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

namespace {

void merge_messages(MessageLog& into, const MessageLog& from) {
  for (MessageLog::Index index = 0; index < from.size(); ++index) {
    MessageRecord record = from.record(index);
    if (auto earlier = into.find(record.message_id)) {
      earlier->receive_counts.insert(earlier->receive_counts.end(), record.receive_counts.begin(),
                                     record.receive_counts.end());
      earlier->first_attempt = earlier->first_attempt ? earlier->first_attempt : record.first_attempt;
      earlier->last_attempt = record.last_attempt ? record.last_attempt : earlier->last_attempt;
      earlier->time += record.time;
      earlier->outcome = record.outcome;
      if (!record.last_error.empty()) {
        earlier->last_error = std::move(record.last_error);
        earlier->last_output_tail = std::move(record.last_output_tail);
        earlier->last_cause = record.last_cause;
      }
      record = std::move(*earlier);
    }
    into.put(record);
  }
}

}  // namespace

void merge_reports(DispatchReport& into, DispatchReport from) {
  for (MappingReport& mapping : from.mappings) {
    const auto same = std::find_if(into.mappings.begin(), into.mappings.end(), [&](const MappingReport& m) {
      return m.queue_name == mapping.queue_name && m.function_name == mapping.function_name;
    });
    if (same == into.mappings.end()) {
      into.mappings.push_back(std::move(mapping));
      continue;
    }
    same->totals += mapping.totals;
    same->dlq_name = mapping.dlq_name ? mapping.dlq_name : same->dlq_name;
    merge_messages(same->messages, mapping.messages);
  }
  into.totals += from.totals;
  into.limit_hit = from.limit_hit ? from.limit_hit : into.limit_hit;
  into.finished_at = from.finished_at;
  into.wall_time += from.wall_time;
}

namespace {

struct ReportEntry {
  const MessageLog* log = nullptr;
  MessageLog::Index index = 0;
};

// Every message of every mapping, sorted by account, region and id (a missing account or region
// first). Ids are formatted only to break ties, which a fan-out never has.
std::vector<ReportEntry> sorted_entries(const DispatchReport& report) {
  std::vector<ReportEntry> entries;
  for (const MappingReport& mapping : report.mappings) {
    for (MessageLog::Index index = 0; index < mapping.messages.size(); ++index) {
      entries.push_back({&mapping.messages, index});
    }
  }
  std::sort(entries.begin(), entries.end(), [](const ReportEntry& a, const ReportEntry& b) {
    const auto left = std::make_pair(a.log->account(a.index), a.log->region(a.index));
    const auto right = std::make_pair(b.log->account(b.index), b.log->region(b.index));
    if (left != right) {
      return left < right;
    }
    return a.log->message_id(a.index) < b.log->message_id(b.index);
  });
  return entries;
}

std::string json_text(std::optional<std::string_view> text) {
  return text ? nlohmann::json(*text).dump() : "null";
}

}  // namespace

void write_report_json(const DispatchReport& report, nlohmann::json extra, std::ostream& out) {
  // The document without the messages, dumped by nlohmann (keys sorted, indent 2); the messages are
  // written in its place one by one, in the same layout, so no document of them is ever built.
  constexpr std::string_view k_placeholder = R"("\u0001messages\u0001")";
  extra["invocations"] = report.totals.invocations;
  extra["succeeded"] = report.totals.succeeded;
  extra["failed_attempts"] = report.totals.failed_attempts;
  extra["dead_lettered"] = report.totals.dead_lettered;
  extra["messages"] = "\x01messages\x01";
  const std::string document = extra.dump(2);
  const std::size_t at = document.find(k_placeholder);
  out << std::string_view(document).substr(0, at);
  const std::vector<ReportEntry> entries = sorted_entries(report);
  if (entries.empty()) {
    out << "[]";
  } else {
    out << "[\n";
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const MessageLog& log = *entries[k].log;
      const MessageLog::Index index = entries[k].index;
      out << "    {\n      \"account\": " << json_text(log.account(index))
          << ",\n      \"attempts\": " << log.attempts(index)
          << ",\n      \"id\": " << nlohmann::json(log.message_id(index)).dump() << ",\n      \"outcome\": \""
          << to_string(log.outcome(index)) << "\",\n      \"region\": " << json_text(log.region(index))
          << (k + 1 < entries.size() ? "\n    },\n" : "\n    }\n");
    }
    out << "  ]";
  }
  out << std::string_view(document).substr(at + k_placeholder.size()) << '\n';
}

namespace {

std::optional<std::string> string_member(const nlohmann::json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? std::optional(found->get<std::string>())
                                                     : std::nullopt;
}

// Records[0].s3.object.key of an S3 notification, decoded as the Starbase decodes it.
std::optional<std::string> notification_key(const nlohmann::json& body) {
  const auto records = body.find("Records");
  if (records == body.end() || !records->is_array() || records->empty()) {
    return std::nullopt;
  }
  const nlohmann::json& first = records->front();
  if (!first.is_object() || !first.contains("s3") || !first["s3"].is_object() ||
      !first["s3"].contains("object") || !first["s3"]["object"].is_object()) {
    return std::nullopt;
  }
  auto key = string_member(first["s3"]["object"], "key");
  return key ? std::optional(unquote_plus(*key)) : std::nullopt;
}

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
  AssignedTarget target{.account = field("StarbaseAssignedAccount"),
                        .region = field("StarbaseAssignedRegion"),
                        .template_name = string_member(parsed, "TemplateName")};
  if (!target.template_name) {
    target.template_name = string_member(parsed, "template_prefix");
  }
  if (!target.template_name) {
    target.template_name = notification_key(parsed);
  }
  return target;
}

}  // namespace

AssignedTarget assigned_target(std::string_view body) {
  // Worker bodies are JSON objects; anything else (a plain-text test message) has no target.
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || body[start] != '{') {
    return {};
  }
  // The fast path (every body the Starbase writes): one pass that reads the strings and skips
  // everything else, without building a document. Numbers, S3 notifications and anything unusual take
  // the DOM.
  json::Cursor cursor(body);
  AssignedTarget target;
  std::optional<std::string> template_prefix;
  bool unusual = false;
  const bool read = cursor.peek() == json::Kind::object &&
                    cursor.object([&](const std::string& key, std::size_t) {
                      std::optional<std::string>* slot = key == "StarbaseAssignedAccount"  ? &target.account
                                                         : key == "StarbaseAssignedRegion" ? &target.region
                                                         : key == "TemplateName"    ? &target.template_name
                                                         : key == "template_prefix" ? &template_prefix
                                                                                    : nullptr;
                      if (key == "Records") {
                        unusual = true;  // an S3 notification: its key is nested
                      }
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
  if (!read || unusual) {
    return assigned_target_from_dom(body);
  }
  if (!target.template_name) {
    target.template_name = std::move(template_prefix);
  }
  return target;
}

}  // namespace drydock::emulator
