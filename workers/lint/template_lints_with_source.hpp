#pragma once
// lint_template() with the template's source bytes. The document model keeps no raw text, so
// without the source a lint cannot tell how a scalar was written: with it, unquoted-account-id can
// quote the spelling the user wrote (`000000000017`) and can also flag ids that stay strings only by
// luck (`000000000018`). Prefer this overload whenever the bytes are at hand.

#include <string_view>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

// The warnings of lint_template(doc, kind) (template_lints.hpp), with `source` being the exact bytes
// `doc` was loaded from (an empty view means "unknown", giving the same result as the 2-argument form).
std::vector<Diagnostic> lint_template(const yaml::Document& doc, TemplateKind kind, std::string_view source);

}  // namespace drydock::workers
