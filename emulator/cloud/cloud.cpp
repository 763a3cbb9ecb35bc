#include "emulator/cloud/cloud.hpp"

#include <fmt/format.h>

namespace drydock::emulator {
namespace {

std::string describe(const SqsError& error) {
  return fmt::format("{}: {}", error.code, error.message);
}

std::expected<void, std::string> provision_queues(SqsService& sqs, const CloudLayout& layout) {
  std::vector<const QueuePair*> pairs;
  if (layout.fan_out) {
    pairs.push_back(&*layout.fan_out);
  }
  for (const auto& pair : layout.workers) {
    pairs.push_back(&pair);
  }
  for (const auto* pair : pairs) {
    for (const auto* config : {&pair->dlq, &pair->queue}) {  // a RedrivePolicy needs its DLQ first
      if (auto created = sqs.create_queue(*config, /*update_existing=*/true); !created) {
        return std::unexpected(fmt::format("cannot create queue {} ({}): {}", config->name, pair->owner,
                                           describe(created.error())));
      }
    }
  }
  return {};
}

// The state directory's buckets: the template bucket's overlay, and the buckets clients created.
constexpr std::string_view k_buckets_dir = "buckets";

std::expected<void, std::string> provision_template_bucket(S3Service& s3, SqsService& sqs,
                                                           const CloudLayout& layout,
                                                           const CloudOptions& options) {
  if (layout.template_bucket.empty()) {
    return {};
  }
  std::optional<std::filesystem::path> overlay;
  if (!options.write_through) {
    overlay = options.state_dir / k_buckets_dir / layout.template_bucket;
  }
  if (auto created = s3.create_bucket(layout.template_bucket, options.templates_dir, overlay); !created) {
    return std::unexpected(
        fmt::format("cannot create the template bucket {} (STARFLEET.TemplateBucket): {}: {}",
                    layout.template_bucket, created.error().code, created.error().message));
  }
  if (!layout.fan_out) {
    return {};
  }
  // Upstream's SAM template: the template bucket notifies the fan-out queue of every created object.
  NotificationConfiguration notifications;
  notifications.queue_configurations.push_back({"StarbaseTemplateNotification",
                                                sqs.queue_arn(layout.fan_out->queue.name),
                                                {"s3:ObjectCreated:*"},
                                                "",
                                                ""});
  if (auto put = s3.put_bucket_notification_configuration(layout.template_bucket, std::move(notifications));
      !put) {
    return std::unexpected(fmt::format("cannot configure notifications of bucket {}: {}",
                                       layout.template_bucket, put.error().message));
  }
  return {};
}

}  // namespace

std::expected<void, S3Error> SqsNotificationSink::deliver(std::string_view queue_arn, std::string body) {
  if (!m_guard) {
    return send(queue_arn, std::move(body));
  }
  std::expected<void, S3Error> sent;
  m_guard([&] { sent = send(queue_arn, std::move(body)); });
  return sent;
}

std::expected<void, S3Error> SqsNotificationSink::send(std::string_view queue_arn, std::string body) {
  const auto colon = queue_arn.rfind(':');
  const std::string name(colon == std::string_view::npos ? queue_arn : queue_arn.substr(colon + 1));
  if (m_sqs.queue_arn(name) != queue_arn) {
    return std::unexpected(S3Error{"InvalidArgument", fmt::format("no such queue: {}", queue_arn)});
  }
  if (auto sent = m_sqs.send_message(name, {.body = std::move(body)}); !sent) {
    return std::unexpected(S3Error{sent.error().code, sent.error().message});
  }
  return {};
}

Cloud::Cloud(CloudLayout layout, std::unique_ptr<StateStore> store, Instant start)
    : m_layout(std::move(layout)), m_store(std::move(store)), m_clock(start) {}

std::expected<std::unique_ptr<Cloud>, std::string> Cloud::open(CloudLayout layout,
                                                               const CloudOptions& options) {
  auto store = StateStore::open(options.state_dir, options.database);
  if (!store) {
    return std::unexpected(store.error());
  }
  auto owned = std::make_unique<StateStore>(std::move(*store));
  const Instant fallback = options.clock_start.value_or(RealClock().now());
  const Instant start = owned->saved_clock().value_or(fallback);
  const Instant epoch = owned->epoch(start);
  std::unique_ptr<Cloud> cloud(new Cloud(std::move(layout), std::move(owned), start));
  cloud->m_sqs = std::make_unique<SqsService>(
      *cloud->m_store, cloud->m_clock,
      SqsOptions{.region = cloud->m_layout.region, .account_id = cloud->m_layout.account_id});
  cloud->m_sink = std::make_unique<SqsNotificationSink>(*cloud->m_sqs);
  // No s3:TestEvent: provisioning runs on every command and AWS sends it once, at stack creation.
  cloud->m_s3 = std::make_unique<S3Service>(
      cloud->m_clock, *cloud->m_sink,
      S3ServiceOptions{.region = cloud->m_layout.region, .send_test_event = false});
  try {
    if (auto queues = provision_queues(*cloud->m_sqs, cloud->m_layout); !queues) {
      return std::unexpected(queues.error());
    }
    if (auto bucket = provision_template_bucket(*cloud->m_s3, *cloud->m_sqs, cloud->m_layout, options);
        !bucket) {
      return std::unexpected(bucket.error());
    }
    if (auto buckets = cloud->open_state_buckets(); !buckets) {
      return std::unexpected(buckets.error());
    }
    for (const auto& rule : cloud->m_layout.rules) {
      if (auto added = cloud->m_scheduler.add(rule, epoch); !added) {
        return std::unexpected(added.error());
      }
    }
    cloud->save_clock();
  } catch (const StoreFailure& failure) {
    return std::unexpected(std::string(failure.what()));
  }
  return cloud;
}

std::vector<Firing> Cloud::advance(std::chrono::milliseconds window) {
  auto firings = m_scheduler.advance(m_clock, window);
  save_clock();
  return firings;
}

bool Cloud::advance_to(Instant target) {
  const bool moved = m_clock.advance_to(target);
  save_clock();
  return moved;
}

void Cloud::save_clock() {
  m_store->save_clock(m_clock.now());
}

std::filesystem::path Cloud::buckets_dir() const {
  return m_store->dir() / k_buckets_dir;
}

std::expected<void, std::string> Cloud::open_state_buckets() {
  std::error_code error;
  std::filesystem::directory_iterator entries(buckets_dir(), error);
  if (error) {
    return {};  // no bucket was ever created
  }
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (name == m_layout.template_bucket || !entry.is_directory(error) || !validate_bucket_name(name)) {
      continue;
    }
    if (auto opened = m_s3->create_bucket(name, entry.path()); !opened) {
      return std::unexpected(
          fmt::format("cannot open bucket {} ({}): {}", name, entry.path().string(), opened.error().message));
    }
  }
  return {};
}

std::expected<void, S3Error> Cloud::create_bucket(std::string_view name) {
  if (auto valid = validate_bucket_name(name); !valid) {
    return valid;
  }
  const std::filesystem::path directory = buckets_dir() / name;
  if (auto created = m_s3->create_bucket(name, directory); !created) {
    return created;
  }
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    (void)m_s3->delete_bucket(name);
    return std::unexpected(internal_error("create bucket directory", directory.string(), error.message()));
  }
  return {};
}

std::expected<void, S3Error> Cloud::delete_bucket(std::string_view name) {
  if (name == m_layout.template_bucket) {
    return std::unexpected(S3Error{
        "AccessDenied", fmt::format("{} is the template bucket (STARFLEET.TemplateBucket), the project's "
                                    "templates directory: Drydock does not delete it",
                                    name)});
  }
  if (auto deleted = m_s3->delete_bucket(name); !deleted) {
    return deleted;
  }
  std::error_code error;
  std::filesystem::remove_all(buckets_dir() / name, error);
  if (error) {
    return std::unexpected(
        internal_error("remove bucket directory", (buckets_dir() / name).string(), error.message()));
  }
  return {};
}

}  // namespace drydock::emulator
