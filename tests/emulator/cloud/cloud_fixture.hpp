#pragma once
// Loading a project (drydock.yaml + configuration) into a ProjectModel for the cloud tests.

#include <doctest/doctest.h>

#include <memory>

#include "tests/support/test_support.hpp"
#include "workers/project/project_file.hpp"
#include "workers/project/project_model.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::test {

struct LoadedProject {
  workers::ProjectFile file;
  std::unique_ptr<workers::ProjectModel> model;
};

inline LoadedProject load_project(const std::filesystem::path& drydock_yaml) {
  auto file = require_loaded(workers::load_project_file(drydock_yaml));
  auto model = std::make_unique<workers::ProjectModel>(file.configuration, "configuration", file.workers,
                                                       workers::default_region_universe());
  return {std::move(file), std::move(model)};
}

inline std::filesystem::path quickstart() {
  return source_dir() / "examples/quickstart/drydock.yaml";
}

}  // namespace drydock::test
