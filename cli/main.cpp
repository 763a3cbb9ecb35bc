// drydock: build and test Starfleet worker ships locally. Everything lives in drydock_core;
// this file only hands over the arguments and returns the exit code.
#include "cli/app.hpp"
#include "cli/heap_tuning.hpp"

int main(int argc, char** argv) {
  drydock::cli::tune_heap();
  return drydock::cli::run(argc, argv);
}
