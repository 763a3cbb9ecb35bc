#pragma once
// IncludeAccounts / ExcludeAccounts: upstream's IncludeAccountsSpecificationSchema and
// AccountsSpecificationSchema (unknown keys RAISE), with AccountTagNameValueSchema for ByTags, the
// custom ByOrgUnits validator and the include schema's AllAccounts / "missing field set" rules.

#include "workers/templates/schema_errors.hpp"
#include "workers/templates/template_validator.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers::templates {

// Loads a present (non-None) value as the include (`include` = true) or exclude specification,
// recording every error upstream reports under the caller's current path (the field's step must be
// pushed). `out` receives what loaded; it is meaningful only when no error was recorded.
void load_accounts_specification(SchemaErrors& errors, const yaml::Node& value, bool include,
                                 AccountsSpecification& out);

}  // namespace drydock::workers::templates
