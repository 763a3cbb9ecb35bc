#pragma once
// The Starbase's fan-out Lambda as a worker transport, so the Lambda dispatcher feeds it from the
// fan-out queue like any worker: an invocation succeeds unless upstream would raise, and then the
// fan-out message is retried and dead-lettered as in production.

#include <functional>
#include <mutex>
#include <string_view>

#include "emulator/starbase/starbase.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::emulator {

// The function name of the fan-out queue's mapping (the Starbase's) in dispatch reports.
inline constexpr std::string_view k_starbase_function = "Starbase";

class StarbaseTransport final : public workers::Transport {
 public:
  // `observer` sees every invocation's outcome (logs, tasked templates, failure) for reports. The
  // context's SqsService must be used by this transport alone (its own state-store connection): the
  // dispatcher calls invoke() on another thread than its own SQS calls.
  explicit StarbaseTransport(StarbaseContext context,
                             std::function<void(const StarbaseOutcome&)> observer = {})
      : m_context(context), m_observer(std::move(observer)) {}

  // Runs process_fanout_event; invocations are serialised (upstream's fan-out Lambda has batch size 1).
  workers::InvocationResult invoke(const std::string& event_json,
                                   const workers::InvocationContext& context) override;

 private:
  StarbaseContext m_context;
  std::function<void(const StarbaseOutcome&)> m_observer;
  std::mutex m_mutex;
};

}  // namespace drydock::emulator
