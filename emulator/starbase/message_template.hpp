#pragma once
// A template's json.dumps text with holes for StarbaseAssignedAccount / StarbaseAssignedRegion, so
// the Starbase's fan-out writes each message by splicing strings instead of dumping the template
// again (10,000 accounts × 33 regions = 330,000 bodies).
//
// The holes sit where upstream's `template[key] = value` puts the value: in place when the mapping
// already has that (str) key, else appended at the end, account first.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "workers/yaml/python_json.hpp"

namespace drydock::emulator {

enum class MessageSlot { account, region };

class MessageTemplate {
 public:
  // Dumps `root` (a mapping) once with placeholders in the requested slots (`with_region` adds
  // StarbaseAssignedRegion after StarbaseAssignedAccount). Fails with json.dumps's error where
  // upstream's json.dumps would fail on the mutated template, or when `root` is not a mapping.
  static std::expected<MessageTemplate, workers::yaml::DumpError> build(const workers::yaml::Node& root,
                                                                        bool with_region);

  // The holes in output order (one or two), and the literal text around them: pieces().size() ==
  // slots().size() + 1, body = pieces[0] + value(slots[0]) + pieces[1] + ...
  const std::vector<MessageSlot>& slots() const { return m_slots; }
  const std::vector<std::string>& pieces() const { return m_pieces; }

  // The same template with every piece escaped as the contents of a JSON string literal
  // (append_json_string_contents), for bodies that are written inside JSON.
  MessageTemplate escaped() const;

 private:
  std::vector<MessageSlot> m_slots;
  std::vector<std::string> m_pieces;
};

// True when `text` is printable ASCII without '"' or '\\': a JSON string literal holds it as it is.
bool needs_no_escaping(std::string_view text);

// Appends `text` as a json.dumps string literal (quotes included, ensure_ascii escaping); plain
// printable ASCII, the common case for account ids and regions, is copied without the full escaper.
void append_json_string(std::string& out, std::string_view text);

// Appends what `text` becomes between the quotes of a JSON string literal with Python's
// ensure_ascii escaping: append_python_string without the quotes. Escaping a concatenation is
// concatenating the escaped parts, as long as no part splits a UTF-8 sequence.
void append_json_string_contents(std::string& out, std::string_view text);

}  // namespace drydock::emulator
