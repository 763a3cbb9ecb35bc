#pragma once
// The environment a process-based worker sees: what AWS Lambda sets for a function, plus Drydock's.

#include <string>
#include <utility>
#include <vector>

#include "workers/transports/transport.hpp"

namespace drydock::workers {

using EnvironmentList = std::vector<std::pair<std::string, std::string>>;

// The variables for one invocation, in this order (a later one wins over an earlier one of the same
// name): AWS_REGION, AWS_DEFAULT_REGION, AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION ($LATEST),
// AWS_LAMBDA_FUNCTION_MEMORY_SIZE (128), AWS_LAMBDA_FUNCTION_TIMEOUT (whole seconds, rounded up),
// AWS_LAMBDA_LOG_GROUP_NAME (/aws/lambda/<name>), AWS_EXECUTION_ENV (drydock); Drydock's own
// DRYDOCK_REQUEST_ID (when set), DRYDOCK_FUNCTION_ARN and DRYDOCK_DEADLINE_MS (Unix ms when the
// timeout passes), which let an adapter build a Lambda context object; STARFLEET_COMMIT when
// `context.commit` is set; then `context.environment`. Region and function name are left out when empty.
EnvironmentList lambda_environment(const InvocationContext& context);

}  // namespace drydock::workers
