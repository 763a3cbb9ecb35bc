// Message ids, receipt handles and nonces.

#include <fmt/format.h>

#include <charconv>

#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {

std::string random_nonce(std::mt19937_64& random) {
  return fmt::format("{:016x}", random());
}

std::string format_receipt_handle(const ReceiptHandle& handle) {
  return fmt::format("DRYDOCK1-{:x}-{:x}-{}", handle.queue_id, handle.seq, handle.nonce);
}

std::optional<ReceiptHandle> parse_receipt_handle(std::string_view text) {
  constexpr std::string_view k_prefix = "DRYDOCK1-";
  if (!text.starts_with(k_prefix)) {
    return std::nullopt;
  }
  text.remove_prefix(k_prefix.size());
  ReceiptHandle handle;
  const char* end = text.data() + text.size();
  auto [after_queue, queue_error] = std::from_chars(text.data(), end, handle.queue_id, 16);
  if (queue_error != std::errc() || after_queue == end || *after_queue != '-') {
    return std::nullopt;
  }
  auto [after_seq, seq_error] = std::from_chars(after_queue + 1, end, handle.seq, 16);
  if (seq_error != std::errc() || after_seq == end || *after_seq != '-') {
    return std::nullopt;
  }
  handle.nonce.assign(after_seq + 1, end);
  if (handle.nonce.size() != 16 || handle.nonce.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return std::nullopt;
  }
  return handle;
}

SqsError receipt_handle_invalid(std::string_view text) {
  return {"ReceiptHandleIsInvalid",
          fmt::format("The input receipt handle \"{}\" is not a valid receipt handle.", text), true};
}

}  // namespace drydock::emulator
