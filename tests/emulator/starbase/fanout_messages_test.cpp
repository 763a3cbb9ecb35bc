// The Starbase's worker-queue messages (starfleet-behavior.md §7.3; §13.2 S9, S10, S11, S18):
// bodies byte-identical to upstream's json.dumps of the mutated original template.

#include "emulator/starbase/fanout_messages.hpp"

#include <random>

#include <doctest/doctest.h>

#include "emulator/starbase/message_template.hpp"
#include "tests/emulator/starbase/fixtures.hpp"
#include "workers/yaml/python_json.hpp"

using namespace drydock::test;
using namespace drydock::test::resolution;
using drydock::emulator::AccountRegions;
using drydock::emulator::FanoutMessage;
using drydock::emulator::for_each_account_message;
using drydock::emulator::for_each_account_region_message;
using drydock::emulator::resolve_worker_template_account_regions;
using drydock::emulator::resolve_worker_template_accounts;
using drydock::emulator::single_invocation_message;

namespace {

constexpr std::string_view k_description =
    "This is a template used for testing the Starbase for Account workers";

// upstream's tests/starbase/conftest.py templates, as uploaded (indented block in a Python string).
constexpr std::string_view k_tpl_acct = R"(
    TemplateName: TestWorkerTemplate
    TemplateDescription: This is a template used for testing the Starbase for Account workers
    IncludeAccounts:
        AllAccounts: True
    ExcludeAccounts:
        ByNames:
            - Account 1
    )";

constexpr std::string_view k_tpl_ar = R"(
    TemplateName: TestWorkerTemplate
    TemplateDescription: This is a template used for testing the Starbase for Account workers
    IncludeAccounts:
        ByNames:
            - Account 1
            - Account 2
            - Account 3
            - Account 4
            - Account 5
    ExcludeAccounts:
        ByNames:
            - Account 1
    IncludeRegions:
        - us-west-1
        - us-east-1
        - us-east-2
        - eu-west-1
        - ca-central-1
    ExcludeRegions:
        - us-west-1
    )";

std::vector<FanoutMessage> account_messages(const drydock::emulator::AccountIndex& index,
                                            const LoadedYaml& tpl) {
  std::vector<FanoutMessage> out;
  auto count = for_each_account_message(tpl.root(), index, resolve_worker_template_accounts(index, tpl.t),
                                        [&](std::string_view id, std::string_view body) {
                                          out.push_back({std::string(id), std::string(body)});
                                        });
  REQUIRE(count.has_value());
  CHECK(*count == out.size());
  return out;
}

std::vector<FanoutMessage> account_region_messages(const drydock::emulator::AccountIndex& index,
                                                   const LoadedYaml& tpl,
                                                   const std::vector<std::string>& scope = {}) {
  std::vector<FanoutMessage> out;
  auto count = for_each_account_region_message(tpl.root(), index,
                                               resolve_worker_template_account_regions(index, tpl.t, scope),
                                               [&](std::string_view id, std::string_view body) {
                                                 out.push_back({std::string(id), std::string(body)});
                                               });
  REQUIRE(count.has_value());
  CHECK(*count == out.size());
  return out;
}

std::string tpl_ar_body(const std::string& account, std::string_view region) {
  return R"({"TemplateName": "TestWorkerTemplate", "TemplateDescription": ")" + std::string(k_description) +
         R"(", "IncludeAccounts": {"ByNames": ["Account 1", "Account 2", "Account 3", "Account 4", "Account 5"]}, )"
         R"("ExcludeAccounts": {"ByNames": ["Account 1"]}, )"
         R"("IncludeRegions": ["us-west-1", "us-east-1", "us-east-2", "eu-west-1", "ca-central-1"], )"
         R"("ExcludeRegions": ["us-west-1"], "StarbaseAssignedAccount": ")" +
         account + R"(", "StarbaseAssignedRegion": ")" + std::string(region) + R"("})";
}

}  // namespace

TEST_CASE("S9: an ACCOUNT template gets one message per account, 02-19, in id order") {
  auto index = index_x();
  auto tpl = load_template(k_tpl_acct, drydock::workers::TemplateKind::account);
  auto messages = account_messages(index, tpl);
  REQUIRE(messages.size() == 18);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const std::string id = acct(static_cast<int>(i) + 2);
    CHECK(messages[i].id == id);
    CHECK(messages[i].body ==
          R"({"TemplateName": "TestWorkerTemplate", "TemplateDescription": ")" + std::string(k_description) +
              R"(", "IncludeAccounts": {"AllAccounts": true}, "ExcludeAccounts": {"ByNames": )"
              R"(["Account 1"]}, "StarbaseAssignedAccount": ")" +
              id + R"("})");
  }
}

