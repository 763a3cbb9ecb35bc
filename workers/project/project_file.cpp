#include "workers/project/project_file.hpp"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::workers {
namespace {

using yaml::Node;
using yaml::Type;

// Collects problems while walking drydock.yaml.
class Reader {
 public:
  Reader(std::string display, std::filesystem::path root)
      : m_display(std::move(display)), m_root(std::move(root)) {}

  void error(const Node* at, FieldPath field, std::string message) {
    m_diagnostics.push_back({Severity::error,
                             m_display,
                             at != nullptr ? at->mark : Mark{1, 1},
                             std::move(field),
                             std::move(message),
                             {}});
  }

  void error_at(Mark mark, FieldPath field, std::string message) {
    m_diagnostics.push_back({Severity::error, m_display, mark, std::move(field), std::move(message), {}});
  }

  // Checks that `node` is a mapping whose keys are all in `allowed`; reports the others.
  bool expect_mapping(const Node* node, const FieldPath& field,
                      std::initializer_list<std::string_view> allowed) {
    if (node->type != Type::mapping) {
      error(node, field, fmt::format("expected a mapping, found {}", yaml::python_type_name(node->type)));
      return false;
    }
    for (const auto& entry : node->entries) {
      auto sub = field;
      if (entry.key->type != Type::string) {
        error(entry.key, field, "keys must be strings");
        continue;
      }
      sub.emplace_back(entry.key->text);
      bool known = allowed.size() == 0;
      for (auto name : allowed) {
        known = known || name == entry.key->text;
      }
      if (!known) {
        std::string list;
        for (auto name : allowed) {
          list += (list.empty() ? "" : ", ") + std::string(name);
        }
        error(entry.key, sub, fmt::format("unknown key '{}' (expected one of: {})", entry.key->text, list));
      }
    }
    return true;
  }

  std::optional<std::string> string(const Node* node, const FieldPath& field) {
    if (node->type != Type::string) {
      error(node, field, fmt::format("expected a string, found {}", yaml::python_type_name(node->type)));
      return std::nullopt;
    }
    return node->text;
  }

