#include "workers/lint/duplicate_key_lint.hpp"

#include <fmt/format.h>

#include "workers/lint/key_path.hpp"

namespace drydock::workers {

std::vector<Diagnostic> lint_duplicate_keys(const yaml::Document& doc, const std::string& file) {
  std::vector<Diagnostic> out;
  for (const auto& duplicate : doc.duplicate_keys) {
    std::string message = fmt::format("key '{}' is given twice in the same mapping", duplicate.key);
    if (duplicate.first.line > 0) {
      message += fmt::format(" (first at line {}, column {})", duplicate.first.line, duplicate.first.column);
    }
    message += "; PyYAML silently keeps only the last value, so upstream never sees the first one";
    FieldPath path;
    if (doc.root() != nullptr) {
      path = find_key_path(*doc.root(), duplicate.first).value_or(FieldPath{});
    }
    const Mark at = duplicate.duplicate.line > 0 ? duplicate.duplicate : duplicate.first;
    out.push_back({Severity::warning, file, at, std::move(path), std::move(message), "duplicate-key"});
  }
  return out;
}

}  // namespace drydock::workers
