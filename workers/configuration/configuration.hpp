#pragma once
// The Starfleet configuration directory, read as upstream's StarfleetConfigurationLoader reads it
// (../shared/starfleet-behavior.md §1.1) — but deterministically: files in name order, and every
// surprise (empty file, a top-level key in two files, `.yml` files) reported.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

struct ConfigSource {
  std::string display;  // the path shown in diagnostics (as the user would write it)
  yaml::Document doc;   // the loaded file
};

struct TopLevelEntry {
  std::string key;         // a str key's text; other keys as Python's str() ("1", "True")
  std::size_t source = 0;  // index into Configuration::sources
  const yaml::Node* key_node = nullptr;
  const yaml::Node* value = nullptr;
};

struct Configuration {
  std::string display_dir;             // the directory as shown in diagnostics of no single file
  std::vector<ConfigSource> sources;   // files that loaded, in name order
  std::vector<TopLevelEntry> entries;  // the shallow merge: one entry per key, the later file wins
                                       // (at the position the key first had, as dict.update keeps it)
  // The merged entry for a str top-level key, or nullptr.
  const TopLevelEntry* find(std::string_view key) const;
  // The file that holds an entry, as shown in diagnostics.
  const std::string& file_of(const TopLevelEntry& entry) const { return sources[entry.source].display; }
};

struct ConfigurationLoad {
  Configuration config;
  std::vector<Diagnostic> diagnostics;  // file-level problems, with file/line/column
};

// Reads every `*.yaml` file directly in `dir` (not recursive), sorted by name. `display_dir` prefixes
// file names in diagnostics. A missing directory, an unreadable file, invalid YAML, an empty file,
// a non-mapping file and a key defined in two files are errors; ignored `.yml` files are warnings.
ConfigurationLoad load_configuration_dir(const std::filesystem::path& dir, std::string_view display_dir);

}  // namespace drydock::workers
