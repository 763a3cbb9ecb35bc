// TEMPORARY: placeholder until workers/configuration lands (weak; the real one wins).
#include "workers/configuration/configuration.hpp"

namespace drydock::workers {
__attribute__((weak)) ConfigurationLoad load_configuration_dir(const std::filesystem::path&,
                                                               std::string_view) {
  return {};
}
}  // namespace drydock::workers
