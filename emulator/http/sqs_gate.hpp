#pragma once
// The one door to the SqsService for the server's threads. The service is single-threaded (one
// state-store connection), so calls are serialized: one at a time, under one mutex — SQLite would
// serialize the writes anyway, and each call is short. A ReceiveMessage with WaitTimeSeconds (long
// polling) waits WITHOUT the lock: it is woken by any call that may make a message visible, and looks
// again at least every `recheck` (for visibility timeouts and delays ending), so it never blocks other
// requests. At most `max_waiting` receives wait at once (each holds a connection's thread): beyond
// that a receive answers at once with what it found, as one whose wait ended.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <expected>
#include <functional>
#include <mutex>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/common/clock.hpp"
#include "emulator/http/sqs_actions.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator::http {

class SqsGate {
 public:
  // `before_each` runs under the lock before every call (the server moves its clock to now there).
  SqsGate(SqsService& sqs, std::function<void()> before_each = {},
          std::chrono::milliseconds recheck = std::chrono::milliseconds(100), std::size_t max_waiting = 128);

  // run_sqs_action, serialized with every other call; a receive that finds nothing waits up to its
  // WaitTimeSeconds for a message, then answers with what it found (possibly nothing).
  std::expected<nlohmann::json, SqsError> call(std::string_view action, const nlohmann::json& input,
                                               const SqsEndpoint& endpoint);

  // Runs `work` under the lock (the server's own use of the service: move tasks, the dispatcher's
  // hand-over) and wakes waiting receives afterwards.
  void with_service(const std::function<void(SqsService&)>& work);

  // Calls `hook` after every call that may have made a message visible (a send, a visibility change,
  // with_service): `drydock serve` wakes its dispatcher there. Set it before the gate is used; the hook
  // must be quick and must not call the gate.
  void on_change(std::function<void()> hook) { m_on_change = std::move(hook); }

  // Ends every wait now and every later one at once (the server is stopping).
  void close();

  // How many receives are waiting now.
  std::size_t waiting() const;

 private:
  SqsService& m_sqs;
  std::function<void()> m_before_each;
  std::function<void()> m_on_change;
  std::chrono::milliseconds m_recheck;
  std::size_t m_max_waiting;
  std::size_t m_waiting = 0;  // under m_mutex
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_closed = false;
};

}  // namespace drydock::emulator::http
