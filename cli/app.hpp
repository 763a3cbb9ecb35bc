#pragma once
// The command-line entry point: parses arguments (CLI11 lives only in app.cpp), runs one
// subcommand, prints one prefixed error on failure and returns the process exit code.

namespace drydock::cli {

// Exit codes shared by every subcommand (DESIGN.md).
enum ExitCode : int {
  k_exit_ok = 0,        // success
  k_exit_problems = 1,  // the job ran and found problems (validation errors, dead letters)
  k_exit_usage = 2,     // bad flags, unreadable project
  k_exit_internal = 3,  // a bug in Drydock
};

int run(int argc, char** argv);

}  // namespace drydock::cli
