#pragma once
// The per-message records of one event-source mapping's run, kept compact: a fan-out over 10,000
// accounts × 33 regions gives 330,000 of them. A record costs about 70 bytes (102 measured with the
// index and growth slack, docs/BENCHMARKS.md): the MessageId as 16 bytes when it is a UUID (SQS's
// ids always are), the account and region as indexes into a table of distinct strings, the receive
// counts as a first count and a number of attempts while they run 1, 2, 3…, and the failure text
// only for messages that failed. Readers get whole MessageRecords.

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/eventbridge/clock.hpp"

namespace drydock::emulator {

enum class MessageOutcome {
  succeeded,      // deleted after an invocation that settled it
  dead_lettered,  // in the mapped queue's DLQ when the run ended, moved there during the run
  pending,        // still in the queue (a guard stopped the run) or gone some other way
};
std::string_view to_string(MessageOutcome outcome);  // "succeeded", "dead_lettered", "pending"

// One message's record as a value.
struct MessageRecord {
  std::string message_id;
  std::optional<std::string> account;  // the body's StarbaseAssignedAccount, when it is JSON with one
  std::optional<std::string> region;   // the body's StarbaseAssignedRegion
  std::vector<int> receive_counts;     // ApproximateReceiveCount of each attempt, in order
  MessageOutcome outcome = MessageOutcome::pending;
  std::optional<Instant> first_attempt;  // virtual time of the receive of the first attempt
  std::optional<Instant> last_attempt;
  std::string last_error;        // why the last failed attempt failed; empty when none failed
  std::string last_output_tail;  // what the worker printed in that attempt

  // How many times the message was handed to the function in this run.
  int attempts() const { return static_cast<int>(receive_counts.size()); }
};

class MessageLog {
 public:
  using Index = std::uint32_t;

  std::size_t size() const { return m_slots.size(); }
  bool empty() const { return m_slots.empty(); }

  // The record of `message_id`, nullopt when the log has none.
  std::optional<MessageRecord> find(std::string_view message_id) const;
  // Adds the record, or replaces the one with the same message id.
  void put(const MessageRecord& record);
  // Calls fn(const MessageRecord&) for every record, in the order the messages were first seen.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (Index index = 0; index < m_slots.size(); ++index) {
      fn(record(index));
    }
  }

  // ---- the dispatcher's side: records by index, fields without building a MessageRecord ----
  // The index of `message_id`'s record, created with the target assigned in `body` on first sight.
  Index touch(std::string_view message_id, std::string_view body);
  MessageRecord record(Index index) const;
  std::string message_id(Index index) const;
  std::optional<std::string_view> account(Index index) const;
  std::optional<std::string_view> region(Index index) const;
  MessageOutcome outcome(Index index) const { return m_slots[index].outcome; }
  void set_outcome(Index index, MessageOutcome outcome) { m_slots[index].outcome = outcome; }
  int attempts(Index index) const { return static_cast<int>(m_slots[index].attempts); }
  // Records an attempt: its ApproximateReceiveCount and the virtual time of its receive.
  void add_attempt(Index index, int receive_count, Instant received_at);
  // Records why the last attempt failed and what the worker printed.
  void set_failure(Index index, std::string_view error, std::string_view output_tail);
  // Sets only the last error (a delete that failed after the attempt succeeded).
  void set_last_error(Index index, std::string_view error);

 private:
  // A MessageId: the 16 bytes of a lowercase canonical UUID, or (other != 0) a string of m_strings.
  struct Key {
    std::array<std::uint8_t, 16> bytes{};
    std::uint32_t other = 0;
    bool operator==(const Key&) const = default;
  };
  struct Detail {
    std::vector<int> receive_counts;  // set once the counts stop running first, first + 1, …
    std::string last_error;
    std::string last_output_tail;
  };
  static constexpr std::int64_t k_no_time = INT64_MIN;
  struct Slot {
    std::int64_t first_ms = k_no_time;
    std::int64_t last_ms = k_no_time;
    std::uint32_t account = 0;  // 1 + index into m_strings; 0: none
    std::uint32_t region = 0;
    std::uint32_t detail = 0;  // 1 + index into m_details; 0: none
    std::int32_t first_count = 0;
    std::uint32_t attempts = 0;
    MessageOutcome outcome = MessageOutcome::pending;
  };

  Key add_key(std::string_view message_id);  // interns an id that is not a UUID
  std::optional<Key> existing_key(std::string_view message_id) const;
  std::optional<Index> lookup(const Key& key) const;
  void insert_index(Index index);
  std::uint32_t intern(std::string_view text);
  std::optional<std::string_view> text(std::uint32_t ref) const;
  Detail& detail(Index index);

  std::vector<Slot> m_slots;
  std::vector<Key> m_keys;     // by index
  std::vector<Index> m_table;  // open addressing: 1 + index, 0 empty; power-of-two size
  std::deque<std::string> m_strings;
  std::unordered_map<std::string_view, std::uint32_t> m_string_refs;  // views into m_strings
  std::vector<Detail> m_details;
};

}  // namespace drydock::emulator
