#include "workers/transports/lambda_environment.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace drydock::workers {

EnvironmentList lambda_environment(const InvocationContext& context) {
  EnvironmentList env;
  if (!context.region.empty()) {
    env.emplace_back("AWS_REGION", context.region);
    env.emplace_back("AWS_DEFAULT_REGION", context.region);
  }
  if (!context.function_name.empty()) {
    env.emplace_back("AWS_LAMBDA_FUNCTION_NAME", context.function_name);
  }
  env.emplace_back("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
  env.emplace_back("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
  const auto timeout_ms = std::max<std::int64_t>(context.timeout.count(), 0);
  env.emplace_back("AWS_LAMBDA_FUNCTION_TIMEOUT", std::to_string((timeout_ms + 999) / 1000));
  env.emplace_back("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + context.function_name);
  env.emplace_back("AWS_EXECUTION_ENV", "drydock");
  if (!context.request_id.empty()) {
    env.emplace_back("DRYDOCK_REQUEST_ID", context.request_id);
  }
  env.emplace_back("DRYDOCK_FUNCTION_ARN", "arn:aws:lambda:" + context.region + ":" + context.account_id +
                                               ":function:" + context.function_name);
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  env.emplace_back("DRYDOCK_DEADLINE_MS", std::to_string((now + context.timeout).count()));
  if (context.commit) {
    env.emplace_back("STARFLEET_COMMIT", *context.commit);
  }
  env.insert(env.end(), context.environment.begin(), context.environment.end());
  return env;
}

}  // namespace drydock::workers
