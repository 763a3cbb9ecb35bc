#pragma once
// A fast loader for the shape nearly every payload template has: block mappings and sequences of
// single-line scalars. It builds exactly the Document the full pipeline (loader.cpp) builds — same
// types, values and marks — and gives up (nullopt) on anything outside that subset, so load() then
// runs the PyYAML port. Giving up is always safe; accepting is only allowed when the answer is the
// same, which tests/workers/yaml/block_fast_path_test.cpp checks against the full pipeline.
//
// The subset, line by line (ASCII 0x20-0x7E and '\n' only, at most 64 KiB):
//   - blank lines and whole-line comments;
//   - `key: value`, `key:` (a nested block or an indentless sequence follows, else None), `- value`,
//     `- key: value` (a compact mapping);
//   - keys: plain scalars that resolve to str, distinct within their mapping;
//   - values: plain scalars on one line (a trailing ` #` comment allowed) typed as null, bool, int,
//     float or str, and quoted scalars without escapes or embedded quotes.
// Each line's indentation must be that of an open collection (or open a nested one after `key:`).
// Everything else — flow collections, anchors, tags, block scalars, multi-line scalars, timestamps,
// merge keys, documents markers, directives, tabs, CR, non-ASCII — is left to the full pipeline.

#include <optional>
#include <string_view>

#include "workers/yaml/document.hpp"

namespace drydock::workers::yaml::detail {

std::optional<Document> load_plain_block(std::string_view bytes);

}  // namespace drydock::workers::yaml::detail
