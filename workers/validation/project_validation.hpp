#pragma once
// `drydock validate` as a library call: the configuration directory, then every template under the
// template dir (or only the given paths), each claimed by its worker and checked with its kind.

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "workers/process/process_runner.hpp"
#include "workers/project/project_file.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_kind.hpp"
#include "workers/validation/validation_report.hpp"

namespace drydock::workers {

struct ProjectValidationRequest {
  std::filesystem::path configuration_dir;    // empty: no configuration (templates only)
  std::filesystem::path templates_dir;        // empty: only `paths` are checked
  std::vector<WorkerSettings> workers;        // drydock.yaml's workers (may be empty)
  std::string project_file_display;           // "drydock.yaml", for errors in worker settings
  std::vector<std::filesystem::path> paths;   // check only these files / directories
  std::optional<TemplateKind> kind_override;  // --kind: every template is of this kind
  const RegionUniverse* regions = nullptr;
  ProcessRunner* runner = nullptr;
  std::filesystem::path project_root;  // cwd of validate_command
  std::filesystem::path display_base;  // paths are shown relative to this (the cwd)
};

// Validates and returns one FileReport per file checked. Fails only when nothing can be checked at
// all (e.g. a given path does not exist), with a message naming it.
std::expected<ValidationReport, std::string> validate_project(const ProjectValidationRequest& request);

// `path` as shown to the user: relative to `base` when below it, else as given.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace drydock::workers
