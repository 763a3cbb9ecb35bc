#include "emulator/s3/multipart_uploads.hpp"

#include <algorithm>
#include <array>
#include <system_error>
#include <tuple>
#include <utility>

#include "emulator/common/atomic_file.hpp"
#include "emulator/common/hex_digit.hpp"
#include "emulator/common/md5.hpp"
#include "emulator/s3/bucket.hpp"
#include "emulator/s3/multipart_layout.hpp"
#include "emulator/s3/object_key.hpp"

namespace drydock::emulator {
namespace {

// x-amz-checksum-algorithm's values
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
constexpr std::array<std::string_view, 5> k_checksum_algorithms = {"CRC32", "CRC32C", "CRC64NVME", "SHA1",
                                                                   "SHA256"};

// An ETag without the double quotes around it, if it has them.
std::string_view unquoted(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

bool is_part_number(int number) {
  return number >= k_min_part_number && number <= k_max_part_number;
}

S3Error bad_part_number() {
  return invalid_argument_error("Part number must be an integer between 1 and 10000, inclusive");
}

std::expected<void, S3Error> check_completion_list(const std::vector<CompletedPart>& parts) {
  if (parts.empty()) {
    return std::unexpected(malformed_xml_error());
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].part_number <= parts[i - 1].part_number) {
      return std::unexpected(invalid_part_order_error());
    }
  }
  if (!std::ranges::all_of(parts,
                           [](const CompletedPart& part) { return is_part_number(part.part_number); })) {
    return std::unexpected(bad_part_number());
  }
  return {};
}

// A part file's bytes and stat; under the store's mutex nothing removes one between listing and reading,
// so a missing file is an outside interference and an InternalError.
std::expected<FileContents, S3Error> read_part_file(const std::filesystem::path& file) {
  auto contents = read_regular_file(file);
  if (!contents) {
    return std::unexpected(contents.error());
  }
  if (!*contents) {
    return std::unexpected(internal_error("cannot read", file.string(), "the part file disappeared"));
  }
  return std::move(**contents);
}

}  // namespace

std::string multipart_etag(const std::vector<std::string>& part_etags) {
  std::string digests;
  for (const auto& etag : part_etags) {
    const std::string_view hex = unquoted(etag);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      digests += static_cast<char>(hex_digit_value(hex[i]) * 16 + hex_digit_value(hex[i + 1]));
    }
  }
  return "\"" + md5_hex(digests) + "-" + std::to_string(part_etags.size()) + "\"";
}

MultipartUploads::MultipartUploads(std::filesystem::path root, const Clock& clock, MultipartOptions options)
    : m_root(std::move(root)), m_clock(clock), m_options(options) {}

std::expected<std::string, S3Error> MultipartUploads::create(
    std::string_view bucket, std::string_view key, std::optional<std::string_view> checksum_algorithm) {
  if (auto valid = validate_object_key(key); !valid) {
    return std::unexpected(valid.error());
  }
  if (checksum_algorithm &&
      std::ranges::find(k_checksum_algorithms, *checksum_algorithm) == k_checksum_algorithms.end()) {
    return std::unexpected(
        invalid_argument_error("Checksum algorithm must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256"));
  }
  const std::lock_guard lock(m_mutex);
  std::error_code ec;
  std::filesystem::create_directories(m_root, ec);
  if (ec) {
    return std::unexpected(internal_error("cannot create directory", m_root.string(), ec.message()));
  }
  UploadInfo upload{new_upload_id(), std::string(bucket), std::string(key), m_clock.now(),
                    checksum_algorithm ? std::optional<std::string>(*checksum_algorithm) : std::nullopt};
  // create_directory is false for a directory already there: an id collision, so draw again.
  while (!std::filesystem::create_directory(upload_dir(upload.upload_id), ec) && !ec) {
    upload.upload_id = new_upload_id();
  }
  const auto dir = upload_dir(upload.upload_id);
  if (ec) {
    return std::unexpected(internal_error("cannot create directory", dir.string(), ec.message()));
  }
  if (auto written = write_file_atomically(dir / k_upload_file_name, encode_upload(upload), std::nullopt,
                                           Durability::process_crash);
      !written) {
    std::filesystem::remove_all(dir, ec);
    return std::unexpected(internal_error(std::move(written.error())));
  }
  return upload.upload_id;
}

