#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "tests/support/test_support.hpp"

namespace drydock::test {
namespace {

// Test cases this process ran (entered at least once).
int& cases_run() {
  static int count = 0;
  return count;
}

// Tracks whether the running test case has failed an assertion, so ScratchDir can keep its
// directory for inspection (CONVENTIONS.md, 14).
struct FailureListener : doctest::IReporter {
  explicit FailureListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override {
    current_test_failed() = false;
    ++cases_run();
  }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override { current_test_failed() = true; }
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData& data) override {
    if (data.m_failed) {
      current_test_failed() = true;
    }
  }
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("drydock-failure-tracker", 1, FailureListener);

}  // namespace
}  // namespace drydock::test

// doctest's own main, plus the skips of the "upstream files:" tests: one line saying how to run them,
// and exit code 77 (CTest's SKIP_RETURN_CODE) when they were all this process ran, as when CTest runs
// one test case per process.
int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) {
    return result;
  }
  const int skipped = drydock::test::skipped_without_reference();
  if (skipped > 0) {
    std::fprintf(stderr,
                 "skipped %d test case(s) of upstream's own files: set STARFLEET_REFERENCE to a Starfleet "
                 "checkout (or a copy of its data files) to run them\n",
                 skipped);
  }
  if (result == 0 && skipped > 0 && skipped == drydock::test::cases_run()) {
    return 77;
  }
  return result;
}
