#include "emulator/run/run_assembly.hpp"

#include <fmt/format.h>

#include "emulator/run/project_index.hpp"
#include "emulator/ships/account_index_generator.hpp"
#include "workers/transports/transport_factory.hpp"

namespace drydock::emulator {

namespace {

constexpr std::string_view k_index_generator = "account-index-generator";

}  // namespace

RunAssembly::~RunAssembly() = default;

std::expected<std::unique_ptr<RunAssembly>, RunError> RunAssembly::open(Inputs inputs,
                                                                        OutcomeObserver observer) {
  auto& cloud = inputs.cloud;
  if (!cloud.layout().fan_out) {
    return std::unexpected(RunError{{}, "the project has no Starbase fan-out queue to dispatch from"});
  }
  std::unique_ptr<RunAssembly> run(new RunAssembly(inputs));
  if (inputs.project.account_index) {
    auto index = load_account_index(*inputs.project.account_index, inputs.regions);
    if (!index) {
      return std::unexpected(std::move(index.error()));
    }
    run->m_index = std::move(*index);
  }

  auto store = StateStore::open(cloud.store().dir());
  if (!store) {
    return std::unexpected(RunError{{}, std::move(store.error())});
  }
  run->m_starbase_store = std::make_unique<StateStore>(std::move(*store));
  run->m_starbase_sqs =
      std::make_unique<SqsService>(*run->m_starbase_store, cloud.clock(), cloud.sqs().options());
  StarbaseContext starbase_context = run->starbase();
  starbase_context.sqs = run->m_starbase_sqs.get();
  run->m_starbase_transport = std::make_unique<StarbaseTransport>(starbase_context, std::move(observer));

  for (const auto& worker : inputs.model.workers()) {
    if (worker.settings == nullptr || worker.stanza == nullptr) {
      continue;
    }
    const auto& settings = *worker.settings;
    if (!settings.builtin && settings.command.empty() && !settings.http && settings.runtime_api.empty()) {
      continue;  // no transport: its messages stay queued (reports say so)
    }
    if (settings.builtin == k_index_generator) {
      // The one builtin that needs the emulated cloud (it writes the index into an S3 bucket).
      if (!run->m_index) {
        return std::unexpected(
            RunError{{},
                     fmt::format("worker '{}': the {} builtin writes the project's organization: set "
                                 "starfleet.account_index in drydock.yaml",
                                 worker.name, k_index_generator)});
      }
      run->m_transports.emplace(worker.name, std::make_unique<AccountIndexGeneratorShip>(
                                                 run->m_index->organization(), cloud.s3(), cloud.clock(),
                                                 cloud.store().dir() / "buckets"));
      continue;
    }
    auto transport = workers::make_transport(settings, inputs.project.root, run->m_runner);
    if (!transport) {
      return std::unexpected(RunError{{}, std::move(transport.error())});
    }
    run->m_transports.emplace(worker.name, std::move(*transport));
  }
  return run;
}

StarbaseContext RunAssembly::starbase() {
  return {&m_inputs.model,   &m_inputs.cloud.layout(), index(),
          &m_inputs.regions, &m_inputs.cloud.sqs(),    &m_inputs.cloud.s3()};
}

workers::Transport* RunAssembly::transport(std::string_view worker) {
  const auto found = m_transports.find(worker);
  return found == m_transports.end() ? nullptr : found->second.get();
}

std::expected<std::vector<std::string>, std::string> RunAssembly::add_mappings(
    Dispatcher& dispatcher, const std::optional<std::string>& only_queue) {
  const auto& layout = m_inputs.cloud.layout();
  auto add = [&](const std::string& queue, const std::string& function, workers::Transport& transport,
                 const EventSourceMapping& mapping) -> std::expected<void, std::string> {
    auto added = dispatcher.add_mapping({queue, function, transport, mapping, "", "", ""});
    if (!added) {
      return std::unexpected(std::move(added.error().message));
    }
    return {};
  };
  if (auto added = add(layout.fan_out->queue.name, std::string(k_starbase_function), *m_starbase_transport,
                       layout.fan_out->mapping);
      !added) {
    return std::unexpected(std::move(added.error()));
  }
  std::vector<std::string> unserved;
  for (const auto& pair : layout.workers) {
    if (only_queue && pair.queue.name != *only_queue) {
      continue;
    }
    workers::Transport* worker_transport = transport(pair.owner);
    if (worker_transport == nullptr) {
      unserved.push_back(pair.owner);
      continue;
    }
    if (auto added = add(pair.queue.name, pair.owner, *worker_transport, pair.mapping); !added) {
      return std::unexpected(std::move(added.error()));
    }
  }
  return unserved;
}

}  // namespace drydock::emulator
