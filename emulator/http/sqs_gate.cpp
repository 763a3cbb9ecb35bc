#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator::http {

SqsGate::SqsGate(SqsService& sqs, std::function<void()> before_each, std::chrono::milliseconds recheck)
    : m_sqs(sqs), m_before_each(std::move(before_each)), m_recheck(recheck) {}

std::expected<nlohmann::json, SqsError> SqsGate::call(std::string_view action, const nlohmann::json& input,
                                                      const SqsEndpoint& endpoint) {
  const bool receive = action == "ReceiveMessage";
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(receive ? receive_wait_seconds(input) : 0);
  std::unique_lock lock(m_mutex);
  while (true) {
    if (m_before_each) {
      m_before_each();
    }
    auto result = run_sqs_action(m_sqs, action, input, endpoint);
    const auto now = std::chrono::steady_clock::now();
    if (!receive || !result || result->contains("Messages") || m_closed || now >= deadline) {
      if (result && may_make_messages_visible(action)) {
        m_changed.notify_all();
      }
      return result;
    }
    m_changed.wait_until(lock, std::min(deadline, now + m_recheck));
  }
}

void SqsGate::with_service(const std::function<void(SqsService&)>& work) {
  {
    const std::lock_guard lock(m_mutex);
    if (m_before_each) {
      m_before_each();
    }
    work(m_sqs);
  }
  m_changed.notify_all();
}

Instant SqsGate::now(const Clock& clock) {
  const std::lock_guard lock(m_mutex);
  if (m_before_each) {
    m_before_each();
  }
  return clock.now();
}

void SqsGate::close() {
  {
    const std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_changed.notify_all();
}

}  // namespace drydock::emulator::http