  std::optional<int> positive_int(const Node* node, const FieldPath& field, int max) {
    auto value = node->as_int64();
    if (node->type != Type::integer || !value || *value < 1 || *value > max) {
      error(node, field, fmt::format("expected an integer from 1 to {}", max));
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::vector<std::string> argv(const Node* node, const FieldPath& field) {
    std::vector<std::string> out;
    if (node->type != Type::sequence || node->items.empty()) {
      error(node, field, "expected a non-empty list of arguments, e.g. [python3, workers/ship.py]");
      return out;
    }
    for (std::size_t i = 0; i < node->items.size(); ++i) {
      const Node* item = node->items[i];
      auto sub = field;
      sub.emplace_back(static_cast<std::int64_t>(i));
      if (item->type == Type::string || item->type == Type::integer) {
        out.push_back(item->text);
      } else {
        error(item, sub, "each argument must be a string");
      }
    }
    return out;
  }

  // A path relative to the project root that must exist (as a directory when `dir`).
  std::optional<std::filesystem::path> existing_path(const Node* node, const FieldPath& field, bool dir) {
    auto text = string(node, field);
    if (!text) {
      return std::nullopt;
    }
    auto path = (m_root / *text).lexically_normal();
    std::error_code ec;
    if (dir ? !std::filesystem::is_directory(path, ec) : !std::filesystem::is_regular_file(path, ec)) {
      error(node, field,
            fmt::format("{} '{}' does not exist ({})", dir ? "directory" : "file", *text, path.string()));
      return std::nullopt;
    }
    return path;
  }

  std::vector<Diagnostic> take() { return std::move(m_diagnostics); }
  bool ok() const { return m_diagnostics.empty(); }
  const std::filesystem::path& root() const { return m_root; }

 private:
  std::string m_display;
  std::filesystem::path m_root;
  std::vector<Diagnostic> m_diagnostics;
};

void read_starfleet(Reader& r, const Node* node, ProjectFile& project) {
  const FieldPath field{std::string("starfleet")};
  if (!r.expect_mapping(node, field,
                        {"configuration", "templates", "account_index", "regions", "sam_template"})) {
    return;
  }
  auto sub = [&](std::string_view key) {
    auto f = field;
    f.emplace_back(std::string(key));
    return f;
  };
  for (auto key : {"configuration", "templates"}) {
    if (node->find(key) == nullptr) {
      r.error(node, sub(key), fmt::format("missing required key '{}'", key));
    }
  }
  if (const auto* v = node->find("configuration")) {
    project.configuration = r.existing_path(v, sub("configuration"), true).value_or(std::filesystem::path{});
  }
  if (const auto* v = node->find("templates")) {
    project.templates = r.existing_path(v, sub("templates"), true).value_or(std::filesystem::path{});
  }
  if (const auto* v = node->find("account_index")) {
    project.account_index = r.existing_path(v, sub("account_index"), false);
  }
  if (const auto* v = node->find("sam_template")) {
    project.sam_template = r.existing_path(v, sub("sam_template"), false);
  }
  if (const auto* v = node->find("regions")) {
    project.regions = r.string(v, sub("regions")).value_or(project.regions);
  }
}

// `options:` of a builtin ship: a mapping, kept as JSON (null, as for `options:` alone, means none).
void read_builtin_options(Reader& r, const Node* node, const FieldPath& field, bool has_builtin,
                          WorkerSettings& w) {
  if (node->type == Type::null) {
    return;
  }
  if (node->type != Type::mapping) {
    r.error(node, field,
            fmt::format("expected a mapping of options for the builtin ship, found {}",
                        yaml::python_type_name(node->type)));
    return;
  }
  if (!has_builtin) {
    r.error(node, field, "options are read only by builtin ships (add builtin: NAME or remove options)");
    return;
  }
  auto json = yaml::to_json(*node);
  if (!json) {
    r.error_at(json.error().mark, field, json.error().message);
    return;
  }
  w.builtin_options = nlohmann::json::parse(json->dump());
}

void read_worker(Reader& r, const yaml::Entry& entry, ProjectFile& project) {
  WorkerSettings w;
  w.name = entry.key->text;
  w.mark = entry.key->mark;
  const FieldPath field{std::string("workers"), w.name};
  const Node* node = entry.value;
  if (node->type == Type::null) {  // `SomeShip:` with nothing under it: all defaults
    project.workers.push_back(std::move(w));
    return;
  }
  if (!r.expect_mapping(node, field,
                        {"fan_out", "builtin", "options", "command", "http", "runtime_api", "template_schema",
                         "validate_command", "batch_size", "timeout", "visibility_timeout",
                         "max_receive_count", "concurrency", "report_batch_item_failures"})) {
    return;
  }
  auto sub = [&](std::string_view key) {
    auto f = field;
    f.emplace_back(std::string(key));
    return f;
  };
  if (const auto* v = node->find("fan_out")) {
    auto text = r.string(v, sub("fan_out"));
    if (text) {
      w.fan_out = parse_template_kind(*text);
      if (!w.fan_out) {
        r.error(v, sub("fan_out"), "expected SINGLE_INVOCATION, ACCOUNT or ACCOUNT_REGION");
      }
    }
  }
  int transports = 0;
  if (const auto* v = node->find("builtin")) {
    w.builtin = r.string(v, sub("builtin"));
    ++transports;
  }
  if (const auto* v = node->find("options")) {
    read_builtin_options(r, v, sub("options"), node->find("builtin") != nullptr, w);
  }
  if (const auto* v = node->find("command")) {
    w.command = r.argv(v, sub("command"));
    ++transports;
  }
  if (const auto* v = node->find("http")) {
    w.http = r.string(v, sub("http"));
    ++transports;
  }
  if (const auto* v = node->find("runtime_api")) {
    w.runtime_api = r.argv(v, sub("runtime_api"));
    ++transports;
  }
  if (transports > 1) {
    r.error(node, field, "give at most one of builtin, command, http, runtime_api");
  }
  if (const auto* v = node->find("template_schema")) {
    w.template_schema = r.existing_path(v, sub("template_schema"), false);
  }
  if (const auto* v = node->find("validate_command")) {
    w.validate_command = r.argv(v, sub("validate_command"));
  }
  if (const auto* v = node->find("batch_size")) {
    w.batch_size = r.positive_int(v, sub("batch_size"), 10000);
  }
  if (const auto* v = node->find("max_receive_count")) {
    w.max_receive_count = r.positive_int(v, sub("max_receive_count"), 1000);
  }
  if (const auto* v = node->find("concurrency")) {
    w.concurrency = r.positive_int(v, sub("concurrency"), 1000);
  }
  for (auto [key, target] :
       {std::pair{"timeout", &w.timeout}, std::pair{"visibility_timeout", &w.visibility_timeout}}) {
    if (const auto* v = node->find(key)) {
      std::string text = v->type == Type::integer ? v->text : (v->type == Type::string ? v->text : "");
      *target = parse_duration(text);
      if (!*target) {
        r.error(v, sub(key), "expected a duration such as 300s, 5m or 1h");
      }
    }
  }
  if (const auto* v = node->find("report_batch_item_failures")) {
    if (v->type != Type::boolean) {
      r.error(v, sub("report_batch_item_failures"), "expected true or false");
    } else {
      w.report_batch_item_failures = v->boolean;
    }
  }
  project.workers.push_back(std::move(w));
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || value < 0) {
    return std::nullopt;
  }
  std::string_view unit(ptr, static_cast<std::size_t>(text.data() + text.size() - ptr));
  if (unit.empty() || unit == "s") {
    return std::chrono::seconds(value);
  }
  if (unit == "ms") {
    return std::chrono::seconds((value + 999) / 1000);
  }
  if (unit == "m") {
    return std::chrono::seconds(value * 60);
  }
  if (unit == "h") {
    return std::chrono::seconds(value * 3600);
  }
  return std::nullopt;
}

std::expected<ProjectFile, std::vector<Diagnostic>> load_project_file(const std::filesystem::path& file) {
  const std::string display = file.filename().string();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::unexpected(std::vector<Diagnostic>{
        {Severity::error, file.string(), {}, {}, "cannot read the project file", {}}});
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  auto doc = yaml::load(buf.str());
  if (!doc) {
    return std::unexpected(std::vector<Diagnostic>{
        {Severity::error, display, doc.error().mark, {}, "invalid YAML: " + doc.error().message, {}}});
  }
  ProjectFile project;
  project.file = std::filesystem::absolute(file).lexically_normal();
  project.root = project.file.parent_path();
  project.state = project.root / ".drydock";
  Reader r(display, project.root);
  const Node* root = doc->root();
  if (!r.expect_mapping(root, {}, {"starfleet", "workers", "state"})) {
    return std::unexpected(r.take());
  }
  if (const auto* v = root->find("starfleet")) {
    read_starfleet(r, v, project);
  } else {
    r.error(root, {std::string("starfleet")},
            "missing required key 'starfleet' (with configuration: and templates:)");
  }
  if (const auto* v = root->find("workers")) {
    if (v->type == Type::mapping) {
      for (const auto& entry : v->entries) {
        if (entry.key->type != Type::string) {
          r.error(entry.key, {std::string("workers")}, "worker names must be strings");
          continue;
        }
        read_worker(r, entry, project);
      }
    } else if (v->type != Type::null) {
      r.error(v, {std::string("workers")}, "expected a mapping of worker ship names to settings");
    }
  }
  if (const auto* v = root->find("state")) {
    if (auto text = r.string(v, {std::string("state")})) {
      project.state = (project.root / *text).lexically_normal();
    }
  }
  for (const auto& dup : doc->duplicate_keys) {
    r.error_at(dup.duplicate, {},
               fmt::format("key '{}' is given twice (first on line {})", dup.key, dup.first.line));
  }
  if (!r.ok()) {
    return std::unexpected(r.take());
  }
  return project;
}

}  // namespace drydock::workers
