// TEMPORARY: placeholder until workers/lint/template_lints.cpp lands (weak; the real one wins).
#include "workers/lint/template_lints.hpp"

namespace drydock::workers {
__attribute__((weak)) std::vector<Diagnostic> lint_template(const yaml::Document&, TemplateKind) {
  return {};
}
}  // namespace drydock::workers
