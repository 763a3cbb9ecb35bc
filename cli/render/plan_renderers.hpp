#pragma once
// Output of `drydock plan`: a table a person reads at a glance, or JSON for tools.

#include <iosfwd>
#include <vector>

#include "emulator/accounts/account_index.hpp"
#include "emulator/plan/template_plan.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::cli {

// Per template: the tasked accounts (ACCOUNT) or an account × region grid (ACCOUNT_REGION), with
// excluded and org-root accounts marked, and the message count. Long lists are cut (see --format json).
void render_plan_table(const std::vector<emulator::TemplatePlan>& plans, const emulator::AccountIndex& index,
                       const workers::RegionUniverse& regions, std::ostream& out);

// A JSON array, one object per template in argument order: {"template", "worker", "kind",
// "accounts": [...]} or {..., "account_regions": {"<id>": [...]}}; with `messages`, also
// "messages": [{"Id", "MessageBody"}] sorted by Id. An invalid template has "diagnostics" instead.
// Streams: 330,000 messages are written without holding them all.
void render_plan_json(const std::vector<emulator::TemplatePlan>& plans, const emulator::AccountIndex& index,
                      bool messages, std::ostream& out);

}  // namespace drydock::cli
