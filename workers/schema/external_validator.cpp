#include "workers/schema/external_validator.hpp"

#include <fmt/format.h>

#include "workers/schema/json_schema_validator.hpp"

namespace drydock::workers {
namespace {

Diagnostic command_failure(const ExternalValidatorRequest& request, std::string message) {
  Diagnostic d;
  d.mark = request.root != nullptr ? request.root->mark : Mark{1, 1};
  d.message = fmt::format("validate_command [{}]: {}", fmt::join(request.argv, " "), message);
  d.code = "validate-command";
  return d;
}

std::string first_lines(const std::string& text, std::size_t max_lines) {
  std::string out;
  std::size_t lines = 0;
  for (char c : text) {
    if (c == '\n') {
      if (++lines == max_lines) {
        break;
      }
      out += " | ";
      continue;
    }
    out += c;
  }
  while (out.ends_with(" | ")) {
    out.resize(out.size() - 3);
  }
  return out;
}

void flatten(const nlohmann::json& value, const yaml::Node* at, FieldPath& path, const yaml::Node& root,
             std::vector<Diagnostic>& out) {
  auto emit = [&](std::string message) {
    Diagnostic d;
    d.field = path;
    d.mark = node_at_path(root, path)->mark;
    d.message = std::move(message);
    d.code = "validate-command";
    out.push_back(std::move(d));
  };
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) {
        emit(item.get<std::string>());
      } else {
        flatten(item, at, path, root, out);
      }
    }
    return;
  }
  if (value.is_string()) {
    emit(value.get<std::string>());
    return;
  }
  if (!value.is_object()) {
    emit(value.dump());
    return;
  }
  for (const auto& [key, child] : value.items()) {
    const yaml::Node* next = nullptr;
    // json.dumps turns marshmallow's integer list indexes into strings; the document says which.
    if (at != nullptr && at->type == yaml::Type::sequence && !key.empty() &&
        key.find_first_not_of("0123456789") == std::string::npos) {
      auto index = std::stoll(key);
      path.emplace_back(static_cast<std::int64_t>(index));
      if (static_cast<std::size_t>(index) < at->items.size()) {
        next = at->items[static_cast<std::size_t>(index)];
      }
    } else {
      path.emplace_back(key);
      next = at != nullptr ? at->find(key) : nullptr;
    }
    flatten(child, next, path, root, out);
    path.pop_back();
  }
}

}  // namespace

std::vector<Diagnostic> error_dict_to_diagnostics(const nlohmann::json& dict, const yaml::Node& root) {
  std::vector<Diagnostic> out;
  FieldPath path;
  flatten(dict, &root, path, root, out);
  return out;
}

std::vector<Diagnostic> run_external_validator(ProcessRunner& runner,
                                               const ExternalValidatorRequest& request) {
  ProcessRequest process;
  process.argv = request.argv;
  process.cwd = request.cwd;
  process.stdin_data = std::string(request.template_bytes);
  process.timeout = request.timeout;
  auto result = runner.run(process);
  if (!result) {
    return {command_failure(request, result.error())};
  }
  if (result->timed_out) {
    return {command_failure(request, fmt::format("timed out after {} ms", request.timeout.count()))};
  }
  const auto& text = result->stdout_data;
  const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) {
    if (result->exit_code == 0) {
      return {};
    }
    return {command_failure(request, fmt::format("exited with status {}: {}", result->exit_code,
                                                 first_lines(result->stderr_data, 5)))};
  }
  nlohmann::json report;
  try {
    report = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    return {command_failure(request,
                            fmt::format("exited with status {} and printed something that is not JSON: {}",
                                        result->exit_code, first_lines(text, 3)))};
  }
  if (!report.is_object()) {
    return {command_failure(request, "must print a JSON object (upstream's error dict, {} when valid)")};
  }
  if (request.root == nullptr) {
    return {};
  }
  auto diagnostics = error_dict_to_diagnostics(report, *request.root);
  if (diagnostics.empty() && result->exit_code != 0) {
    return {command_failure(request, fmt::format("printed no errors but exited with status {}: {}",
                                                 result->exit_code, first_lines(result->stderr_data, 5)))};
  }
  return diagnostics;
}

}  // namespace drydock::workers
