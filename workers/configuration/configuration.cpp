#include "workers/configuration/configuration.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <expected>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "workers/marshmallow/python_values.hpp"
#include "workers/marshmallow/utf8.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::workers {
namespace {

namespace fs = std::filesystem;

std::string join_display(std::string_view dir, std::string_view name) {
  if (dir.empty()) {
    return std::string(name);
  }
  if (dir.ends_with('/')) {
    return fmt::format("{}{}", dir, name);
  }
  return fmt::format("{}/{}", dir, name);
}

// Names ending in ".yaml" exactly (upstream's `file.endswith(".yaml")`), and names a person would
// take for YAML that upstream skips.
bool is_read_by_upstream(std::string_view name) {
  return name.ends_with(".yaml");
}
bool looks_like_yaml(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return lower.ends_with(".yaml") || lower.ends_with(".yml");
}

// The 1-based line and column of a byte offset.
Mark mark_of_offset(std::string_view bytes, std::size_t offset) {
  const auto before = bytes.substr(0, offset);
  const auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
  const auto line_start = before.rfind('\n');
  const auto column =
      static_cast<int>(line_start == std::string_view::npos ? offset : offset - line_start - 1) + 1;
  return {line, column};
}

Diagnostic error_at(std::string file, Mark mark, std::string message) {
  return {Severity::error, std::move(file), mark, {}, std::move(message), {}};
}

struct Listing {
  std::vector<std::string> yaml_files;  // read by upstream, sorted
  std::vector<std::string> ignored;     // .yml and other look-alikes, sorted
};

std::expected<Listing, std::string> list_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    return std::unexpected("no such configuration directory (upstream raises FileNotFoundError)");
  }
  if (!fs::is_directory(dir, ec)) {
    return std::unexpected("not a directory (upstream raises NotADirectoryError)");
  }
  Listing listing;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    return std::unexpected(fmt::format("cannot list the configuration directory: {}", ec.message()));
  }
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    auto name = it->path().filename().string();
    if (is_read_by_upstream(name)) {
      listing.yaml_files.push_back(std::move(name));
    } else if (looks_like_yaml(name)) {
      listing.ignored.push_back(std::move(name));
    }
  }
  if (ec) {
    return std::unexpected(fmt::format("cannot list the configuration directory: {}", ec.message()));
  }
  std::sort(listing.yaml_files.begin(), listing.yaml_files.end());
  std::sort(listing.ignored.begin(), listing.ignored.end());
  return listing;
}

// Reads and parses one file; a problem is reported and gives nullopt.
std::optional<yaml::Document> load_file(const fs::path& path, const std::string& display,
                                        std::vector<Diagnostic>& diagnostics) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    diagnostics.push_back(error_at(display, {},
                                   "a directory whose name ends in .yaml: upstream tries to open it as a "
                                   "configuration file and fails (IsADirectoryError)"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  if (in) {
    buffer << in.rdbuf();
  }
  if (!in) {
    diagnostics.push_back(
        error_at(display, {}, fmt::format("cannot read the file: {}", std::strerror(errno))));
    return std::nullopt;
  }
  const auto bytes = buffer.str();
  if (const auto bad = marshmallow::invalid_utf8_offset(bytes); bad != std::string_view::npos) {
    diagnostics.push_back(error_at(display, mark_of_offset(bytes, bad),
                                   "not valid UTF-8: upstream opens configuration files as UTF-8 text and "
                                   "fails (UnicodeDecodeError)"));
    return std::nullopt;
  }
  auto doc = yaml::load(bytes);
  if (!doc) {
    diagnostics.push_back(error_at(display, doc.error().mark, doc.error().message));
    return std::nullopt;
  }
  const auto* root = doc->root();
  if (root->type == yaml::Type::null) {
    diagnostics.push_back(error_at(display, root->mark,
                                   "the file is empty (it loads as None): upstream's loader crashes on it "
                                   "(TypeError: 'NoneType' object is not iterable)"));
    return std::nullopt;
  }
  if (root->type != yaml::Type::mapping) {
    diagnostics.push_back(
        error_at(display, root->mark,
                 fmt::format("the top level is a {}, not a mapping of configuration stanzas: "
                             "upstream's loader fails on it (dict.update)",
                             yaml::python_type_name(root->type))));
    return std::nullopt;
  }
  return std::move(*doc);
}

// dict.update(file) on the merged entries; a key already defined elsewhere is reported.
void merge(Configuration& config, std::size_t source, std::vector<Diagnostic>& diagnostics) {
  for (const auto& e : config.sources[source].doc.root()->entries) {
    TopLevelEntry entry{marshmallow::python_key_text(*e.key), source, e.key, e.value};
    auto same_key = [&](const TopLevelEntry& other) {
      return other.key == entry.key &&
             (other.key_node->type == yaml::Type::string) == (e.key->type == yaml::Type::string);
    };
    auto existing = std::find_if(config.entries.begin(), config.entries.end(), same_key);
    if (existing == config.entries.end()) {
      config.entries.push_back(entry);
      continue;
    }
    const auto& first = *existing;
    diagnostics.push_back(
        error_at(config.sources[source].display, e.key->mark,
                 fmt::format("{} is also defined in {}:{}:{}; upstream keeps only one of them "
                             "(the file os.listdir returns last)",
                             entry.key, config.file_of(first), first.key_node->mark.line,
                             first.key_node->mark.column)));
    existing->source = source;
    existing->value = e.value;
  }
}

}  // namespace

const TopLevelEntry* Configuration::find(std::string_view key) const {
  for (const auto& entry : entries) {
    if (entry.key_node->type == yaml::Type::string && entry.key == key) {
      return &entry;
    }
  }
  return nullptr;
}

ConfigurationLoad load_configuration_dir(const std::filesystem::path& dir, std::string_view display_dir) {
  ConfigurationLoad load;
  load.config.display_dir = std::string(display_dir);
  auto listing = list_dir(dir);
  if (!listing) {
    load.diagnostics.push_back(error_at(std::string(display_dir), {}, listing.error()));
    return load;
  }
  for (const auto& name : listing->ignored) {
    load.diagnostics.push_back({Severity::warning,
                                join_display(display_dir, name),
                                {},
                                {},
                                "ignored by upstream: only files ending in .yaml are read",
                                "ignored-file"});
  }
  for (const auto& name : listing->yaml_files) {
    auto display = join_display(display_dir, name);
    auto doc = load_file(dir / name, display, load.diagnostics);
    if (!doc) {
      continue;
    }
    load.config.sources.push_back({std::move(display), std::move(*doc)});
    merge(load.config, load.config.sources.size() - 1, load.diagnostics);
  }
  return load;
}

}  // namespace drydock::workers
