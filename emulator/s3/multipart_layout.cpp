#include "emulator/s3/multipart_layout.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "emulator/s3/object_file.hpp"

namespace drydock::emulator {
namespace {

constexpr std::string_view k_part_prefix = "part-";
constexpr std::size_t k_part_digits = 5;
constexpr std::size_t k_max_upload_id_chars = 128;

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

S3Error unreadable(const std::filesystem::path& file, std::string_view reason) {
  return internal_error("cannot read the multipart upload in", file.string(), reason);
}

}  // namespace

std::string new_upload_id() {
  std::random_device device;
  std::string id;
  for (int i = 0; i < 8; ++i) {
    id += fmt::format("{:08x}", static_cast<std::uint32_t>(device()));
  }
  return id;
}

bool is_upload_id(std::string_view id) {
  return !id.empty() && id.size() <= k_max_upload_id_chars && std::ranges::all_of(id, is_id_char);
}

std::string part_file_name(int part_number) {
  return fmt::format("{}{:05d}", k_part_prefix, part_number);
}

std::optional<int> part_number_of(std::string_view name) {
  if (!name.starts_with(k_part_prefix) || name.size() != k_part_prefix.size() + k_part_digits) {
    return std::nullopt;
  }
  int number = 0;
  for (const char c : name.substr(k_part_prefix.size())) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    number = number * 10 + (c - '0');
  }
  if (number < k_min_part_number || number > k_max_part_number) {
    return std::nullopt;
  }
  return number;
}

std::string encode_upload(const UploadInfo& upload) {
  nlohmann::json document = {{"bucket", upload.bucket},
                             {"key", upload.key},
                             {"initiated_ms", upload.initiated.time_since_epoch().count()}};
  if (upload.checksum_algorithm) {
    document["checksum_algorithm"] = *upload.checksum_algorithm;
  }
  // Keys are validated UTF-8, so "replace" never changes one; it only keeps dump() from throwing.
  return document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::expected<std::optional<UploadInfo>, S3Error> read_upload(const std::filesystem::path& dir,
                                                              std::string_view upload_id) {
  const auto file = dir / k_upload_file_name;
  auto contents = read_regular_file(file);
  if (!contents) {
    return std::unexpected(contents.error());
  }
  if (!*contents) {
    return std::optional<UploadInfo>();
  }
  const auto document = nlohmann::json::parse((*contents)->bytes, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object() || !document.contains("bucket") || !document["bucket"].is_string() ||
      !document.contains("key") || !document["key"].is_string() || !document.contains("initiated_ms") ||
      !document["initiated_ms"].is_number_integer()) {
    return std::unexpected(unreadable(file, "not an object with bucket, key and initiated_ms"));
  }
  UploadInfo upload;
  upload.upload_id = upload_id;
  upload.bucket = document["bucket"].get<std::string>();
  upload.key = document["key"].get<std::string>();
  upload.initiated = Instant(std::chrono::milliseconds(document["initiated_ms"].get<std::int64_t>()));
  if (const auto algorithm = document.find("checksum_algorithm"); algorithm != document.end()) {
    if (!algorithm->is_string()) {
      return std::unexpected(unreadable(file, "checksum_algorithm is not a string"));
    }
    upload.checksum_algorithm = algorithm->get<std::string>();
  }
  return upload;
}

}  // namespace drydock::emulator
