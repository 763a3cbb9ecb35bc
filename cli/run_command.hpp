#pragma once
// `drydock run WORKER --payload F [--account-id A] [--region R] [--commit]`: one invocation of a
// worker, like upstream's worker CLI (starfleet-behavior.md §9): the payload is loaded and validated,
// the account (and region) checked for applicability with upstream's refusal messages, the Starbase's
// fields set, and the worker invoked once through its transport with a one-record SQS event.

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/dispatch_session.hpp"

namespace drydock::cli {

struct RunOptions {
  DispatchFlags dispatch;
  std::string worker;
  std::optional<std::string> payload;
  std::optional<std::string> account_id;
  std::optional<std::string> region;
};

// Returns the worker's outcome: 0 success, 1 failure (or a refused payload), 2 usage errors.
int run_worker(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
