#include "cli/project_context.hpp"

#include <ostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::cli {

namespace fs = std::filesystem;

void print_error(std::ostream& err, std::string_view message) {
  err << "drydock: error: " << message << '\n';
}

void print_diagnostics(std::ostream& err, const std::vector<workers::Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    err << workers::format_diagnostic(diagnostic) << '\n';
  }
}

std::expected<std::optional<workers::ProjectFile>, int> find_project(
    const std::optional<std::string>& project_dir, std::ostream& err) {
  fs::path file;
  if (project_dir) {
    fs::path dir(*project_dir);
    file = fs::is_regular_file(dir) ? dir : dir / workers::k_project_file_name;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      print_error(err, fmt::format("no {} in {}", workers::k_project_file_name, dir.string()));
      return std::unexpected(k_exit_usage);
    }
  } else {
    file = fs::current_path() / workers::k_project_file_name;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      return std::optional<workers::ProjectFile>{};
    }
  }
  auto project = workers::load_project_file(file);
  if (!project) {
    for (auto d : project.error()) {
      d.file = file.string();  // the path the user can open, not just "drydock.yaml"
      err << workers::format_diagnostic(d) << '\n';
    }
    print_error(err,
                fmt::format("the project file {} has {} problem(s)", file.string(), project.error().size()));
    return std::unexpected(k_exit_usage);
  }
  return std::optional<workers::ProjectFile>{std::move(*project)};
}

std::expected<workers::RegionUniverse, int> choose_regions(const std::optional<std::string>& flag,
                                                           const std::optional<workers::ProjectFile>& project,
                                                           std::ostream& err) {
  if (!flag && !project) {
    return workers::default_region_universe();
  }
  const std::string spec = flag ? *flag : project->regions;
  const fs::path base = flag || !project ? fs::current_path() : project->root;
  auto regions = workers::resolve_region_universe(spec, base);
  if (!regions) {
    print_error(err, (flag ? "--regions: " : "drydock.yaml regions: ") + regions.error());
    return std::unexpected(k_exit_usage);
  }
  return std::move(*regions);
}

std::expected<ProjectContext, int> load_project_context(const std::optional<std::string>& project_dir,
                                                        const std::optional<std::string>& regions_flag,
                                                        std::ostream& err) {
  auto project = find_project(project_dir, err);
  if (!project) {
    return std::unexpected(project.error());
  }
  auto regions = choose_regions(regions_flag, *project, err);
  if (!regions) {
    return std::unexpected(regions.error());
  }
  return ProjectContext{std::move(*project), std::move(*regions)};
}

void print_run_error(std::ostream& err, const emulator::RunError& error) {
  print_diagnostics(err, error.diagnostics);
  if (!error.message.empty()) {
    print_error(err, error.message);
  }
}

}  // namespace drydock::cli
