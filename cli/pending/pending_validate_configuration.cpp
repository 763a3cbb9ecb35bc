// TEMPORARY: placeholder until workers/configuration lands (weak; the real one wins).
#include "workers/configuration/configuration_validator.hpp"

namespace drydock::workers {
__attribute__((weak)) ConfigurationValidation validate_configuration(const Configuration&,
                                                                     const RegionUniverse&,
                                                                     const std::vector<std::string>&) {
  return {};
}
}  // namespace drydock::workers
