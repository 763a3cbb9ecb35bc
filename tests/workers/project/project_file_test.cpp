#include <doctest/doctest.h>

#include <map>

#include "tests/support/test_support.hpp"
#include "workers/project/project_file.hpp"

using namespace drydock::workers;
using drydock::test::ScratchDir;

TEST_SUITE("workers/project") {
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

  TEST_CASE("a builtin ship's options mapping is kept as JSON") {
    ScratchDir dir;
    project_with(dir, R"(starfleet:
  configuration: configuration_files/
  templates: templates/
workers:
  FlakyShip:
    builtin: flaky
    options:
      fail_accounts: ["000000000002", 000000000003]
      fail_attempts: [1, 2]
      report_failures: yes
      nested: {ratio: 0.5, when: 2024-01-02, none: ~}
  EmptyOptions:
    builtin: noop
    options:
  NoOptions:
    builtin: noop
)");
    auto project = load_project_file(dir.path() / "drydock.yaml");
    REQUIRE(project.has_value());
    REQUIRE(project->workers.size() == 3);
    const auto& options = project->workers[0].builtin_options;
    CHECK(options == nlohmann::json::parse(R"({"fail_accounts": ["000000000002", 3], "fail_attempts": [1, 2],
      "report_failures": true, "nested": {"ratio": 0.5, "when": "2024-01-02", "none": null}})"));
    CHECK(project->workers[1].builtin_options.is_null());
    CHECK(project->workers[2].builtin_options.is_null());
  }

  TEST_CASE("options that are not a mapping, or without a builtin ship, are errors with their position") {
    ScratchDir dir;
    project_with(dir, R"(starfleet:
  configuration: configuration_files/
  templates: templates/
workers:
  ListShip:
    builtin: flaky
    options: [fail_accounts]
  CommandShip:
    command: [python3, ship.py]
    options: {x: 1}
)");
    auto project = load_project_file(dir.path() / "drydock.yaml");
    REQUIRE_FALSE(project.has_value());
    std::map<std::string, Diagnostic> by_field;
    for (const auto& d : project.error()) {
      by_field.emplace(format_field_path(d.field), d);
    }
    REQUIRE(by_field.count("workers.ListShip.options") == 1);
    const auto& list = by_field["workers.ListShip.options"];
    CHECK(list.mark == Mark{7, 14});
    CHECK(list.file == "drydock.yaml");
    CHECK(list.message == "expected a mapping of options for the builtin ship, found list");
    CHECK(format_diagnostic(list) ==
          "drydock.yaml:7:14: error: workers.ListShip.options: expected a mapping of options for the builtin "
          "ship, "
          "found list");
    REQUIRE(by_field.count("workers.CommandShip.options") == 1);
    CHECK(by_field["workers.CommandShip.options"].message ==
          "options are read only by builtin ships (add builtin: NAME or remove options)");
    CHECK(project.error().size() == 2);
  }

}  // TEST_SUITE
