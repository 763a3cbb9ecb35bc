#include "emulator/s3/bucket.hpp"

#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <system_error>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "emulator/common/md5.hpp"
#include "emulator/s3/object_key.hpp"

namespace drydock::emulator {
namespace {

// How old (by st_ctim) a file must be before its ETag is cached.
constexpr std::int64_t k_trusted_stat_age_ns = 2'000'000'000;

std::expected<void, S3Error> check_directory(const std::filesystem::path& path, std::string_view role) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_directory(status)) {
    return std::unexpected(
        invalid_argument_error(fmt::format("The bucket's {} {} is not a directory", role, path.string())));
  }
  return {};
}

// `inner` is `outer` or lies below it (after resolving what exists of both paths).
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
  std::error_code ec;
  const auto resolved_inner = std::filesystem::weakly_canonical(inner, ec);
  const auto resolved_outer = std::filesystem::weakly_canonical(outer, ec);
  if (ec) {
    return false;
  }
  const auto relative = resolved_inner.lexically_relative(resolved_outer);
  return !relative.empty() && *relative.begin() != "..";
}

// What a lookup found, or NoSuchKey when it found nothing.
template <typename T>
std::expected<T, S3Error> found_or_no_such_key(std::expected<std::optional<T>, S3Error> found) {
  if (!found) {
    return std::unexpected(found.error());
  }
  if (!*found) {
    return std::unexpected(no_such_key_error());
  }
  return std::move(**found);
}

}  // namespace

std::string etag_of(std::string_view bytes) {
  return "\"" + md5_hex(bytes) + "\"";
}

std::expected<std::unique_ptr<Bucket>, S3Error> Bucket::open(std::string name, std::filesystem::path base,
                                                             std::optional<std::filesystem::path> overlay,
                                                             const Clock* clock) {
  if (auto checked = check_directory(base, "directory"); !checked) {
    return std::unexpected(checked.error());
  }
  std::optional<Tombstones> tombstones;
  if (overlay) {
    if (auto checked = check_directory(*overlay, "overlay directory"); !checked) {
      return std::unexpected(checked.error());
    }
    // Nested trees would list each other's files as objects (and writes would reach the base).
    if (is_within(*overlay, base) || is_within(base, *overlay)) {
      return std::unexpected(invalid_argument_error(
          fmt::format("The overlay directory {} and the bucket directory {} must not contain each other",
                      overlay->string(), base.string())));
    }
    auto loaded = Tombstones::load(*overlay);
    if (!loaded) {
      return std::unexpected(loaded.error());
    }
    tombstones = std::move(*loaded);
  }
  std::optional<ObjectTree> overlay_tree;
  if (overlay) {
    overlay_tree.emplace(std::move(*overlay));
  }
  return std::unique_ptr<Bucket>(new Bucket(std::move(name), ObjectTree(std::move(base)),
                                            std::move(overlay_tree), std::move(tombstones), clock));
}

Bucket::Bucket(std::string name, ObjectTree base, std::optional<ObjectTree> overlay,
               std::optional<Tombstones> tombstones, const Clock* clock)
    : m_name(std::move(name)),
      m_base(std::move(base)),
      m_overlay(std::move(overlay)),
      m_tombstones(std::move(tombstones)),
      m_clock(clock) {}

std::optional<std::filesystem::path> Bucket::overlay_dir() const {
  if (!m_overlay) {
    return std::nullopt;
  }
  return m_overlay->root();
}

std::expected<std::optional<std::filesystem::path>, S3Error> Bucket::locate(std::string_view key) const {
  if (m_overlay) {
    auto found = m_overlay->locate(key);
    if (!found || *found) {
      return found;
    }
    if (m_tombstones->contains(key)) {
      return std::optional<std::filesystem::path>();
    }
  }
  return m_base.locate(key);
}

std::optional<std::string> Bucket::cached_etag(const std::filesystem::path& file,
                                               const FileStat& stat) const {
  const std::lock_guard lock(m_etags_mutex);
  const auto cached = m_etags.find(file.native());
  if (cached == m_etags.end() || cached->second.stat != stat) {
    return std::nullopt;
  }
  return cached->second.etag;
}

void Bucket::remember_etag(const std::filesystem::path& file, const FileStat& stat,
                           const std::string& etag) const {
  // File timestamps move in coarse steps (a few ms), so a file changed again within the same step keeps
  // its stat. As git does with racily clean files, only trust the stat of a file whose last change is
  // comfortably in the past; a recently changed file is hashed again on the next call.
  const auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::lock_guard lock(m_etags_mutex);
  if (now_ns - stat.changed_ns < k_trusted_stat_age_ns) {
    m_etags.erase(file.native());
    return;
  }
  m_etags.insert_or_assign(file.native(), CachedEtag{stat, etag});
}

std::expected<std::optional<ObjectMetadata>, S3Error> Bucket::metadata_of(
    const std::filesystem::path& file) const {
  auto stat = stat_regular_file(file);
  if (!stat) {
    return std::unexpected(stat.error());
  }
  if (!*stat) {
    return std::optional<ObjectMetadata>();
  }
  if (auto etag = cached_etag(file, **stat)) {
    return ObjectMetadata{(*stat)->size, std::move(*etag), (*stat)->modified};
  }
  auto contents = read_regular_file(file);
  if (!contents) {
    return std::unexpected(contents.error());
  }
  if (!*contents) {
    return std::optional<ObjectMetadata>();
  }
  const std::string etag = etag_of((*contents)->bytes);
  remember_etag(file, (*contents)->stat, etag);
  return ObjectMetadata{(*contents)->stat.size, etag, (*contents)->stat.modified};
}

