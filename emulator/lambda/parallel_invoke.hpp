#pragma once
// Runs the invocations of one dispatcher round at the same time. Only Transport::invoke runs on other
// threads: the SQS service is not thread-safe, so receives and deletes stay on the dispatcher's thread,
// before and after a round.

#include <string>
#include <vector>

#include "workers/transports/transport.hpp"

namespace drydock::emulator {

struct PendingInvocation {
  workers::Transport* transport = nullptr;  // not null
  std::string event_json;
  workers::InvocationContext context;
  workers::InvocationResult result;  // filled by invoke_all
};

// Invokes every entry's transport with its event and context and stores the result in the entry; returns
// when all have returned. A single invocation runs on the calling thread, several on one thread each.
// A transport that throws (its contract says it never does) yields a failed result whose error names
// the exception; `duration` is measured here when the transport left it 0.
void invoke_all(std::vector<PendingInvocation>& invocations);

}  // namespace drydock::emulator
