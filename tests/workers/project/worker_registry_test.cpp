#include <doctest/doctest.h>

#include "workers/project/worker_registry.hpp"

using namespace drydock::workers;

namespace {

WorkerStanza stanza(std::string name, std::string prefix, bool enabled,
                    std::vector<InvocationSource> sources) {
  WorkerStanza s;
  s.name = std::move(name);
  s.template_prefix = std::move(prefix);
  s.enabled = enabled;
  s.invocation_sources = std::move(sources);
  return s;
}

}  // namespace

TEST_CASE("a TemplatePrefix claims keys as the Starbase's raw startswith does") {
  CHECK(prefix_claims("IAM/Roles/", "IAM/Roles/a.yaml"));
  CHECK(prefix_claims("Foo", "FooBar/x.yaml"));  // no path boundary upstream
  CHECK(prefix_claims("", "anything.yaml"));
  CHECK(prefix_claims("A/t.yaml", "A/t.yaml"));
  CHECK_FALSE(prefix_claims("A/t.yaml", "A/u.yaml"));
  CHECK_FALSE(prefix_claims("iam/", "IAM/a.yaml"));  // case-sensitive
}

TEST_CASE("the first enabled S3-invoked worker in loader order owns a template") {
  std::vector<WorkerStanza> stanzas{
      stanza("TimedOnly", "IAM/", true, {InvocationSource::eventbridge_timed_event}),
      stanza("Disabled", "IAM/", false, {InvocationSource::s3}),
      stanza("S3One", "IAM/Roles/", true, {InvocationSource::s3}),
      stanza("S3Two", "IAM/", true, {InvocationSource::s3}),
  };
  auto workers = build_worker_registry(stanzas, {});
  auto owner = find_template_owner("IAM/Roles/x.yaml", workers);
  REQUIRE(owner.worker != nullptr);
  CHECK(owner.worker->name == "S3One");
  CHECK(owner.shadowed.size() == 3);

  SUBCASE("a timed-only worker owns keys no S3 worker claims") {
    std::vector<WorkerStanza> only_timed{stanzas[0]};
    auto timed_workers = build_worker_registry(only_timed, {});
    auto timed = find_template_owner("IAM/Users/x.yaml", timed_workers);
    REQUIRE(timed.worker != nullptr);
    CHECK(timed.worker->name == "TimedOnly");
  }
  SUBCASE("a disabled worker is the owner of last resort") {
    std::vector<WorkerStanza> only_disabled{stanzas[1]};
    auto disabled_workers = build_worker_registry(only_disabled, {});
    auto disabled = find_template_owner("IAM/x.yaml", disabled_workers);
    REQUIRE(disabled.worker != nullptr);
    CHECK(disabled.worker->name == "Disabled");
  }
  SUBCASE("no worker") {
    CHECK(find_template_owner("S3/x.yaml", workers).worker == nullptr);
  }
}

TEST_CASE("a worker's kind comes from drydock.yaml, then upstream's included ships, else SINGLE_INVOCATION") {
  WorkerSettings explicit_kind;
  explicit_kind.name = "IamRoleWorkerShip";
  explicit_kind.fan_out = TemplateKind::account_region;
  std::vector<WorkerStanza> stanzas{stanza("AwsConfigWorkerShip", "a/", true, {}),
                                    stanza("Mine", "m/", true, {})};
  std::vector<WorkerSettings> settings{explicit_kind};
  auto workers = build_worker_registry(stanzas, settings);
  REQUIRE(workers.size() == 3);
  CHECK(workers[0].name == "IamRoleWorkerShip");
  CHECK(workers[0].kind == TemplateKind::account_region);
  CHECK(workers[0].stanza == nullptr);
  CHECK(workers[1].kind == TemplateKind::account_region);
  CHECK_FALSE(workers[1].kind_is_default);
  CHECK(workers[2].kind == TemplateKind::single_invocation);
  CHECK(workers[2].kind_is_default);
}
