#include "workers/diagnostics/error_dict.hpp"

namespace drydock::workers {

nlohmann::json to_error_dict(const std::vector<Diagnostic>& diagnostics) {
  auto dict = nlohmann::json::object();
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::error) {
      continue;
    }
    nlohmann::json* at = &dict;
    for (const auto& element : d.field) {
      std::string key = std::holds_alternative<std::string>(element)
                            ? std::get<std::string>(element)
                            : std::to_string(std::get<std::int64_t>(element));
      at = &(*at)[key];
    }
    if (!at->is_array()) {
      *at = nlohmann::json::array();
    }
    at->push_back(d.message);
  }
  return dict;
}

}  // namespace drydock::workers
