#include "emulator/lambda/message_log.hpp"

#include <algorithm>
#include <cstring>

#include "emulator/lambda/dispatch_report.hpp"

namespace drydock::emulator {
namespace {

constexpr std::string_view k_hex = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;  // uppercase is not canonical: such an id is kept as a string, so it prints as it came
}

bool is_dash_position(std::size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

// The 16 bytes of `text` when it is a UUID in canonical lowercase form (8-4-4-4-12).
std::optional<std::array<std::uint8_t, 16>> parse_uuid(std::string_view text) {
  if (text.size() != 36) {
    return std::nullopt;
  }
  std::array<std::uint8_t, 16> bytes{};
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (is_dash_position(i)) {
      if (text[i] != '-') {
        return std::nullopt;
      }
      ++i;
      continue;
    }
    const int high = hex_value(text[i]);
    const int low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    bytes[out++] = static_cast<std::uint8_t>((high << 4) | low);
    i += 2;
  }
  return bytes;
}

std::string format_uuid(const std::array<std::uint8_t, 16>& bytes) {
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      text += '-';
    }
    text += k_hex[bytes[i] >> 4];
    text += k_hex[bytes[i] & 0x0F];
  }
  return text;
}

std::size_t hash_of(const std::array<std::uint8_t, 16>& bytes, std::uint32_t other) {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  std::memcpy(&high, bytes.data(), 8);
  std::memcpy(&low, bytes.data() + 8, 8);
  // UUIDv4 bytes are random already; the multiply spreads the string ids' small numbers.
  return static_cast<std::size_t>((high ^ (low * 0x9E3779B97F4A7C15ULL) ^ other) * 0xFF51AFD7ED558CCDULL >>
                                  7);
}

std::int64_t ms_of(Instant at) {
  return at.time_since_epoch().count();
}

std::optional<Instant> instant_of(std::int64_t ms, std::int64_t none) {
  if (ms == none) {
    return std::nullopt;
  }
  return Instant(std::chrono::milliseconds(ms));
}

}  // namespace

std::string_view to_string(MessageOutcome outcome) {
  switch (outcome) {
    case MessageOutcome::succeeded: return "succeeded";
    case MessageOutcome::dead_lettered: return "dead_lettered";
    case MessageOutcome::pending: return "pending";
    case MessageOutcome::failed: return "failed";
  }
  return "pending";
}

std::uint32_t MessageLog::intern(std::string_view text) {
  if (const auto found = m_string_refs.find(text); found != m_string_refs.end()) {
    return found->second;
  }
  const std::string& stored = m_strings.emplace_back(text);
  const auto ref = static_cast<std::uint32_t>(m_strings.size());
  m_string_refs.emplace(stored, ref);
  return ref;
}

std::optional<std::string_view> MessageLog::text(std::uint32_t ref) const {
  if (ref == 0) {
    return std::nullopt;
  }
  return m_strings[ref - 1];
}

MessageLog::Key MessageLog::add_key(std::string_view message_id) {
  if (auto bytes = parse_uuid(message_id)) {
    return Key{.bytes = *bytes};
  }
  return Key{.other = intern(message_id)};
}

std::optional<MessageLog::Key> MessageLog::existing_key(std::string_view message_id) const {
  if (auto bytes = parse_uuid(message_id)) {
    return Key{.bytes = *bytes};
  }
  if (const auto found = m_string_refs.find(message_id); found != m_string_refs.end()) {
    return Key{.other = found->second};
  }
  return std::nullopt;
}

std::optional<MessageLog::Index> MessageLog::lookup(const Key& key) const {
  if (m_table.empty()) {
    return std::nullopt;
  }
  const std::size_t mask = m_table.size() - 1;
  for (std::size_t at = hash_of(key.bytes, key.other) & mask;; at = (at + 1) & mask) {
    const Index entry = m_table[at];
    if (entry == 0) {
      return std::nullopt;
    }
    if (m_keys[entry - 1] == key) {
      return entry - 1;
    }
  }
}

void MessageLog::insert_index(Index index) {
  if ((m_slots.size() + 1) * 2 > m_table.size()) {  // keep the load at most 1/2
    std::vector<Index> old = std::move(m_table);
    m_table.assign(std::max<std::size_t>(64, old.size() * 2), 0);
    for (const Index entry : old) {
      if (entry != 0) {
        insert_index(entry - 1);
      }
    }
  }
  const std::size_t mask = m_table.size() - 1;
  std::size_t at = hash_of(m_keys[index].bytes, m_keys[index].other) & mask;
  while (m_table[at] != 0) {
    at = (at + 1) & mask;
  }
  m_table[at] = index + 1;
}

MessageLog::Index MessageLog::touch(std::string_view message_id, std::string_view body) {
  const Key key = add_key(message_id);
  if (const auto found = lookup(key)) {
    return *found;
  }
  const auto index = static_cast<Index>(m_slots.size());
  const AssignedTarget target = assigned_target(body);
  Slot slot;
  slot.account = target.account ? intern(*target.account) : 0;
  slot.region = target.region ? intern(*target.region) : 0;
  slot.template_name = target.template_name ? intern(*target.template_name) : 0;
  m_keys.push_back(key);
  insert_index(index);
  m_slots.push_back(slot);
  return index;
}

void MessageLog::set_last_attempt(Slot& slot, std::int64_t ms) {
  if (slot.first_ms == k_no_time) {
    slot.first_ms = ms;  // a put() record without times, attempted again
  }
  const std::int64_t after = ms - slot.first_ms;
  slot.last_after_first_ms = static_cast<std::uint32_t>(std::clamp<std::int64_t>(after, 0, UINT32_MAX));
}

