#include "emulator/lambda/dead_letter_watch.hpp"

#include <algorithm>

namespace drydock::emulator {
namespace {

std::int64_t message_count(const QueueAttributes& attributes) {
  return attributes.approximate_number_of_messages + attributes.approximate_number_of_messages_not_visible +
         attributes.approximate_number_of_messages_delayed;
}

}  // namespace

std::expected<DeadLetterWatch, SqsError> DeadLetterWatch::start(const SqsService& sqs,
                                                                const std::string& queue) {
  auto config = sqs.queue_config(queue);  // not queue_attributes: no need to count a full queue
  if (!config) {
    return std::unexpected(config.error());
  }
  DeadLetterWatch watch;
  watch.m_source_arn = sqs.queue_arn(queue);
  const auto& redrive = config->redrive_policy;
  if (!redrive) {
    return watch;
  }
  auto dlq_attributes = sqs.queue_attributes(redrive->dead_letter_queue);
  auto before = sqs.peek_messages(redrive->dead_letter_queue);
  if (!dlq_attributes || !before) {
    return watch;  // the DLQ was deleted: SQS keeps failing messages in the queue
  }
  watch.m_dlq = redrive->dead_letter_queue;
  watch.m_count_before = message_count(*dlq_attributes);
  for (const PeekedMessage& message : *before) {
    watch.m_before.insert(message.message_id);
  }
  return watch;
}

std::expected<std::int64_t, SqsError> DeadLetterWatch::growth(const SqsService& sqs) const {
  if (!m_dlq) {
    return 0;
  }
  auto attributes = sqs.queue_attributes(*m_dlq);
  if (!attributes) {
    return std::unexpected(attributes.error());
  }
  return std::max<std::int64_t>(0, message_count(*attributes) - m_count_before);
}

std::expected<std::vector<PeekedMessage>, SqsError> DeadLetterWatch::arrivals(const SqsService& sqs) const {
  if (!m_dlq) {
    return std::vector<PeekedMessage>{};
  }
  auto messages = sqs.peek_messages(*m_dlq);
  if (!messages) {
    return std::unexpected(messages.error());
  }
  std::erase_if(*messages, [&](const PeekedMessage& message) {
    const auto source = message.attributes.find("DeadLetterQueueSourceArn");
    return m_before.contains(message.message_id) || source == message.attributes.end() ||
           source->second != m_source_arn;
  });
  return messages;
}

}  // namespace drydock::emulator
