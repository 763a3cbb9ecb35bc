#include "emulator/starbase/message_template.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace drydock::emulator {
namespace {

namespace yaml = workers::yaml;

constexpr std::string_view k_account_key = "StarbaseAssignedAccount";
constexpr std::string_view k_region_key = "StarbaseAssignedRegion";

yaml::Node string_node(std::string text) {
  yaml::Node node;
  node.type = yaml::Type::string;
  node.text = std::move(text);
  return node;
}

// Python's `d[key] = value` for a str key: replace the value where the key already is, else append.
void assign(yaml::Node& mapping, std::string_view key, const yaml::Node* key_node, const yaml::Node* value) {
  for (yaml::Entry& entry : mapping.entries) {
    if (entry.key->type == yaml::Type::string && entry.key->text == key) {
      entry.value = value;
      return;
    }
  }
  mapping.entries.push_back(yaml::Entry{key_node, value});
}

std::size_t count_occurrences(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// True when no byte of the eight in `w` needs escaping: none below 0x20, none from 0x7F up, no
// '"' and no '\\' (the usual bit tricks: a byte below n sets its high bit in (x - n) & ~x).
bool word_is_plain(std::uint64_t w) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  const auto has_zero = [&](std::uint64_t x) { return ((x - k_ones) & ~x & k_highs) != 0; };
  const bool below_space = ((w - k_ones * 0x20) & ~w & k_highs) != 0;
  return (w & k_highs) == 0 && !below_space && !has_zero(w ^ (k_ones * '"')) &&
         !has_zero(w ^ (k_ones * '\\')) && !has_zero(w ^ (k_ones * 0x7F));
}

bool byte_is_plain(unsigned char c) {
  return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

// How many bytes from the start of `text` need no escaping: eight at a time, then one at a time.
std::size_t plain_prefix(std::string_view text) {
  std::size_t i = 0;
  for (std::uint64_t w; i + 8 <= text.size(); i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    if (!word_is_plain(w)) {
      break;
    }
  }
  while (i < text.size() && byte_is_plain(static_cast<unsigned char>(text[i]))) {
    ++i;
  }
  return i;
}

}  // namespace

bool needs_no_escaping(std::string_view text) {
  return plain_prefix(text) == text.size();
}

void append_json_string(std::string& out, std::string_view text) {
  if (!needs_no_escaping(text)) {
    yaml::append_python_string(out, text);
    return;
  }
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  out += text;
  out += '"';
}

void append_json_string_contents(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const std::size_t run = plain_prefix(text);  // copied whole
    out.append(text.data(), run);
    text.remove_prefix(run);
    if (text.empty()) {
      break;
    }
    const auto c = static_cast<unsigned char>(text.front());
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      text.remove_prefix(1);
      continue;
    }
    std::size_t end = 1;  // a run of control or non-ASCII bytes: through the full escaper
    while (end < text.size() &&
           (static_cast<unsigned char>(text[end]) < 0x20 || static_cast<unsigned char>(text[end]) >= 0x7F)) {
      ++end;
    }
    std::string literal;
    yaml::append_python_string(literal, text.substr(0, end));
    out.append(literal, 1, literal.size() - 2);  // without its quotes
    text.remove_prefix(end);
  }
}

MessageTemplate MessageTemplate::escaped() const {
  MessageTemplate out;
  out.m_slots = m_slots;
  for (const std::string& piece : m_pieces) {
    append_json_string_contents(out.m_pieces.emplace_back(), piece);
  }
  return out;
}

std::expected<MessageTemplate, yaml::DumpError> MessageTemplate::build(const yaml::Node& root,
                                                                       bool with_region) {
  if (root.type != yaml::Type::mapping) {
    return std::unexpected(yaml::DumpError{root.mark, {}, "the template is not a mapping", {}});
  }
  const yaml::Node account_key = string_node(std::string(k_account_key));
  const yaml::Node region_key = string_node(std::string(k_region_key));

  // Placeholders are strings json.dumps escapes (\u0001); one that also occurs in the template's
  // own text is skipped, so each hole is found exactly once.
  for (int nonce = 0; nonce < 64; ++nonce) {
    const std::string suffix = std::to_string(nonce) + "\x01";
    const yaml::Node account_value = string_node("\x01drydock-account-" + suffix);
    const yaml::Node region_value = string_node("\x01drydock-region-" + suffix);

    // A shallow copy: only the top-level entries change, as upstream mutates only the top dict.
    yaml::Node copy = root;
    assign(copy, k_account_key, &account_key, &account_value);
    if (with_region) {
      assign(copy, k_region_key, &region_key, &region_value);
    }
    auto text = yaml::dumps(copy);
    if (!text) {
      return std::unexpected(std::move(text.error()));
    }

    std::string account_json;
    append_json_string(account_json, account_value.text);
    std::string region_json;
    append_json_string(region_json, region_value.text);
    if (count_occurrences(*text, account_json) != 1 ||
        (with_region && count_occurrences(*text, region_json) != 1)) {
      continue;
    }

    std::vector<std::pair<std::size_t, MessageSlot>> holes{{text->find(account_json), MessageSlot::account}};
    if (with_region) {
      holes.emplace_back(text->find(region_json), MessageSlot::region);
    }
    std::sort(holes.begin(), holes.end());

    MessageTemplate out;
    std::size_t from = 0;
    for (const auto& [at, slot] : holes) {
      out.m_pieces.push_back(text->substr(from, at - from));
      out.m_slots.push_back(slot);
      from = at + (slot == MessageSlot::account ? account_json.size() : region_json.size());
    }
    out.m_pieces.push_back(text->substr(from));
    return out;
  }
  return std::unexpected(yaml::DumpError{root.mark, {}, "no free placeholder for the Starbase's fields", {}});
}

}  // namespace drydock::emulator
