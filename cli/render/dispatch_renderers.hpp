#pragma once
// Reports of a dispatcher run (`fanout`, `put`, `tick`, `clock advance`, `drain`): a summary per
// function, the dead letters with why they failed, the Starbase's failures and (for fanned-out runs)
// the account × region outcome grid; or the machine report of the issue as JSON.

#include <iosfwd>
#include <string>
#include <vector>

#include "emulator/lambda/dispatch_report.hpp"
#include "emulator/starbase/starbase.hpp"

namespace drydock::cli {

struct DispatchView {
  const emulator::DispatchReport& report;
  const std::vector<emulator::StarbaseOutcome>& starbase;  // every Starbase invocation, in order
  const std::vector<std::string>& unserved;                // workers without a transport
  bool verbose = false;
};

void render_dispatch_text(const DispatchView& view, std::ostream& out);

// {"invocations","succeeded","failed_attempts","dead_lettered","messages":[...]} (write_report_json) plus
// "starbase": {"tasked": [{"worker","key","kind","messages"}], "failures": [...]}, "virtual_time"
// {"start","end"} and "limit_hit".
void render_dispatch_json(const DispatchView& view, std::ostream& out);

}  // namespace drydock::cli
