#pragma once
// Private to emulator/http: the SQS operations, one function each, that sqs_actions' table dispatches
// to: message operations in sqs_message_actions.cpp, queue operations in sqs_queue_actions.cpp. Each
// takes the service, the input object (JSON protocol shape) and where the request came in.

#include "emulator/http/sqs_input.hpp"

namespace drydock::emulator::http::sqs_wire {

Result<Json> send_message(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> send_message_batch(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> receive_message(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> delete_message(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> delete_message_batch(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> change_message_visibility(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> change_message_visibility_batch(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);

Result<Json> create_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> get_queue_url(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> list_queues(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> delete_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> get_queue_attributes(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> set_queue_attributes(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> purge_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> list_dead_letter_source_queues(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> start_message_move_task(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> list_message_move_tasks(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> cancel_message_move_task(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> tag_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> untag_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);
Result<Json> list_queue_tags(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);

// A Tags object ({"key": "value", ...}) as the service takes it; InvalidParameterValue for a value
// that is not a string.
Result<SqsService::QueueTags> tag_map(const Json& tags);
Result<Json> permissions_not_emulated(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint);

}  // namespace drydock::emulator::http::sqs_wire
