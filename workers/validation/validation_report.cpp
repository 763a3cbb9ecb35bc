#include "workers/validation/validation_report.hpp"

namespace drydock::workers {

std::size_t ValidationReport::errors() const {
  std::size_t n = 0;
  for (const auto& f : files) {
    n += f.errors();
  }
  return n;
}

std::size_t ValidationReport::warnings() const {
  std::size_t n = 0;
  for (const auto& f : files) {
    n += f.warnings();
  }
  return n;
}

}  // namespace drydock::workers
