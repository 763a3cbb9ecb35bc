#include "emulator/http/sqs_actions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "emulator/http/sqs_operations.hpp"

namespace drydock::emulator::http {

namespace {

using namespace sqs_wire;
using Handler = std::function<Result<Json>(SqsService&, const Json&, const SqsEndpoint&)>;

const std::map<std::string, Handler, std::less<>>& handlers() {
  static const std::map<std::string, Handler, std::less<>> k_handlers{
      {"CreateQueue", create_queue},
      {"GetQueueUrl", get_queue_url},
      {"ListQueues", list_queues},
      {"DeleteQueue", delete_queue},
      {"GetQueueAttributes", get_queue_attributes},
      {"SetQueueAttributes", set_queue_attributes},
      {"SendMessage", send_message},
      {"SendMessageBatch", send_message_batch},
      {"ReceiveMessage", receive_message},
      {"DeleteMessage", delete_message},
      {"DeleteMessageBatch", delete_message_batch},
      {"ChangeMessageVisibility", change_message_visibility},
      {"ChangeMessageVisibilityBatch", change_message_visibility_batch},
      {"PurgeQueue", purge_queue},
      {"ListDeadLetterSourceQueues", list_dead_letter_source_queues},
      {"StartMessageMoveTask", start_message_move_task},
      {"ListMessageMoveTasks", list_message_move_tasks},
      {"CancelMessageMoveTask", cancel_message_move_task},
      {"TagQueue", tag_queue},
      {"UntagQueue", untag_queue},
      {"ListQueueTags", list_queue_tags},
      {"AddPermission", permissions_not_emulated},
      {"RemovePermission", permissions_not_emulated},
  };
  return k_handlers;
}

}  // namespace

bool known_sqs_action(std::string_view action) {
  return handlers().contains(action);
}

std::expected<nlohmann::json, SqsError> run_sqs_action(SqsService& sqs, std::string_view action,
                                                       const nlohmann::json& input,
                                                       const SqsEndpoint& endpoint) {
  const auto handler = handlers().find(action);
  if (handler == handlers().end()) {
    return std::unexpected(SqsError{
        "InvalidAction", fmt::format("The action {} is not valid for this endpoint.", action), true});
  }
  if (!input.is_object()) {
    return std::unexpected(sqs_errors::invalid_parameter("The request body must be a JSON object."));
  }
  return handler->second(sqs, input, endpoint);
}

int receive_wait_seconds(const SqsService& sqs, const nlohmann::json& input) {
  const auto found = input.is_object() ? input.find("WaitTimeSeconds") : input.end();
  if (found != input.end() && found->is_number_integer()) {
    return std::clamp(found->get<int>(), 0, 20);
  }
  // Without WaitTimeSeconds, the queue's ReceiveMessageWaitTimeSeconds applies.
  const auto name = sqs_wire::queue_name(input);
  if (!name) {
    return 0;  // the receive itself says what is wrong
  }
  const auto config = sqs.queue_config(*name);
  return config ? static_cast<int>(config->receive_wait.count()) : 0;
}

bool may_make_messages_visible(std::string_view action) {
  return action == "SendMessage" || action == "SendMessageBatch" || action == "ChangeMessageVisibility" ||
         action == "ChangeMessageVisibilityBatch" || action == "StartMessageMoveTask" ||
         action == "SetQueueAttributes";
}

}  // namespace drydock::emulator::http
