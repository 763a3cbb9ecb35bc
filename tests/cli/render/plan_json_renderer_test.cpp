// `plan --format json --messages`: what the writer puts in "messages" parses back to exactly the
// fan-out's own Ids and bodies, whether an Id needs escaping or not, for both fan-out kinds.

#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "cli/render/plan_renderers.hpp"
#include "emulator/plan/template_plan.hpp"
#include "emulator/starbase/fanout_messages.hpp"
#include "tests/emulator/starbase/fixtures.hpp"

using namespace drydock;

namespace {

struct Sent {
  std::vector<std::string> ids;
  std::vector<std::string> bodies;
};

}  // namespace

TEST_SUITE("cli/render") {
  TEST_CASE("plan json: messages parse back to the fan-out's Ids and bodies, escaped or not") {
    const std::string weird = "we\"ird-\xc3\xa9\\";
    auto org = test::resolution::index_x_organization();
    org.accounts[2].regions.push_back(weird);
    auto index = test::resolution::build_index(std::move(org));
    const workers::RegionUniverse universe("test", {"eu-west-1", "us-east-1", weird});
    emulator::PlanInputs inputs;
    inputs.regions = &universe;
    inputs.index = &index;
    const std::string tpl =
        "TemplateName: T\nTemplateDescription: \"caf\xc3\xa9 \\\" \\\\\"\nIncludeAccounts:\n"
        "  ByIds: ['000000000003', '000000000004']\nIncludeRegions: [ALL]\n";
    for (const auto kind : {workers::TemplateKind::account_region, workers::TemplateKind::account}) {
      CAPTURE(workers::to_string(kind));
      std::vector<emulator::TemplatePlan> plans;
      plans.push_back(emulator::plan_template_bytes(tpl, "t.yaml", kind, "", inputs));
      REQUIRE(plans[0].ok());
      Sent expected;
      const auto sink = [&](std::string_view id, std::string_view body) {
        expected.ids.emplace_back(id);
        expected.bodies.emplace_back(body);
      };
      const auto& root = *plans[0].document.root();
      const auto count =
          kind == workers::TemplateKind::account
              ? emulator::for_each_account_message(root, index, plans[0].accounts, sink)
              : emulator::for_each_account_region_message(root, index, plans[0].account_regions, sink);
      REQUIRE(count.has_value());
      REQUIRE(*count == (kind == workers::TemplateKind::account ? 2 : 5));  // 03: 3 regions, 04: 2

      std::ostringstream out;
      cli::render_plan_json(plans, index, /*messages=*/true, out);
      const auto parsed = nlohmann::json::parse(out.str());
      const auto& messages = parsed.at(0).at("messages");
      REQUIRE(messages.size() == expected.ids.size());
      for (std::size_t i = 0; i < messages.size(); ++i) {
        CHECK(messages[i].at("Id").get<std::string>() == expected.ids[i]);
        CHECK(messages[i].at("MessageBody").get<std::string>() == expected.bodies[i]);
      }
      if (kind == workers::TemplateKind::account_region) {
        CHECK(expected.ids[2] == "000000000003" + weird);
        CHECK(parsed.at(0).at("account_regions").at("000000000003").size() == 3);
        CHECK(parsed.at(0).at("account_regions").at("000000000003").at(2).get<std::string>() == weird);
      }
    }
  }
}
