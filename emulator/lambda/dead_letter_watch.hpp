#pragma once
// Which messages of a mapped queue reached its DLQ during a dispatcher run. Redrive happens inside
// ReceiveMessage (aws-anchors.md §4.1), so the dispatcher does not see it happen: it remembers what the
// DLQ held when the run began and, at the end, takes the DLQ's new messages whose
// DeadLetterQueueSourceArn is the mapped queue.

#include <cstdint>
#include <expected>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator {

class DeadLetterWatch {
 public:
  // Starts watching the DLQ named by `queue`'s RedrivePolicy. A queue without a RedrivePolicy, or whose
  // DLQ was deleted (SQS then moves nothing), gives a watch with no DLQ. Fails when `queue` cannot be
  // read (it does not exist, the store failed).
  static std::expected<DeadLetterWatch, SqsError> start(const SqsService& sqs, const std::string& queue);

  // The DLQ's name; nullopt when there is none to watch.
  const std::optional<std::string>& dlq() const { return m_dlq; }

  // How many more messages the DLQ holds than when the watch started (never negative): cheap, for a
  // running count; exact only while nothing else adds to or takes from the DLQ. 0 without a DLQ.
  std::expected<std::int64_t, SqsError> growth(const SqsService& sqs) const;

  // The messages now in the DLQ that were not there when the watch started and were redriven from the
  // watched queue, in arrival order. Empty without a DLQ.
  std::expected<std::vector<PeekedMessage>, SqsError> arrivals(const SqsService& sqs) const;

 private:
  std::string m_source_arn;  // what SQS writes into DeadLetterQueueSourceArn
  std::optional<std::string> m_dlq;
  std::set<std::string> m_before;  // message ids in the DLQ when the watch started
  std::int64_t m_count_before = 0;
};

}  // namespace drydock::emulator
