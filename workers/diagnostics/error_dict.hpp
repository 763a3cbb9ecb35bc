#pragma once
// Upstream's view of validation errors: marshmallow's `ValidationError.messages` dict, e.g.
// {"IncludeAccounts": {"ByIds": {0: ["Not a valid string."]}}}. Built from Drydock diagnostics so
// tests (and users) can compare results with upstream one to one. Integer keys become JSON strings.

#include <vector>

#include <nlohmann/json.hpp>

#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::workers {

// The error dict of the error-severity diagnostics (warnings are ignored); {} when there are none.
nlohmann::json to_error_dict(const std::vector<Diagnostic>& diagnostics);

}  // namespace drydock::workers
