// JSON, JUnit and GitHub renderings of a validation report.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/render/escaping.hpp"
#include "cli/render/report_renderers.hpp"

namespace drydock::cli {
namespace {

using workers::Diagnostic;
using workers::Severity;

// The workflow command of a diagnostic: ::error, ::warning, or ::notice for a note.
std::string_view github_command(Severity severity) {
  return severity == Severity::note ? "notice" : workers::severity_name(severity);
}

}  // namespace

std::string render_json(const workers::ValidationReport& report, const RenderOptions&) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& file : report.files) {
    nlohmann::ordered_json diagnostics = nlohmann::ordered_json::array();
    for (const auto& d : file.diagnostics) {
      nlohmann::ordered_json item;
      item["severity"] = workers::severity_name(d.severity);
      item["line"] = d.mark.line;
      item["column"] = d.mark.column;
      item["field"] = workers::field_path_to_json(d.field);
      item["message"] = d.message;
      if (!d.code.empty()) {
        item["code"] = d.code;
      }
      diagnostics.push_back(std::move(item));
    }
    nlohmann::ordered_json entry;
    entry["path"] = file.path;
    entry["kind"] = file.kind.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(file.kind);
    entry["worker"] =
        file.worker.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(file.worker);
    entry["ok"] = file.ok();
    entry["diagnostics"] = std::move(diagnostics);
    files.push_back(std::move(entry));
  }
  nlohmann::ordered_json out;
  out["files"] = std::move(files);
  out["errors"] = report.errors();
  out["warnings"] = report.warnings();
  // Replace invalid UTF-8 rather than throw: paths and messages can quote hostile input.
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_junit(const workers::ValidationReport& report, const RenderOptions& options) {
  std::size_t failures = 0;
  std::string cases;
  for (const auto& file : report.files) {
    const bool failed = !file.ok() || (options.strict && file.warnings() > 0);
    failures += failed ? 1 : 0;
    std::string classname = file.kind.empty() ? "template" : file.kind;
    if (!file.worker.empty()) {
      classname += "." + file.worker;
    }
    cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", xml_escape(classname),
                         xml_escape(file.path));
    std::string failure_text;
    std::string warning_text;
    bool to_failure = true;
    for (const auto& d : file.diagnostics) {
      // A note goes where the diagnostic it explains went.
      if (d.severity != Severity::note) {
        to_failure = d.severity == Severity::error || options.strict;
      }
      (to_failure ? failure_text : warning_text) += workers::format_diagnostic(d) + "\n";
    }
    if (failed) {
      cases += fmt::format(
          "      <failure message=\"{} error(s), {} warning(s)\" type=\"validation\">{}</failure>\n",
          file.errors(), file.warnings(), xml_escape(failure_text));
    }
    if (!warning_text.empty()) {
      cases += fmt::format("      <system-out>{}</system-out>\n", xml_escape(warning_text));
    }
    cases += "    </testcase>\n";
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"drydock validate\" tests=\"{0}\" failures=\"{1}\" errors=\"0\">\n"
      "  <testsuite name=\"drydock validate\" tests=\"{0}\" failures=\"{1}\" errors=\"0\" skipped=\"0\">\n"
      "{2}"
      "  </testsuite>\n"
      "</testsuites>\n",
      report.files.size(), failures, cases);
}

std::string render_github(const workers::ValidationReport& report, const RenderOptions&) {
  std::string out;
  for (const auto& file : report.files) {
    for (const auto& d : file.diagnostics) {
      auto field = workers::format_field_path(d.field);
      std::string props = "file=" + github_escape(d.file, true);
      if (d.mark.line > 0) {
        props += fmt::format(",line={},col={}", d.mark.line, d.mark.column);
      }
      props += ",title=" + github_escape(field.empty() ? std::string("drydock validate") : field, true);
      out += fmt::format("::{} {}::{}\n", github_command(d.severity), props, github_escape(d.message, false));
    }
  }
  out += summary_line(report) + "\n";
  return out;
}

}  // namespace drydock::cli
