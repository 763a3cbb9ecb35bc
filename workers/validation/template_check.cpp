#include "workers/validation/template_check.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "workers/lint/template_lints_with_source.hpp"
#include "workers/schema/external_validator.hpp"
#include "workers/templates/template_validator.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::workers {

std::expected<std::string, std::string> read_bounded(const std::filesystem::path& path, std::size_t limit) {
  // POSIX calls rather than std::filesystem + ifstream: validate reads thousands of small files, and
  // one path lookup per file (open, then fstat on the descriptor) instead of two, with no stream
  // buffer, is a third of the per-file cost.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(std::strerror(errno));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return std::unexpected(std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) {
    return std::unexpected(std::strerror(EISDIR));
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > limit) {
    return std::unexpected(fmt::format("file is {} bytes; the limit is {} bytes", size, limit));
  }
  // A file that is not regular (a FIFO, /dev/stdin) reports no size: read until the end, bounded.
  std::string data(S_ISREG(info.st_mode) ? size : std::min<std::size_t>(limit + 1, 64 * 1024), '\0');
  std::size_t got = 0;
  for (;;) {
    if (got == data.size()) {
      if (S_ISREG(info.st_mode) || data.size() > limit) {
        break;
      }
      data.resize(std::min(limit + 1, data.size() * 2));
    }
    const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return std::unexpected(std::strerror(errno));
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  data.resize(got);
  if (got > limit) {
    return std::unexpected(fmt::format("file is over {} bytes; the limit is {} bytes", limit, limit));
  }
  return data;
}

namespace {

// Upstream checks IncludeRegions/ExcludeRegions only when every other field is valid
// (starfleet-behavior.md §3.3), so a region typo surfaces only after the other errors are fixed.
// Say so, instead of letting the user believe the regions are fine.
std::vector<Diagnostic> region_check_skipped(const yaml::Node& root, const std::vector<Diagnostic>& errors) {
  const bool region_error = std::any_of(errors.begin(), errors.end(), [](const Diagnostic& d) {
    const auto* key = d.field.empty() ? nullptr : std::get_if<std::string>(&d.field.front());
    return key != nullptr && (*key == "IncludeRegions" || *key == "ExcludeRegions");
  });
  const yaml::Node* regions = root.find("IncludeRegions");
  if (region_error || regions == nullptr) {
    return {};
  }
  return {
      {Severity::warning,
       {},
       regions->mark,
       {std::string("IncludeRegions")},
       "not checked yet: upstream checks IncludeRegions and ExcludeRegions only once every other field is "
       "valid",
       "region-check-skipped"}};
}

}  // namespace

FileReport check_template(const TemplateCheck& check) {
  FileReport report;
  report.path = check.display;
  report.kind = check.kind ? std::string(to_string(*check.kind)) : "";
  report.worker = check.worker;
  auto add_all = [&](std::vector<Diagnostic> diagnostics) {
    for (auto& d : diagnostics) {
      d.file = check.display;
      report.diagnostics.push_back(std::move(d));
    }
  };
  auto bytes = read_bounded(check.path, k_max_template_bytes);
  if (!bytes) {
    add_all({{Severity::error, {}, {}, {}, "cannot read the template: " + bytes.error(), {}}});
    return report;
  }
  yaml::LoadLimits limits;
  limits.max_bytes = k_max_template_bytes;
  auto doc = yaml::load(*bytes, limits);
  if (!doc) {
    const auto& e = doc.error();
    std::string message = "invalid YAML: " + e.message;
    if (!e.python_error.empty()) {
      message += fmt::format(" (upstream raises {})", e.python_error);
    }
    add_all({{Severity::error, {}, e.mark.line > 0 ? e.mark : Mark{1, 1}, {}, std::move(message), {}}});
    return report;
  }
  const TemplateKind kind = check.kind.value_or(TemplateKind::single_invocation);
  auto validation = validate_template(*doc->root(), kind, *check.regions);
  if (kind == TemplateKind::account_region && !validation.diagnostics.empty()) {
    add_all(region_check_skipped(*doc->root(), validation.diagnostics));
  }
  add_all(std::move(validation.diagnostics));
  add_all(lint_template(*doc, kind, *bytes));  // the source lets lints quote what the user wrote
  if (check.schema != nullptr) {
    add_all(check.schema->validate(*doc->root()));
  }
  if (!check.validate_command.empty() && check.runner != nullptr) {
    ExternalValidatorRequest request;
    request.argv = check.validate_command;
    request.cwd = check.command_cwd;
    request.template_bytes = *bytes;
    request.root = doc->root();
    add_all(run_external_validator(*check.runner, request));
  }
  sort_diagnostics(report.diagnostics);
  return report;
}

}  // namespace drydock::workers
