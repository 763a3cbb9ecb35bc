#pragma once
// Choosing a worker's transport from its drydock.yaml entry (`builtin`, `command` or `http`).

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "workers/process/process_runner.hpp"
#include "workers/project/project_file.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::workers {

// The transport `worker` asks for: a builtin ship with its `options`, a command run from
// `project_root` through `runner` (which must outlive the transport), or an http endpoint. Fails,
// naming the worker, when none or more than one is set, for `runtime_api` ("not supported yet"), an
// unknown builtin or bad options, or an unusable URL.
std::expected<std::unique_ptr<Transport>, std::string> make_transport(
    const WorkerSettings& worker, const std::filesystem::path& project_root, ProcessRunner& runner);

}  // namespace drydock::workers
