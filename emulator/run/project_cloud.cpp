#include "emulator/run/project_cloud.hpp"

#include <fmt/format.h>

#include "workers/validation/project_validation.hpp"

namespace drydock::emulator {

std::expected<ProjectCloud, RunError> open_project_cloud(const workers::ProjectFile& project,
                                                         const workers::RegionUniverse& regions,
                                                         const ProjectCloudOptions& options) {
  ProjectCloud result;
  result.model = std::make_unique<workers::ProjectModel>(
      project.configuration, workers::display_path(project.configuration, std::filesystem::current_path()),
      project.workers, regions);
  if (project.sam_template) {
    auto sam = load_sam_template(*project.sam_template);
    if (!sam) {
      return std::unexpected(RunError{std::move(sam.error()), fmt::format("cannot read the SAM template {}",
                                                                          project.sam_template->string())});
    }
    result.sam = std::move(*sam);
  }
  auto layout = plan_cloud_layout(*result.model, result.sam ? &*result.sam : nullptr);
  result.diagnostics = std::move(layout.diagnostics);
  layout.diagnostics.clear();
  CloudOptions cloud_options;
  cloud_options.state_dir = options.state_dir ? std::filesystem::absolute(*options.state_dir) : project.state;
  cloud_options.templates_dir = project.templates;
  cloud_options.write_through = options.write_through;
  auto cloud = Cloud::open(std::move(layout), cloud_options);
  if (!cloud) {
    return std::unexpected(RunError{std::move(result.diagnostics), std::move(cloud.error())});
  }
  result.cloud = std::move(*cloud);
  return result;
}

std::string_view no_fan_out_message() {
  return "the STARFLEET stanza is missing or invalid, so there is no Starbase fan-out queue or template "
         "bucket (run 'drydock validate' for the details)";
}

}  // namespace drydock::emulator
