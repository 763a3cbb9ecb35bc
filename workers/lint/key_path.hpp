#pragma once
// Finding where a mapping key sits in a document, as a field path — for diagnostics that start from
// a source position (e.g. a duplicate key the loader recorded) rather than from a walk.

#include <optional>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

// The path of the mapping key whose node starts at `key_mark` (["IncludeAccounts", "ByIds"] for the
// ByIds key), or nullopt when no key starts there. Shared (aliased) nodes are visited once.
std::optional<FieldPath> find_key_path(const yaml::Node& root, Mark key_mark);

}  // namespace drydock::workers
