#include <algorithm>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/render/plan_renderers.hpp"
#include "emulator/starbase/fanout_messages.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::cli {
namespace {

using emulator::TemplatePlan;
using workers::TemplateKind;

// Output goes through one growing buffer flushed in large writes: plans can hold 330,000 messages.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : m_out(out) { m_buffer.reserve(k_flush_at + 65536); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void raw(std::string_view text) {
    m_buffer += text;
    maybe_flush();
  }
  // A JSON string. Message bodies are json.dumps output (printable ASCII): quotes and backslashes are
  // escaped inline and runs between them copied whole; anything else goes through the full escaper.
  void string(std::string_view text) {
    m_buffer += '"';
    std::size_t run = 0;  // start of the pending run of characters that need no escaping
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        continue;
      }
      m_buffer.append(text.data() + run, i - run);
      if (c == '"' || c == '\\') {
        m_buffer += '\\';
        m_buffer += static_cast<char>(c);
        run = i + 1;
        continue;
      }
      std::size_t end = i + 1;  // a control or non-ASCII run: escape it as Python's json does
      while (end < text.size() && (static_cast<unsigned char>(text[end]) < 0x20 ||
                                   static_cast<unsigned char>(text[end]) >= 0x7F)) {
        ++end;
      }
      std::string escaped;
      workers::yaml::append_python_string(escaped, text.substr(i, end - i));
      m_buffer.append(escaped, 1, escaped.size() - 2);  // without its quotes
      run = end;
      i = end - 1;
    }
    m_buffer.append(text.data() + run, text.size() - run);
    m_buffer += '"';
    maybe_flush();
  }
  // string() for a sequence of similar texts: consecutive message bodies differ only near their end
  // (the assigned account and region), so only the part after the common prefix is escaped again.
  void similar_string(std::string_view text) {
    std::size_t same = 0;
    const std::size_t limit = std::min(text.size(), m_last_raw.size());
    constexpr std::size_t k_block = 32;  // compare whole blocks first (memcmp is vectorised)
    while (same + k_block <= limit &&
           std::memcmp(text.data() + same, m_last_raw.data() + same, k_block) == 0) {
      same += k_block;
    }
    while (same < limit && text[same] == m_last_raw[same]) {
      ++same;
    }
    while (same > 0 && same < text.size() && (static_cast<unsigned char>(text[same]) & 0xC0U) == 0x80U) {
      --same;  // never cut a UTF-8 sequence
    }
    m_last_raw.resize(same);
    m_last_escaped.resize(m_escaped_at[same]);
    m_escaped_at.resize(same + 1);
    std::size_t i = same;
    while (i < text.size()) {
      const auto c = static_cast<unsigned char>(text[i]);
      std::size_t length = 1;
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        m_last_escaped += static_cast<char>(c);
      } else if (c == '"' || c == '\\') {
        m_last_escaped += '\\';
        m_last_escaped += static_cast<char>(c);
      } else {
        length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        length = std::min(length, text.size() - i);
        std::string escaped;
        workers::yaml::append_python_string(escaped, text.substr(i, length));
        m_last_escaped.append(escaped, 1, escaped.size() - 2);
      }
      for (std::size_t k = 1; k < length; ++k) {
        m_escaped_at.push_back(m_escaped_at.back());  // inside a sequence: not a cut point
      }
      m_escaped_at.push_back(m_last_escaped.size());
      i += length;
    }
    m_last_raw.append(text.substr(same));
    m_buffer += '"';
    m_buffer += m_last_escaped;
    m_buffer += '"';
    maybe_flush();
  }

  void flush() {
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
  }

 private:
  static constexpr std::size_t k_flush_at = 1U << 20;
  void maybe_flush() {
    if (m_buffer.size() >= k_flush_at) {
      flush();
    }
  }
  std::ostream& m_out;
  std::string m_buffer;
  std::string m_last_raw;                    // similar_string(): the previous text
  std::string m_last_escaped;                // ... escaped
  std::vector<std::size_t> m_escaped_at{0};  // ... escaped length of each raw prefix
};

