#include "emulator/starbase/starbase_transport.hpp"

#include <chrono>

namespace drydock::emulator {

workers::InvocationResult StarbaseTransport::invoke(const std::string& event_json,
                                                    const workers::InvocationContext& /*context*/) {
  const std::lock_guard lock(m_mutex);
  const auto start = std::chrono::steady_clock::now();
  const StarbaseOutcome outcome = process_fanout_event(m_context, event_json);
  workers::InvocationResult result;
  result.succeeded = !outcome.failure.has_value();
  result.error = outcome.failure.value_or("");
  for (const auto& line : outcome.logs) {
    result.output_tail += line.message;
    result.output_tail += '\n';
  }
  constexpr std::size_t k_tail = 4096;
  if (result.output_tail.size() > k_tail) {
    result.output_tail.erase(0, result.output_tail.size() - k_tail);
  }
  result.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (m_observer) {
    m_observer(outcome);
  }
  return result;
}

}  // namespace drydock::emulator
