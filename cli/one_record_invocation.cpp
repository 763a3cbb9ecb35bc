#include "cli/one_record_invocation.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cli/app.hpp"
#include "emulator/common/md5.hpp"
#include "emulator/lambda/sqs_event.hpp"

namespace drydock::cli {

OneRecordInvocation one_record_invocation(emulator::Cloud& cloud, const emulator::QueuePair& pair,
                                          const std::string& body, bool commit) {
  const auto& layout = cloud.layout();
  const std::string now = std::to_string(cloud.clock().now().time_since_epoch().count());
  emulator::ReceivedMessage message;
  message.message_id = std::string(k_one_record_message_id);
  message.receipt_handle = "drydock-run";
  message.body = body;
  message.md5_of_body = emulator::md5_hex(body);
  message.attributes = {{"ApproximateReceiveCount", "1"},
                        {"SentTimestamp", now},
                        {"SenderId", cloud.sqs().options().sender_id},
                        {"ApproximateFirstReceiveTimestamp", now}};
  OneRecordInvocation invocation;
  invocation.event =
      emulator::sqs_event_json({message}, cloud.sqs().queue_arn(pair.queue.name), layout.region);
  workers::InvocationContext& context = invocation.context;
  context.function_name = pair.owner;
  context.region = layout.region;
  context.account_id = layout.account_id;
  context.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(pair.mapping.function_timeout);
  context.request_id = "00000000-0000-4000-8000-000000000002";
  if (commit) {
    context.commit = "true";
  }
  context.report_batch_item_failures = pair.mapping.report_batch_item_failures;
  return invocation;
}

int report_invocation(const std::string& worker, const workers::InvocationResult& result, std::ostream& out,
                      std::ostream& err) {
  if (!result.output_tail.empty()) {
    out << result.output_tail;
    if (!result.output_tail.ends_with('\n')) {
      out << '\n';
    }
  }
  if (!result.succeeded) {
    err << fmt::format("drydock: {} failed: {}\n", worker, result.error);
    return k_exit_problems;
  }
  out << fmt::format("[✅] {} succeeded in {} ms\n", worker, result.duration.count());
  return k_exit_ok;
}

}  // namespace drydock::cli
