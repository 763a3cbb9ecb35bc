#pragma once
// Lint warnings for payload templates: things upstream accepts (or half-accepts) that will surprise
// the user in production (starfleet-behavior.md §3.6, §15). Warnings never change the exit code
// unless --strict.

#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

// Warnings (severity warning, `code` set, `file` left empty) for a loaded template:
//  unquoted-account-id   an int in In/ExcludeAccounts.ByIds or StarbaseAssignedAccount of an ACCOUNT or
//                        ACCOUNT_REGION template (say what upstream reads: 000000000017 → 15). The
//                        overload in template_lints_with_source.hpp also quotes the spelling and flags
//                        unquoted ids that stay strings only by luck (000000000018).
//  duplicate-key         a key given twice (PyYAML keeps the last value silently)
//  not-json-serializable dates, datetimes, bytes, sets: upstream's Starbase json.dumps crashes
//  message-too-large     the fan-out message body (or a batch of 10) would exceed SQS's 1 MiB limit
std::vector<Diagnostic> lint_template(const yaml::Document& doc, TemplateKind kind);

}  // namespace drydock::workers
