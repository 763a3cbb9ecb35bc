#include "emulator/s3/object_tree.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "emulator/common/atomic_file.hpp"
#include "emulator/s3/object_key.hpp"

namespace drydock::emulator {
namespace {

// Temp files of atomic writes and parked objects are never listed as objects.
static_assert(k_temp_file_prefix.starts_with(k_reserved_name_prefix));

enum class FileKind { missing, regular, directory, other };

std::expected<FileKind, S3Error> file_kind(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return FileKind::missing;
    }
    return std::unexpected(internal_error("cannot stat", path.string(), std::strerror(errno)));
  }
  if (S_ISREG(st.st_mode)) {
    return FileKind::regular;
  }
  return S_ISDIR(st.st_mode) ? FileKind::directory : FileKind::other;
}

bool is_folder_key(std::string_view key) {
  return key.back() == '/';
}

// The object a file stands for, from its path relative to the root ("" when it stands for none).
std::string key_of_relative_path(std::string relative) {
  const std::size_t slash = relative.rfind('/');
  const std::string_view name = std::string_view(relative).substr(slash == std::string::npos ? 0 : slash + 1);
  if (name == k_object_file_name) {
    relative.resize(slash == std::string::npos ? 0 : slash);
  } else if (name == k_folder_file_name) {
    relative.resize(slash == std::string::npos ? 0 : slash + 1);
  } else if (name.starts_with(k_reserved_name_prefix)) {
    return {};
  }
  return validate_object_key(relative) ? relative : std::string();
}

}  // namespace

ObjectTree::ObjectTree(std::filesystem::path root) : m_root(std::move(root)) {
  m_root = m_root.lexically_normal();
  if (!m_root.has_filename() && m_root.has_parent_path() && m_root != m_root.root_path()) {
    m_root = m_root.parent_path();
  }
}

std::expected<std::optional<std::filesystem::path>, S3Error> ObjectTree::locate(std::string_view key) const {
  using Found = std::optional<std::filesystem::path>;
  const std::filesystem::path natural = m_root / key;
  std::filesystem::path candidate = natural;
  if (is_folder_key(key)) {
    candidate = m_root / key.substr(0, key.size() - 1) / k_folder_file_name;
  } else {
    auto kind = file_kind(natural);
    if (!kind) {
      return std::unexpected(kind.error());
    }
    if (*kind == FileKind::regular) {
      return Found(natural);
    }
    if (*kind != FileKind::directory) {
      return Found();
    }
    candidate = natural / k_object_file_name;
  }
  auto kind = file_kind(candidate);
  if (!kind) {
    return std::unexpected(kind.error());
  }
  return *kind == FileKind::regular ? Found(candidate) : Found();
}

std::expected<void, S3Error> ObjectTree::make_directory(const std::filesystem::path& directory) const {
  auto kind = file_kind(directory);
  if (!kind) {
    return std::unexpected(kind.error());
  }
  switch (*kind) {
    case FileKind::directory: return {};
    case FileKind::other:
      return std::unexpected(internal_error("cannot store an object under", directory.string(),
                                            "neither a file nor a directory"));
    case FileKind::missing:
      if (::mkdir(directory.c_str(), 0777) != 0 && errno != EEXIST) {
        return std::unexpected(
            internal_error("cannot create directory", directory.string(), std::strerror(errno)));
      }
      return {};
    case FileKind::regular: break;
  }
  // An object sits where a directory must go ("a" exists, "a/b" is being stored): move it inside.
  const std::filesystem::path parked = directory.parent_path() / temp_file_name();
  if (::rename(directory.c_str(), parked.c_str()) != 0) {
    return std::unexpected(internal_error("cannot move aside", directory.string(), std::strerror(errno)));
  }
  if (::mkdir(directory.c_str(), 0777) != 0) {
    const int error = errno;
    ::rename(parked.c_str(), directory.c_str());
    return std::unexpected(
        internal_error("cannot create directory", directory.string(), std::strerror(error)));
  }
  const std::filesystem::path escaped = directory / k_object_file_name;
  if (::rename(parked.c_str(), escaped.c_str()) != 0) {
    return std::unexpected(internal_error("cannot move", parked.string(), std::strerror(errno)));
  }
  return {};
}

