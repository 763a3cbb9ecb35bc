#include "workers/regions/region_universe.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "workers/regions/bundled_regions.hpp"

namespace drydock::workers {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// One region per line; blank lines and '#' comments ignored.
std::vector<std::string> parse_region_lines(std::string_view text) {
  std::vector<std::string> regions;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    auto line =
        trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!line.empty() && line.front() != '#') {
      regions.emplace_back(line);
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return regions;
}

}  // namespace

RegionUniverse::RegionUniverse(std::string name, std::vector<std::string> regions)
    : m_name(std::move(name)), m_sorted(std::move(regions)) {
  std::sort(m_sorted.begin(), m_sorted.end());
  m_sorted.erase(std::unique(m_sorted.begin(), m_sorted.end()), m_sorted.end());
}

bool RegionUniverse::contains(std::string_view region) const {
  return std::binary_search(m_sorted.begin(), m_sorted.end(), region);
}

std::vector<std::string> split_region_list(std::string_view text) {
  std::vector<std::string> regions;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    auto item =
        trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!item.empty()) {
      regions.emplace_back(item);
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return regions;
}

const RegionUniverse& default_region_universe() {
  static const RegionUniverse universe = [] {
    for (const auto& file : bundled_region_files()) {
      if (file.name == "aws-1.34.74") {
        return RegionUniverse(std::string(file.name), parse_region_lines(file.text));
      }
    }
    return RegionUniverse("aws-1.34.74", {});
  }();
  return universe;
}

std::vector<std::string> bundled_region_list_names() {
  std::vector<std::string> names;
  for (const auto& file : bundled_region_files()) {
    names.emplace_back(file.name);
  }
  return names;
}

std::expected<RegionUniverse, std::string> resolve_region_universe(std::string_view spec,
                                                                   const std::filesystem::path& base_dir) {
  for (const auto& file : bundled_region_files()) {
    if (file.name == spec) {
      return RegionUniverse(std::string(file.name), parse_region_lines(file.text));
    }
  }
  std::filesystem::path path(spec);
  if (path.is_relative()) {
    path = base_dir / path;
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in && !in.eof()) {
      return std::unexpected("cannot read region list " + path.string());
    }
    auto regions = parse_region_lines(buf.str());
    if (regions.empty()) {
      return std::unexpected("region list " + path.string() + " holds no regions");
    }
    return RegionUniverse(path.string(), std::move(regions));
  }
  if (spec.find(',') != std::string_view::npos ||
      (spec.find('-') != std::string_view::npos && spec.find('/') == std::string_view::npos &&
       spec.find('.') == std::string_view::npos)) {
    auto regions = split_region_list(spec);
    if (!regions.empty()) {
      return RegionUniverse("inline list", std::move(regions));
    }
  }
  std::string names;
  for (const auto& name : bundled_region_list_names()) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return std::unexpected("unknown region list '" + std::string(spec) + "': not a bundled list (" + names +
                         "), an existing file, or a comma-separated list of regions");
}

}  // namespace drydock::workers
