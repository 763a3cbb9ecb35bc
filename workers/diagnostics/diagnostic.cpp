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

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d) {
  const auto field = format_field_path(d.field);
  const std::string where =
      d.mark.line > 0 ? fmt::format("{}:{}:{}", d.file, d.mark.line, d.mark.column) : d.file;
  return fmt::format("{}: {}: {}{}", where, severity_name(d.severity), field.empty() ? "" : field + ": ",
                     d.message);
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
    // Notes rank with errors, so a stable sort keeps each note right after the error it explains.
    const auto rank = [](Severity s) { return s == Severity::warning ? 1 : 0; };
    return rank(a.severity) < rank(b.severity);
  });
}

std::size_t count_severity(const std::vector<Diagnostic>& diagnostics, Severity severity) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.severity == severity; }));
}

}  // namespace drydock::workers