MessageLog::Detail& MessageLog::detail(Index index) {
  Slot& slot = m_slots[index];
  if (slot.detail == 0) {
    m_details.emplace_back();
    slot.detail = static_cast<std::uint32_t>(m_details.size());
  }
  return m_details[slot.detail - 1];
}

void MessageLog::add_attempt(Index index, int receive_count, Instant received_at,
                             std::chrono::milliseconds time) {
  Slot& slot = m_slots[index];
  if (slot.attempts == 0) {
    slot.first_count = receive_count;
    slot.first_ms = ms_of(received_at);
  } else if (slot.detail != 0 && !m_details[slot.detail - 1].receive_counts.empty()) {
    m_details[slot.detail - 1].receive_counts.push_back(receive_count);
  } else if (receive_count != slot.first_count + static_cast<int>(slot.attempts)) {
    std::vector<int>& counts = detail(index).receive_counts;
    for (std::uint32_t k = 0; k < m_slots[index].attempts; ++k) {
      counts.push_back(m_slots[index].first_count + static_cast<int>(k));
    }
    counts.push_back(receive_count);
  }
  m_slots[index].attempts += 1;
  set_last_attempt(m_slots[index], ms_of(received_at));
  const std::int64_t total = std::int64_t{m_slots[index].time_ms} + std::max<std::int64_t>(0, time.count());
  m_slots[index].time_ms = static_cast<std::uint32_t>(std::min<std::int64_t>(total, UINT32_MAX));
}

void MessageLog::set_failure(Index index, std::string_view error, std::string_view output_tail,
                             const FailureCause& cause) {
  Detail& d = detail(index);
  d.last_error = error;
  d.last_output_tail = output_tail;
  d.last_cause = cause;
}

void MessageLog::set_last_error(Index index, std::string_view error) {
  detail(index).last_error = error;
}

std::string MessageLog::message_id(Index index) const {
  const Key& key = m_keys[index];
  return key.other != 0 ? std::string(m_strings[key.other - 1]) : format_uuid(key.bytes);
}

std::optional<std::string_view> MessageLog::account(Index index) const {
  return text(m_slots[index].account);
}

std::optional<std::string_view> MessageLog::region(Index index) const {
  return text(m_slots[index].region);
}

std::optional<std::string_view> MessageLog::template_name(Index index) const {
  return text(m_slots[index].template_name);
}

MessageRecord MessageLog::record(Index index) const {
  const Slot& slot = m_slots[index];
  MessageRecord out;
  out.message_id = message_id(index);
  if (const auto a = account(index)) {
    out.account = std::string(*a);
  }
  if (const auto r = region(index)) {
    out.region = std::string(*r);
  }
  if (const auto name = template_name(index)) {
    out.template_name = std::string(*name);
  }
  out.time = std::chrono::milliseconds(slot.time_ms);
  const Detail* d = slot.detail != 0 ? &m_details[slot.detail - 1] : nullptr;
  if (d != nullptr && !d->receive_counts.empty()) {
    out.receive_counts = d->receive_counts;
  } else {
    for (std::uint32_t k = 0; k < slot.attempts; ++k) {
      out.receive_counts.push_back(slot.first_count + static_cast<int>(k));
    }
  }
  out.outcome = static_cast<MessageOutcome>(slot.outcome);
  out.first_attempt = instant_of(slot.first_ms, k_no_time);
  if (out.first_attempt) {
    out.last_attempt = *out.first_attempt + std::chrono::milliseconds(slot.last_after_first_ms);
  }
  if (d != nullptr) {
    out.last_error = d->last_error;
    out.last_output_tail = d->last_output_tail;
    out.last_cause = d->last_cause;
  }
  return out;
}

std::optional<MessageRecord> MessageLog::find(std::string_view message_id) const {
  const auto key = existing_key(message_id);
  if (const auto found = key ? lookup(*key) : std::nullopt) {
    return record(*found);
  }
  return std::nullopt;
}

void MessageLog::put(const MessageRecord& record) {
  const Key key = add_key(record.message_id);
  Index index = 0;
  if (const auto found = lookup(key)) {
    index = *found;
    m_slots[index] = Slot{};
  } else {
    index = static_cast<Index>(m_slots.size());
    m_keys.push_back(key);
    insert_index(index);
    m_slots.emplace_back();
  }
  Slot& slot = m_slots[index];
  slot.account = record.account ? intern(*record.account) : 0;
  slot.region = record.region ? intern(*record.region) : 0;
  slot.template_name = record.template_name ? intern(*record.template_name) : 0;
  slot.outcome = static_cast<std::uint32_t>(record.outcome);
  for (std::size_t k = 0; k < record.receive_counts.size(); ++k) {
    add_attempt(index, record.receive_counts[k], Instant{});
  }
  const auto first = record.first_attempt ? record.first_attempt : record.last_attempt;
  m_slots[index].first_ms = first ? ms_of(*first) : k_no_time;
  if (first) {
    set_last_attempt(m_slots[index], ms_of(record.last_attempt.value_or(*first)));
  }
  m_slots[index].time_ms =
      static_cast<std::uint32_t>(std::clamp<std::int64_t>(record.time.count(), 0, UINT32_MAX));
  if (!record.last_error.empty() || !record.last_output_tail.empty() || record.last_cause != FailureCause{}) {
    set_failure(index, record.last_error, record.last_output_tail, record.last_cause);
  }
}

}  // namespace drydock::emulator
