#pragma once
// The `builtin` transport: worker ships written in C++ and compiled into Drydock, chosen by name in
// drydock.yaml (`builtin: flaky`) and configured by the worker's `options:` mapping. They run in
// process, so a benchmark can push hundreds of thousands of invocations through the emulator.

#include <expected>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "workers/transports/transport.hpp"

namespace drydock::workers {

// The ship `name` configured with `options` (null or a JSON object). Fails for an unknown name
// ("unknown builtin ship 'x' (known: flaky, noop)") or options the ship refuses. The returned
// transport is safe to call from several threads and does not block. A builtin ship runs in process:
// its results never have an exit code, signal, HTTP status or error payload (InvocationResult).
std::expected<std::unique_ptr<Transport>, std::string> make_builtin_transport(std::string_view name,
                                                                              const nlohmann::json& options);

// The names of every builtin ship, sorted.
std::vector<std::string_view> builtin_ship_names();

}  // namespace drydock::workers
