#include "workers/transports/flaky_ship.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace drydock::workers {
namespace {

constexpr std::string_view k_prefix = "builtin ship 'flaky': ";

struct FlakyOptions {
  std::vector<std::string> accounts;
  std::vector<std::string> regions;
  std::vector<std::int64_t> attempts;
  bool report_failures = false;
};

template <typename T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Characters JSON writers never escape, so the text appears verbatim inside an escaped body.
bool is_verbatim_in_json(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

std::string json_string_or_empty(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class FlakyShip final : public Transport {
 public:
  explicit FlakyShip(FlakyOptions options) : m_options(std::move(options)) {
    m_prefilter = std::all_of(m_options.accounts.begin(), m_options.accounts.end(), is_verbatim_in_json) &&
                  std::all_of(m_options.regions.begin(), m_options.regions.end(), is_verbatim_in_json);
  }

  InvocationResult invoke(const std::string& event_json, const InvocationContext& /*context*/) override {
    InvocationResult result;
    std::vector<std::string> matching;
    std::size_t records = 0;
    if (may_match(event_json)) {
      auto event = nlohmann::json::parse(event_json, nullptr, /*allow_exceptions=*/false);
      auto list = event.is_object() ? event.find("Records") : event.end();
      if (!event.is_object() || list == event.end() || !list->is_array()) {
        result.error = std::string(k_prefix) + "the event is not a Lambda SQS event (no Records list)";
        return result;
      }
      records = list->size();
      for (const auto& record : *list) {
        if (record.is_object() && matches(record)) {
          matching.push_back(json_string_or_empty(record, "messageId"));
        }
      }
    }
    if (m_options.report_failures) {
      result.succeeded = true;
      result.batch_item_failures = std::move(matching);
    } else if (matching.empty()) {
      result.succeeded = true;
    } else {
      result.error = fmt::format("{}{} of {} messages match its fail options (first: {})", k_prefix,
                                 matching.size(), records, matching.front());
    }
    return result;
  }

 private:
  // False when no record (or body) in `text` can match, decided without parsing: some value of each
  // account and region list must appear in it (the benchmark path: most batches match nothing).
  bool may_match(std::string_view text) const {
    if (!m_prefilter) {
      return true;
    }
    auto any_found = [&](const std::vector<std::string>& list) {
      return list.empty() || std::any_of(list.begin(), list.end(), [&](const std::string& needle) {
               return text.find(needle) != std::string_view::npos;
             });
    };
    return any_found(m_options.accounts) && any_found(m_options.regions);
  }

  bool matches(const nlohmann::json& record) const {
    if (!m_options.attempts.empty() && !contains(m_options.attempts, receive_count(record))) {
      return false;
    }
    if (m_options.accounts.empty() && m_options.regions.empty()) {
      return true;
    }
    auto body_field = record.find("body");
    if (body_field == record.end() || !body_field->is_string() ||
        !may_match(body_field->get_ref<const std::string&>())) {
      return false;
    }
    auto body =
        nlohmann::json::parse(body_field->get_ref<const std::string&>(), nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) {
      return false;
    }
    if (!m_options.accounts.empty() &&
        !contains(m_options.accounts, json_string_or_empty(body, "StarbaseAssignedAccount"))) {
      return false;
    }
    return m_options.regions.empty() ||
           contains(m_options.regions, json_string_or_empty(body, "StarbaseAssignedRegion"));
  }

  // attributes.ApproximateReceiveCount (a string in SQS events), or 0 when absent or not a number.
  static std::int64_t receive_count(const nlohmann::json& record) {
    auto attributes = record.find("attributes");
    if (attributes == record.end() || !attributes->is_object()) {
      return 0;
    }
    auto count = attributes->find("ApproximateReceiveCount");
    if (count == attributes->end()) {
      return 0;
    }
    if (count->is_number_integer()) {
      return count->get<std::int64_t>();
    }
    std::int64_t value = 0;
    if (count->is_string()) {
      const auto& text = count->get_ref<const std::string&>();
      std::from_chars(text.data(), text.data() + text.size(), value);
    }
    return value;
  }

  FlakyOptions m_options;
  bool m_prefilter = false;
};

std::expected<std::vector<std::string>, std::string> string_list(const nlohmann::json& value,
                                                                 std::string_view key, bool account_ids) {
  if (!value.is_array()) {
    return std::unexpected(fmt::format("{}{} must be a list", k_prefix, key));
  }
  std::vector<std::string> out;
  for (const auto& item : value) {
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    } else if (account_ids && item.is_number_integer() && item.get<std::int64_t>() >= 0) {
      // YAML reads an unquoted id as an int; account ids are 12 digits, so leading zeros come back.
      out.push_back(fmt::format("{:012}", item.get<std::int64_t>()));
    } else {
      return std::unexpected(
          fmt::format("{}{} must hold only strings{}", k_prefix, key, account_ids ? " or account ids" : ""));
    }
  }
  return out;
}

}  // namespace

std::expected<std::unique_ptr<Transport>, std::string> make_flaky_ship(const nlohmann::json& options) {
  if (!options.is_null() && !options.is_object()) {
    return std::unexpected(std::string(k_prefix) + "options must be a mapping");
  }
  FlakyOptions parsed;
  if (options.is_object()) {
    for (const auto& [key, value] : options.items()) {
      if (key == "fail_accounts" || key == "fail_regions") {
        auto list = string_list(value, key, key == "fail_accounts");
        if (!list) {
          return std::unexpected(list.error());
        }
        (key == "fail_accounts" ? parsed.accounts : parsed.regions) = std::move(*list);
      } else if (key == "fail_attempts") {
        if (!value.is_array() || !std::all_of(value.begin(), value.end(), [](const nlohmann::json& n) {
              return n.is_number_integer() && n.get<std::int64_t>() >= 1;
            })) {
          return std::unexpected(std::string(k_prefix) + "fail_attempts must be a list of integers from 1");
        }
        for (const auto& n : value) {
          parsed.attempts.push_back(n.get<std::int64_t>());
        }
      } else if (key == "report_failures") {
        if (!value.is_boolean()) {
          return std::unexpected(std::string(k_prefix) + "report_failures must be true or false");
        }
        parsed.report_failures = value.get<bool>();
      } else {
        return std::unexpected(fmt::format(
            "{}unknown option '{}' (expected fail_accounts, fail_regions, fail_attempts, report_failures)",
            k_prefix, key));
      }
    }
  }
  if (parsed.accounts.empty() && parsed.regions.empty() && parsed.attempts.empty()) {
    return std::unexpected(std::string(k_prefix) +
                           "give at least one non-empty list of fail_accounts, fail_regions, fail_attempts");
  }
  return std::make_unique<FlakyShip>(std::move(parsed));
}

}  // namespace drydock::workers
