#pragma once
// Runs a CLI command function (`run_dlq_list(options, out, err)` and the like) in process and keeps
// its exit status and what it printed.

#include <sstream>
#include <string>

namespace drydock::test {

struct Ran {
  int exit = -1;
  std::string out;
  std::string err;
};

template <typename Options, typename Run>
Ran run(Run&& command, const Options& options) {
  std::ostringstream out;
  std::ostringstream err;
  const int exit = command(options, out, err);
  return {exit, out.str(), err.str()};
}

}  // namespace drydock::test
