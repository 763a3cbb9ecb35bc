#pragma once
// Private to the SQS operations: queue attributes as the wire carries them — strings by name, the
// RedrivePolicy as JSON text — read into a QueueConfig and written from QueueAttributes.

#include <string_view>

#include "emulator/http/sqs_input.hpp"
#include "emulator/sqs/queue_config.hpp"

namespace drydock::emulator::http::sqs_wire {

// Applies CreateQueue's / SetQueueAttributes' Attributes to `config`: InvalidAttributeName for an
// unknown name, InvalidAttributeValue for a value that cannot be read, UnsupportedOperation for the
// attributes not emulated yet (FIFO, KMS). RedriveAllowPolicy and Policy are kept as JSON text (the
// service checks them); an empty RedrivePolicy, RedriveAllowPolicy or Policy removes it.
Result<void> apply_attributes(QueueConfig& config, const Json& attributes);

// Whether GetQueueAttributes knows `name` (besides "All").
bool known_queue_attribute(std::string_view name);

// Every attribute GetQueueAttributes reports, by name.
Json queue_attribute_values(const SqsService& sqs, const QueueAttributes& attributes);

}  // namespace drydock::emulator::http::sqs_wire
