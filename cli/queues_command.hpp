#pragma once
// `drydock queues`: every queue of the project's emulated cloud with its visible, in-flight and
// delayed counts, its DLQ and dead letters, and the settings it runs with (and where they came from).

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/cloud_context.hpp"

namespace drydock::cli {

struct QueuesOptions {
  CloudFlags cloud;
  std::string format = "table";  // table | json
};

// Returns 0, or 2 when the project or its state store cannot be opened.
int run_queues(const QueuesOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
