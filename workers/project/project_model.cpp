#include "workers/project/project_model.hpp"

namespace drydock::workers {

ProjectModel::ProjectModel(const std::filesystem::path& configuration_dir, const std::string& display_dir,
                           std::vector<WorkerSettings> settings, const RegionUniverse& regions)
    : m_settings(std::move(settings)) {
  if (!configuration_dir.empty()) {
    m_load = load_configuration_dir(configuration_dir, display_dir);
    std::vector<std::string> names;
    for (const auto& w : m_settings) {
      names.push_back(w.name);
    }
    m_validation = validate_configuration(m_load.config, regions, names);
  }
  m_workers = build_worker_registry(m_validation.workers, m_settings);
}

}  // namespace drydock::workers
