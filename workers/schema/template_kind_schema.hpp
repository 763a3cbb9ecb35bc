#pragma once
// A JSON Schema (draft-07) of each template kind, for editors: point yaml-language-server at the
// output of `drydock schema KIND` to get completion and inline errors while writing templates.
// It describes upstream's rules as far as JSON Schema can; `drydock validate` remains the authority
// (e.g. AllAccounts exclusivity and OU-name lengths are only approximated here).

#include <nlohmann/json.hpp>

#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_kind.hpp"

namespace drydock::workers {

nlohmann::ordered_json template_kind_schema(TemplateKind kind, const RegionUniverse& regions);

}  // namespace drydock::workers
