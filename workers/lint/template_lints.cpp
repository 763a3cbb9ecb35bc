#include "workers/lint/template_lints.hpp"

#include <fmt/format.h>

#include "workers/lint/template_lint_checks.hpp"
#include "workers/lint/template_lints_with_source.hpp"
#include "workers/templates/schema_errors.hpp"

namespace drydock::workers {

namespace lint {

void lint_duplicate_keys(const yaml::Document& doc, std::vector<Diagnostic>& out) {
  for (const auto& duplicate : doc.duplicate_keys) {
    std::string message = fmt::format("key '{}' is given twice in the same mapping", duplicate.key);
    if (duplicate.first.line > 0) {
      message += fmt::format(" (first at line {}, column {})", duplicate.first.line, duplicate.first.column);
    }
    message += "; PyYAML silently keeps only the last value, so upstream never sees the first one";
    out.push_back(Diagnostic{Severity::warning,
                             {},
                             templates::first_mark({duplicate.duplicate, duplicate.first}),
                             {},
                             std::move(message),
                             std::string(k_code_duplicate_key)});
  }
}

}  // namespace lint

std::vector<Diagnostic> lint_template(const yaml::Document& doc, TemplateKind kind, std::string_view source) {
  std::vector<Diagnostic> out;
  const yaml::Node* root = doc.root();
  lint::lint_duplicate_keys(doc, out);
  if (root == nullptr) {
    return out;
  }
  lint::lint_account_ids(*root, kind, source, out);
  lint::lint_message_body(*root, kind, out);
  return out;
}

std::vector<Diagnostic> lint_template(const yaml::Document& doc, TemplateKind kind) {
  return lint_template(doc, kind, std::string_view{});
}

}  // namespace drydock::workers
