#pragma once
// Reading back how a scalar was spelled in the source, from its node's mark.

#include <optional>
#include <string_view>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers::lint {

// The unquoted source token at `mark` (up to whitespace, a flow indicator or a comment) provided it
// re-reads as exactly `node`: for an int, a plain scalar resolving to the same int; for a str, the
// same text, unquoted and resolving to a str. Columns are tried as bytes and as code points, so it
// works whichever unit the loader counts in. nullopt when `source` is empty or nothing matches
// (quoted, tagged, or the mark does not point at the scalar).
std::optional<std::string_view> plain_scalar_source(std::string_view source, Mark mark,
                                                    const yaml::Node& node);

}  // namespace drydock::workers::lint
