#pragma once
// How multipart_uploads.hpp lays an upload out on disk: the directory named by its id, upload.json
// describing it, and part-00001 … part-10000. Ids come from the wire, so is_upload_id() is what stands
// between a request and the file system.

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/s3/multipart_uploads.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// The file in an upload's directory that describes it.
inline constexpr std::string_view k_upload_file_name = "upload.json";

// A fresh upload id: 64 lower-case hex digits (256 bits) from std::random_device.
std::string new_upload_id();

// True when `id` is 1..128 characters of A-Z a-z 0-9 '-' '_': never '/', '.', empty or a NUL, so
// root / id is a child of root. Ids Drydock makes always pass; anything else is no upload of ours.
bool is_upload_id(std::string_view id);

// "part-" + the number in five digits ("part-00042").
std::string part_file_name(int part_number);

// The part number a file named `name` holds, or nullopt when it is not a part file (upload.json, temp
// files, anything outside 1..10000).
std::optional<int> part_number_of(std::string_view name);

// upload.json's text for `upload` (its id is the directory's name and is not written).
std::string encode_upload(const UploadInfo& upload);

// Reads <dir>/upload.json as upload `upload_id`. Returns nullopt when there is none; fails with
// InternalError when it cannot be read or is not what encode_upload() writes.
std::expected<std::optional<UploadInfo>, S3Error> read_upload(const std::filesystem::path& dir,
                                                              std::string_view upload_id);

}  // namespace drydock::emulator