void write_diagnostics(JsonWriter& w, const TemplatePlan& plan) {
  w.raw(", \"diagnostics\": [");
  bool first = true;
  for (const auto& d : plan.diagnostics) {
    w.raw(first ? "{\"severity\": " : ", {\"severity\": ");
    first = false;
    w.string(workers::severity_name(d.severity));
    w.raw(fmt::format(", \"line\": {}, \"column\": {}, \"field\": [", d.mark.line, d.mark.column));
    for (std::size_t i = 0; i < d.field.size(); ++i) {
      w.raw(i == 0 ? "" : ", ");
      if (const auto* key = std::get_if<std::string>(&d.field[i])) {
        w.string(*key);
      } else {
        w.raw(std::to_string(std::get<std::int64_t>(d.field[i])));
      }
    }
    w.raw("], \"message\": ");
    w.string(d.message);
    w.raw("}");
  }
  w.raw("]");
}

void write_messages(JsonWriter& w, const TemplatePlan& plan, const emulator::AccountIndex& index) {
  w.raw(", \"messages\": [");
  bool first = true;
  const auto sink = [&](std::string_view id, std::string_view body) {
    w.raw(first ? "{\"Id\": " : ", {\"Id\": ");
    first = false;
    w.string(id);
    w.raw(", \"MessageBody\": ");
    w.similar_string(body);
    w.raw("}");
  };
  const auto& root = *plan.document.root();
  if (plan.kind == TemplateKind::single_invocation) {
    if (auto body = emulator::single_invocation_message(root)) {
      w.raw("{\"Id\": null, \"MessageBody\": ");
      w.string(*body);
      w.raw("}");
    }
  } else if (plan.kind == TemplateKind::account) {
    (void)emulator::for_each_account_message(root, index, plan.accounts, sink);
  } else {
    (void)emulator::for_each_account_region_message(root, index, plan.account_regions, sink);
  }
  w.raw("]");
}

}  // namespace

void render_plan_json(const std::vector<TemplatePlan>& plans, const emulator::AccountIndex& index,
                      bool messages, std::ostream& out) {
  JsonWriter w(out);
  w.raw("[");
  bool first_plan = true;
  for (const auto& plan : plans) {
    w.raw(first_plan ? "\n  {\"template\": " : ",\n  {\"template\": ");
    first_plan = false;
    w.string(plan.display);
    w.raw(", \"worker\": ");
    if (plan.worker.empty()) {
      w.raw("null");
    } else {
      w.string(plan.worker);
    }
    w.raw(", \"kind\": ");
    w.string(workers::to_string(plan.kind));
    if (!plan.ok()) {
      write_diagnostics(w, plan);
      w.raw("}");
      continue;
    }
    if (plan.kind == TemplateKind::account) {
      w.raw(", \"accounts\": [");
      std::vector<std::string_view> ids;  // sorted by id, as the messages are
      for (auto ref : plan.accounts) {
        ids.push_back(index.account(ref).id);
      }
      std::sort(ids.begin(), ids.end());
      for (std::size_t i = 0; i < ids.size(); ++i) {
        w.raw(i == 0 ? "" : ", ");
        w.string(ids[i]);
      }
      w.raw("]");
    } else if (plan.kind == TemplateKind::account_region) {
      w.raw(", \"account_regions\": {");
      bool first = true;
      for (const auto& entry : plan.account_regions) {
        w.raw(first ? "" : ", ");
        first = false;
        w.string(index.account(entry.account).id);
        w.raw(": [");
        for (std::size_t i = 0; i < entry.regions.size(); ++i) {
          w.raw(i == 0 ? "" : ", ");
          w.string(entry.regions[i]);
        }
        w.raw("]");
      }
      w.raw("}");
    }
    w.raw(fmt::format(", \"message_count\": {}", plan.message_count()));
    if (messages) {
      write_messages(w, plan, index);
    }
    w.raw("}");
  }
  w.raw(first_plan ? "]\n" : "\n]\n");
}

}  // namespace drydock::cli