TEST_CASE("S18: an ACCOUNT_REGION template gets one message per pair, sorted by account id + region") {
  auto index = index_x();
  auto tpl = load_template(k_tpl_ar, drydock::workers::TemplateKind::account_region);
  auto messages = account_region_messages(index, tpl);
  REQUIRE(messages.size() == 16);
  std::size_t i = 0;
  for (int n = 2; n <= 5; ++n) {
    for (std::string_view region : {"ca-central-1", "eu-west-1", "us-east-1", "us-east-2"}) {
      CHECK(messages[i].id == acct(n) + std::string(region));
      CHECK(messages[i].body == tpl_ar_body(acct(n), region));
      ++i;
    }
  }
  SUBCASE("the verified body of §7.3, byte for byte") {
    auto it = std::find_if(messages.begin(), messages.end(),
                           [](const FanoutMessage& m) { return m.id == "000000000004us-east-1"; });
    REQUIRE(it != messages.end());
    CHECK(it->body == tpl_ar_body("000000000004", "us-east-1"));
  }
}

TEST_CASE("S10: an ACCOUNT template that matches no account sends nothing") {
  auto index = index_x();
  auto tpl = load_account_template("IncludeAccounts:\n  ByNames: [fake_account]\n  ByIds: [fake_account]\n");
  CHECK(account_messages(index, tpl).empty());
}

TEST_CASE("S11: an ACCOUNT_REGION template with no pairs sends nothing") {
  auto index = index_x();
  // Upstream's test loads regions as set("us-east-1"): single characters, no real region.
  const std::vector<std::string> chars{"-", "1", "a", "e", "s", "t", "u"};
  SUBCASE("(a) every account has an empty region set") {
    auto tpl = load_account_region_template(
        "IncludeAccounts:\n  AllAccounts: True\nOperateInOrgRoot: True\nIncludeRegions: [us-east-1]\n");
    tpl.t.include_regions = chars;
    tpl.t.exclude_regions = chars;
    auto pairs = resolve_worker_template_account_regions(index, tpl.t, {});
    CHECK(pairs.size() == 20);
    CHECK(account_region_messages(index, tpl).empty());
  }
  SUBCASE("(b) no account") {
    auto tpl = load_account_region_template(
        "IncludeAccounts:\n  ByNames: [fake_account]\nIncludeRegions: [us-east-1]\n");
    tpl.t.include_regions = chars;
    CHECK(account_region_messages(index, tpl).empty());
  }
}

TEST_CASE("A template that already has the Starbase's keys gets them replaced in place") {
  auto index = index_x();
  SUBCASE("ACCOUNT") {
    auto tpl =
        load_account_template("StarbaseAssignedAccount: null\nIncludeAccounts:\n  ByIds: ['000000000003']\n");
    auto messages = account_messages(index, tpl);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].body ==
          R"({"TemplateName": "T", "TemplateDescription": "D", "StarbaseAssignedAccount": "000000000003", )"
          R"("IncludeAccounts": {"ByIds": ["000000000003"]}})");
  }
  SUBCASE("ACCOUNT_REGION with the region key before the account key") {
    auto tpl = load_account_region_template(
        "StarbaseAssignedRegion: old\nIncludeAccounts:\n  ByIds: ['000000000003', '000000000002']\n"
        "StarbaseAssignedAccount: old\nIncludeRegions: [us-east-2, eu-west-1]\n");
    auto messages = account_region_messages(index, tpl);
    REQUIRE(messages.size() == 4);
    CHECK(messages[0].id == "000000000002eu-west-1");
    CHECK(messages[3].id == "000000000003us-east-2");
    CHECK(messages[3].body ==
          R"({"TemplateName": "T", "TemplateDescription": "D", "StarbaseAssignedRegion": "us-east-2", )"
          R"("IncludeAccounts": {"ByIds": ["000000000003", "000000000002"]}, "StarbaseAssignedAccount": )"
          R"("000000000003", "IncludeRegions": ["us-east-2", "eu-west-1"]})");
  }
  SUBCASE("ACCOUNT_REGION with only the account key present: the region is appended") {
    auto tpl = load_account_region_template(
        "StarbaseAssignedAccount: old\nIncludeAccounts:\n  ByIds: ['000000000003']\nIncludeRegions: "
        "[us-east-2]\n");
    auto messages = account_region_messages(index, tpl);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].body ==
          R"({"TemplateName": "T", "TemplateDescription": "D", "StarbaseAssignedAccount": "000000000003", )"
          R"("IncludeAccounts": {"ByIds": ["000000000003"]}, "IncludeRegions": ["us-east-2"], )"
          R"("StarbaseAssignedRegion": "us-east-2"})");
  }
}

