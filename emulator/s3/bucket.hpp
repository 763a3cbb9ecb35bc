#pragma once
// An emulated S3 bucket backed by a directory (object_tree.hpp: key K is the file at relative path K).
//
// With an overlay directory, the base directory is only read: reads look in the overlay first, puts and
// deletes go to the overlay, and deleting an object that exists in the base records a tombstone in the
// overlay (tombstones.hpp) so the object disappears without touching the base. This is how a project's
// templates/ directory is served without being modified. Without an overlay the base directory is
// written directly (`--write-through`, and the state dir's own buckets).
//
// Every operation validates its key (object_key.hpp). Reads (get, head, list) run concurrently with
// each other; a put or a delete runs alone in its bucket (a shared mutex that lets a waiting put in
// before new reads), so a reader sees an object whole, before or after a put (the put renames a
// complete file into place). Objects
// have no metadata beyond their bytes: size, ETag (the MD5 of the bytes, in quotes as S3 returns it;
// right for single-part uploads without SSE-KMS) and LastModified (the file's modification time, which a
// put sets from the injected Clock).

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "emulator/common/clock.hpp"
#include "emulator/s3/list_objects.hpp"
#include "emulator/s3/object_file.hpp"
#include "emulator/s3/object_tree.hpp"
#include "emulator/s3/s3_error.hpp"
#include "emulator/s3/tombstones.hpp"
#include "emulator/s3/writer_first_mutex.hpp"

namespace drydock::emulator {

// What HeadObject returns.
struct ObjectMetadata {
  std::uint64_t size = 0;
  std::string etag;  // "\"<md5 hex>\"", quotes included
  Instant last_modified;
  friend bool operator==(const ObjectMetadata&, const ObjectMetadata&) = default;
};

// What GetObject returns.
struct S3Object {
  std::string body;
  ObjectMetadata metadata;
};

// `"` + md5_hex(bytes) + `"`: S3's ETag of an object uploaded in one part.
std::string etag_of(std::string_view bytes);

class Bucket {
 public:
  // Opens bucket `name` over `base`, writing to `overlay` when given (see above). `clock`, when given,
  // stamps each put's LastModified; else the file keeps the host's time. The clock must outlive the
  // bucket. Directories that do not exist yet hold no objects and are created by the first put. Fails
  // with InvalidArgument when `base` or `overlay` exists but is not a directory, or when they are the
  // same directory; with InternalError when the overlay's tombstones cannot be read.
  static std::expected<std::unique_ptr<Bucket>, S3Error> open(std::string name, std::filesystem::path base,
                                                              std::optional<std::filesystem::path> overlay,
                                                              const Clock* clock = nullptr);

  // The bucket's name, as given to open().
  const std::string& name() const { return m_name; }
  // The directory objects are read from (and, without an overlay, written to).
  const std::filesystem::path& base_dir() const { return m_base.root(); }
  // The overlay directory, or nullopt for a write-through bucket.
  std::optional<std::filesystem::path> overlay_dir() const;

  // GetObject: the bytes and metadata. Fails with NoSuchKey when there is no such object (or it is
  // tombstoned), InvalidArgument/KeyTooLongError for a key Drydock does not accept, InternalError on I/O.
  std::expected<S3Object, S3Error> get_object(std::string_view key) const;

  // HeadObject: get_object's metadata without the body; same failures.
  std::expected<ObjectMetadata, S3Error> head_object(std::string_view key) const;

  // PutObject: stores `body` atomically (replacing any previous object; no fsync: safe against a crash
  // of the process, not of the machine, common/atomic_file.hpp) and returns its metadata, whose etag is
  // S3's ETag response header. LastModified is `at` when given, else the bucket's clock's time.
  // `stored`, when given, is called once the object is stored and before any other put or delete of
  // this bucket can start (S3Service numbers its event records there, in the order of the objects).
  // Fails with InvalidArgument/KeyTooLongError for the key, InternalError on I/O (then the previous
  // object, if any, is unchanged and `stored` is not called).
  std::expected<ObjectMetadata, S3Error> put_object(std::string_view key, std::string_view body,
                                                    std::optional<Instant> at = std::nullopt,
                                                    const std::function<void()>& stored = {});

  // DeleteObject: succeeds whether or not the object existed, as S3 does. Fails with
  // InvalidArgument/KeyTooLongError for the key, InternalError on I/O.
  std::expected<void, S3Error> delete_object(std::string_view key);

  // ListObjectsV2 (list_objects.hpp for the request's rules). Fails with InvalidArgument for a negative
  // max_keys or an incorrect continuation token, InternalError when a directory cannot be read.
  std::expected<ListObjectsV2Result, S3Error> list_objects_v2(const ListObjectsV2Request& request) const;

 private:
  Bucket(std::string name, ObjectTree base, std::optional<ObjectTree> overlay,
         std::optional<Tombstones> tombstones, const Clock* clock);

  // Validates `key` and, holding the mutex, calls `read` with the file holding it (a
  // std::expected<T, S3Error> function); NoSuchKey when there is none. Defined in bucket.cpp.
  template <typename Read>
  std::invoke_result_t<Read&, const std::filesystem::path&> read_object(std::string_view key,
                                                                        Read read) const;
  // The file currently holding `key` (overlay, then base unless tombstoned), or nullopt.
  std::expected<std::optional<std::filesystem::path>, S3Error> locate(std::string_view key) const;
  // The cached ETag of `file` if its stat is unchanged since it was hashed, else reads and hashes it
  // (listing a template tree must not re-read every file each time).
  std::expected<std::optional<ObjectMetadata>, S3Error> metadata_of(const std::filesystem::path& file) const;
  void remember_etag(const std::filesystem::path& file, const FileStat& stat, const std::string& etag) const;
  // The cached ETag of `file` when `stat` is the stat it was hashed with; else nullopt.
  std::optional<std::string> cached_etag(const std::filesystem::path& file, const FileStat& stat) const;

  struct CachedEtag {
    FileStat stat;
    std::string etag;
  };

  std::string m_name;
  ObjectTree m_base;
  std::optional<ObjectTree> m_overlay;
  std::optional<Tombstones> m_tombstones;  // set iff m_overlay is
  const Clock* m_clock;
  mutable WriterFirstMutex m_mutex;  // shared: reads; exclusive: puts and deletes
  mutable std::mutex m_etags_mutex;  // readers add to the cache too
  mutable std::map<std::string, CachedEtag, std::less<>> m_etags;  // file path → ETag
};

}  // namespace drydock::emulator