std::expected<std::filesystem::path, S3Error> ObjectTree::store(std::string_view key, std::string_view bytes,
                                                                std::optional<Instant> modified) {
  std::error_code ec;
  std::filesystem::create_directories(m_root, ec);
  if (ec) {
    return std::unexpected(internal_error("cannot create directory", m_root.string(), ec.message()));
  }
  const std::string_view path = is_folder_key(key) ? key.substr(0, key.size() - 1) : key;
  // Every directory on the way, and for a folder marker the folder itself.
  std::filesystem::path directory = m_root;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos && !is_folder_key(key)) {
      break;
    }
    directory /= path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (auto made = make_directory(directory); !made) {
      return std::unexpected(made.error());
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  std::filesystem::path target = m_root / key;
  if (is_folder_key(key)) {
    target = directory / k_folder_file_name;
  } else {
    auto kind = file_kind(target);
    if (!kind) {
      return std::unexpected(kind.error());
    }
    if (*kind == FileKind::directory) {
      target /= k_object_file_name;
    }
  }
  if (auto written = write_file_atomically(target, bytes, modified, Durability::process_crash); !written) {
    return std::unexpected(internal_error(std::move(written.error())));
  }
  return target;
}

std::expected<bool, S3Error> ObjectTree::remove(std::string_view key) {
  auto located = locate(key);
  if (!located) {
    return std::unexpected(located.error());
  }
  if (!*located) {
    return false;
  }
  const std::filesystem::path& file = **located;
  if (::unlink(file.c_str()) != 0) {
    if (errno == ENOENT) {
      return false;
    }
    return std::unexpected(internal_error("cannot delete", file.string(), std::strerror(errno)));
  }
  // S3 has no directories: one that held only this object goes with it.
  const std::size_t root_length = m_root.native().size();
  for (std::filesystem::path directory = file.parent_path();
       directory.native().size() > root_length && directory != m_root; directory = directory.parent_path()) {
    if (::rmdir(directory.c_str()) != 0) {
      break;
    }
  }
  return true;
}

std::expected<void, S3Error> ObjectTree::collect(std::string_view prefix,
                                                 std::map<std::string, std::filesystem::path>& out) const {
  // Every key starting with "x/y/" lives under root/x/y: walk only that directory when the prefix's
  // directory part is a path we can safely build.
  std::string key_base;
  std::filesystem::path start = m_root;
  const std::size_t last_slash = prefix.rfind('/');
  if (last_slash != std::string_view::npos && last_slash > 0) {
    const std::string_view directory = prefix.substr(0, last_slash);
    if (validate_object_key(directory)) {
      key_base = std::string(directory) + "/";
      start = m_root / directory;
    }
  }
  // The root may be a symlink (a linked templates/ directory); directories below it are walked only
  // if the walk itself would enter them, so a symlinked subdirectory is not listed either way.
  std::error_code ec;
  const bool walkable = start == m_root
                            ? std::filesystem::is_directory(start, ec)
                            : std::filesystem::is_directory(std::filesystem::symlink_status(start, ec));
  if (!walkable) {
    return {};
  }
  const std::size_t start_length = start.native().size() + 1;
  std::filesystem::recursive_directory_iterator it(
      start, std::filesystem::directory_options::skip_permission_denied, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const auto& entry = *it;
    std::error_code entry_ec;
    if (entry.is_directory(entry_ec)) {
      if (entry.path().filename().native().starts_with(k_reserved_name_prefix)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!entry.is_regular_file(entry_ec)) {
      continue;
    }
    std::string key = key_of_relative_path(key_base + entry.path().native().substr(start_length));
    if (!key.empty() && key.starts_with(prefix)) {
      out.insert_or_assign(std::move(key), entry.path());
    }
  }
  if (ec) {
    return std::unexpected(internal_error("cannot list", start.string(), ec.message()));
  }
  return {};
}

}  // namespace drydock::emulator
