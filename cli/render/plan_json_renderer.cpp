#include <algorithm>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/render/plan_renderers.hpp"
#include "emulator/starbase/fanout_messages.hpp"
#include "emulator/starbase/message_template.hpp"

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
  // A JSON string, escaped as Python's json does.
  void string(std::string_view text) {
    m_buffer += '"';
    emulator::append_json_string_contents(m_buffer, text);
    m_buffer += '"';
    maybe_flush();
  }

  // One element of "messages": {"Id": ..., "MessageBody": ...}, after ", " unless `first`. The
  // body comes escaped already (BodyForm::escaped: the template once, not every body), and an id
  // that needs no escaping (all of them, in practice) is copied with the rest in one step.
  void message(bool first, std::string_view id, std::string_view escaped_body) {
    const std::string_view head = first ? std::string_view("{\"Id\": \"") : std::string_view(", {\"Id\": \"");
    constexpr std::string_view k_middle = "\", \"MessageBody\": \"";
    constexpr std::string_view k_tail = "\"}";
    if (!emulator::needs_no_escaping(id)) {
      raw(head.substr(0, head.size() - 1));
      string(id);
      raw(k_middle.substr(1));
      raw(escaped_body);
      raw(k_tail);
      return;
    }
    const std::size_t at = m_buffer.size();
    const std::size_t size = head.size() + id.size() + k_middle.size() + escaped_body.size() + k_tail.size();
    m_buffer.resize_and_overwrite(at + size, [&](char* p, std::size_t) {
      char* out = p + at;
      for (const std::string_view part : {head, id, k_middle, escaped_body, k_tail}) {
        std::memcpy(out, part.data(), part.size());
        out += part.size();
      }
      return at + size;
    });
    maybe_flush();
  }

  void flush() {
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
  }

 private:
  static constexpr std::size_t k_flush_at = 1U << 18;  // 256 KiB: stays in the core's cache
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
    w.message(first, id, body);
    first = false;
  };
  const auto& root = *plan.document.root();
  if (plan.kind == TemplateKind::single_invocation) {
    if (auto body = emulator::single_invocation_message(root)) {
      w.raw("{\"Id\": null, \"MessageBody\": ");
      w.string(*body);
      w.raw("}");
    }
  } else if (plan.kind == TemplateKind::account) {
    (void)emulator::for_each_account_message(root, index, plan.accounts, sink, emulator::BodyForm::escaped);
  } else {
    (void)emulator::for_each_account_region_message(root, index, plan.account_regions, sink,
                                                    emulator::BodyForm::escaped);
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
      emulator::PerSharedList<std::string, std::string> list_texts;  // accounts share lists
      for (const auto& entry : plan.account_regions) {
        w.raw(first ? "" : ", ");
        first = false;
        w.string(index.account(entry.account).id);
        const std::string& list_text = list_texts.of(entry.regions, [](const emulator::RegionList& regions) {
          std::string text = ": [";
          for (std::size_t i = 0; i < regions.size(); ++i) {
            text += i == 0 ? "\"" : ", \"";
            emulator::append_json_string_contents(text, regions[i]);
            text += '"';
          }
          return text + ']';
        });
        w.raw(list_text);
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