std::expected<std::string, S3Error> MultipartUploads::upload_part(std::string_view bucket,
                                                                  std::string_view key,
                                                                  std::string_view upload_id, int part_number,
                                                                  std::string_view bytes) {
  if (!is_part_number(part_number)) {
    return std::unexpected(bad_part_number());
  }
  if (bytes.size() > m_options.max_object_bytes) {
    return std::unexpected(entity_too_large_error());
  }
  const std::lock_guard lock(m_mutex);
  if (auto upload = find_upload(bucket, key, upload_id); !upload) {
    return std::unexpected(upload.error());
  }
  const auto file = upload_dir(upload_id) / part_file_name(part_number);
  if (auto written = write_file_atomically(file, bytes, m_clock.now(), Durability::process_crash); !written) {
    return std::unexpected(internal_error(std::move(written.error())));
  }
  std::string etag = etag_of(bytes);
  // Remember the ETag, so ListParts and Complete need not read the part back to hash it.
  if (auto stat = stat_regular_file(file); stat && *stat) {
    m_etags[file.string()] = {**stat, etag};
  }
  return etag;
}

std::expected<ListPartsResult, S3Error> MultipartUploads::list_parts(std::string_view bucket,
                                                                     std::string_view key,
                                                                     std::string_view upload_id,
                                                                     const ListPartsRequest& request) const {
  if (request.part_number_marker < 0 || request.max_parts < 0) {
    return std::unexpected(invalid_argument_error("part-number-marker and max-parts must not be negative"));
  }
  const std::lock_guard lock(m_mutex);
  auto upload = find_upload(bucket, key, upload_id);
  if (!upload) {
    return std::unexpected(upload.error());
  }
  auto parts = parts_of(upload_id);
  if (!parts) {
    return std::unexpected(parts.error());
  }
  ListPartsResult result{std::move(*upload), {}, false, 0};
  const auto max_parts = static_cast<std::size_t>(std::min(request.max_parts, k_max_parts_per_page));
  for (auto& part : *parts) {
    if (part.part_number <= request.part_number_marker) {
      continue;
    }
    if (result.parts.size() == max_parts) {
      result.is_truncated = true;
      break;
    }
    result.next_part_number_marker = part.part_number;
    result.parts.push_back(std::move(part));
  }
  return result;
}

std::expected<std::vector<UploadInfo>, S3Error> MultipartUploads::list_uploads(
    std::string_view bucket) const {
  const std::lock_guard lock(m_mutex);
  std::vector<UploadInfo> uploads;
  std::error_code ec;
  if (!std::filesystem::is_directory(m_root, ec)) {
    return uploads;
  }
  for (std::filesystem::directory_iterator it(m_root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string id = it->path().filename().string();
    if (!is_upload_id(id)) {
      continue;
    }
    auto upload = read_upload(it->path(), id);
    if (!upload) {
      return std::unexpected(upload.error());
    }
    if (*upload && (*upload)->bucket == bucket) {
      uploads.push_back(std::move(**upload));
    }
  }
  if (ec) {
    return std::unexpected(internal_error("cannot list", m_root.string(), ec.message()));
  }
  std::ranges::sort(uploads, [](const UploadInfo& a, const UploadInfo& b) {
    return std::tie(a.key, a.initiated, a.upload_id) < std::tie(b.key, b.initiated, b.upload_id);
  });
  return uploads;
}

std::expected<AssembledObject, S3Error> MultipartUploads::complete(std::string_view bucket,
                                                                   std::string_view key,
                                                                   std::string_view upload_id,
                                                                   const std::vector<CompletedPart>& parts,
                                                                   const StoreObject& store) {
  if (auto checked = check_completion_list(parts); !checked) {
    return std::unexpected(checked.error());
  }
  const std::lock_guard lock(m_mutex);
  if (auto upload = find_upload(bucket, key, upload_id); !upload) {
    return std::unexpected(upload.error());
  }
  auto uploaded = parts_of(upload_id);
  if (!uploaded) {
    return std::unexpected(uploaded.error());
  }
  std::vector<PartInfo> chosen;
  for (const auto& part : parts) {
    const auto found = std::ranges::find(*uploaded, part.part_number, &PartInfo::part_number);
    if (found == uploaded->end() || unquoted(found->etag) != unquoted(part.etag)) {
      return std::unexpected(invalid_part_error());
    }
    chosen.push_back(*found);
  }
  // Sizes only once every part is known to be right, so a wrong ETag is never reported as a size.
  std::vector<std::string> etags;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (i + 1 < chosen.size() && chosen[i].size < m_options.min_part_bytes) {
      return std::unexpected(entity_too_small_error());
    }
    etags.push_back(chosen[i].etag);
    total += chosen[i].size;
  }
  if (total > m_options.max_object_bytes) {
    return std::unexpected(entity_too_large_error());
  }
  AssembledObject object{{}, multipart_etag(etags)};
  object.bytes.reserve(static_cast<std::size_t>(total));
  const auto dir = upload_dir(upload_id);
  for (const auto& part : parts) {
    auto contents = read_part_file(dir / part_file_name(part.part_number));
    if (!contents) {
      return std::unexpected(contents.error());
    }
    object.bytes += contents->bytes;
  }
  if (store) {
    if (auto stored = store(object); !stored) {
      return std::unexpected(stored.error());
    }
  }
  if (auto removed = remove_upload(upload_id); !removed) {
    return std::unexpected(removed.error());
  }
  return object;
}

