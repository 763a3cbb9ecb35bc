#pragma once
// What an InvocationResult tells a person: the end of what the worker printed and how its timeout
// is written in errors. Shared by the transports so they all read alike.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace drydock::workers {

// How much of a worker's output an InvocationResult keeps.
inline constexpr std::size_t k_output_tail_bytes = 4096;

// How much of a failed http answer's body an InvocationResult keeps as its error_payload.
inline constexpr std::size_t k_error_payload_bytes = 4096;

// The first `limit` bytes of `text`, ending at a UTF-8 character boundary (so it may be a few bytes
// shorter than `limit`): the start of an error payload says what failed.
std::string payload_head(std::string_view text, std::size_t limit = k_error_payload_bytes);

// The last `limit` bytes of `first` followed by `second` (stdout then stderr), starting at a UTF-8
// character boundary (so it may be a few bytes shorter than `limit`). Empty when both are empty.
std::string output_tail(std::string_view first, std::string_view second,
                        std::size_t limit = k_output_tail_bytes);

// "300 s" for whole seconds, else "0.2 s": the N in "timed out after N".
std::string describe_timeout(std::chrono::milliseconds timeout);

}  // namespace drydock::workers
