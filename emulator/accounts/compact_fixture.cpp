// load_compact_fixture: the hand-written organization format of docs/accounts.md, read with the
// PyYAML-faithful loader so positions and typing (unquoted ids are ints!) are exactly what a user
// sees. Every problem is reported; the result has upstream's index shape.
#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>

#include "emulator/accounts/organization.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::emulator {

namespace {

using workers::yaml::Node;
using workers::yaml::Type;

constexpr std::array<std::string_view, 4> k_other_partitions = {"cn-north-1", "cn-northwest-1",
                                                                "us-gov-east-1", "us-gov-west-1"};
constexpr std::array<std::string_view, 3> k_statuses = {"ACTIVE", "SUSPENDED", "PENDING_CLOSURE"};

// A short deterministic token from text (FNV-1a, base 36), for ids the fixture leaves out.
std::string token(std::string_view text, std::size_t length) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  static constexpr std::string_view k_chars = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (std::size_t k = 0; k < length; ++k) {
    out += k_chars[h % k_chars.size()];
    h /= k_chars.size();
    h = h * 0x9E3779B97F4A7C15ULL + k;
  }
  return out;
}

class FixtureReader {
 public:
  FixtureReader(std::string display, const workers::RegionUniverse& regions)
      : m_display(std::move(display)), m_regions(regions) {}

  Organization read(const Node& root);
  std::vector<workers::Diagnostic> take_errors() { return std::move(m_errors); }

  void error(const Node* at, workers::FieldPath field, std::string message) {
    m_errors.push_back({workers::Severity::error, m_display, at ? at->mark : workers::Mark{},
                        std::move(field), std::move(message), ""});
  }

 private:
  // Checks that `node` is a mapping whose keys are all in `allowed`; reports the others.
  bool mapping(const Node* node, const workers::FieldPath& field,
               std::initializer_list<std::string_view> allowed);
  // The string at `key` of `map`, or `fallback` when absent; reports a value that is not a string.
  std::string string_at(const Node& map, std::string_view key, const workers::FieldPath& field,
                        std::string fallback = {});
  std::vector<std::string> regions_at(const Node* node, const workers::FieldPath& field);
  std::string ou_id(const std::string& path) const;
  void read_account(const Node& node, const workers::FieldPath& field, Organization& org);

  std::string m_display;
  const workers::RegionUniverse& m_regions;
  std::vector<workers::Diagnostic> m_errors;
  std::string m_org_id, m_management, m_root_id, m_email_domain, m_joined;
  std::map<std::string, std::string> m_ou_ids;  // explicit OU path → id
  std::vector<std::string> m_default_regions;
  std::map<std::string, workers::Mark> m_seen_ids;
};

workers::FieldPath with(workers::FieldPath path, workers::PathElement element) {
  path.push_back(std::move(element));
  return path;
}

std::string found(const Node& node) {
  return "found " + std::string(workers::yaml::python_type_name(node.type));
}

bool FixtureReader::mapping(const Node* node, const workers::FieldPath& field,
                            std::initializer_list<std::string_view> allowed) {
  if (node == nullptr || node->type != Type::mapping) {
    error(node, field, "expected a mapping, " + (node ? found(*node) : std::string("found nothing")));
    return false;
  }
  for (const auto& entry : node->entries) {
    const bool known = entry.key->type == Type::string &&
                       std::find(allowed.begin(), allowed.end(), entry.key->text) != allowed.end();
    if (!known) {
      std::string names;
      for (const std::string_view name : allowed) {
        names += (names.empty() ? "" : ", ") + std::string(name);
      }
      error(entry.key, with(field, entry.key->text),
            "unknown key '" + entry.key->text + "' (expected one of: " + names + ")");
    }
  }
  return true;
}

std::string FixtureReader::string_at(const Node& map, std::string_view key, const workers::FieldPath& field,
                                     std::string fallback) {
  const Node* value = map.find(key);
  if (value == nullptr) {
    return fallback;
  }
  if (value->type != Type::string) {
    error(value, with(field, std::string(key)), "expected a string, " + found(*value) + " (quote it)");
    return fallback;
  }
  return value->text;
}

