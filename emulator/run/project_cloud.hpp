#pragma once
// What every command and server on the emulated cloud starts from: the project's Starfleet model, its
// SAM template if any, and the provisioned Cloud (queues, DLQs, buckets, rules) on its state directory.

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "emulator/cloud/cloud.hpp"
#include "emulator/run/run_error.hpp"
#include "emulator/sam/sam_template.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/project/project_file.hpp"
#include "workers/project/project_model.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::emulator {

struct ProjectCloudOptions {
  std::optional<std::filesystem::path> state_dir;  // overrides drydock.yaml's `state:`
  bool write_through = false;                      // template bucket writes change templates/
};

struct ProjectCloud {
  std::unique_ptr<workers::ProjectModel> model;
  std::optional<SamTemplate> sam;
  std::unique_ptr<Cloud> cloud;
  // What the layout found (unknown SAM events, settings it overrides, a missing STARFLEET stanza).
  std::vector<workers::Diagnostic> diagnostics;
};

// Loads the project's model and SAM template, lays out the cloud and opens it. `project` and `regions`
// must outlive the result (the model refers to them). Fails on an unreadable SAM template or a cloud
// that cannot be opened; a layout without a fan-out queue still opens (see no_fan_out_message).
std::expected<ProjectCloud, RunError> open_project_cloud(const workers::ProjectFile& project,
                                                         const workers::RegionUniverse& regions,
                                                         const ProjectCloudOptions& options);

// Why nothing can be dispatched when the layout has no fan-out queue.
std::string_view no_fan_out_message();

}  // namespace drydock::emulator