TEST_CASE("Non-ASCII text and floats are written as Python's json.dumps writes them") {
  auto index = index_x();
  auto tpl = load_account_template(
      "IncludeAccounts:\n  ByIds: ['000000000007']\nExtra:\n  text: \"h\\u00e9llo \\u65e5\\u672c \\U0001F600 "
      "\\\"q\\\" \\\\ /\"\n"
      "  big: 1.0e+16\n  small: 0.1\n  whole: 100.0\n  inf: .inf\n  nan: .nan\n  tiny: 1.5e-07\n  n: 12\n");
  auto messages = account_messages(index, tpl);
  REQUIRE(messages.size() == 1);
  CHECK(
      messages[0].body ==
      R"({"TemplateName": "T", "TemplateDescription": "D", "IncludeAccounts": {"ByIds": ["000000000007"]}, )"
      R"("Extra": {"text": "h\u00e9llo \u65e5\u672c \ud83d\ude00 \"q\" \\ /", "big": 1e+16, "small": 0.1, )"
      R"("whole": 100.0, "inf": Infinity, "nan": NaN, "tiny": 1.5e-07, "n": 12}, )"
      R"("StarbaseAssignedAccount": "000000000007"})");
}

TEST_CASE("A date in the template fails as json.dumps fails, once there is something to send") {
  auto index = index_x();
  SUBCASE("with accounts: DumpError") {
    auto tpl = load_account_template("IncludeAccounts:\n  ByIds: ['000000000007']\nWhen: 2024-01-01\n");
    auto result =
        for_each_account_message(tpl.root(), index, resolve_worker_template_accounts(index, tpl.t),
                                 [](std::string_view, std::string_view) { FAIL("no message expected"); });
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().python_error == "TypeError: Object of type date is not JSON serializable");
    CHECK(result.error().mark.line > 0);
  }
  SUBCASE("ACCOUNT_REGION too") {
    auto tpl = load_account_region_template(
        "IncludeAccounts:\n  ByIds: ['000000000007']\nIncludeRegions: [us-east-1]\nWhen: 2024-01-01\n");
    auto pairs = resolve_worker_template_account_regions(index, tpl.t, {});
    auto result =
        for_each_account_region_message(tpl.root(), index, pairs, [](std::string_view, std::string_view) {});
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().python_error == "TypeError: Object of type date is not JSON serializable");
  }
  SUBCASE("with no accounts upstream never dumps: zero messages, no error") {
    auto tpl = load_account_template("IncludeAccounts:\n  ByIds: ['999999999999']\nWhen: 2024-01-01\n");
    auto result = for_each_account_message(tpl.root(), index, resolve_worker_template_accounts(index, tpl.t),
                                           [](std::string_view, std::string_view) {});
    REQUIRE(result.has_value());
    CHECK(*result == 0);
  }
  SUBCASE("a date under the replaced key is gone before the dump") {
    // The schema rejects it, but the mapping rule alone must not dump the replaced value.
    auto tpl = load_account_template("IncludeAccounts:\n  ByIds: ['000000000007']\n");
    auto raw = load_yaml("A: 1\nStarbaseAssignedAccount: 2024-01-01\n");
    std::string body;
    auto result = for_each_account_message(*raw.root(), index, resolve_worker_template_accounts(index, tpl.t),
                                           [&](std::string_view, std::string_view b) { body = b; });
    REQUIRE(result.has_value());
    CHECK(body == R"({"A": 1, "StarbaseAssignedAccount": "000000000007"})");
  }
}

TEST_CASE("A template holding the placeholder text itself is still spliced correctly") {
  auto index = index_x();
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByIds: ['000000000007']\nIncludeRegions: [us-east-1]\n"
      "X: \"\\x01drydock-account-0\\x01\"\nY: \"\\x01drydock-region-1\\x01\"\n");
  auto messages = account_region_messages(index, tpl);
  REQUIRE(messages.size() == 1);
  CHECK(
      messages[0].body ==
      R"({"TemplateName": "T", "TemplateDescription": "D", "IncludeAccounts": {"ByIds": ["000000000007"]}, )"
      R"("IncludeRegions": ["us-east-1"], "X": "\u0001drydock-account-0\u0001", )"
      R"("Y": "\u0001drydock-region-1\u0001", "StarbaseAssignedAccount": "000000000007", )"
      R"("StarbaseAssignedRegion": "us-east-1"})");
}

TEST_CASE("Ids and regions that need escaping are escaped in the body, not in the Id") {
  auto org = index_x_organization();
  org.accounts[2].regions.push_back("we\"ird-\xc3\xa9");
  auto index = build_index(std::move(org));
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByIds: ['000000000003']\nIncludeRegions: [us-east-1]\n");
  auto pairs = resolve_worker_template_account_regions(index, tpl.t, {});
  REQUIRE(pairs.size() == 1);
  pairs[0].regions.push_back("we\"ird-\xc3\xa9");
  std::vector<FanoutMessage> out;
  auto count = for_each_account_region_message(tpl.root(), index, pairs,
                                               [&](std::string_view id, std::string_view body) {
                                                 out.push_back({std::string(id), std::string(body)});
                                               });
  REQUIRE(count.has_value());
  REQUIRE(out.size() == 2);
  CHECK(out[0].id == "000000000003us-east-1");
  CHECK(out[1].id == "000000000003we\"ird-\xc3\xa9");
  CHECK(out[1].body.ends_with(R"("StarbaseAssignedRegion": "we\"ird-\u00e9"})"));
}

