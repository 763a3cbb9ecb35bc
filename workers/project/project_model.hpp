#pragma once
// A project's Starfleet side, loaded once: the configuration directory (loaded and validated) and
// the worker registry built from it and drydock.yaml. What `validate` reports on and what `plan`
// and the Starbase read.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "workers/configuration/configuration.hpp"
#include "workers/configuration/configuration_validator.hpp"
#include "workers/project/worker_registry.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::workers {

class ProjectModel {
 public:
  // Loads and validates `configuration_dir` (none when empty) and builds the registry. Never fails:
  // problems are in load_diagnostics() and validation().diagnostics.
  ProjectModel(const std::filesystem::path& configuration_dir, const std::string& display_dir,
               std::vector<WorkerSettings> settings, const RegionUniverse& regions);
  ProjectModel(const ProjectModel&) = delete;
  ProjectModel& operator=(const ProjectModel&) = delete;

  const ConfigurationLoad& load() const { return m_load; }
  const ConfigurationValidation& validation() const { return m_validation; }
  const std::vector<WorkerSettings>& settings() const { return m_settings; }
  // Workers in loader order; they point into this object.
  const std::vector<Worker>& workers() const { return m_workers; }
  // The STARFLEET stanza when it is valid.
  const std::optional<StarfleetSettings>& starfleet() const { return m_validation.starfleet; }

 private:
  ConfigurationLoad m_load;
  ConfigurationValidation m_validation;
  std::vector<WorkerSettings> m_settings;
  std::vector<Worker> m_workers;
};

}  // namespace drydock::workers
