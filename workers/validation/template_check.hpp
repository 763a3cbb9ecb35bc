#pragma once
// Checking one payload template file: read (bounded), parse as PyYAML would, validate against the
// kind's schema, lint, then the worker's own JSON Schema and validate_command if it has them.

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "workers/process/process_runner.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/schema/json_schema_validator.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/validation/validation_report.hpp"

namespace drydock::workers {

// Largest template file Drydock reads. A template upstream can task is far smaller: its JSON form
// travels in one SQS message (at most 1 MiB). The bound keeps memory in check (a worst-case 4 MiB
// document parses into about 280 MB of nodes).
inline constexpr std::size_t k_max_template_bytes = 4U * 1024U * 1024U;

struct TemplateCheck {
  std::filesystem::path path;        // file to read
  std::string display;               // path shown in diagnostics
  std::optional<TemplateKind> kind;  // nullopt: unclaimed; checked as a base template
  std::string worker;
  const RegionUniverse* regions = nullptr;
  const JsonSchemaValidator* schema = nullptr;  // the worker's template_schema, if any
  std::vector<std::string> validate_command;    // the worker's validate_command, if any
  std::filesystem::path command_cwd;
  ProcessRunner* runner = nullptr;  // required when validate_command is set
};

// The report for one template. Never throws; unreadable or hostile files become diagnostics.
FileReport check_template(const TemplateCheck& check);

// Reads at most `limit` bytes of a file. Errors name the problem ("file is 52428800 bytes; the
// limit is 8388608 bytes", "No such file or directory").
std::expected<std::string, std::string> read_bounded(const std::filesystem::path& path, std::size_t limit);

}  // namespace drydock::workers
