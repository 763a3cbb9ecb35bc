// What an InvocationResult keeps of a worker's output and error payload.
#include "workers/transports/invocation_report.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace drydock::workers;

TEST_SUITE("workers/transports") {
  TEST_CASE("an error payload keeps the first bytes of a body, cut at a character boundary") {
    CHECK(payload_head("short") == "short");
    CHECK(payload_head("") == "");
    CHECK(payload_head(std::string(5000, 'x')).size() == k_error_payload_bytes);
    // "é" is two bytes: a limit falling between them drops the whole character.
    CHECK(payload_head("abé", 3) == "ab");
    CHECK(payload_head("abé", 4) == "abé");
    CHECK(payload_head("ab€d", 4) == "ab");  // "€" is three bytes
  }

  TEST_CASE("an output tail keeps the last bytes of stdout then stderr") {
    CHECK(output_tail("out\n", "err\n") == "out\nerr\n");
    CHECK(output_tail("abcdef", "gh", 4) == "efgh");
    CHECK(output_tail("ab", "cdefgh", 4) == "efgh");
  }
}
