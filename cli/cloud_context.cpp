#include "cli/cloud_context.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cli/app.hpp"

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
  // The cloud is opened on the context where it will stay (the run refers to its region universe).
  CloudContext result{std::move(*context), nullptr, std::nullopt, nullptr};
  emulator::ProjectCloudOptions options;
  options.state_dir = flags.state_dir ? std::optional<std::filesystem::path>(*flags.state_dir) : std::nullopt;
  options.write_through = flags.write_through;
  auto opened = emulator::open_project_cloud(*result.context.project, result.context.regions, options);
  if (!opened) {
    print_run_error(err, opened.error());
    return std::unexpected(k_exit_usage);
  }
  print_diagnostics(err, opened->diagnostics);
  if (!opened->cloud->layout().fan_out) {
    print_error(err, emulator::no_fan_out_message());
  }
  result.model = std::move(opened->model);
  result.sam = std::move(opened->sam);
  result.cloud = std::move(opened->cloud);
  return result;
}

}  // namespace drydock::cli
