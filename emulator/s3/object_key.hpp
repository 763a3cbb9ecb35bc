#pragma once
// Which object keys the emulated S3 accepts. AWS allows any UTF-8 string of 1..1024 bytes
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html); Drydock stores each object
// as a file at the key's relative path inside the bucket directory, so keys that would escape or confuse
// that directory are refused with InvalidArgument:
//   * a leading '/' (absolute path), a NUL byte, invalid UTF-8;
//   * a "." or ".." segment, or an empty segment ("a//b"); a single trailing '/' is allowed ("dir/" is
//     S3's folder-marker object, stored as dir/.drydock~folder);
//   * a segment longer than 255 bytes (NAME_MAX: the file could not be created);
//   * a segment starting with ".drydock~", the prefix Drydock reserves for its own files (temp files of
//     atomic writes, tombstones, and the escaped names of objects such as "a" when "a/b" also exists).

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// AWS's limit on a key's length in bytes of UTF-8.
inline constexpr std::size_t k_max_key_bytes = 1024;
// The longest segment (text between two '/') that can be a file name on Linux.
inline constexpr std::size_t k_max_key_segment_bytes = 255;
// File names starting with this are Drydock's own and never objects.
inline constexpr std::string_view k_reserved_name_prefix = ".drydock~";

// Succeeds when `key` can be an object key. Fails with KeyTooLongError ("Your key is too long", AWS's
// text) above 1024 bytes, else InvalidArgument with a message naming the key and the rule it breaks.
std::expected<void, S3Error> validate_object_key(std::string_view key);

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// `key` for an error message: quoted, with control bytes and bytes of invalid UTF-8 written as \xNN.
std::string display_key(std::string_view key);

}  // namespace drydock::emulator
