#include "emulator/s3/s3_service.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "emulator/common/base64.hpp"
#include "emulator/s3/event_record.hpp"

namespace drydock::emulator {
namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Four dot-separated groups of 1-3 digits ("192.168.5.4"), which S3 refuses as a bucket name.
bool looks_like_ip_address(std::string_view name) {
  int groups = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::string_view group = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (group.empty() || group.size() > 3 ||
        !std::ranges::all_of(group, [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    ++groups;
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  return groups == 4;
}

std::string base64(const std::vector<unsigned char>& bytes) {
  return base64_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

std::expected<void, S3Error> validate_bucket_name(std::string_view name) {
  const auto invalid = [] {
    return std::unexpected(S3Error{"InvalidBucketName", "The specified bucket is not valid."});
  };
  if (name.size() < 3 || name.size() > 63) {
    return invalid();
  }
  if (!std::ranges::all_of(name, [](char c) { return is_lower_alnum(c) || c == '.' || c == '-'; })) {
    return invalid();
  }
  if (!is_lower_alnum(name.front()) || !is_lower_alnum(name.back()) ||
      name.find("..") != std::string_view::npos || looks_like_ip_address(name)) {
    return invalid();
  }
  constexpr std::array<std::string_view, 3> k_reserved_prefixes = {"xn--", "sthree-", "amzn-s3-demo-"};
  constexpr std::array<std::string_view, 5> k_reserved_suffixes = {"-s3alias", "--ol-s3", ".mrap", "--x-s3",
                                                                   "--table-s3"};
  if (std::ranges::any_of(k_reserved_prefixes, [&](std::string_view p) { return name.starts_with(p); }) ||
      std::ranges::any_of(k_reserved_suffixes, [&](std::string_view s) { return name.ends_with(s); })) {
    return invalid();
  }
  return {};
}

S3Service::S3Service(const Clock& clock, NotificationSink& sink, S3ServiceOptions options)
    : m_clock(clock),
      m_sink(sink),
      m_options(std::move(options)),
      m_random(m_options.random_seed.value_or(std::random_device{}())) {}

S3Service::~S3Service() = default;

std::string S3Service::new_request_id() {
  return fmt::format("{:016X}", m_random());
}

std::string S3Service::new_host_id() {
  std::vector<unsigned char> bytes(48);
  for (auto& byte : bytes) {
    byte = static_cast<unsigned char>(m_random() & 0xFF);
  }
  return base64(bytes);
}

std::string S3Service::next_sequencer(BucketState& state, Instant at) {
  // Time-based so that sequencers also grow across restarts of a real-clock run; the counter keeps them
  // strictly increasing when puts share a millisecond (always, under a stopped virtual clock), and when
  // a put that took its time earlier stores its object later.
  const auto ms = at.time_since_epoch().count();
  const std::uint64_t from_time = ms > 0 ? static_cast<std::uint64_t>(ms) << 16 : 0;
  state.last_sequencer = std::max(state.last_sequencer + 1, from_time);
  return fmt::format("{:016X}", state.last_sequencer);
}

std::expected<void, S3Error> S3Service::create_bucket(std::string_view name, std::filesystem::path base,
                                                      std::optional<std::filesystem::path> overlay) {
  if (auto valid = validate_bucket_name(name); !valid) {
    return valid;
  }
  const std::lock_guard lock(m_mutex);
  if (m_buckets.contains(name)) {
    return std::unexpected(
        S3Error{"BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already "
                "own it."});
  }
  auto opened = Bucket::open(std::string(name), std::move(base), std::move(overlay), &m_clock);
  if (!opened) {
    return std::unexpected(opened.error());
  }
  m_buckets.emplace(std::string(name), BucketState{std::move(*opened), {}, 0, m_clock.now()});
  return {};
}

S3Service::BucketState* S3Service::state_of(std::string_view name) {
  const std::lock_guard lock(m_mutex);
  const auto found = m_buckets.find(name);
  return found == m_buckets.end() ? nullptr : &found->second;
}

std::expected<Bucket*, S3Error> S3Service::bucket(std::string_view name) const {
  const std::lock_guard lock(m_mutex);
  const auto found = m_buckets.find(name);
  if (found == m_buckets.end()) {
    return std::unexpected(no_such_bucket_error());
  }
  return found->second.bucket.get();
}

std::vector<std::string> S3Service::bucket_names() const {
  const std::lock_guard lock(m_mutex);
  std::vector<std::string> names;
  for (const auto& entry : m_buckets) {
    names.push_back(entry.first);
  }
  return names;
}

std::optional<Instant> S3Service::creation_time(std::string_view name) const {
  const std::lock_guard lock(m_mutex);
  const auto found = m_buckets.find(name);
  if (found == m_buckets.end()) {
    return std::nullopt;
  }
  return found->second.created;
}

std::expected<void, S3Error> S3Service::put_bucket_notification_configuration(
    std::string_view bucket, NotificationConfiguration configuration) {
  if (auto valid = validate_notification_configuration(configuration); !valid) {
    return valid;
  }
  std::vector<std::pair<std::string, std::string>> test_events;  // queue ARN, body
  {
    const std::lock_guard lock(m_mutex);
    if (!m_buckets.contains(bucket)) {
      return std::unexpected(no_such_bucket_error());
    }
    for (auto& queue : configuration.queue_configurations) {
      if (queue.id.empty()) {
        queue.id = fmt::format("{:016x}{:016x}", m_random(), m_random());
      }
      if (m_options.send_test_event) {
        test_events.emplace_back(queue.queue_arn,
                                 test_event_body(bucket, m_clock.now(), new_request_id(), new_host_id()));
      }
    }
  }
  for (auto& [queue_arn, body] : test_events) {
    if (auto delivered = m_sink.deliver(queue_arn, std::move(body)); !delivered) {
      return std::unexpected(invalid_argument_error(
          fmt::format("Unable to validate the following destination configurations: {} ({}: {})", queue_arn,
                      delivered.error().code, delivered.error().message)));
    }
  }
  const std::lock_guard lock(m_mutex);
  m_buckets.find(bucket)->second.notifications = std::move(configuration);
  return {};
}

std::expected<NotificationConfiguration, S3Error> S3Service::get_bucket_notification_configuration(
    std::string_view bucket) const {
  const std::lock_guard lock(m_mutex);
  const auto found = m_buckets.find(bucket);
  if (found == m_buckets.end()) {
    return std::unexpected(no_such_bucket_error());
  }
  return found->second.notifications;
}

std::expected<PutObjectResult, S3Error> S3Service::put_object(std::string_view bucket, std::string_view key,
                                                              std::string_view body, std::string_view how,
                                                              std::optional<Instant> at) {
  BucketState* state = state_of(bucket);
  if (state == nullptr) {
    return std::unexpected(no_such_bucket_error());
  }
  // Not value_or: a server thread giving `at` must not read the service clock, which SQS moves.
  const Instant time = at ? *at : m_clock.now();
  PutObjectResult result;
  auto stored =
      state->bucket->put_object(key, body, time, [&] { result.sequencer = next_sequencer(*state, time); });
  if (!stored) {
    return std::unexpected(stored.error());
  }
  result.object = std::move(*stored);
  struct Delivery {
    std::string configuration_id;
    std::string queue_arn;
    std::string body;
  };
  std::vector<Delivery> deliveries;
  {
    const std::lock_guard lock(m_mutex);
    result.request_id = new_request_id();
    ObjectEvent event;
    event.event_version = m_options.event_version;
    event.region = m_options.region;
    event.event_time = time;
    event.event_name = fmt::format("ObjectCreated:{}", how);
    event.requester_principal_id = m_options.requester_principal_id;
    event.source_ip = m_options.source_ip;
    event.request_id = result.request_id;
    event.host_id = new_host_id();
    event.bucket = std::string(bucket);
    event.owner_principal_id = m_options.owner_principal_id;
    event.key = std::string(key);
    event.size = result.object.size;
    // The record's eTag is the ETag header without its quotes.
    event.etag = result.object.etag.substr(1, result.object.etag.size() - 2);
    event.sequencer = result.sequencer;
    const std::string event_type = fmt::format("s3:{}", event.event_name);
    for (const auto& queue : state->notifications.queue_configurations) {
      if (notification_matches(queue, event_type, key)) {
        event.configuration_id = queue.id;
        deliveries.push_back({queue.id, queue.queue_arn, object_event_body(event)});
      }
    }
  }
  // Outside the lock: the sink may be the emulated SQS, which must not wait on S3.
  for (auto& delivery : deliveries) {
    if (auto delivered = m_sink.deliver(delivery.queue_arn, std::move(delivery.body)); !delivered) {
      result.failed_deliveries.push_back({delivery.configuration_id, delivery.queue_arn, delivered.error()});
    }
  }
  return result;
}

std::expected<void, S3Error> S3Service::delete_bucket(std::string_view name) {
  const std::lock_guard lock(m_mutex);
  const auto found = m_buckets.find(name);
  if (found == m_buckets.end()) {
    return std::unexpected(no_such_bucket_error());
  }
  auto listed = found->second.bucket->list_objects_v2(ListObjectsV2Request{.max_keys = 1});
  if (!listed) {
    return std::unexpected(listed.error());
  }
  if (!listed->contents.empty()) {
    return std::unexpected(S3Error{"BucketNotEmpty", "The bucket you tried to delete is not empty"});
  }
  m_buckets.erase(found);
  return {};
}

std::expected<S3Object, S3Error> S3Service::get_object(std::string_view bucket, std::string_view key) const {
  auto target = this->bucket(bucket);
  if (!target) {
    return std::unexpected(target.error());
  }
  return (*target)->get_object(key);
}

std::expected<ObjectMetadata, S3Error> S3Service::head_object(std::string_view bucket,
                                                              std::string_view key) const {
  auto target = this->bucket(bucket);
  if (!target) {
    return std::unexpected(target.error());
  }
  return (*target)->head_object(key);
}

std::expected<void, S3Error> S3Service::delete_object(std::string_view bucket, std::string_view key) {
  auto target = this->bucket(bucket);
  if (!target) {
    return std::unexpected(target.error());
  }
  return (*target)->delete_object(key);
}

std::expected<ListObjectsV2Result, S3Error> S3Service::list_objects_v2(
    std::string_view bucket, const ListObjectsV2Request& request) const {
  auto target = this->bucket(bucket);
  if (!target) {
    return std::unexpected(target.error());
  }
  return (*target)->list_objects_v2(request);
}

}  // namespace drydock::emulator
