#pragma once
// The store behind S3's multipart upload API (CreateMultipartUpload, UploadPart, ListParts,
// ListMultipartUploads, CompleteMultipartUpload, AbortMultipartUpload;
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html and its sibling pages).
//
// Each upload is a directory <root>/<upload id>/ holding upload.json (bucket, key, initiated time,
// checksum algorithm) and one file per part, part-00001 … part-10000, every file written atomically
// (common/atomic_file.hpp), so uploads survive a restart and a re-uploaded part replaces the old one
// whole. Nothing else is kept in memory except a cache of the parts' ETags. A directory without
// upload.json (a crash during create) is not an upload.
//
// The store does not write the final object: complete() checks the request against AWS's rules and
// returns the assembled bytes and the multipart ETag, and the caller stores them with
// S3Service::put_object. Upload ids arrive from the wire, so every operation checks one's characters
// before it becomes a path component: an id that could name anything outside the root is NoSuchUpload.
// Every operation is serialised by the store's mutex.

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/clock.hpp"
#include "emulator/s3/object_file.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// AWS's range of part numbers.
inline constexpr int k_min_part_number = 1;
inline constexpr int k_max_part_number = 10000;
// The most parts ListParts returns in one page.
inline constexpr int k_max_parts_per_page = 1000;

struct MultipartOptions {
  // Every part but the last must be at least this large (AWS: 5 MiB); tests may lower it.
  std::uint64_t min_part_bytes = std::uint64_t{5} << 20;
  // The largest part and the largest assembled object (EntityTooLarge above it). complete() holds the
  // object in memory, so the default is AWS's single-PUT limit, 5 GiB, not its 5 TiB multipart limit.
  std::uint64_t max_object_bytes = std::uint64_t{5} << 30;
};

// One upload, as ListMultipartUploads and ListParts describe it.
struct UploadInfo {
  std::string upload_id;
  std::string bucket;
  std::string key;
  Instant initiated;
  // x-amz-checksum-algorithm given to create(), if any.
  std::optional<std::string> checksum_algorithm;
  friend bool operator==(const UploadInfo&, const UploadInfo&) = default;
};

// One uploaded part, as ListParts describes it.
struct PartInfo {
  int part_number = 0;
  std::string etag;  // "\"<md5 hex>\"", quotes included
  std::uint64_t size = 0;
  Instant last_modified;
  friend bool operator==(const PartInfo&, const PartInfo&) = default;
};

// ListParts' paging: parts numbered above `part_number_marker`, at most `max_parts` of them
// (capped at k_max_parts_per_page).
struct ListPartsRequest {
  int part_number_marker = 0;
  int max_parts = k_max_parts_per_page;
};

struct ListPartsResult {
  UploadInfo upload;
  std::vector<PartInfo> parts;  // ascending part numbers
  bool is_truncated = false;
  // The marker that asks for the next page: the last listed part's number (0 when none was listed).
  int next_part_number_marker = 0;
};

// One <Part> of a CompleteMultipartUpload request.
struct CompletedPart {
  int part_number = 0;
  std::string etag;  // with or without the surrounding quotes
};

// What complete() returns, for the caller to store as the object.
struct AssembledObject {
  std::string bytes;  // the listed parts, concatenated in order
  // "\"" + md5_hex(the listed parts' binary MD5 digests, concatenated) + "-" + part count + "\"".
  std::string etag;
};

// `"` + md5_hex(the binary MD5 digests named by `part_etags`, concatenated) + "-" + their count + `"`:
// S3's ETag of an object assembled from parts with these ETags (each "\"<md5 hex>\"", quotes optional).
std::string multipart_etag(const std::vector<std::string>& part_etags);

class MultipartUploads {
 public:
  // A store over directory `root`, created by the first create() if missing. `clock` stamps the
  // initiated time of uploads and the last-modified time of parts; it must outlive the store.
  MultipartUploads(std::filesystem::path root, const Clock& clock, MultipartOptions options = {});

