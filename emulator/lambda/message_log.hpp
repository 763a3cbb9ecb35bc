#pragma once
// The per-message records of one event-source mapping's run, kept compact: a fan-out over 10,000
// accounts × 33 regions gives 330,000 of them. A record costs about 70 bytes (102 measured with the
// index and growth slack, docs/BENCHMARKS.md): the MessageId as 16 bytes when it is a UUID (SQS's
// ids always are), the account, region and template name as indexes into a table of distinct
// strings, the receive counts as a first count and a number of attempts while they run 1, 2, 3…, the
// worker's time as 4 bytes, and the failure only for messages that failed. Readers get whole
// MessageRecords, or fields by index.

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/common/clock.hpp"

namespace drydock::emulator {

enum class MessageOutcome : std::uint8_t {
  succeeded,      // deleted after an invocation that settled it
  dead_lettered,  // in the mapped queue's DLQ when the run ended, moved there during the run
  pending,        // still in the queue (a guard stopped the run) or gone some other way
  failed,         // its one invocation failed and no queue holds it (`drydock run`)
};
// "succeeded", "dead_lettered", "pending", "failed"
std::string_view to_string(MessageOutcome outcome);

// What ended a failed attempt besides its error text (as the attempt history records it); each
// nullopt where it does not apply (builtin ships set none).
struct FailureCause {
  std::optional<int> exit_code;    // a command worker's exit status
  std::optional<int> signal;       // the signal that killed a command worker
  std::optional<int> http_status;  // an http worker's answer
  bool timed_out = false;          // the invocation ran past the function timeout
  bool operator==(const FailureCause&) const = default;
};

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
  // The body's TemplateName (a fan-out message's template key): assigned_target's template_name.
  std::optional<std::string> template_name;
  // The wall time of the invocations that carried the message, each shared by its batch's messages.
  std::chrono::milliseconds time{0};
  FailureCause last_cause;  // what ended the last failed attempt

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
  std::optional<std::string_view> template_name(Index index) const;
  MessageOutcome outcome(Index index) const { return static_cast<MessageOutcome>(m_slots[index].outcome); }
  void set_outcome(Index index, MessageOutcome outcome) {
    m_slots[index].outcome = static_cast<std::uint32_t>(outcome);
  }
  int attempts(Index index) const { return static_cast<int>(m_slots[index].attempts); }
  std::chrono::milliseconds time(Index index) const {
    return std::chrono::milliseconds(m_slots[index].time_ms);
  }
  // Records an attempt: its ApproximateReceiveCount, the virtual time of its receive and this
  // message's share of the invocation's wall time (added to MessageRecord::time, saturating).
  void add_attempt(Index index, int receive_count, Instant received_at,
                   std::chrono::milliseconds time = std::chrono::milliseconds(0));
  // Records why the last attempt failed, what the worker printed and what ended it.
  void set_failure(Index index, std::string_view error, std::string_view output_tail,
                   const FailureCause& cause = {});
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
    FailureCause last_cause;
  };
  static constexpr std::int64_t k_no_time = INT64_MIN;
  // 40 bytes, as before the template name and the worker time were kept: the last receive is an
  // offset from the first (SQS keeps a message at most 14 days, well within 49 days of milliseconds;
  // saturating), and the outcome shares a word with the attempt count.
  struct Slot {
    std::int64_t first_ms = k_no_time;
    std::uint32_t last_after_first_ms = 0;  // the last receive, in ms after the first one
    std::uint32_t account = 0;              // 1 + index into m_strings; 0: none
    std::uint32_t region = 0;
    std::uint32_t template_name = 0;
    std::uint32_t detail = 0;  // 1 + index into m_details; 0: none
    std::int32_t first_count = 0;
    std::uint32_t time_ms = 0;  // saturating
    std::uint32_t attempts : 30 = 0;
    std::uint32_t outcome : 2 = static_cast<std::uint32_t>(MessageOutcome::pending);
  };
  static_assert(sizeof(Slot) == 40);

  Key add_key(std::string_view message_id);  // interns an id that is not a UUID
  std::optional<Key> existing_key(std::string_view message_id) const;
  std::optional<Index> lookup(const Key& key) const;
  void insert_index(Index index);
  std::uint32_t intern(std::string_view text);
  std::optional<std::string_view> text(std::uint32_t ref) const;
  Detail& detail(Index index);
  static void set_last_attempt(Slot& slot, std::int64_t ms);  // after first_ms is set

  std::vector<Slot> m_slots;
  std::vector<Key> m_keys;     // by index
  std::vector<Index> m_table;  // open addressing: 1 + index, 0 empty; power-of-two size
  std::deque<std::string> m_strings;
  std::unordered_map<std::string_view, std::uint32_t> m_string_refs;  // views into m_strings
  std::vector<Detail> m_details;
};

}  // namespace drydock::emulator
