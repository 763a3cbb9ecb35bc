#include "emulator/s3/tombstones.hpp"

#include <system_error>

#include <nlohmann/json.hpp>

#include "emulator/common/atomic_file.hpp"
#include "emulator/s3/object_file.hpp"

namespace drydock::emulator {

std::expected<Tombstones, S3Error> Tombstones::load(const std::filesystem::path& overlay_root) {
  Tombstones tombstones(overlay_root / k_tombstones_file_name);
  auto contents = read_regular_file(tombstones.m_file);
  if (!contents) {
    return std::unexpected(contents.error());
  }
  if (!*contents) {
    return tombstones;
  }
  const auto document = nlohmann::json::parse((*contents)->bytes, nullptr, /*allow_exceptions=*/false);
  if (!document.is_array()) {
    return std::unexpected(
        internal_error("cannot read tombstones from", tombstones.m_file.string(), "not a JSON array"));
  }
  for (const auto& key : document) {
    if (!key.is_string()) {
      return std::unexpected(
          internal_error("cannot read tombstones from", tombstones.m_file.string(), "a key is not a string"));
    }
    tombstones.m_keys.insert(key.get<std::string>());
  }
  return tombstones;
}

std::expected<void, S3Error> Tombstones::save(const std::set<std::string, std::less<>>& keys) const {
  std::error_code ec;
  std::filesystem::create_directories(m_file.parent_path(), ec);
  if (ec) {
    return std::unexpected(
        internal_error("cannot create directory", m_file.parent_path().string(), ec.message()));
  }
  nlohmann::json document = nlohmann::json::array();
  for (const auto& key : keys) {
    document.push_back(key);
  }
  // Keys are validated UTF-8, so "replace" never changes one; it only keeps dump() from throwing.
  const std::string text = document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (auto written = write_file_atomically(m_file, text, std::nullopt, Durability::process_crash); !written) {
    return std::unexpected(internal_error(std::move(written.error())));
  }
  return {};
}

std::expected<void, S3Error> Tombstones::add(std::string_view key) {
  if (contains(key)) {
    return {};
  }
  auto keys = m_keys;
  keys.emplace(key);
  if (auto saved = save(keys); !saved) {
    return saved;
  }
  m_keys = std::move(keys);
  return {};
}

std::expected<void, S3Error> Tombstones::remove(std::string_view key) {
  const auto found = m_keys.find(key);
  if (found == m_keys.end()) {
    return {};
  }
  auto keys = m_keys;
  keys.erase(std::string(key));
  if (auto saved = save(keys); !saved) {
    return saved;
  }
  m_keys = std::move(keys);
  return {};
}

}  // namespace drydock::emulator
