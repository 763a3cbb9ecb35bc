#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "workers/lint/template_lint_checks.hpp"
#include "workers/lint/template_lint_source.hpp"

namespace drydock::workers::lint {
namespace {

using yaml::Node;
using yaml::Type;

bool is_octal_spelling(std::string_view raw) {
  return raw.size() > 1 && raw.front() == '0' &&
         std::all_of(raw.begin(), raw.end(), [](char c) { return (c >= '0' && c <= '7') || c == '_'; });
}

// Digits with a leading 0 that YAML 1.1 leaves a str only because an 8 or 9 breaks the octal form.
bool is_lucky_digit_string(std::string_view text) {
  return text.size() > 1 && text.front() == '0' &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         text.find_first_of("89") != std::string_view::npos;
}

std::string octal_message(const Node& node) {
  auto value = node.as_int64();
  std::string message = fmt::format(
      "an account id is read by YAML 1.1 as the integer {}; upstream rejects it (Not a valid string.). Quote "
      "account ids",
      node.text);
  // 12 octal digits with a leading 0 (the shape of a zero-padded account id) reach 8^11 - 1.
  if (value && *value >= 0 && *value < (std::int64_t{1} << 33)) {
    auto spelled = fmt::format("{:012o}", *value);
    message += fmt::format(": if it was written {0} (octal for {1}), write '{0}'", spelled, *value);
  }
  return message;
}

void check_account_id(const Node& node, FieldPath path, std::string_view source,
                      std::vector<Diagnostic>& out) {
  std::string message;
  if (node.type == Type::integer) {
    if (auto raw = plain_scalar_source(source, node.mark, node)) {
      message = fmt::format(
          "unquoted {0} is read by YAML 1.1 as the {1}integer {2}; upstream rejects it (Not a valid "
          "string.). "
          "Quote it: '{0}'",
          *raw, is_octal_spelling(*raw) ? "octal " : "", node.text);
    } else {
      message = octal_message(node);
    }
  } else if (node.type == Type::string && is_lucky_digit_string(node.text) &&
             plain_scalar_source(source, node.mark, node)) {
    message = fmt::format(
        "unquoted {0} works only because it contains an 8 or 9 (YAML 1.1 reads unquoted digits 0-7 with a "
        "leading 0 as an octal integer, which upstream rejects); quote it: '{0}'",
        node.text);
  } else {
    return;
  }
  out.push_back(Diagnostic{Severity::warning,
                           {},
                           node.mark,
                           std::move(path),
                           std::move(message),
                           std::string(k_code_unquoted_account_id)});
}

void check_by_ids(const Node& root, std::string_view spec_key, std::string_view source,
                  std::vector<Diagnostic>& out) {
  const Node* spec = root.find(spec_key);
  const Node* ids = spec != nullptr ? spec->find("ByIds") : nullptr;
  if (ids == nullptr || (ids->type != Type::sequence && ids->type != Type::set)) {
    return;
  }
  std::int64_t index = 0;
  for (const Node* item : ids->items) {
    check_account_id(*item, FieldPath{std::string(spec_key), std::string("ByIds"), index}, source, out);
    ++index;
  }
}

}  // namespace

void lint_account_ids(const Node& root, TemplateKind kind, std::string_view source,
                      std::vector<Diagnostic>& out) {
  // In SINGLE_INVOCATION templates these keys are unknown fields that upstream keeps untouched.
  if (kind == TemplateKind::single_invocation || root.type != Type::mapping) {
    return;
  }
  check_by_ids(root, "IncludeAccounts", source, out);
  check_by_ids(root, "ExcludeAccounts", source, out);
  if (const Node* assigned = root.find("StarbaseAssignedAccount")) {
    check_account_id(*assigned, FieldPath{std::string("StarbaseAssignedAccount")}, source, out);
  }
}

}  // namespace drydock::workers::lint
