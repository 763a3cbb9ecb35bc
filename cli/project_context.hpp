#pragma once
// Finding and loading the project a command works on: drydock.yaml in the working directory or
// under --project, and the region universe (--regions overrides drydock.yaml).

#include <expected>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include <vector>

#include "emulator/run/run_error.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/project/project_file.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::cli {

// The project file to use: <dir>/drydock.yaml for --project DIR (an error if missing), else the
// working directory's drydock.yaml if it exists, else nullopt (no project). Prints problems to
// `err` and returns nullopt inside the expected's error slot on failure.
std::expected<std::optional<workers::ProjectFile>, int> find_project(
    const std::optional<std::string>& project_dir, std::ostream& err);

// The region universe for --regions or the project's `regions:`; prints a usage error on failure.
std::expected<workers::RegionUniverse, int> choose_regions(const std::optional<std::string>& flag,
                                                           const std::optional<workers::ProjectFile>& project,
                                                           std::ostream& err);

// What most commands start from: the project (if any) and the region universe.
struct ProjectContext {
  std::optional<workers::ProjectFile> project;
  workers::RegionUniverse regions;
};

// find_project() then choose_regions(); on failure the problem is printed and the exit code returned.
std::expected<ProjectContext, int> load_project_context(const std::optional<std::string>& project_dir,
                                                        const std::optional<std::string>& regions_flag,
                                                        std::ostream& err);

// Writes "drydock: error: <message>" to err.
void print_error(std::ostream& err, std::string_view message);

// Writes each diagnostic as a compiler-style line ("file:line:col: error: …") to err.
void print_diagnostics(std::ostream& err, const std::vector<workers::Diagnostic>& diagnostics);

// Prints a RunError: its diagnostics, then its message as an error line.
void print_run_error(std::ostream& err, const emulator::RunError& error);

}  // namespace drydock::cli
