#include "workers/validation/project_validation.hpp"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "workers/project/project_model.hpp"
#include "workers/validation/template_check.hpp"

namespace drydock::workers {
namespace {

namespace fs = std::filesystem;

bool is_within(const fs::path& path, const fs::path& dir) {
  if (dir.empty()) {
    return false;
  }
  auto rel = path.lexically_normal().lexically_relative(dir.lexically_normal());
  return !rel.empty() && *rel.begin() != "..";
}

// Every regular file under `dir`, as (S3 key, path), in S3 key order (UTF-8 binary).
std::vector<std::pair<std::string, fs::path>> list_bucket(const fs::path& dir) {
  std::vector<std::pair<std::string, fs::path>> files;
  std::error_code ec;
  // The iterator's paths are `dir` joined with the relative part: cut that off as text, which is what
  // lexically_relative gives, at a fraction of its cost for thousands of files.
  const std::string prefix = (dir / "").generic_string();
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      std::string key = it->path().generic_string();
      key = key.starts_with(prefix) ? key.substr(prefix.size())
                                    : it->path().lexically_relative(dir).generic_string();
      files.emplace_back(std::move(key), it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Context {
  const ProjectValidationRequest& request;
  const std::vector<Worker>* workers = nullptr;
  std::map<std::string, JsonSchemaValidator> schemas;  // by worker name
  FileReport project_report;                           // problems in drydock.yaml's worker settings
};

void load_worker_schemas(Context& ctx) {
  for (const auto& settings : ctx.request.workers) {
    if (!settings.template_schema) {
      continue;
    }
    auto schema = JsonSchemaValidator::from_file(*settings.template_schema);
    if (schema) {
      ctx.schemas.emplace(settings.name, std::move(*schema));
    } else {
      ctx.project_report.diagnostics.push_back(
          {Severity::error,
           ctx.request.project_file_display,
           settings.mark,
           {std::string("workers"), settings.name, std::string("template_schema")},
           schema.error(),
           {}});
    }
  }
}

// `display` is the path shown in diagnostics when the caller knows it; else it is worked out.
FileReport check_one(Context& ctx, const fs::path& path, const std::string& key, bool in_bucket,
                     std::string display) {
  TemplateCheck check;
  check.path = path;
  check.display = display.empty() ? display_path(path, ctx.request.display_base) : std::move(display);
  check.regions = ctx.request.regions;
  check.runner = ctx.request.runner;
  check.command_cwd = ctx.request.project_root;
  check.kind = ctx.request.kind_override;
  std::vector<Diagnostic> notes;
  const Worker* worker = nullptr;
  if (in_bucket && !ctx.workers->empty()) {
    auto owner = find_template_owner(key, *ctx.workers);
    worker = owner.worker;
    if (worker == nullptr) {
      notes.push_back(
          {Severity::warning,
           check.display,
           {1, 1},
           {},
           fmt::format("no worker ship's TemplatePrefix claims '{}': upstream never reads this template "
                       "(checked as a base template)",
                       key),
           "unclaimed-template"});
    } else if (!worker->stanza->enabled) {
      notes.push_back(
          {Severity::warning,
           check.display,
           {1, 1},
           {},
           fmt::format("claimed by {}, which is disabled: upstream ignores it until Enabled is true",
                       worker->name),
           "disabled-worker"});
    }
  }
  if (!key.ends_with(".yaml")) {
    notes.push_back(
        {Severity::warning,
         check.display,
         {1, 1},
         {},
         key.ends_with(".yml")
             ? std::string("ignored by upstream: the Starbase only reads keys ending in .yaml, not .yml")
             : std::string("ignored by upstream: the Starbase only reads keys ending in .yaml"),
         "not-a-template-name"});
  }
  if (worker != nullptr) {
    check.worker = worker->name;
    if (!check.kind) {
      check.kind = worker->kind;
    }
    if (auto it = ctx.schemas.find(worker->name); it != ctx.schemas.end()) {
      check.schema = &it->second;
    }
    if (worker->settings != nullptr) {
      check.validate_command = worker->settings->validate_command;
    }
  }
  auto report = check_template(check);
  report.diagnostics.insert(report.diagnostics.begin(), notes.begin(), notes.end());
  sort_diagnostics(report.diagnostics);
  return report;
}

void add_configuration_reports(Context& ctx, const ConfigurationLoad& load,
                               const std::vector<Diagnostic>& validation_diagnostics,
                               ValidationReport& report) {
  std::vector<FileReport> files;
  for (const auto& source : load.config.sources) {
    files.push_back({source.display, "configuration", "", {}});
  }
  auto file_for = [&](const std::string& name) -> FileReport& {
    for (auto& f : files) {
      if (f.path == name) {
        return f;
      }
    }
    files.push_back({name, "configuration", "", {}});
    return files.back();
  };
  for (const auto* list : {&load.diagnostics, &validation_diagnostics}) {
    for (const auto& d : *list) {
      file_for(d.file).diagnostics.push_back(d);
    }
  }
  const bool all = ctx.request.paths.empty() ||
                   std::any_of(ctx.request.paths.begin(), ctx.request.paths.end(), [&](const fs::path& p) {
                     return is_within(fs::absolute(p), ctx.request.configuration_dir) ||
                            fs::absolute(p) == ctx.request.configuration_dir;
                   });
  for (auto& f : files) {
    sort_diagnostics(f.diagnostics);
    if (all || !f.ok()) {
      report.files.push_back(std::move(f));
    }
  }
}

}  // namespace

std::string display_path(const fs::path& path, const fs::path& base) {
  auto absolute = fs::absolute(path).lexically_normal();
  if (!base.empty()) {
    auto rel = absolute.lexically_relative(fs::absolute(base).lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") {
      return rel.generic_string();
    }
  }
  return path.generic_string();
}

std::expected<ValidationReport, std::string> validate_project(const ProjectValidationRequest& request) {
  ValidationReport report;
  Context ctx{request, nullptr, {}, {request.project_file_display, "project", "", {}}};

  // 1. Configuration: loaded and validated first, because it says which worker owns which template.
  const ProjectModel model(request.configuration_dir,
                           request.configuration_dir.empty()
                               ? std::string()
                               : display_path(request.configuration_dir, request.display_base),
                           request.workers, *request.regions);
  if (!request.configuration_dir.empty()) {
    add_configuration_reports(ctx, model.load(), model.validation().diagnostics, report);
  }
  ctx.workers = &model.workers();
  load_worker_schemas(ctx);

  // 2. Templates: everything in the bucket, or the given paths.
  std::vector<std::pair<std::string, fs::path>> targets;  // (key, path)
  std::vector<bool> in_bucket;
  const fs::path bucket =
      request.templates_dir.empty() ? fs::path{} : fs::absolute(request.templates_dir).lexically_normal();
  std::vector<std::string> displays;  // known display paths (bucket files), else empty
  if (request.paths.empty()) {
    // Every bucket file shows as the bucket's display path joined with its key.
    std::string bucket_display = display_path(bucket, request.display_base);
    while (bucket_display.size() > 1 && bucket_display.ends_with('/')) {
      bucket_display.pop_back();
    }
    for (auto& [key, path] : list_bucket(bucket)) {
      if (key.ends_with(".yaml") || key.ends_with(".yml")) {
        displays.push_back(bucket_display.empty() || bucket_display == "." ? key
                                                                           : bucket_display + "/" + key);
        targets.emplace_back(std::move(key), std::move(path));
        in_bucket.push_back(true);
      }
    }
  } else {
    for (const auto& given : request.paths) {
      auto path = fs::absolute(given).lexically_normal();
      std::error_code ec;
      if (fs::is_directory(path, ec)) {
        if (path == fs::absolute(request.configuration_dir).lexically_normal()) {
          continue;  // the configuration was validated above
        }
        for (auto& [key, file] : list_bucket(path)) {
          if (key.ends_with(".yaml") || key.ends_with(".yml")) {
            const bool inside = is_within(file, bucket);
            targets.emplace_back(inside ? file.lexically_relative(bucket).generic_string() : key, file);
            in_bucket.push_back(inside);
          }
        }
      } else if (fs::is_regular_file(path, ec)) {
        if (is_within(path, request.configuration_dir)) {
          continue;
        }
        const bool inside = is_within(path, bucket);
        targets.emplace_back(
            inside ? path.lexically_relative(bucket).generic_string() : path.filename().string(), path);
        in_bucket.push_back(inside);
      } else {
        return std::unexpected(fmt::format("{}: no such file or directory", given.string()));
      }
    }
  }
  // Templates are independent: check them on every core. Results keep the key order.
  std::vector<FileReport> checked(targets.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < targets.size(); i = next++) {
      checked[i] = check_one(ctx, targets[i].second, targets[i].first, in_bucket[i],
                             i < displays.size() ? displays[i] : std::string());
    }
  };
  const std::size_t threads = std::min<std::size_t>(
      {std::max(1U, std::thread::hardware_concurrency()), 8, std::max<std::size_t>(1, targets.size() / 64)});
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
      pool.emplace_back(work);
    }
    work();
  }
  std::move(checked.begin(), checked.end(), std::back_inserter(report.files));
  if (!ctx.project_report.diagnostics.empty()) {
    report.files.insert(report.files.begin(), std::move(ctx.project_report));
  }
  return report;
}

}  // namespace drydock::workers
