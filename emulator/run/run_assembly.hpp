#pragma once
// A run of the project, put together once for every way of running it (`fanout`, `drain`, `run`,
// `dlq replay`, and `serve`): the account index, the Starbase on its own state-store connection (the
// dispatcher invokes it on another thread), and every worker's transport, chosen from drydock.yaml
// (builtin, command, http). Adds the event-source mappings to a dispatcher. Prints nothing: problems
// come back as a RunError for the caller to show.

#include <expected>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/accounts/account_index.hpp"
#include "emulator/cloud/cloud.hpp"
#include "emulator/lambda/dispatcher.hpp"
#include "emulator/run/run_error.hpp"
#include "emulator/starbase/starbase.hpp"
#include "emulator/starbase/starbase_transport.hpp"
#include "emulator/state/state_store.hpp"
#include "workers/process/process_runner.hpp"
#include "workers/project/project_file.hpp"
#include "workers/project/project_model.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::emulator {

class RunAssembly {
 public:
  // What the assembly works on; all of it must outlive the assembly.
  struct Inputs {
    Cloud& cloud;
    const workers::ProjectModel& model;
    const workers::ProjectFile& project;
    const workers::RegionUniverse& regions;
  };
  using OutcomeObserver = std::function<void(const StarbaseOutcome&)>;

  // Loads the account index (when drydock.yaml names one), opens the Starbase's connection and makes
  // every worker's transport. `observer` sees each Starbase invocation's outcome, on the dispatcher's
  // threads. Fails when the layout has no fan-out queue, the index or a transport cannot be made, or
  // the account-index-generator builtin has no organization to write.
  static std::expected<std::unique_ptr<RunAssembly>, RunError> open(Inputs inputs, OutcomeObserver observer);
  ~RunAssembly();
  RunAssembly(const RunAssembly&) = delete;
  RunAssembly& operator=(const RunAssembly&) = delete;

  // The Starbase on the cloud's own connection (a timed event's phase 1, run before the dispatcher).
  StarbaseContext starbase();
  const AccountIndex* index() const { return m_index ? &*m_index : nullptr; }
  // `worker`'s transport; nullptr when drydock.yaml gives it none (its messages stay queued).
  workers::Transport* transport(std::string_view worker);

  // Adds the fan-out queue's mapping (the Starbase's, function k_starbase_function) and the mapping of
  // every worker queue whose worker has a transport — only `only_queue`'s when given — to `dispatcher`.
  // Returns the workers left without a transport, or why a mapping was refused.
  std::expected<std::vector<std::string>, std::string> add_mappings(
      Dispatcher& dispatcher, const std::optional<std::string>& only_queue = std::nullopt);

 private:
  explicit RunAssembly(Inputs inputs) : m_inputs(inputs) {}
  Inputs m_inputs;
  std::optional<AccountIndex> m_index;
  std::unique_ptr<StateStore> m_starbase_store;
  std::unique_ptr<SqsService> m_starbase_sqs;
  std::unique_ptr<StarbaseTransport> m_starbase_transport;
  workers::RealProcessRunner m_runner;  // before the transports, which use it
  std::map<std::string, std::unique_ptr<workers::Transport>, std::less<>> m_transports;  // by worker
};

}  // namespace drydock::emulator
