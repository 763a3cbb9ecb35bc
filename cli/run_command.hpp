#pragma once
// `drydock run WORKER --payload F [--account-id A] [--region R] [--commit]`: one invocation of a
// worker, like upstream's worker CLI (starfleet-behavior.md §9): the payload is loaded and validated,
// the account (and region) checked for applicability with upstream's refusal messages, the Starbase's
// fields set, and the worker invoked once through its transport with a one-record SQS event.
// `drydock run --from-dlq ID`: the same invocation with a dead letter's body, its worker's output on
// the terminal; the dead letter stays where it is.

#include <expected>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "cli/dispatch_session.hpp"
#include "emulator/plan/template_plan.hpp"

namespace drydock::cli {

struct RunOptions {
  DispatchFlags dispatch;
  std::optional<std::string> worker;  // required unless from_dlq
  std::optional<std::string> payload;
  std::optional<std::string> account_id;
  std::optional<std::string> region;
  std::optional<std::string> from_dlq;  // a dead letter's MessageId: its worker and body
};

// Returns the worker's outcome: 0 success, 1 failure (or a refused payload), 2 usage errors.
int run_worker(const RunOptions& options, std::ostream& out, std::ostream& err);

// The worker's template check `run --payload` makes (yaml.safe_load, the schema of `worker`'s kind,
// the account index's resolution) on `bytes`, shown as `display` in diagnostics: the plan, whose
// diagnostics are empty when the template is valid. An ACCOUNT or ACCOUNT_REGION worker needs the
// project's account index: without one, the problem is printed and k_exit_usage returned.
std::expected<emulator::TemplatePlan, int> plan_payload(DispatchSession& session,
                                                        const workers::Worker& worker, std::string_view bytes,
                                                        const std::string& display, std::ostream& err);

}  // namespace drydock::cli
