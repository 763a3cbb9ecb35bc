#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator::http {

SqsGate::SqsGate(SqsService& sqs, std::function<void()> before_each, std::chrono::milliseconds recheck,
                 std::size_t max_waiting)
    : m_sqs(sqs), m_before_each(std::move(before_each)), m_recheck(recheck), m_max_waiting(max_waiting) {}

std::expected<nlohmann::json, SqsError> SqsGate::call(std::string_view action, const nlohmann::json& input,
                                                      const SqsEndpoint& endpoint) {
  const bool receive = action == "ReceiveMessage";
  std::unique_lock lock(m_mutex);
  // This call's place among m_waiting, given back on every way out (under the lock, declared after it).
  struct WaitSlot {
    std::size_t& waiting;
    bool held = false;
    ~WaitSlot() {
      if (held) {
        --waiting;
      }
    }
  } slot{m_waiting};
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::seconds(receive ? receive_wait_seconds(m_sqs, input) : 0);
  while (true) {
    if (m_before_each) {
      m_before_each();
    }
    auto result = run_sqs_action(m_sqs, action, input, endpoint);
    const auto now = std::chrono::steady_clock::now();
    const bool full = !slot.held && m_waiting >= m_max_waiting;
    if (!receive || !result || result->contains("Messages") || m_closed || now >= deadline || full) {
      if (result && may_make_messages_visible(action)) {
        m_changed.notify_all();
        if (m_on_change) {
          m_on_change();
        }
      }
      return result;
    }
    if (!slot.held) {
      slot.held = true;
      ++m_waiting;
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
  if (m_on_change) {
    m_on_change();
  }
}

std::size_t SqsGate::waiting() const {
  const std::lock_guard lock(m_mutex);
  return m_waiting;
}

void SqsGate::close() {
  {
    const std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_changed.notify_all();
}

}  // namespace drydock::emulator::http
