#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "workers/process/process_runner.hpp"
#include "workers/validation/project_validation.hpp"

using namespace drydock::workers;
using drydock::test::ScratchDir;

namespace {

const char* k_config = R"(STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: bucket
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/1/fanout
  AccountIndex: StarfleetDefaultAccountIndex
AcctShip:
  Enabled: True
  TemplatePrefix: Acct/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/1/acct
  InvocationSources: [S3]
RegionShip:
  Enabled: True
  TemplatePrefix: Region/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/1/region
  InvocationSources: [S3]
)";

void write_project(const ScratchDir& dir) {
  dir.write("config/starfleet.yaml", k_config);
  dir.write("templates/Acct/good.yaml",
            "TemplateName: a\nTemplateDescription: b\nIncludeAccounts:\n  AllAccounts: true\n");
  dir.write("templates/Acct/bad.yaml", "TemplateName: a\nTemplateDescription: b\n");
  dir.write(
      "templates/Region/r.yaml",
      "TemplateName: a\nTemplateDescription: b\nIncludeAccounts: {ByNames: [x]}\nIncludeRegions: [ALL]\n");
  dir.write("templates/Region/old.yml", "TemplateName: a\n");
  dir.write("templates/Nobody/n.yaml", "TemplateName: a\nTemplateDescription: b\n");
  dir.write("templates/README.md", "not a template\n");
}

ProjectValidationRequest request_for(const ScratchDir& dir, ProcessRunner& runner) {
  ProjectValidationRequest request;
  request.configuration_dir = dir.path() / "config";
  request.templates_dir = dir.path() / "templates";
  WorkerSettings acct;
  acct.name = "AcctShip";
  acct.fan_out = TemplateKind::account;
  WorkerSettings region;
  region.name = "RegionShip";
  region.fan_out = TemplateKind::account_region;
  request.workers = {acct, region};
  request.regions = &default_region_universe();
  request.runner = &runner;
  request.project_root = dir.path();
  request.display_base = dir.path();
  request.project_file_display = "drydock.yaml";
  return request;
}

const FileReport& file(const ValidationReport& report, std::string_view path) {
  for (const auto& f : report.files) {
    if (f.path == path) {
      return f;
    }
  }
  FAIL("no report for " << path);
  throw std::logic_error("unreachable");
}

bool has_code(const FileReport& f, std::string_view code) {
  return std::any_of(f.diagnostics.begin(), f.diagnostics.end(),
                     [&](const Diagnostic& d) { return d.code == code; });
}

}  // namespace

TEST_CASE("a project is validated file by file: configuration first, then templates in key order") {
  ScratchDir dir;
  write_project(dir);
  RealProcessRunner runner;
  auto report = validate_project(request_for(dir, runner));
  REQUIRE(report.has_value());
  std::vector<std::string> paths;
  for (const auto& f : report->files) {
    paths.push_back(f.path);
  }
  CHECK(paths == std::vector<std::string>{"config/starfleet.yaml", "templates/Acct/bad.yaml",
                                          "templates/Acct/good.yaml", "templates/Nobody/n.yaml",
                                          "templates/Region/old.yml", "templates/Region/r.yaml"});
  CHECK(file(*report, "config/starfleet.yaml").kind == "configuration");
  CHECK(file(*report, "config/starfleet.yaml").ok());

  SUBCASE("each template gets its worker's kind") {
    const auto& bad = file(*report, "templates/Acct/bad.yaml");
    CHECK(bad.worker == "AcctShip");
    CHECK(bad.kind == "ACCOUNT");
    REQUIRE(bad.errors() == 1);
    CHECK(bad.diagnostics.at(0).message == "Missing data for required field.");
    CHECK(file(*report, "templates/Acct/good.yaml").ok());
    CHECK(file(*report, "templates/Region/r.yaml").kind == "ACCOUNT_REGION");
    CHECK(file(*report, "templates/Region/r.yaml").ok());
  }
  SUBCASE("templates upstream never reads are warnings") {
    const auto& nobody = file(*report, "templates/Nobody/n.yaml");
    CHECK(nobody.worker.empty());
    CHECK(nobody.ok());
    CHECK(has_code(nobody, "unclaimed-template"));
    CHECK(has_code(file(*report, "templates/Region/old.yml"), "not-a-template-name"));
  }
  // bad.yaml: IncludeAccounts; old.yml (claimed by RegionShip, checked although upstream skips it): 3.
  CHECK(report->errors() == 4);
}

TEST_CASE("validating some paths checks only those templates, each still claimed by its worker") {
  ScratchDir dir;
  write_project(dir);
  RealProcessRunner runner;
  auto request = request_for(dir, runner);
  request.paths = {dir.path() / "templates/Acct"};
  auto report = validate_project(request);
  REQUIRE(report.has_value());
  REQUIRE(report->files.size() == 2);  // the valid configuration is not listed
  CHECK(report->files[0].path == "templates/Acct/bad.yaml");
  CHECK(report->files[0].worker == "AcctShip");

  SUBCASE("a path that does not exist is an error") {
    request.paths = {dir.path() / "templates/Missing.yaml"};
    auto missing = validate_project(request);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().find("no such file or directory") != std::string::npos);
  }
}

TEST_CASE("--kind validates every template as that kind, whatever its worker") {
  ScratchDir dir;
  write_project(dir);
  RealProcessRunner runner;
  auto request = request_for(dir, runner);
  request.kind_override = TemplateKind::single_invocation;
  auto report = validate_project(request);
  REQUIRE(report.has_value());
  CHECK(file(*report, "templates/Acct/bad.yaml").ok());
}

TEST_CASE("a worker's JSON Schema is applied to its templates, and an unusable one is a project error") {
  ScratchDir dir;
  write_project(dir);
  dir.write("schemas/acct.json", R"({"type": "object", "required": ["Owner"]})");
  dir.write("schemas/broken.json", "{");
  RealProcessRunner runner;
  auto request = request_for(dir, runner);
  request.workers[0].template_schema = dir.path() / "schemas/acct.json";
  request.workers[1].template_schema = dir.path() / "schemas/broken.json";
  auto report = validate_project(request);
  REQUIRE(report.has_value());
  const auto& good = file(*report, "templates/Acct/good.yaml");
  REQUIRE(good.errors() == 1);
  CHECK(good.diagnostics.at(0).code == "template-schema");
  const auto& project = file(*report, "drydock.yaml");
  REQUIRE(project.errors() == 1);
  CHECK(format_field_path(project.diagnostics.at(0).field) == "workers.RegionShip.template_schema");
}

TEST_CASE("a region typo is not reported while other fields have errors, and a warning says so") {
  ScratchDir dir;
  write_project(dir);
  dir.write("templates/Region/typo.yaml",
            "TemplateName: 5\nTemplateDescription: b\nIncludeAccounts: {ByNames: [x]}\nIncludeRegions: "
            "[us-esat-1]\n");
  RealProcessRunner runner;
  auto request = request_for(dir, runner);
  request.paths = {dir.path() / "templates/Region/typo.yaml"};
  auto report = validate_project(request);
  REQUIRE(report.has_value());
  const auto& typo = file(*report, "templates/Region/typo.yaml");
  CHECK(typo.errors() == 1);  // only TemplateName, as upstream
  CHECK(has_code(typo, "region-check-skipped"));
}
