#pragma once
// A ProcessRunner for unit tests: answers every run with a fixed result and records the request.

#include <expected>
#include <string>

#include "workers/process/process_runner.hpp"

namespace drydock::test {

class FakeRunner final : public workers::ProcessRunner {
 public:
  explicit FakeRunner(std::expected<workers::ProcessResult, std::string> answer)
      : m_answer(std::move(answer)) {}
  std::expected<workers::ProcessResult, std::string> run(const workers::ProcessRequest& request) override {
    last = request;
    return m_answer;
  }
  workers::ProcessRequest last;  // the last request run

 private:
  std::expected<workers::ProcessResult, std::string> m_answer;
};

// A process that exited with `code`, printing `out` and `err`.
inline workers::ProcessResult exited(int code, std::string out = {}, std::string err = {}) {
  workers::ProcessResult r;
  r.exit_code = code;
  r.stdout_data = std::move(out);
  r.stderr_data = std::move(err);
  return r;
}

}  // namespace drydock::test
