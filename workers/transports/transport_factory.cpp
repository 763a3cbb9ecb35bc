#include "workers/transports/transport_factory.hpp"

#include <fmt/format.h>

#include "workers/transports/builtin_transport.hpp"
#include "workers/transports/command_transport.hpp"
#include "workers/transports/http_transport.hpp"

namespace drydock::workers {

std::expected<std::unique_ptr<Transport>, std::string> make_transport(
    const WorkerSettings& worker, const std::filesystem::path& project_root, ProcessRunner& runner) {
  auto fail = [&](const std::string& why) {
    return std::unexpected(fmt::format("worker '{}': {}", worker.name, why));
  };
  const int given = (worker.builtin ? 1 : 0) + (worker.command.empty() ? 0 : 1) + (worker.http ? 1 : 0) +
                    (worker.runtime_api.empty() ? 0 : 1);
  if (given == 0) {
    return fail("no transport: give one of builtin, command or http in drydock.yaml");
  }
  if (given > 1) {
    return fail("give only one of builtin, command, http, runtime_api");
  }
  std::expected<std::unique_ptr<Transport>, std::string> made;
  if (worker.builtin) {
    made = make_builtin_transport(*worker.builtin, worker.builtin_options);
  } else if (!worker.command.empty()) {
    made = std::make_unique<CommandTransport>(worker.command, project_root, runner);
  } else if (worker.http) {
    made = make_http_transport(*worker.http);
  } else {
    return fail("the runtime_api transport is not supported yet (use command or http)");
  }
  if (!made) {
    return fail(made.error());
  }
  return made;
}

}  // namespace drydock::workers