TEST_CASE("Pairs given out of order are sent sorted by Id") {
  auto index = index_x();
  auto tpl = load_account_region_template(
      "IncludeAccounts:\n  ByIds: ['000000000003']\nIncludeRegions: [us-east-1]\n");
  std::vector<AccountRegions> pairs = resolve_worker_template_account_regions(index, tpl.t, {});
  REQUIRE(pairs.size() == 1);
  pairs[0].regions = {"us-west-2", "af-south-1"};
  std::vector<std::string> ids;
  auto count = for_each_account_region_message(
      tpl.root(), index, pairs, [&](std::string_view id, std::string_view) { ids.emplace_back(id); });
  REQUIRE(count.has_value());
  CHECK(ids == std::vector<std::string>{"000000000003af-south-1", "000000000003us-west-2"});
}

TEST_CASE("SINGLE_INVOCATION sends the template unchanged") {
  auto tpl = load_template(
      "TemplateName: TestWorkerTemplate\nTemplateDescription: This is a template used for testing the "
      "Starbase\n",
      drydock::workers::TemplateKind::single_invocation);
  auto body = single_invocation_message(tpl.root());
  REQUIRE(body.has_value());
  CHECK(
      *body ==
      R"({"TemplateName": "TestWorkerTemplate", "TemplateDescription": "This is a template used for testing the Starbase"})");
}

TEST_CASE("Bodies asked for escaped are the raw bodies escaped as a JSON string's contents") {
  auto org = index_x_organization();
  org.accounts[2].regions.push_back("we\"ird-\xc3\xa9\\");
  auto index = build_index(std::move(org));
  auto tpl = load_account_region_template(
      "TemplateDescription: \"caf\xc3\xa9 \\t \\\" \\\\ \\x7f\"\n"
      "IncludeAccounts:\n  ByIds: ['000000000003', '000000000004']\nIncludeRegions: [us-east-1]\n");
  auto pairs = resolve_worker_template_account_regions(index, tpl.t, {});
  REQUIRE(pairs.size() == 2);
  pairs[0].regions.push_back("we\"ird-\xc3\xa9\\");
  const auto collect = [&](drydock::emulator::BodyForm form, bool per_account) {
    std::vector<FanoutMessage> out;
    const auto sink = [&](std::string_view id, std::string_view body) {
      out.push_back({std::string(id), std::string(body)});
    };
    const auto count = per_account ? for_each_account_message(
                                         tpl.root(), index, {pairs[0].account, pairs[1].account}, sink, form)
                                   : for_each_account_region_message(tpl.root(), index, pairs, sink, form);
    REQUIRE(count.has_value());
    return out;
  };
  for (bool per_account : {false, true}) {
    CAPTURE(per_account);
    const auto raw = collect(drydock::emulator::BodyForm::raw, per_account);
    const auto escaped = collect(drydock::emulator::BodyForm::escaped, per_account);
    REQUIRE(raw.size() == (per_account ? 2 : 3));
    REQUIRE(escaped.size() == raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      std::string expected;
      drydock::emulator::append_json_string_contents(expected, raw[i].body);
      CHECK(escaped[i].id == raw[i].id);
      CHECK(escaped[i].body == expected);
    }
    CHECK(escaped[0].body.find(R"(caf\\u00e9 \\t \\\" \\\\ \\u007f)") != std::string::npos);
  }
}

TEST_CASE("append_json_string_contents is append_python_string without the quotes, at every offset") {
  std::mt19937 rng(12);
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "~",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\x01",
                                           "\x7f",
                                           "\xc3\xa9",
                                           "\xe2\x82\xac",
                                           "\xf0\x9f\x9a\x80",
                                           "0123456789abcdef"};
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    const std::size_t parts = rng() % 24;
    for (std::size_t k = 0; k < parts; ++k) {
      text += pieces[rng() % 3 == 0 ? rng() % pieces.size() : rng() % 4];
    }
    std::string literal;
    drydock::workers::yaml::append_python_string(literal, text);
    std::string contents = "prefix:";
    drydock::emulator::append_json_string_contents(contents, text);
    CAPTURE(text);
    CHECK(contents == "prefix:" + literal.substr(1, literal.size() - 2));
    CHECK(drydock::emulator::needs_no_escaping(text) == (literal.size() == text.size() + 2));
  }
}
