#include <ostream>
#include <string>

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
  // A JSON string. Message bodies are json.dumps output (ASCII, no raw control characters), so the
  // fast path copies runs between quotes and backslashes; anything else is escaped fully.
  void string(std::string_view text) {
    m_buffer += '"';
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t i = start;
      while (i < text.size() && text[i] != '"' && text[i] != '\\' &&
             static_cast<unsigned char>(text[i]) >= 0x20 && static_cast<unsigned char>(text[i]) < 0x7F) {
        ++i;
      }
      m_buffer.append(text.data() + start, i - start);
      if (i == text.size()) {
        break;
      }
      std::size_t end = i;
      while (end < text.size() &&
             !(text[end] >= 0x20 && text[end] < 0x7F && text[end] != '"' && text[end] != '\\')) {
        ++end;
      }
      std::string escaped;
      workers::yaml::append_python_string(escaped, text.substr(i, end - i));
      m_buffer.append(escaped, 1, escaped.size() - 2);  // without its quotes
      start = end;
    }
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
};

void write_diagnostics(JsonWriter& w, const TemplatePlan& plan) {
  w.raw(", \"diagnostics\": [");
  bool first = true;
  for (const auto& d : plan.diagnostics) {
    w.raw(first ? "{\"severity\": " : ", {\"severity\": ");
    first = false;
    w.string(d.severity == workers::Severity::error ? "error" : "warning");
    w.raw(fmt::format(", \"line\": {}, \"column\": {}, \"field\": {}, \"message\": ", d.mark.line,
                      d.mark.column, workers::field_path_to_json(d.field).dump()));
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
    w.string(body);
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
      bool first = true;
      for (auto ref : plan.accounts) {
        w.raw(first ? "" : ", ");
        first = false;
        w.string(index.account(ref).id);
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
