#include "emulator/s3/object_key.hpp"

#include <fmt/format.h>

#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::emulator {
namespace {

// The length of the well-formed UTF-8 sequence starting at `pos`, or 0 if it is ill-formed (Unicode
// table 3-7, as CPython's strict decoder applies it).
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos) {
  const workers::yaml::Utf8Step step = workers::yaml::decode_utf8_at(bytes, pos);
  return step.error == nullptr ? step.length : 0;
}

std::expected<void, S3Error> refuse(std::string_view key, std::string_view reason) {
  return std::unexpected(
      invalid_argument_error(fmt::format("Object key {} is not supported: {}", display_key(key), reason)));
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t length = utf8_sequence_length(bytes, pos);
    if (length == 0) {
      return false;
    }
    pos += length;
  }
  return true;
}

std::string display_key(std::string_view key) {
  std::string out = "'";
  for (std::size_t pos = 0; pos < key.size();) {
    const std::size_t length = utf8_sequence_length(key, pos);
    const auto byte = static_cast<unsigned char>(key[pos]);
    if (length == 0 || (length == 1 && (byte < 0x20 || byte == 0x7F))) {
      out += fmt::format("\\x{:02x}", byte);
      ++pos;
      continue;
    }
    out.append(key.substr(pos, length));
    pos += length;
  }
  out += "'";
  return out;
}

std::expected<void, S3Error> validate_object_key(std::string_view key) {
  if (key.empty()) {
    return std::unexpected(invalid_argument_error("Object key must not be empty"));
  }
  if (key.size() > k_max_key_bytes) {
    return std::unexpected(S3Error{"KeyTooLongError", "Your key is too long"});
  }
  if (key.find('\0') != std::string_view::npos) {
    return refuse(key, "it contains a NUL byte");
  }
  if (!is_valid_utf8(key)) {
    return refuse(key, "it is not valid UTF-8");
  }
  if (key.front() == '/') {
    return refuse(key, "it starts with '/' (an absolute path)");
  }
  // A single trailing '/' is a folder marker; every other segment must name a file or directory.
  const std::string_view path = key.back() == '/' ? key.substr(0, key.size() - 1) : key;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find('/', start);
    const std::string_view segment =
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (segment.empty()) {
      return refuse(key, "it has an empty path segment ('//')");
    }
    if (segment == "." || segment == "..") {
      return refuse(key, fmt::format("it has a '{}' path segment, which would escape or alias the bucket "
                                     "directory",
                                     segment));
    }
    if (segment.size() > k_max_key_segment_bytes) {
      return refuse(key, fmt::format("a path segment is {} bytes long; Drydock stores objects as files "
                                     "and a segment is limited to {} bytes",
                                     segment.size(), k_max_key_segment_bytes));
    }
    if (segment.starts_with(k_reserved_name_prefix)) {
      return refuse(key, fmt::format("path segments starting with '{}' are reserved for Drydock's own files",
                                     k_reserved_name_prefix));
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return {};
}

}  // namespace drydock::emulator
