#pragma once
// Private to emulator/sqs/*.cpp: receipt handles, nonces, and the service's members the free
// operations need (SqsInternals). The queue row, the SQL and the scope an operation runs in
// (guarded, with_queue) are the queue store's (queue_store.hpp). Not part of the service's contract.

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "emulator/common/uuid.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator {

// A receipt handle names the queue that issued it, the message and the receive's nonce.
struct ReceiptHandle {
  std::int64_t queue_id = 0;
  std::int64_t seq = 0;
  std::string nonce;
};

// The handle's text: "DRYDOCK1-<queue id hex>-<seq hex>-<nonce>".
std::string format_receipt_handle(const ReceiptHandle& handle);
// The handle `text` names; nullopt when it is not a handle format_receipt_handle writes.
std::optional<ReceiptHandle> parse_receipt_handle(std::string_view text);
// ReceiptHandleIsInvalid for `text`.
SqsError receipt_handle_invalid(std::string_view text);

// The service's clock (in ms), connection and random engine, for the operations outside the class.
struct SqsInternals {
  static std::int64_t now_ms(const SqsService& sqs) { return sqs.m_clock.now().time_since_epoch().count(); }
  static Database& db(const SqsService& sqs) { return sqs.m_store.db(); }
  static std::mt19937_64& random(SqsService& sqs) { return sqs.m_random; }
};

// A receive's nonce: 16 lower-case hex digits drawn from `random`.
std::string random_nonce(std::mt19937_64& random);

}  // namespace drydock::emulator
