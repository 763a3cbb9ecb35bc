// load_index_json: upstream's index file read with the schema in hand (starfleet-behavior.md §4.2–4.3).
// Required as upstream requires them (a KeyError there): Name, Regions, Parents[].Id, Parents[].Name
// and Tags on every account, Arn on the first. Every problem is reported with its position.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <thread>
#include <unordered_map>
#include <variant>

#include "emulator/accounts/json_cursor.hpp"
#include "emulator/accounts/list_memo.hpp"
#include "emulator/accounts/organization.hpp"
#include "emulator/common/mapped_file.hpp"

namespace drydock::emulator {

namespace {

constexpr std::uintmax_t k_max_index_bytes = 256U * 1024U * 1024U;
constexpr std::size_t k_split_bytes = 4U << 20;  // smaller "accounts" objects are read on one thread

struct Pending {
  std::size_t offset;
  workers::FieldPath field;
  std::string message;
};

// The second half of a large "accounts" object, read on another thread while the first half is
// read: from `start` (a guess at where an account's key begins) to the '}' that closes the object.
// The guess is used only if the first half's reader arrives exactly there, so the result is the
// one a single reader gets; anything unusual (a syntax error, a problem to report, an id the first
// half also has) discards it and the first half's reader carries on alone.
struct SecondHalf {
  std::size_t start = 0;
  bool ok = false;
  std::size_t end = 0;  // offset of the closing '}'
  std::vector<Account> accounts;
};

// Where to guess the second half starts: the first `}` `,` `"` (whitespace allowed between) after
// the middle of what follows `open`, i.e. most likely the key of an account in the middle.
std::optional<std::size_t> split_guess(std::string_view text, std::size_t open) {
  const auto is_ws = [&](std::size_t i) {
    return i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r');
  };
  const std::size_t from = open + (text.size() - open) / 2;
  const std::size_t limit = std::min(text.size(), from + (1U << 20));
  for (std::size_t p = text.find('}', from); p != std::string_view::npos && p < limit;
       p = text.find('}', p + 1)) {
    std::size_t i = p + 1;
    while (is_ws(i)) {
      ++i;
    }
    if (i >= text.size() || text[i] != ',') {
      continue;
    }
    ++i;
    while (is_ws(i)) {
      ++i;
    }
    if (i < text.size() && text[i] == '"') {
      return i;
    }
  }
  return std::nullopt;
}

// The keys of an account object the reader knows, told apart by length first: ten string
// comparisons per key add up over 10,000 accounts.
enum class AccountKey {
  name,
  arn,
  regions,
  parents,
  tags,
  email,
  status,
  joined_method,
  joined_timestamp,
  id,
  other
};

AccountKey account_key(std::string_view key) {
  switch (key.size()) {
    case 2: return key == "Id" ? AccountKey::id : AccountKey::other;
    case 3: return key == "Arn" ? AccountKey::arn : AccountKey::other;
    case 4: return key == "Name" ? AccountKey::name : key == "Tags" ? AccountKey::tags : AccountKey::other;
    case 5: return key == "Email" ? AccountKey::email : AccountKey::other;
    case 6: return key == "Status" ? AccountKey::status : AccountKey::other;
    case 7:
      return key == "Regions"   ? AccountKey::regions
             : key == "Parents" ? AccountKey::parents
                                : AccountKey::other;
    case 12: return key == "JoinedMethod" ? AccountKey::joined_method : AccountKey::other;
    case 15: return key == "JoinedTimestamp" ? AccountKey::joined_timestamp : AccountKey::other;
    default: return AccountKey::other;
  }
}

// After the first account: room for as many more as the rest of the text would hold if they were
// written like it, so the accounts are not moved to a new block over and over as the vector
// grows (a low guess only means some growth; a high one, memory reserved but never touched).
void reserve_like_first(std::vector<Account>& accounts, std::size_t first_bytes, std::size_t rest_bytes) {
  constexpr std::size_t k_max_guess = 1U << 20;
  accounts.reserve(accounts.size() +
                   std::min(k_max_guess, rest_bytes / std::max<std::size_t>(first_bytes, 64) + 1));
}

class IndexReader {
 public:
  explicit IndexReader(std::string_view text, std::size_t split_bytes = SIZE_MAX)
      : m_text(text), m_cursor(text), m_split_bytes(split_bytes) {}

  bool read(Organization& org);
  std::vector<workers::Diagnostic> diagnostics(const std::string& display);
  bool halves_used() const { return m_halves_used; }
  // Fills `half` from half.start (see SecondHalf).
  static void read_second_half(std::string_view text, SecondHalf& half);

