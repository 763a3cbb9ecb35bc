#pragma once
// Why a run of the project could not be put together: the file:line:column problems found on the
// way (printed first) and one line saying what could not be done.

#include <string>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::emulator {

struct RunError {
  std::vector<workers::Diagnostic> diagnostics;
  std::string message;  // empty when the diagnostics say it all
};

}  // namespace drydock::emulator
