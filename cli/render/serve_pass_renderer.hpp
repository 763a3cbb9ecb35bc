#pragma once
// What `drydock serve` prints for each dispatch pass that did something (emulator/run/live_dispatch):
// one line per timed rule fired, per function invoked (its totals) and per template the Starbase
// tasked, and an indented line per message that failed or was dead-lettered in the pass, each
// stamped with the server's time.

#include <iosfwd>

#include "emulator/common/clock.hpp"
#include "emulator/run/live_dispatch.hpp"

namespace drydock::cli {

void render_serve_pass(const emulator::LivePass& pass, emulator::Instant now, std::ostream& out);

}  // namespace drydock::cli