 private:
  // Every read_* works on the value at the cursor, whose field path is m_path.
  bool read_accounts(Organization& org);
  // The account at the cursor, keyed `id`, read into `accounts`: a new entry, or for an id read
  // before that entry emptied (a Python dict keeps the first position, the last value). After the
  // first account, room is reserved for as many as the rest of the text holds.
  bool read_account_entry(std::vector<Account>& accounts,
                          std::unordered_map<std::string, std::size_t>& position, const std::string& id,
                          std::size_t key_offset, bool first_half);
  bool read_account(Account& account, std::size_t key_offset, bool first);
  bool read_parents(Account& account);
  bool read_parent(OrgParent& parent, std::size_t open_offset);
  bool read_regions(Account& account);
  // An array read item by item into `out` with read_item(T&), or the list `memo` holds for the same
  // text (see ListMemo).
  template <class T, class ReadItem>
  bool read_shared_list(SharedList<T>& out, ListMemo<T>& memo, ReadItem read_item);
  bool read_tags(Account& account);
  // Reads a string into `out`, or reports "expected a string" and skips the value.
  bool read_string_field(std::string& out);
  bool expect(json::Kind kind);
  void report(std::size_t offset, std::string message) {
    workers::FieldPath field;
    for (const auto& step : m_path) {
      if (const auto* key = std::get_if<std::string_view>(&step)) {
        field.emplace_back(std::in_place_index<0>, *key);
      } else {
        field.emplace_back(std::in_place_index<1>, std::get<std::int64_t>(step));
      }
    }
    m_pending.push_back({offset, std::move(field), std::move(message)});
  }

  // Extends m_path for one nested value; the path is only copied when something is reported. A key
  // is viewed, not copied: it lives as long as the member callback that makes the Step.
  class Step {
   public:
    Step(IndexReader& reader, std::string_view key) : m_reader(reader) {
      m_reader.m_path.emplace_back(std::in_place_index<0>, key);
    }
    Step(IndexReader& reader, std::int64_t index) : m_reader(reader) {
      m_reader.m_path.emplace_back(std::in_place_index<1>, index);
    }
    ~Step() { m_reader.m_path.pop_back(); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    IndexReader& m_reader;
  };

