#include "cli/dlq/payload_editor.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include <unistd.h>

#include "cli/app.hpp"
#include "cli/project_context.hpp"
#include "workers/validation/template_check.hpp"

namespace drydock::cli {
namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Creates a new file in the temporary directory holding `text`; mkstemps keeps the name unique.
std::expected<std::filesystem::path, std::string> write_temporary(const std::string& stem,
                                                                  const std::string& suffix,
                                                                  const std::string& text) {
  std::string name = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX" + suffix)).string();
  const int fd = ::mkstemps(name.data(), static_cast<int>(suffix.size()));
  if (fd < 0) {
    return std::unexpected(fmt::format("cannot create a temporary file {}: {}", name, std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const auto n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      std::filesystem::remove(name);
      return std::unexpected(fmt::format("cannot write {}: {}", name, std::strerror(error)));
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return std::filesystem::path(name);
}

}  // namespace

std::vector<std::string> editor_command() {
  for (const char* variable : {"EDITOR", "VISUAL"}) {
    const char* value = std::getenv(variable);
    std::vector<std::string> argv;
    std::istringstream words(value == nullptr ? "" : value);
    for (std::string word; words >> word;) {
      argv.push_back(word);
    }
    if (!argv.empty()) {
      return argv;
    }
  }
  return {"vi"};
}

std::expected<std::filesystem::path, int> edit_body(const std::string& body, const std::string& id,
                                                    const std::vector<std::string>& editor,
                                                    workers::ProcessRunner& runner, std::ostream& err) {
  const auto json = nlohmann::ordered_json::parse(body, nullptr, /*allow_exceptions=*/false);
  const bool structured = json.is_object() || json.is_array();
  const std::string original = structured ? json.dump(2) + "\n" : body;
  auto file = write_temporary("drydock-" + id, structured ? ".json" : ".txt", original);
  if (!file) {
    print_error(err, file.error());
    return std::unexpected(k_exit_usage);
  }
  auto give_up = [&](const std::string& why, int code) -> std::expected<std::filesystem::path, int> {
    std::filesystem::remove(*file);
    print_error(err, why);
    return std::unexpected(code);
  };
  workers::ProcessRequest request;
  request.argv = editor;
  request.argv.push_back(file->string());
  request.stdio = workers::ChildStdio::attached;
  request.timeout = std::chrono::hours(24 * 365);  // a person is editing: no timeout
  const auto ran = runner.run(request);
  if (!ran) {
    return give_up(fmt::format("cannot start the editor ({}; set EDITOR): {}", editor.front(), ran.error()),
                   k_exit_usage);
  }
  if (ran->exit_code != 0) {
    return give_up(fmt::format("the editor {} exited with status {}; nothing was replayed", editor.front(),
                               ran->exit_code),
                   k_exit_usage);
  }
  auto edited = workers::read_bounded(*file, workers::k_max_template_bytes);
  if (!edited) {
    return give_up(fmt::format("{}: {}", file->string(), edited.error()), k_exit_usage);
  }
  if (blank(*edited)) {
    return give_up(fmt::format("the edited body of {} is empty; nothing was replayed", id), k_exit_problems);
  }
  if (*edited == original) {
    return give_up(fmt::format("the body of {} was not changed; nothing was replayed", id), k_exit_problems);
  }
  return *file;
}

}  // namespace drydock::cli
