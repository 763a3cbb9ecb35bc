#include "workers/transports/noop_ship.hpp"

#include <fstream>
#include <mutex>

namespace drydock::workers {
namespace {

class NoopShip final : public Transport {
 public:
  InvocationResult invoke(const std::string& /*event_json*/, const InvocationContext& /*context*/) override {
    InvocationResult result;
    result.succeeded = true;
    return result;
  }
};

// noop with `record_to: FILE`: appends each record's body, one JSON line per record, before succeeding,
// so a test or a person can check which messages a run delivered (and how often).
class RecordingNoopShip final : public Transport {
 public:
  explicit RecordingNoopShip(std::string path) : m_path(std::move(path)) {}

  InvocationResult invoke(const std::string& event_json, const InvocationContext& /*context*/) override {
    InvocationResult result;
    const auto event = nlohmann::json::parse(event_json, nullptr, /*allow_exceptions=*/false);
    const std::lock_guard lock(m_mutex);
    std::ofstream out(m_path, std::ios::app | std::ios::binary);
    if (event.is_discarded() || !event.contains("Records") || !out) {
      result.error = event.is_discarded() ? "the event is not JSON" : "cannot append to " + m_path;
      return result;
    }
    for (const auto& record : event["Records"]) {
      out << (record.contains("body") && record["body"].is_string() ? record["body"].get<std::string>() : "")
          << '\n';
    }
    out.flush();
    result.succeeded = static_cast<bool>(out);
    if (!result.succeeded) {
      result.error = "cannot append to " + m_path;
    }
    return result;
  }

 private:
  std::string m_path;
  std::mutex m_mutex;
};

}  // namespace

std::expected<std::unique_ptr<Transport>, std::string> make_noop_ship(const nlohmann::json& options) {
  if (!options.is_null() && !options.is_object()) {
    return std::unexpected("builtin ship 'noop': options must be a mapping");
  }
  if (options.is_object()) {
    for (const auto& [key, value] : options.items()) {
      if (key != "record_to") {
        return std::unexpected("builtin ship 'noop' takes only the option record_to (found '" + key + "')");
      }
      if (!value.is_string() || value.get<std::string>().empty()) {
        return std::unexpected("builtin ship 'noop': record_to must be a file path");
      }
    }
    if (options.contains("record_to")) {
      return std::make_unique<RecordingNoopShip>(options["record_to"].get<std::string>());
    }
  }
  return std::make_unique<NoopShip>();
}

}  // namespace drydock::workers