std::expected<void, S3Error> MultipartUploads::abort(std::string_view bucket, std::string_view key,
                                                     std::string_view upload_id) {
  const std::lock_guard lock(m_mutex);
  if (auto upload = find_upload(bucket, key, upload_id); !upload) {
    return std::unexpected(upload.error());
  }
  return remove_upload(upload_id);
}

std::expected<UploadInfo, S3Error> MultipartUploads::find_upload(std::string_view bucket,
                                                                 std::string_view key,
                                                                 std::string_view upload_id) const {
  if (!is_upload_id(upload_id)) {
    return std::unexpected(no_such_upload_error());
  }
  auto upload = read_upload(upload_dir(upload_id), upload_id);
  if (!upload) {
    return std::unexpected(upload.error());
  }
  if (!*upload || (*upload)->bucket != bucket || (*upload)->key != key) {
    return std::unexpected(no_such_upload_error());
  }
  return std::move(**upload);
}

std::filesystem::path MultipartUploads::upload_dir(std::string_view upload_id) const {
  return m_root / upload_id;
}

std::expected<void, S3Error> MultipartUploads::remove_upload(std::string_view upload_id) {
  const auto dir = upload_dir(upload_id);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (ec) {
    return std::unexpected(internal_error("cannot remove", dir.string(), ec.message()));
  }
  const std::string prefix = dir.string() + "/";
  std::erase_if(m_etags, [&](const auto& entry) { return entry.first.starts_with(prefix); });
  return {};
}

std::expected<std::vector<PartInfo>, S3Error> MultipartUploads::parts_of(std::string_view upload_id) const {
  const auto dir = upload_dir(upload_id);
  std::vector<PartInfo> parts;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto number = part_number_of(it->path().filename().string());
    if (!number) {
      continue;
    }
    auto stat = stat_regular_file(it->path());
    if (!stat) {
      return std::unexpected(stat.error());
    }
    if (!*stat) {
      continue;
    }
    auto etag = etag_of_part(it->path(), **stat);
    if (!etag) {
      return std::unexpected(etag.error());
    }
    parts.push_back({*number, std::move(*etag), (*stat)->size, (*stat)->modified});
  }
  if (ec) {
    return std::unexpected(internal_error("cannot list", dir.string(), ec.message()));
  }
  std::ranges::sort(parts, {}, &PartInfo::part_number);
  return parts;
}

std::expected<std::string, S3Error> MultipartUploads::etag_of_part(const std::filesystem::path& file,
                                                                   const FileStat& stat) const {
  if (const auto cached = m_etags.find(file.string());
      cached != m_etags.end() && cached->second.stat == stat) {
    return cached->second.etag;
  }
  auto contents = read_part_file(file);
  if (!contents) {
    return std::unexpected(contents.error());
  }
  std::string etag = etag_of(contents->bytes);
  m_etags[file.string()] = {contents->stat, etag};
  return etag;
}

}  // namespace drydock::emulator
