#include "emulator/lambda/parallel_invoke.hpp"

#include <chrono>
#include <exception>
#include <thread>

namespace drydock::emulator {
namespace {

void invoke_one(PendingInvocation& invocation) {
  const auto start = std::chrono::steady_clock::now();
  try {
    invocation.result = invocation.transport->invoke(invocation.event_json, invocation.context);
  } catch (const std::exception& e) {
    invocation.result = {.error = std::string("the transport threw: ") + e.what()};
  } catch (...) {
    invocation.result = {.error = "the transport threw an unknown exception"};
  }
  if (invocation.result.duration.count() == 0) {
    invocation.result.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  }
}

}  // namespace

void invoke_all(std::vector<PendingInvocation>& invocations) {
  if (invocations.size() == 1) {
    invoke_one(invocations.front());
    return;
  }
  std::vector<std::jthread> threads;
  threads.reserve(invocations.size());
  for (PendingInvocation& invocation : invocations) {
    threads.emplace_back([&invocation] { invoke_one(invocation); });
  }
  // jthread joins on destruction: every result is written before this returns.
}

}  // namespace drydock::emulator
