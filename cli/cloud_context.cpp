#include "cli/cloud_context.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cli/app.hpp"
#include "workers/validation/project_validation.hpp"

namespace drydock::cli {

std::expected<CloudContext, int> open_cloud_context(const CloudFlags& flags, std::ostream& err) {
  auto context = load_project_context(flags.project_dir, flags.regions, err);
  if (!context) {
    return std::unexpected(context.error());
  }
  if (!context->project) {
    print_error(err,
                fmt::format("no {} here: the emulated cloud is built from a project (give --project DIR)",
                            workers::k_project_file_name));
    return std::unexpected(k_exit_usage);
  }
  CloudContext result{std::move(*context), nullptr, std::nullopt, nullptr};
  const auto& project = *result.context.project;
  result.model = std::make_unique<workers::ProjectModel>(
      project.configuration, workers::display_path(project.configuration, std::filesystem::current_path()),
      project.workers, result.context.regions);
  if (project.sam_template) {
    auto sam = emulator::load_sam_template(*project.sam_template);
    if (!sam) {
      print_diagnostics(err, sam.error());
      print_error(err, fmt::format("cannot read the SAM template {}", project.sam_template->string()));
      return std::unexpected(k_exit_usage);
    }
    result.sam = std::move(*sam);
  }
  auto layout = emulator::plan_cloud_layout(*result.model, result.sam ? &*result.sam : nullptr);
  print_diagnostics(err, layout.diagnostics);
  if (!layout.fan_out) {
    print_error(
        err,
        "the STARFLEET stanza is missing or invalid, so there is no Starbase fan-out queue or template "
        "bucket (run 'drydock validate' for the details)");
  }
  emulator::CloudOptions options;
  options.state_dir = flags.state_dir ? std::filesystem::absolute(*flags.state_dir) : project.state;
  options.templates_dir = project.templates;
  options.write_through = flags.write_through;
  auto cloud = emulator::Cloud::open(std::move(layout), options);
  if (!cloud) {
    print_error(err, cloud.error());
    return std::unexpected(k_exit_usage);
  }
  result.cloud = std::move(*cloud);
  return result;
}

}  // namespace drydock::cli
