#include "workers/templates/template_kind.hpp"

namespace drydock::workers {

std::optional<TemplateKind> parse_template_kind(std::string_view text) {
  if (text == "SINGLE_INVOCATION") {
    return TemplateKind::single_invocation;
  }
  if (text == "ACCOUNT") {
    return TemplateKind::account;
  }
  if (text == "ACCOUNT_REGION") {
    return TemplateKind::account_region;
  }
  return std::nullopt;
}

std::string_view to_string(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::single_invocation: return "SINGLE_INVOCATION";
    case TemplateKind::account: return "ACCOUNT";
    case TemplateKind::account_region: return "ACCOUNT_REGION";
  }
  return "SINGLE_INVOCATION";
}

}  // namespace drydock::workers
