#pragma once
// Private to emulator/starbase/*.cpp: the loaded ships, log helpers and the tasking step.

#include <string>
#include <string_view>
#include <vector>

#include "emulator/starbase/starbase.hpp"

namespace drydock::emulator::starbase_detail {

// Upstream loads the ships whose configuration is Enabled, in loader order.
std::vector<const workers::Worker*> loaded_ships(const StarbaseContext& context);

// Whether the ship's InvocationSources lists `source`.
bool has_source(const workers::WorkerStanza& stanza, workers::InvocationSource source);

// The queue a ship's messages go to (the last segment of its InvocationQueueUrl), or "" when the
// layout has none for it.
std::string worker_queue(const StarbaseContext& context, std::string_view ship);

void log(StarbaseOutcome& outcome, LogLevel level, std::string message);
void fail(StarbaseOutcome& outcome, std::string exception);

// _fan_out_payload_logic(ship, key): fetch, validate, resolve, send (starfleet-behavior.md §7.3).
void task_template(const StarbaseContext& context, const workers::Worker& ship, std::string_view key,
                   StarbaseOutcome& outcome);

}  // namespace drydock::emulator::starbase_detail
