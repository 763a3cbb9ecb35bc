#pragma once
// The emulated cloud of one project, assembled and provisioned: the durable state store, the virtual
// clock (continuing from the time saved in the store), SQS with the queues of the CloudLayout, S3 with
// the template bucket (the project's templates dir, writes to an overlay in the state dir unless
// write-through) notifying the Starbase fan-out queue as upstream's SAM template does, and the
// EventBridge rules anchored at the state's creation.

#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/cloud/cloud_layout.hpp"
#include "emulator/eventbridge/schedule.hpp"
#include "emulator/s3/s3_service.hpp"
#include "emulator/sqs/sqs_service.hpp"
#include "emulator/state/state_store.hpp"

namespace drydock::emulator {

struct CloudOptions {
  std::filesystem::path state_dir;      // drydock.yaml's `state:` (default <project>/.drydock)
  std::filesystem::path templates_dir;  // the template bucket's contents
  bool write_through = false;           // writes to the template bucket change templates_dir itself
  // The virtual clock's start for a new state store; default: the real time when the store is created.
  std::optional<Instant> clock_start;
  DatabaseOptions database;
};

// Delivers S3 event records as SendMessage to the queue named by the ARN.
class SqsNotificationSink final : public NotificationSink {
 public:
  // Runs `send` once, where the SqsService may be used (`drydock serve`: under its gate's lock).
  using Guard = std::function<void(const std::function<void()>& send)>;

  explicit SqsNotificationSink(SqsService& sqs) : m_sqs(sqs) {}
  std::expected<void, S3Error> deliver(std::string_view queue_arn, std::string body) override;

  // Every later delivery uses the SqsService inside `guard`; an empty guard (the default) uses it
  // directly, on the calling thread. Set it while no delivery is under way.
  void set_guard(Guard guard) { m_guard = std::move(guard); }

 private:
  std::expected<void, S3Error> send(std::string_view queue_arn, std::string body);

  SqsService& m_sqs;
  Guard m_guard;
};

class Cloud {
 public:
  // Opens the state store and provisions `layout`: every queue (DLQs first) created or updated to the
  // layout's settings, messages kept; the template bucket and its notification. Fails with a message
  // naming what could not be created (a locked or unreadable store, an invalid bucket name, ...).
  static std::expected<std::unique_ptr<Cloud>, std::string> open(CloudLayout layout,
                                                                 const CloudOptions& options);

  const CloudLayout& layout() const { return m_layout; }
  StateStore& store() { return *m_store; }
  VirtualClock& clock() { return m_clock; }
  SqsService& sqs() { return *m_sqs; }
  S3Service& s3() { return *m_s3; }
  // What delivers the S3 notifications to SQS (the server sets its guard).
  SqsNotificationSink& notification_sink() { return *m_sink; }
  const Scheduler& scheduler() const { return m_scheduler; }

  // Every firing of the enabled rules in (now, now + window], in time order; moves the clock to the
  // end of the window and saves it.
  std::vector<Firing> advance(std::chrono::milliseconds window);
  // Moves the clock to `target` (never backwards) and saves it; false when `target` is in the past.
  bool advance_to(Instant target);
  // Saves the clock's time in the store (commands call it when they finish).
  void save_clock();

  // CreateBucket from a client: a bucket of the state directory (<state>/buckets/<name>, written
  // directly), there again when the state is next opened. S3Service::create_bucket's errors.
  std::expected<void, S3Error> create_bucket(std::string_view name);
  // DeleteBucket from a client: S3Service::delete_bucket, then its directory is removed. The template
  // bucket is the project's templates directory and is never deleted (AccessDenied, saying so).
  std::expected<void, S3Error> delete_bucket(std::string_view name);

 private:
  Cloud(CloudLayout layout, std::unique_ptr<StateStore> store, Instant start);
  // Opens every bucket a client created in an earlier run (each directory of buckets_dir() but the
  // template bucket's overlay).
  std::expected<void, std::string> open_state_buckets();
  std::filesystem::path buckets_dir() const;

  CloudLayout m_layout;
  std::unique_ptr<StateStore> m_store;
  VirtualClock m_clock;
  std::unique_ptr<SqsService> m_sqs;
  std::unique_ptr<SqsNotificationSink> m_sink;
  std::unique_ptr<S3Service> m_s3;
  Scheduler m_scheduler;
};

}  // namespace drydock::emulator
