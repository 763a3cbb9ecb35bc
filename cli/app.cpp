#include "cli/app.hpp"

#include <cstdio>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

namespace drydock::cli {

int run(int argc, char** argv) {
  CLI::App app{"Drydock: build and test Starfleet worker ships on your own machine and in CI.", "drydock"};
  app.set_version_flag("--version", "drydock " DRYDOCK_VERSION);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? k_exit_ok : k_exit_usage;
  }
  return k_exit_ok;
}

}  // namespace drydock::cli
