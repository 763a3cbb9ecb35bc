#pragma once
// What the `drydock dlq` commands share: which DLQs a command covers, the dead letters in them with
// their attempt history, and what a body says about its target.

#include <expected>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/cloud/cloud.hpp"
#include "emulator/history/attempt_history.hpp"

namespace drydock::cli {

// The pseudo-worker naming the Starbase fan-out queue's DLQ (QueuePair::owner of the fan-out pair).
inline constexpr std::string_view k_starbase_owner = "Starbase";

// The queue pairs whose DLQs a command covers: the one of `worker` (a worker ship, or "Starbase"), or
// every pair (the Starbase's first) when nullopt. An unknown worker is printed as an error listing the
// known ones, and k_exit_usage returned.
std::expected<std::vector<const emulator::QueuePair*>, int> select_pairs(
    const emulator::CloudLayout& layout, const std::optional<std::string>& worker, std::ostream& err);

// Splits a command's positional arguments into message ids and at most one worker: an argument naming
// one of the project's queue owners is the worker (message ids are UUIDs, never such names). Errors,
// with `verb` ("purge", "replay") in their text: two workers; ids together with `all` (--all); neither.
std::expected<std::pair<std::vector<std::string>, std::optional<std::string>>, std::string> split_arguments(
    const emulator::CloudLayout& layout, const std::vector<std::string>& arguments, bool all,
    std::string_view verb);

// The DLQ names of `pairs`, in order.
std::vector<std::string> dlq_names(const std::vector<const emulator::QueuePair*>& pairs);

struct DeadLetter {
  const emulator::QueuePair* pair = nullptr;  // whose DLQ holds it
  std::int64_t seq = 0;                       // its row in the store
  emulator::PeekedMessage message;
  std::vector<emulator::FailedAttempt> attempts;  // recorded failures, oldest first
};

// Every dead letter in the DLQs of `pairs`, queue by queue, oldest first, with its history. Store
// failures are printed and k_exit_usage returned.
std::expected<std::vector<DeadLetter>, int> load_dead_letters(
    emulator::Cloud& cloud, const std::vector<const emulator::QueuePair*>& pairs, std::ostream& err);

// The dead letters with `ids`, in that order (an id given twice once). When a DLQ of `pairs` does not
// hold some of them, prints one error naming each (and the queue holding it, if any) and returns
// k_exit_usage.
std::expected<std::vector<DeadLetter>, int> find_dead_letters(
    emulator::Cloud& cloud, const std::vector<const emulator::QueuePair*>& pairs,
    const std::vector<std::string>& ids, std::ostream& err);

// The dead letters a command names: every one in WORKER's DLQ (or every DLQ) with `all`, else those
// with `ids` in it (find_dead_letters). Errors are printed and their exit status returned.
std::expected<std::vector<DeadLetter>, int> select_dead_letters(emulator::Cloud& cloud,
                                                                const std::optional<std::string>& worker,
                                                                const std::vector<std::string>& ids, bool all,
                                                                std::ostream& err);

// The attempts a dead letter took: the recorded failures, or SQS's ApproximateReceiveCount when none
// were recorded (an imported message, or one dead-lettered before history was kept).
int attempt_count(const DeadLetter& letter);

// "Drydock.StateLocked: …" printed as an error; returns k_exit_usage.
int print_sqs_failure(std::ostream& err, const emulator::SqsError& error);

// Drops the history of messages that are gone (deleted, purged); a failure is only a warning.
void collect_history_garbage(emulator::Cloud& cloud, std::ostream& err);

}  // namespace drydock::cli