std::vector<std::string> FixtureReader::regions_at(const Node* node, const workers::FieldPath& field) {
  std::vector<std::string> out;
  if (node->type != Type::sequence) {
    error(node, field, "expected a list of regions, " + found(*node));
    return out;
  }
  for (std::size_t k = 0; k < node->items.size(); ++k) {
    const Node* item = node->items[k];
    const workers::FieldPath at = with(field, static_cast<std::int64_t>(k));
    if (item->type != Type::string) {
      error(item, at, "expected a region name, " + found(*item));
    } else if (!m_regions.contains(item->text) &&
               std::find(k_other_partitions.begin(), k_other_partitions.end(), item->text) ==
                   k_other_partitions.end()) {
      error(item, at,
            "unknown region '" + item->text + "' (not in the region list " + m_regions.name() + ")");
    } else {
      out.push_back(item->text);
    }
  }
  std::sort(out.begin(), out.end());  // upstream's generator writes them sorted
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string FixtureReader::ou_id(const std::string& path) const {
  if (const auto it = m_ou_ids.find(path); it != m_ou_ids.end()) {
    return it->second;
  }
  return "ou-" + m_root_id.substr(2) + "-" + token(m_org_id + "/" + path, 8);
}

void FixtureReader::read_account(const Node& node, const workers::FieldPath& field, Organization& org) {
  if (!mapping(
          &node, field,
          {"id", "name", "ou", "tags", "regions", "status", "email", "joined_method", "joined_timestamp"})) {
    return;
  }
  Account a;
  const Node* id = node.find("id");
  if (id == nullptr) {
    error(&node, field, "missing key 'id'");
  } else if (id->type == Type::integer) {
    error(id, with(field, "id"),
          "account id " + id->text + " is a YAML int; quote it (\"" + id->text +
              "\"): unquoted ids lose leading "
              "zeros and 0-led ones read as octal");
  } else if (id->type != Type::string || id->text.size() != 12 ||
             !std::all_of(id->text.begin(), id->text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    error(id, with(field, "id"), "an account id is 12 digits in quotes");
  } else if (const auto [it, fresh] = m_seen_ids.try_emplace(id->text, id->mark); !fresh) {
    error(id, with(field, "id"),
          "duplicate account id " + id->text + " (first at line " + std::to_string(it->second.line) + ")");
  } else {
    a.id = id->text;
  }
  a.name = string_at(node, "name", field);
  if (node.find("name") == nullptr) {
    error(&node, field, "missing key 'name'");
  }
  a.arn = "arn:aws:organizations::" + m_management + ":account/" + m_org_id + "/" + a.id;
  a.email = string_at(node, "email", field, "aws+" + a.name + "@" + m_email_domain);
  a.joined_method = string_at(node, "joined_method", field, "CREATED");
  a.joined_timestamp = string_at(node, "joined_timestamp", field, m_joined);
  a.status = string_at(node, "status", field, "ACTIVE");
  if (std::find(k_statuses.begin(), k_statuses.end(), a.status) == k_statuses.end()) {
    error(node.find("status"), with(field, "status"), "status must be ACTIVE, SUSPENDED or PENDING_CLOSURE");
  }
  // "Workloads/Prod" → [Prod, Workloads, ROOT]: immediate parent first, as upstream writes Parents.
  const std::string ou = string_at(node, "ou", field);
  for (std::size_t end = ou.size(); !ou.empty();) {
    const std::size_t slash = ou.rfind('/', end - 1);
    const std::size_t begin = slash == std::string::npos ? 0 : slash + 1;
    if (begin == end) {
      error(node.find("ou"), with(field, "ou"), "an OU path has an empty segment");
      break;
    }
    a.parents.push_back({ou_id(ou.substr(0, end)), ou.substr(begin, end - begin), "ORGANIZATIONAL_UNIT"});
    if (slash == std::string::npos) {
      break;
    }
    end = slash;
  }
  a.parents.push_back({m_root_id, "ROOT", "ROOT"});
  if (const Node* tags = node.find("tags")) {
    if (tags->type != Type::mapping) {
      error(tags, with(field, "tags"), "expected a mapping of tag name to value, " + found(*tags));
    }
    for (const auto& entry :
         tags->type == Type::mapping ? tags->entries : std::vector<workers::yaml::Entry>{}) {
      if (entry.key->type != Type::string || entry.value->type != Type::string) {
        const Node* bad = entry.key->type != Type::string ? entry.key : entry.value;
        error(bad, with(with(field, "tags"), entry.key->text),
              "tag names and values are strings, " + found(*bad));
        continue;
      }
      a.tags.emplace_back(entry.key->text, entry.value->text);
    }
  }
  const Node* regions = node.find("regions");
  a.regions = regions ? regions_at(regions, with(field, "regions")) : m_default_regions;
  org.accounts.push_back(std::move(a));
}

Organization FixtureReader::read(const Node& root) {
  Organization org;
  if (!mapping(&root, {}, {"organization", "generated", "regions", "ous", "accounts"})) {
    return org;
  }
  const Node* info = root.find("organization");
  const workers::FieldPath info_field = {"organization"};
  if (info == nullptr) {
    error(&root, {}, "missing key 'organization'");
  } else if (mapping(info, info_field,
                     {"id", "management_account", "root_id", "email_domain", "joined_timestamp"})) {
    m_org_id = string_at(*info, "id", info_field);
    if (m_org_id.empty()) {
      error(info, info_field, "missing key 'id' (the organization id, o-…)");
    }
    m_management = string_at(*info, "management_account", info_field);
    m_root_id = string_at(*info, "root_id", info_field, "r-" + token(m_org_id, 4));
    m_email_domain = string_at(*info, "email_domain", info_field, "example.com");
    m_joined = string_at(*info, "joined_timestamp", info_field, "2024-01-01 00:00:00.000000+00:00");
  }
  org.generated = string_at(root, "generated", {}, "2024-01-01T00:00:00Z");
  const Node* regions = root.find("regions");
  m_default_regions = regions ? regions_at(regions, {"regions"}) : m_regions.sorted();
  if (const Node* ous = root.find("ous"); ous != nullptr) {
    if (ous->type != Type::mapping) {
      error(ous, {"ous"}, "expected a mapping of OU path to OU id, " + found(*ous));
    } else {
      for (const auto& entry : ous->entries) {
        if (entry.key->type != Type::string || entry.value->type != Type::string) {
          error(entry.key, {"ous", entry.key->text}, "OU paths and ids are strings");
        } else {
          m_ou_ids[entry.key->text] = entry.value->text;
        }
      }
    }
  }
  const Node* accounts = root.find("accounts");
  if (accounts == nullptr || accounts->type != Type::sequence) {
    error(accounts ? accounts : &root, {"accounts"}, "expected a list of accounts");
    return org;
  }
  if (m_management.empty() && !accounts->items.empty()) {
    if (const Node* first_id = accounts->items[0]->find("id"); first_id && first_id->type == Type::string) {
      m_management = first_id->text;  // default: the first account
    }
  }
  for (std::size_t k = 0; k < accounts->items.size(); ++k) {
    read_account(*accounts->items[k], {"accounts", static_cast<std::int64_t>(k)}, org);
  }
  return org;
}

}  // namespace

std::expected<Organization, std::vector<workers::Diagnostic>> load_compact_fixture(
    const std::filesystem::path& path, const workers::RegionUniverse& regions) {
  const std::string display = path.string();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (!in || !(bytes << in.rdbuf())) {
    return std::unexpected(std::vector{workers::Diagnostic{
        workers::Severity::error, display, {}, {}, "cannot read the organization fixture", ""}});
  }
  auto document = workers::yaml::load(bytes.str());
  if (!document) {
    return std::unexpected(std::vector{workers::Diagnostic{
        workers::Severity::error, display, document.error().mark, {}, document.error().message, ""}});
  }
  FixtureReader reader(display, regions);
  Organization org = reader.read(*document->root());
  auto errors = reader.take_errors();
  for (const auto& duplicate : document->duplicate_keys) {
    errors.push_back(
        {workers::Severity::error,
         display,
         duplicate.duplicate,
         {},
         "duplicate key '" + duplicate.key + "' (first at line " + std::to_string(duplicate.first.line) + ")",
         ""});
  }
  if (!errors.empty()) {
    workers::sort_diagnostics(errors);
    return std::unexpected(std::move(errors));
  }
  return org;
}

}  // namespace drydock::emulator
