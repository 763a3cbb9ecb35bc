#include "workers/diagnostics/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace drydock::workers {

std::string format_field_path(const FieldPath& path) {
  std::string out;
  for (const auto& element : path) {
    if (const auto* key = std::get_if<std::string>(&element)) {
      if (!out.empty()) {
        out += '.';
      }
      out += *key;
    } else {
      out += fmt::format("[{}]", std::get<std::int64_t>(element));
    }
  }
  return out;
}

nlohmann::json field_path_to_json(const FieldPath& path) {
  auto out = nlohmann::json::array();
  for (const auto& element : path) {
    if (const auto* key = std::get_if<std::string>(&element)) {
      out.push_back(*key);
    } else {
      out.push_back(std::get<std::int64_t>(element));
    }
  }
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  const auto field = format_field_path(d.field);
  const std::string where =
      d.mark.line > 0 ? fmt::format("{}:{}:{}", d.file, d.mark.line, d.mark.column) : d.file;
  return fmt::format("{}: {}: {}{}", where, d.severity == Severity::error ? "error" : "warning",
                     field.empty() ? "" : field + ": ", d.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) {
      return a.file < b.file;
    }
    if (a.mark.line != b.mark.line) {
      return a.mark.line < b.mark.line;
    }
    if (a.mark.column != b.mark.column) {
      return a.mark.column < b.mark.column;
    }
    return a.severity == Severity::error && b.severity == Severity::warning;
  });
}

std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace drydock::workers
