#pragma once
// drydock.yaml: where a project's Starfleet configuration, templates and account index are, and how
// each worker ship is run (DESIGN.md, "The project file"). Parsing only; nothing here touches the
// files it names beyond checking that they exist.

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/templates/template_kind.hpp"

namespace drydock::workers {

// One entry under `workers:`. Unset optionals mean "take the default" (SAM template, then upstream's).
struct WorkerSettings {
  std::string name;  // the ship's class name = its configuration stanza's key
  Mark mark;         // where the entry is in drydock.yaml
  std::optional<TemplateKind> fan_out;
  std::optional<std::string> builtin;
  // `options:` for the builtin ship, as JSON (YAML scalars typed as PyYAML types them; dates as their
  // text). Null when not given.
  nlohmann::json builtin_options;
  std::vector<std::string> command;  // argv
  std::optional<std::string> http;
  std::vector<std::string> runtime_api;                  // argv
  std::optional<std::filesystem::path> template_schema;  // absolute
  std::vector<std::string> validate_command;             // argv, run from the project root
  std::optional<int> batch_size;
  std::optional<std::chrono::seconds> timeout;
  std::optional<std::chrono::seconds> visibility_timeout;
  std::optional<int> max_receive_count;
  std::optional<int> concurrency;
  bool report_batch_item_failures = false;
};

struct ProjectFile {
  std::filesystem::path file;  // the drydock.yaml itself
  std::filesystem::path root;  // its directory; every path below is resolved against it
  std::filesystem::path configuration;
  std::filesystem::path templates;
  std::optional<std::filesystem::path> account_index;
  std::string regions = "aws-1.34.74";  // bundled list name, file, or "a,b,c"
  std::optional<std::filesystem::path> sam_template;
  std::vector<WorkerSettings> workers;  // in file order (= Drydock's loader order)
  std::filesystem::path state;          // default <root>/.drydock
};

// The name Drydock looks for in the current directory (or the --project directory).
inline constexpr const char* k_project_file_name = "drydock.yaml";

// Parses `file`. On failure returns every problem found (unknown keys, wrong types, missing files),
// each with file, line, column and field path.
std::expected<ProjectFile, std::vector<Diagnostic>> load_project_file(const std::filesystem::path& file);

// "300s", "5m", "1h", "1500ms" (rounded up to whole seconds) or a bare integer of seconds.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace drydock::workers
