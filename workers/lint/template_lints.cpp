#include "workers/lint/template_lints.hpp"

#include <fmt/format.h>

#include "workers/lint/duplicate_key_lint.hpp"
#include "workers/lint/template_lint_checks.hpp"
#include "workers/lint/template_lints_with_source.hpp"
#include "workers/templates/schema_errors.hpp"

namespace drydock::workers {

std::vector<Diagnostic> lint_template(const yaml::Document& doc, TemplateKind kind, std::string_view source) {
  std::vector<Diagnostic> out;
  const yaml::Node* root = doc.root();
  out = lint_duplicate_keys(doc, {});
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
