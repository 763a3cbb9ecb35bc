#pragma once
// `drydock serve`: the project's emulated cloud on loopback for aws-cli, boto3 and the SDKs
// (emulator/run/project_server). Prints the endpoint, what to export and a readiness line; stops on
// Ctrl-C or SIGTERM after finishing the requests in progress.

#include <iosfwd>
#include <string>

#include "cli/cloud_context.hpp"

namespace drydock::cli {

struct ServeOptions {
  CloudFlags cloud;
  int port = 4566;  // 0: any free port (the line "ready" names it)
  std::string bind = "127.0.0.1";
  bool no_workers = false;  // --no-workers: serve the endpoint only; messages stay queued
};

// Returns 0 after a clean stop, 2 when the project cannot be opened or the port cannot be bound.
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