template <typename Read>
std::invoke_result_t<Read&, const std::filesystem::path&> Bucket::read_object(std::string_view key,
                                                                              Read read) const {
  if (auto valid = validate_object_key(key); !valid) {
    return std::unexpected(valid.error());
  }
  const std::shared_lock lock(m_mutex);
  auto file = found_or_no_such_key(locate(key));
  if (!file) {
    return std::unexpected(file.error());
  }
  return read(*file);
}

std::expected<S3Object, S3Error> Bucket::get_object(std::string_view key) const {
  return read_object(key, [this](const std::filesystem::path& file) -> std::expected<S3Object, S3Error> {
    auto contents = found_or_no_such_key(read_regular_file(file));
    if (!contents) {
      return std::unexpected(contents.error());
    }
    S3Object object;
    // The stat is the opened file's: when it matches the cache's, so do the bytes (no MD5 per GET).
    if (auto etag = cached_etag(file, contents->stat)) {
      object.metadata = {contents->stat.size, std::move(*etag), contents->stat.modified};
    } else {
      object.metadata = {contents->stat.size, etag_of(contents->bytes), contents->stat.modified};
      remember_etag(file, contents->stat, object.metadata.etag);
    }
    object.body = std::move(contents->bytes);
    return object;
  });
}

std::expected<ObjectMetadata, S3Error> Bucket::head_object(std::string_view key) const {
  return read_object(
      key, [this](const std::filesystem::path& file) { return found_or_no_such_key(metadata_of(file)); });
}

std::expected<ObjectMetadata, S3Error> Bucket::put_object(std::string_view key, std::string_view body,
                                                          std::optional<Instant> at,
                                                          const std::function<void()>& stored) {
  if (auto valid = validate_object_key(key); !valid) {
    return std::unexpected(valid.error());
  }
  const std::unique_lock lock(m_mutex);
  const std::optional<Instant> modified = at ? at : m_clock ? std::optional(m_clock->now()) : std::nullopt;
  ObjectTree& tree = m_overlay ? *m_overlay : m_base;
  auto file = tree.store(key, body, modified);
  if (!file) {
    return std::unexpected(file.error());
  }
  if (m_tombstones) {
    // The overlay's copy is read before any tombstone, so one left behind by a failed save is harmless.
    (void)m_tombstones->remove(key);
  }
  ObjectMetadata metadata{body.size(), etag_of(body), modified.value_or(Instant{})};
  auto stat = stat_regular_file(*file);
  if (stat && *stat) {
    metadata.last_modified = (*stat)->modified;
    remember_etag(*file, **stat, metadata.etag);
  }
  if (stored) {
    stored();
  }
  return metadata;
}

std::expected<void, S3Error> Bucket::delete_object(std::string_view key) {
  if (auto valid = validate_object_key(key); !valid) {
    return std::unexpected(valid.error());
  }
  const std::unique_lock lock(m_mutex);
  if (!m_overlay) {
    auto removed = m_base.remove(key);
    if (!removed) {
      return std::unexpected(removed.error());
    }
    return {};
  }
  auto in_base = m_base.locate(key);
  if (!in_base) {
    return std::unexpected(in_base.error());
  }
  // Tombstone first: if the overlay copy then cannot be removed, the key still reads from the overlay
  // and nothing has been lost.
  if (*in_base) {
    if (auto added = m_tombstones->add(key); !added) {
      return added;
    }
  }
  auto removed = m_overlay->remove(key);
  if (!removed) {
    return std::unexpected(removed.error());
  }
  return {};
}

std::expected<ListObjectsV2Result, S3Error> Bucket::list_objects_v2(
    const ListObjectsV2Request& request) const {
  const std::shared_lock lock(m_mutex);
  std::map<std::string, std::filesystem::path> files;
  if (auto collected = m_base.collect(request.prefix, files); !collected) {
    return std::unexpected(collected.error());
  }
  if (m_overlay) {
    std::erase_if(files, [&](const auto& entry) { return m_tombstones->contains(entry.first); });
    if (auto collected = m_overlay->collect(request.prefix, files); !collected) {
      return std::unexpected(collected.error());
    }
  }
  std::vector<std::string> keys;
  keys.reserve(files.size());
  for (const auto& entry : files) {
    keys.push_back(entry.first);
  }
  auto page = list_page(keys, request);
  if (!page) {
    return std::unexpected(page.error());
  }
  ListObjectsV2Result result;
  result.max_keys = std::min(request.max_keys, k_max_list_keys);
  result.contents.reserve(page->keys.size());
  for (auto& key : page->keys) {
    auto metadata = metadata_of(files.at(key));
    if (!metadata) {
      return std::unexpected(metadata.error());
    }
    // A file removed behind our back since the walk is simply no longer listed.
    if (*metadata) {
      result.contents.push_back(
          ObjectSummary{std::move(key), (*metadata)->size, (*metadata)->etag, (*metadata)->last_modified});
    }
  }
  result.common_prefixes = std::move(page->common_prefixes);
  result.is_truncated = page->is_truncated;
  result.next_continuation_token = std::move(page->next_continuation_token);
  result.key_count = static_cast<int>(result.contents.size() + result.common_prefixes.size());
  return result;
}

}  // namespace drydock::emulator
