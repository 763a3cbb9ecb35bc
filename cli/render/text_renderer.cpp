#include <fmt/format.h>

#include "cli/render/report_renderers.hpp"

namespace drydock::cli {
namespace {

using workers::Diagnostic;
using workers::Severity;

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string location(const Diagnostic& d) {
  if (d.mark.line <= 0) {
    return d.file;
  }
  return fmt::format("{}:{}:{}", d.file, d.mark.line, d.mark.column);
}

}  // namespace

std::string summary_line(const workers::ValidationReport& report) {
  std::size_t failed = 0;
  for (const auto& f : report.files) {
    failed += f.ok() ? 0 : 1;
  }
  return fmt::format("{} checked: {} ok, {} with errors ({}, {})", plural(report.files.size(), "file"),
                     report.files.size() - failed, failed, plural(report.errors(), "error"),
                     plural(report.warnings(), "warning"));
}

std::string render_text(const workers::ValidationReport& report, const RenderOptions& options) {
  const char* bold = options.color ? "\x1b[1m" : "";
  const char* red = options.color ? "\x1b[1;31m" : "";
  const char* magenta = options.color ? "\x1b[1;35m" : "";
  const char* green = options.color ? "\x1b[1;32m" : "";
  const char* cyan = options.color ? "\x1b[1;36m" : "";
  const char* reset = options.color ? "\x1b[0m" : "";
  std::string out;
  for (const auto& file : report.files) {
    for (const auto& d : file.diagnostics) {
      const bool error = d.severity == Severity::error;
      const char* tint = error ? red : d.severity == Severity::warning ? magenta : cyan;
      auto field = workers::format_field_path(d.field);
      out += fmt::format("{}{}:{} {}{}:{} {}{}", bold, location(d), reset, tint,
                         workers::severity_name(d.severity), reset, field.empty() ? "" : field + ": ",
                         d.message);
      if (!d.code.empty() && !error) {
        out += fmt::format(" [{}]", d.code);
      }
      out += '\n';
    }
  }
  const bool clean = report.errors() == 0 && (!options.strict || report.warnings() == 0);
  out += fmt::format("{}{}{}\n", clean ? green : red, summary_line(report), reset);
  return out;
}

}  // namespace drydock::cli
