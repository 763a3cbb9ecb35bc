#include "cli/validate_command.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/project_context.hpp"
#include "cli/render/report_renderers.hpp"
#include "workers/process/process_runner.hpp"
#include "workers/validation/project_validation.hpp"

namespace drydock::cli {
namespace {

namespace fs = std::filesystem;

bool use_color(const std::string& mode, bool to_terminal) {
  if (mode == "always") {
    return true;
  }
  if (mode == "never") {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return to_terminal && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::string(term) != "dumb");
}

std::string render(const workers::ValidationReport& report, const std::string& format,
                   const RenderOptions& options) {
  if (format == "json") {
    return render_json(report, options);
  }
  if (format == "junit") {
    return render_junit(report, options);
  }
  if (format == "github") {
    return render_github(report, options);
  }
  return render_text(report, options);
}

}  // namespace

int run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  auto context = load_project_context(options.project_dir, options.regions, err);
  if (!context) {
    return context.error();
  }
  const auto& project = context->project;

  workers::RealProcessRunner runner;
  workers::ProjectValidationRequest request;
  request.regions = &context->regions;
  request.runner = &runner;
  request.display_base = fs::current_path();
  request.project_root = fs::current_path();
  if (options.kind) {
    request.kind_override = workers::parse_template_kind(*options.kind);
  }
  for (const auto& p : options.paths) {
    request.paths.emplace_back(p);
  }
  if (project) {
    const auto& p = *project;
    request.configuration_dir = p.configuration;
    request.templates_dir = p.templates;
    request.workers = p.workers;
    request.project_root = p.root;
    request.project_file_display = workers::display_path(p.file, request.display_base);
  }
  if (options.config_dir) {
    request.configuration_dir = *options.config_dir;
  }
  if (options.templates_dir) {
    request.templates_dir = *options.templates_dir;
  }
  if (!project && !options.config_dir && !options.templates_dir) {
    if (!options.kind || options.paths.empty()) {
      print_error(err, fmt::format("no {} in {}: give --project DIR, --config/--templates DIRs, or "
                                   "--kind KIND FILE... to validate standalone templates",
                                   workers::k_project_file_name, fs::current_path().string()));
      return k_exit_usage;
    }
  }
  for (const auto* dir : {&request.configuration_dir, &request.templates_dir}) {
    std::error_code ec;
    if (!dir->empty() && !fs::is_directory(*dir, ec)) {
      print_error(err, fmt::format("{}: no such directory", dir->string()));
      return k_exit_usage;
    }
  }

  auto report = workers::validate_project(request);
  if (!report) {
    print_error(err, report.error());
    return k_exit_usage;
  }
  RenderOptions render_options;
  render_options.strict = options.strict;
  const bool to_terminal = !options.output && ::isatty(STDOUT_FILENO) == 1 && &out == &std::cout;
  render_options.color = options.format == "text" && use_color(options.color, to_terminal);
  const auto text = render(*report, options.format, render_options);
  if (options.output) {
    std::ofstream file(*options.output, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();  // a full disk shows when the buffer is written
    if (!file) {
      print_error(err, fmt::format("cannot write {}", *options.output));
      return k_exit_usage;
    }
    out << summary_line(*report) << '\n';
  } else {
    out << text;
  }
  const bool failed = report->errors() > 0 || (options.strict && report->warnings() > 0);
  return failed ? k_exit_problems : k_exit_ok;
}

}  // namespace drydock::cli