  // CreateMultipartUpload: records a new upload of `key` into `bucket` and returns its id (64
  // lower-case hex digits from std::random_device). The bucket is not checked: that is the caller's.
  // Fails with InvalidArgument/KeyTooLongError for the key (object_key.hpp), InvalidArgument for a
  // checksum algorithm other than CRC32, CRC32C, CRC64NVME, SHA1 or SHA256, InternalError on I/O.
  std::expected<std::string, S3Error> create(
      std::string_view bucket, std::string_view key,
      std::optional<std::string_view> checksum_algorithm = std::nullopt);

  // UploadPart: stores `bytes` as part `part_number`, replacing any part with that number, and returns
  // its ETag. Fails with InvalidArgument ("Part number must be an integer between 1 and 10000,
  // inclusive"), NoSuchUpload when there is no upload `upload_id` of `key` into `bucket`,
  // EntityTooLarge above max_object_bytes, InternalError on I/O.
  std::expected<std::string, S3Error> upload_part(std::string_view bucket, std::string_view key,
                                                  std::string_view upload_id, int part_number,
                                                  std::string_view bytes);

  // ListParts: the upload and one page of its parts. Fails with NoSuchUpload as upload_part does,
  // InvalidArgument for a negative marker or max_parts, InternalError on I/O.
  std::expected<ListPartsResult, S3Error> list_parts(std::string_view bucket, std::string_view key,
                                                     std::string_view upload_id,
                                                     const ListPartsRequest& request = {}) const;

  // ListMultipartUploads: every upload into `bucket` (none when it has none), ordered by key, then
  // initiated time, then id. Fails with InternalError when the root or an upload.json cannot be read.
  std::expected<std::vector<UploadInfo>, S3Error> list_uploads(std::string_view bucket) const;

  // The caller's storing of a completed object; the upload is removed only once this succeeded.
  using StoreObject = std::function<std::expected<void, S3Error>(const AssembledObject&)>;

  // CompleteMultipartUpload: assembles the listed parts, hands them to `store` (when given), and then
  // removes the upload (parts uploaded but not listed are discarded with it); when `store` fails, the
  // upload stays for a retry and its error is returned. Fails, leaving the upload as it was, with
  // NoSuchUpload as
  // upload_part does; MalformedXML for an empty list; InvalidPartOrder unless part numbers strictly
  // ascend; InvalidArgument for a part number outside 1..10000; InvalidPart when a listed part was
  // not uploaded or its ETag differs (quotes aside); EntityTooSmall when a part but the last is under
  // min_part_bytes; EntityTooLarge when the object would exceed max_object_bytes; InternalError on I/O.
  std::expected<AssembledObject, S3Error> complete(std::string_view bucket, std::string_view key,
                                                   std::string_view upload_id,
                                                   const std::vector<CompletedPart>& parts,
                                                   const StoreObject& store = {});

  // AbortMultipartUpload: removes the upload and its parts. Fails with NoSuchUpload as upload_part
  // does, InternalError on I/O.
  std::expected<void, S3Error> abort(std::string_view bucket, std::string_view key,
                                     std::string_view upload_id);

  // The store's directory.
  const std::filesystem::path& root() const { return m_root; }

 private:
  // The upload `upload_id` of `key` into `bucket`; NoSuchUpload for an id that is not one of ours (by
  // its characters or on disk) or belongs to another bucket or key.
  std::expected<UploadInfo, S3Error> find_upload(std::string_view bucket, std::string_view key,
                                                 std::string_view upload_id) const;
  // The directory of a validated id.
  std::filesystem::path upload_dir(std::string_view upload_id) const;
  // Removes a found upload's directory and forgets its parts' ETags.
  std::expected<void, S3Error> remove_upload(std::string_view upload_id);
  // The uploaded parts of a found upload, ascending.
  std::expected<std::vector<PartInfo>, S3Error> parts_of(std::string_view upload_id) const;
  // The ETag of the part file `file` with stat `stat`, from the cache when the stat is unchanged.
  std::expected<std::string, S3Error> etag_of_part(const std::filesystem::path& file,
                                                   const FileStat& stat) const;

  struct CachedEtag {
    FileStat stat;
    std::string etag;
  };

  std::filesystem::path m_root;
  const Clock& m_clock;
  MultipartOptions m_options;
  mutable std::mutex m_mutex;
  mutable std::map<std::string, CachedEtag, std::less<>> m_etags;  // part file path → ETag
};

}  // namespace drydock::emulator
