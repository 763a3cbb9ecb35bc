#include "workers/validation/template_check.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "workers/lint/template_lints_with_source.hpp"
#include "workers/schema/external_validator.hpp"
#include "workers/templates/template_validator.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::workers {

std::expected<std::string, std::string> read_bounded(const std::filesystem::path& path, std::size_t limit) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    return std::unexpected(ec.message());
  }
  if (size > limit) {
    return std::unexpected(fmt::format("file is {} bytes; the limit is {} bytes", size, limit));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(std::strerror(errno));
  }
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  data.resize(static_cast<std::size_t>(in.gcount()));
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
