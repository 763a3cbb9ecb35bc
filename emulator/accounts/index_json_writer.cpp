// to_index_json: json.dumps(index, indent=4, sort_keys=True) of upstream's index, byte for byte:
// "," + newline between items, ": " after keys, keys sorted by code point, ensure_ascii escaping,
// "{}" / "[]" for empty containers, no trailing newline.
#include <algorithm>

#include "emulator/accounts/organization.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::emulator {

namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : m_out(out) {}

  void open(char bracket) {
    m_out += bracket;
    ++m_depth;
    m_first = true;
  }
  void close(char bracket) {
    --m_depth;
    if (!m_first) {
      newline();
    }
    m_out += bracket;
    m_first = false;
  }
  void key(std::string_view key) {
    item();
    workers::yaml::append_python_string(m_out, key);
    m_out += ": ";
  }
  void item() {
    if (!m_first) {
      m_out += ',';
    }
    newline();
    m_first = true;  // the value that follows is the first thing at its level
  }
  void string(std::string_view value) {
    workers::yaml::append_python_string(m_out, value);
    m_first = false;
  }
  void field(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }

 private:
  void newline() {
    m_out += '\n';
    m_out.append(static_cast<std::size_t>(m_depth) * 4, ' ');
  }
  std::string& m_out;
  int m_depth = 0;
  bool m_first = true;
};

void write_parent(Writer& w, const OrgParent& parent) {
  w.item();
  w.open('{');
  w.field("Id", parent.id);
  w.field("Name", parent.name);
  w.field("Type", parent.type);
  w.close('}');
}

void write_account(Writer& w, const Account& a) {
  w.key(a.id);
  w.open('{');
  w.field("Arn", a.arn);
  w.field("Email", a.email);
  w.field("Id", a.id);
  w.field("JoinedMethod", a.joined_method);
  w.field("JoinedTimestamp", a.joined_timestamp);
  w.field("Name", a.name);
  w.key("Parents");
  w.open('[');
  for (const OrgParent& parent : a.parents) {
    write_parent(w, parent);
  }
  w.close(']');
  w.key("Regions");
  w.open('[');
  for (const std::string& region : a.regions) {
    w.item();
    w.string(region);
  }
  w.close(']');
  w.field("Status", a.status);
  w.key("Tags");
  w.open('{');
  std::vector<const std::pair<std::string, std::string>*> tags;
  tags.reserve(a.tags.size());
  for (const auto& tag : a.tags) {
    tags.push_back(&tag);
  }
  std::sort(tags.begin(), tags.end(), [](const auto* x, const auto* y) { return x->first < y->first; });
  for (const auto* tag : tags) {
    w.field(tag->first, tag->second);
  }
  w.close('}');
  w.close('}');
}

}  // namespace

std::string to_index_json(const Organization& org) {
  std::vector<const Account*> accounts;
  accounts.reserve(org.accounts.size());
  for (const Account& account : org.accounts) {
    accounts.push_back(&account);
  }
  // Python compares str by code point; UTF-8 byte order is the same order.
  std::stable_sort(accounts.begin(), accounts.end(),
                   [](const Account* x, const Account* y) { return x->id < y->id; });

  std::string out;
  out.reserve(org.accounts.size() * 1600 + 64);
  Writer w(out);
  w.open('{');
  w.key("accounts");
  w.open('{');
  for (const Account* account : accounts) {
    write_account(w, *account);
  }
  w.close('}');
  w.field("generated", org.generated);
  w.close('}');
  return out;
}

}  // namespace drydock::emulator
