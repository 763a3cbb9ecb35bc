#pragma once
// Replacing a file atomically: a temp file in the same directory, rename over the target. A reader
// never sees half a file, and a crash of the process (even SIGKILL) leaves the old or the new bytes: the
// rename is atomic in the kernel, whose page cache outlives the process. With Durability::power_loss
// the temp file and the directory are also fsynced, so the same holds after a power loss or a kernel
// crash. S3's objects, parts and tombstones go through here without the fsyncs (docs/serve.md,
// "Durability"); `dlq export` and the reports written with --output with them.

#include <expected>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"

namespace drydock::emulator {

// Every temp file starts with this, so a bucket listing can tell it from an object (it is inside S3's
// reserved prefix, see s3/object_key.hpp).
inline constexpr std::string_view k_temp_file_prefix = ".drydock~tmp-";

// What a replacement survives once write_file_atomically has returned.
enum class Durability {
  process_crash,  // a crash or kill of the process: no fsync
  power_loss,     // also a power loss or kernel crash: the file and its directory are fsynced
};

// Replaces `target` with `bytes`: writes a temp file named temp_file_name() next to it, sets its
// modification time to `modified` when given, fsyncs it (power_loss), renames it over `target` and
// fsyncs the directory (power_loss). The directory must exist; a directory-less `target` is in the working
// directory. On failure the temp file is removed, `target` is unchanged and the error says what failed,
// naming the path and the system's reason ("cannot create /x/.drydock~tmp-…: Permission denied").
std::expected<void, std::string> write_file_atomically(const std::filesystem::path& target,
                                                       std::string_view bytes,
                                                       std::optional<Instant> modified,
                                                       Durability durability = Durability::power_loss);
// The same with the bytes `write` puts on the stream it is given, written through as they come (for
// files too large to hold, such as the report of a 330,000-message run), always with power_loss
// durability. When a write fails, the stream goes bad and the error is reported.
std::expected<void, std::string> write_file_atomically(const std::filesystem::path& target,
                                                       const std::function<void(std::ostream&)>& write);

// A fresh name for a temp file: k_temp_file_prefix + pid + "-" + random hex. Unique enough that
// O_EXCL never collides in practice.
std::string temp_file_name();

}  // namespace drydock::emulator
