#pragma once
// The `noop` builtin ship: succeeds at once without reading its event. A baseline for benchmarks
// and for trying the emulator's plumbing.

#include <expected>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "workers/transports/transport.hpp"

namespace drydock::workers {

// A ship whose every invocation succeeds. `options` is null, empty, or {"record_to": FILE}: then every
// record's body is appended to FILE (one line each, relative to the working directory) first.
std::expected<std::unique_ptr<Transport>, std::string> make_noop_ship(const nlohmann::json& options);

}  // namespace drydock::workers
