#pragma once
// The duplicate-key warning, for templates and configuration files alike: PyYAML keeps the last
// value of a repeated key (at the first key's position) without a word.

#include <string>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

// One warning (code "duplicate-key", field = the key's path) per key the loader saw twice in one
// mapping, placed at the repetition. `file` fills Diagnostic::file (may be empty).
std::vector<Diagnostic> lint_duplicate_keys(const yaml::Document& doc, const std::string& file);

}  // namespace drydock::workers