  std::string_view m_text;
  json::Cursor m_cursor;
  std::vector<Pending> m_pending;
  std::vector<std::variant<std::string_view, std::int64_t>> m_path;
  std::string m_scratch;
  ListMemo<std::string> m_region_lists;
  ListMemo<OrgParent> m_parent_lists;
  std::size_t m_split_bytes;  // an "accounts" object this large is read on two threads
  bool m_halves_used = false;
};

bool IndexReader::expect(json::Kind kind) {
  const json::Kind found = m_cursor.peek();
  if (found == kind) {
    return true;
  }
  report(m_cursor.offset(),
         "expected " + std::string(json::kind_name(kind)) + ", found " + std::string(json::kind_name(found)));
  return false;
}

bool IndexReader::read_string_field(std::string& out) {
  if (!expect(json::Kind::string)) {
    return m_cursor.skip_value();
  }
  return m_cursor.read_string(out);
}

bool IndexReader::read(Organization& org) {
  if (m_cursor.peek() == json::Kind::invalid) {
    m_cursor.skip_value();  // records Python's "Expecting value"
    return false;
  }
  if (!expect(json::Kind::object)) {
    return m_cursor.skip_value() && m_cursor.finish();
  }
  bool has_accounts = false;
  const std::size_t open = m_cursor.offset();
  const bool ok = m_cursor.object([&](const std::string& key, std::size_t) {
    const Step step(*this, key);
    if (key == "accounts") {
      has_accounts = true;
      org.accounts.clear();
      return read_accounts(org);
    }
    if (key == "generated") {
      return read_string_field(org.generated);
    }
    return m_cursor.skip_value();
  });
  if (!ok || !m_cursor.finish()) {
    return false;
  }
  if (!has_accounts) {
    report(open, "missing key 'accounts'");
  }
  return true;
}

bool IndexReader::read_accounts(Organization& org) {
  if (!expect(json::Kind::object)) {
    return m_cursor.skip_value();
  }
  // A repeated account id replaces the earlier value at the earlier position, as a Python dict does.
  std::unordered_map<std::string, std::size_t> position;
  SecondHalf half;
  std::jthread helper;
  if (m_text.size() - m_cursor.offset() >= m_split_bytes) {
    if (const auto guess = split_guess(m_text, m_cursor.offset())) {
      half.start = *guess;
      helper = std::jthread([this, &half] { read_second_half(m_text, half); });
    }
  }
  return m_cursor.object([&](const std::string& id, std::size_t key_offset) {
    if (helper.joinable() && key_offset == half.start) {
      helper.join();
      const bool clash = std::any_of(half.accounts.begin(), half.accounts.end(),
                                     [&](const Account& a) { return position.contains(a.id); });
      if (half.ok && !clash) {
        org.accounts.reserve(org.accounts.size() + half.accounts.size());
        std::move(half.accounts.begin(), half.accounts.end(), std::back_inserter(org.accounts));
        m_cursor.seek(half.end);
        m_halves_used = true;
        return true;
      }
    }
    return read_account_entry(org.accounts, position, id, key_offset, /*first_half=*/true);
  });
}

void IndexReader::read_second_half(std::string_view text, SecondHalf& half) {
  IndexReader reader(text);
  reader.m_cursor.seek(half.start);
  reader.m_path.emplace_back(std::in_place_index<0>, "accounts");
  std::unordered_map<std::string, std::size_t> position;
  // Stops at the first problem: the first half's reader then reads on alone.
  half.ok = reader.m_cursor.members([&](const std::string& id, std::size_t key_offset) {
    return reader.read_account_entry(half.accounts, position, id, key_offset, /*first_half=*/false) &&
           reader.m_pending.empty();
  });
  half.end = reader.m_cursor.offset() - 1;  // the closing '}', which the first half's reader reads
}

bool IndexReader::read_account_entry(std::vector<Account>& accounts,
                                     std::unordered_map<std::string, std::size_t>& position,
                                     const std::string& id, std::size_t key_offset, bool first_half) {
  auto [it, fresh] = position.try_emplace(id, accounts.size());
  if (fresh) {
    accounts.emplace_back();
  } else {
    accounts[it->second] = Account{};
  }
  Account& account = accounts[it->second];
  account.id = id;
  const Step step(*this, id);
  const bool ok = read_account(account, key_offset, first_half && it->second == 0);
  if (accounts.size() == 1) {  // in the first half, room for both: the second one is appended
    reserve_like_first(accounts, m_cursor.offset() - key_offset, m_text.size() - m_cursor.offset());
  }
  return ok;
}

bool IndexReader::read_account(Account& account, std::size_t key_offset, bool first) {
  if (!expect(json::Kind::object)) {
    return m_cursor.skip_value();
  }
  bool has_name = false, has_regions = false, has_parents = false, has_tags = false, has_arn = false;
  const bool ok = m_cursor.object([&](const std::string& key, std::size_t) {
    const Step step(*this, key);
    switch (account_key(key)) {
      case AccountKey::name: has_name = true; return read_string_field(account.name);
      case AccountKey::arn: has_arn = true; return read_string_field(account.arn);
      case AccountKey::regions: has_regions = true; return read_regions(account);
      case AccountKey::parents: has_parents = true; return read_parents(account);
      case AccountKey::tags: has_tags = true; return read_tags(account);
      case AccountKey::email: return read_string_field(account.email);
      case AccountKey::status: return read_string_field(account.status);
      case AccountKey::joined_method: return read_string_field(account.joined_method);
      case AccountKey::joined_timestamp: return read_string_field(account.joined_timestamp);
      case AccountKey::id: {
        std::string id;  // upstream keys accounts by the object key and never reads "Id"
        return read_string_field(id);
      }
      case AccountKey::other: break;
    }
    return m_cursor.skip_value();
  });
  if (!ok) {
    return false;
  }
  auto require = [&](bool present, std::string_view key, std::string_view why = {}) {
    if (!present) {
      report(key_offset, "missing key '" + std::string(key) + "'" + std::string(why));
    }
  };
  require(has_name, "Name");
  require(has_regions, "Regions");
  require(has_parents, "Parents");
  require(has_tags, "Tags");
  if (first) {
    require(has_arn, "Arn", " (the first account's ARN gives the org root)");
  }
  return true;
}

template <class T, class ReadItem>
bool IndexReader::read_shared_list(SharedList<T>& out, ListMemo<T>& memo, ReadItem read_item) {
  out = {};
  if (!expect(json::Kind::array)) {
    return m_cursor.skip_value();
  }
  const std::size_t start = m_cursor.offset();
  if (const auto* known = memo.find(m_text.substr(start))) {
    m_cursor.seek(start + known->first.size());
    out = known->second;
    return true;
  }
  const std::size_t problems = m_pending.size();
  std::vector<T> items;
  const bool ok = m_cursor.array([&](std::size_t index) {
    const Step step(*this, static_cast<std::int64_t>(index));
    return read_item(items.emplace_back());
  });
  out = SharedList<T>(std::move(items));
  if (ok && m_pending.size() == problems) {
    memo.add(m_text.substr(start), m_text.substr(start, m_cursor.offset() - start), out);
  }
  return ok;
}

bool IndexReader::read_parents(Account& account) {
  return read_shared_list(account.parents, m_parent_lists,
                          [&](OrgParent& parent) { return read_parent(parent, m_cursor.offset()); });
}

bool IndexReader::read_parent(OrgParent& parent, std::size_t open_offset) {
  if (!expect(json::Kind::object)) {
    return m_cursor.skip_value();
  }
  bool has_id = false, has_name = false;
  const bool ok = m_cursor.object([&](const std::string& key, std::size_t) {
    const Step step(*this, key);
    if (key == "Id") {
      has_id = true;
      return read_string_field(parent.id);
    }
    if (key == "Name") {
      has_name = true;
      return read_string_field(parent.name);
    }
    if (key == "Type") {
      return read_string_field(parent.type);
    }
    return m_cursor.skip_value();
  });
  if (ok && !has_id) {
    report(open_offset, "missing key 'Id'");
  }
  if (ok && !has_name) {
    report(open_offset, "missing key 'Name'");
  }
  return ok;
}

bool IndexReader::read_regions(Account& account) {
  return read_shared_list(account.regions, m_region_lists,
                          [&](std::string& region) { return read_string_field(region); });
}

bool IndexReader::read_tags(Account& account) {
  account.tags.clear();
  if (!expect(json::Kind::object)) {
    return m_cursor.skip_value();
  }
  return m_cursor.object([&](const std::string& key, std::size_t) {
    const Step step(*this, key);
    std::string value;
    if (!read_string_field(value)) {
      return false;
    }
    const auto same = std::find_if(account.tags.begin(), account.tags.end(),
                                   [&](const auto& tag) { return tag.first == key; });
    if (same != account.tags.end()) {
      same->second = std::move(value);  // a dict keeps the first position, the last value
    } else {
      account.tags.emplace_back(key, std::move(value));
    }
    return true;
  });
}

std::vector<workers::Diagnostic> IndexReader::diagnostics(const std::string& display) {
  std::vector<workers::Diagnostic> out;
  if (m_cursor.failed()) {
    const json::LineColumn lc = json::line_column(m_text, m_cursor.error_offset());
    out.push_back(
        {workers::Severity::error,
         display,
         {lc.line, lc.column},
         {},
         "invalid JSON: " + json::python_error_text(m_text, m_cursor.error(), m_cursor.error_offset()),
         ""});
    return out;
  }
  // One sweep turns every offset into a line and column.
  std::stable_sort(m_pending.begin(), m_pending.end(),
                   [](const Pending& a, const Pending& b) { return a.offset < b.offset; });
  int line = 1;
  std::size_t line_start = 0, scanned = 0;
  for (Pending& p : m_pending) {
    for (; scanned < p.offset && scanned < m_text.size(); ++scanned) {
      if (m_text[scanned] == '\n') {
        ++line;
        line_start = scanned + 1;
      }
    }
    const json::LineColumn lc = json::line_column(m_text.substr(line_start), p.offset - line_start);
    out.push_back(
        {workers::Severity::error, display, {line, lc.column}, std::move(p.field), std::move(p.message), ""});
  }
  return out;
}

}  // namespace

std::expected<Organization, std::vector<workers::Diagnostic>> load_index_json(
    const std::filesystem::path& path) {
  const std::string display = path.string();
  auto fail = [&](std::string message) {
    return std::unexpected(
        std::vector{workers::Diagnostic{workers::Severity::error, display, {}, {}, std::move(message), ""}});
  };
  // Mapped, not read: the index can be tens of megabytes, and is parsed once, front to back.
  auto file = MappedFile::open(path, k_max_index_bytes);
  if (!file) {
    return fail("cannot read the account index: " + file.error());
  }
  std::string_view body = file->text();
  if (body.starts_with("\xEF\xBB\xBF")) {
    body.remove_prefix(3);  // json.loads on bytes accepts a UTF-8 BOM
  }
  return detail::read_index_json(body, display, k_split_bytes);
}

namespace detail {

std::expected<Organization, std::vector<workers::Diagnostic>> read_index_json(std::string_view body,
                                                                              const std::string& display,
                                                                              std::size_t split_bytes,
                                                                              bool* halves_used) {
  Organization org;
  IndexReader reader(body, split_bytes);
  reader.read(org);
  if (halves_used != nullptr) {
    *halves_used = reader.halves_used();
  }
  auto diagnostics = reader.diagnostics(display);
  if (!diagnostics.empty()) {
    return std::unexpected(std::move(diagnostics));
  }
  return org;
}

}  // namespace detail

}  // namespace drydock::emulator
