#include <doctest/doctest.h>

#include <map>

#include "tests/support/test_support.hpp"
#include "workers/project/project_file.hpp"

using namespace drydock::workers;
using drydock::test::ScratchDir;

namespace {

void project_with(const ScratchDir& dir, std::string_view drydock_yaml) {
  dir.write("configuration_files/starfleet.yaml", "STARFLEET: {}\n");
  dir.write("templates/x.yaml", "TemplateName: x\n");
  dir.write("schemas/s.json", "{}");
  dir.write("drydock.yaml", drydock_yaml);
}

}  // namespace

TEST_CASE("a complete drydock.yaml loads with every worker setting") {
  ScratchDir dir;
  project_with(dir, R"(starfleet:
  configuration: configuration_files/
  templates: templates/
  regions: latest
workers:
  IamRoleWorkerShip:
    fan_out: ACCOUNT
    command: [python3, workers/iam.py]
    template_schema: schemas/s.json
    validate_command: [python3, -m, checks]
    batch_size: 4
    timeout: 5m
    visibility_timeout: 900
    max_receive_count: 3
    concurrency: 2
    report_batch_item_failures: true
  Other:
state: .state/
)");
  auto project = load_project_file(dir.path() / "drydock.yaml");
  REQUIRE(project.has_value());
  CHECK(project->configuration == dir.path() / "configuration_files/");
  CHECK(project->regions == "latest");
  CHECK(project->state == dir.path() / ".state/");
  REQUIRE(project->workers.size() == 2);
  const auto& w = project->workers[0];
  CHECK(w.name == "IamRoleWorkerShip");
  CHECK(w.fan_out == TemplateKind::account);
  CHECK(w.command == std::vector<std::string>{"python3", "workers/iam.py"});
  CHECK(w.validate_command.size() == 3);
  CHECK(w.batch_size == 4);
  CHECK(w.timeout == std::chrono::seconds(300));
  CHECK(w.visibility_timeout == std::chrono::seconds(900));
  CHECK(w.max_receive_count == 3);
  CHECK(w.report_batch_item_failures);
  CHECK(project->workers[1].name == "Other");
  CHECK_FALSE(project->workers[1].fan_out.has_value());
}

TEST_CASE("drydock.yaml problems are all reported with line, column and field") {
  ScratchDir dir;
  project_with(dir, R"(starfleet:
  configuration: missing_dir/
  templates: templates/
  colour: blue
workers:
  Ship:
    fan_out: EVERYWHERE
    batch_size: zero
    timeout: soon
    builtin: noop
    command: [x]
)");
  auto project = load_project_file(dir.path() / "drydock.yaml");
  REQUIRE_FALSE(project.has_value());
  const auto& problems = project.error();
  std::map<std::string, Diagnostic> by_field;
  for (const auto& d : problems) {
    by_field.emplace(format_field_path(d.field), d);
  }
  REQUIRE(by_field.count("starfleet.configuration") == 1);
  CHECK(by_field["starfleet.configuration"].mark == Mark{2, 18});
  REQUIRE(by_field.count("starfleet.colour") == 1);
  CHECK(by_field["starfleet.colour"].message.starts_with("unknown key 'colour'"));
  CHECK(by_field.count("workers.Ship.fan_out") == 1);
  CHECK(by_field.count("workers.Ship.batch_size") == 1);
  CHECK(by_field.count("workers.Ship.timeout") == 1);
  CHECK(by_field.count("workers.Ship") == 1);  // two transports
  CHECK(problems.size() == 6);
}

TEST_CASE("a drydock.yaml without starfleet is an error naming the key") {
  ScratchDir dir;
  project_with(dir, "workers: {}\n");
  auto project = load_project_file(dir.path() / "drydock.yaml");
  REQUIRE_FALSE(project.has_value());
  CHECK(project.error().at(0).message.find("starfleet") != std::string::npos);
}

TEST_CASE("durations accept seconds, minutes, hours and bare integers") {
  CHECK(parse_duration("300") == std::chrono::seconds(300));
  CHECK(parse_duration("300s") == std::chrono::seconds(300));
  CHECK(parse_duration("5m") == std::chrono::seconds(300));
  CHECK(parse_duration("1h") == std::chrono::seconds(3600));
  CHECK(parse_duration("1500ms") == std::chrono::seconds(2));
  CHECK_FALSE(parse_duration("5 minutes").has_value());
  CHECK_FALSE(parse_duration("").has_value());
  CHECK_FALSE(parse_duration("-1s").has_value());
}
