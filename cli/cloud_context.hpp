#pragma once
// What every command that touches the emulated cloud starts from (queues, and later run, fanout, tick,
// drain, dlq): the project, its Starfleet model, its SAM template if any, and the provisioned Cloud.

#include <expected>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "cli/project_context.hpp"
#include "emulator/cloud/cloud.hpp"
#include "emulator/run/project_cloud.hpp"
#include "emulator/sam/sam_template.hpp"
#include "workers/project/project_model.hpp"

namespace drydock::cli {

struct CloudFlags {
  std::optional<std::string> project_dir;  // --project DIR
  std::optional<std::string> regions;      // --regions
  std::optional<std::string> state_dir;    // --state DIR: overrides drydock.yaml's `state:`
  bool write_through = false;              // --write-through: template bucket writes change templates/
};

struct CloudContext {
  ProjectContext context;
  std::unique_ptr<workers::ProjectModel> model;
  std::optional<emulator::SamTemplate> sam;
  std::unique_ptr<emulator::Cloud> cloud;
};

// Loads the project (a drydock.yaml is required) and opens its cloud (emulator/run/project_cloud).
// Prints every problem to `err` and returns the exit code on failure (2 for project problems).
std::expected<CloudContext, int> open_cloud_context(const CloudFlags& flags, std::ostream& err);

}  // namespace drydock::cli
