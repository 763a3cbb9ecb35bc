#pragma once
// The failed attempts of each message (issue 6: "every failed attempt is recorded with the message"),
// durable in the state store's `attempts` table, so `drydock dlq show` can say why a dead letter died
// long after the run that failed it. Only failures are written, a round's in one transaction; a
// successful message costs nothing here.
//
// Attempts name their message by its row (`messages.seq`) and MessageId: a message keeps both when
// redrive moves it to its DLQ and when a move task takes it back, so its history follows it. History of
// messages that are gone (deleted after a success, purged, expired) stays until collect_garbage().
// Not thread-safe: use it on the thread that uses the SqsService of the same store.

#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/clock.hpp"
#include "emulator/state/state_store.hpp"

namespace drydock::emulator {

struct FailedAttempt {
  std::int64_t seq = 0;    // the message's row: receipt_handle_seq(ReceivedMessage::receipt_handle)
  std::string message_id;  // its MessageId
  std::string queue;       // the queue it was received from
  std::string function;    // the worker ship (or "Starbase") invoked
  int attempt = 0;         // ApproximateReceiveCount of that receive
  Instant virtual_time;    // the virtual clock at the receive
  std::chrono::system_clock::time_point wall_time;  // the host's clock (milliseconds are kept)
  std::string request_id;                           // the invocation's Lambda request id; may be ""
  // Why the attempt failed (the dispatcher's verdict: the transport's error, a timeout, "reported in
  // batchItemFailures"); its first line is the reason lists show. Kept up to k_max_error_bytes.
  std::string error;
  bool timed_out = false;
  std::optional<int> exit_code;              // command workers
  std::optional<int> signal;                 // command workers killed by a signal
  std::optional<int> http_status;            // http workers that answered
  std::optional<std::string> error_payload;  // http workers: the failed answer's body (first 4 KiB)
  std::string output_tail;                   // the end of what the worker printed
  std::chrono::milliseconds duration{0};     // wall time of the invocation
  bool operator==(const FailedAttempt&) const = default;
};

// The most of FailedAttempt::error that is stored (a Starbase failure lists a template's errors).
inline constexpr std::size_t k_max_error_bytes = 16 * 1024;

// The first line of `text` (all of it when it has no newline): the reason a list shows.
std::string_view first_line(std::string_view text);

class AttemptHistory {
 public:
  // Works on `store`'s connection, which must outlive it.
  explicit AttemptHistory(StateStore& store) : m_db(store.db()) {}

  // Records `attempts` (any number, any messages) in ONE transaction; nothing for an empty span.
  // Fails with a message (the store locked by another process past its busy timeout, a disk error),
  // recording none of them.
  std::expected<void, std::string> record(std::span<const FailedAttempt> attempts);

  // The recorded attempts of the message at row `seq` with id `message_id`, oldest first; empty when
  // none are recorded. Fails only when the store does.
  std::expected<std::vector<FailedAttempt>, std::string> attempts_of(std::int64_t seq,
                                                                     std::string_view message_id) const;

  // The recorded attempts of every message now in the queue `queue`, by MessageId, oldest first;
  // messages without history are absent (so is an unknown queue's). Fails only when the store does.
  std::expected<std::map<std::string, std::vector<FailedAttempt>>, std::string> attempts_in_queue(
      std::string_view queue) const;

  // Deletes the history of messages that no longer exist (each attempt checked against the messages'
  // primary key, so the cost grows with the history, not with the queues); returns how many attempts
  // were deleted. Fails only when the store does.
  std::expected<std::int64_t, std::string> collect_garbage();

 private:
  Database& m_db;
};

}  // namespace drydock::emulator
