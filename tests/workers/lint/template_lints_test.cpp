// Template lint warnings: unquoted-account-id, duplicate-key, not-json-serializable, message-too-large.

#include <algorithm>

#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "workers/lint/template_lints.hpp"
#include "workers/lint/template_lints_with_source.hpp"
#include "workers/yaml/python_json.hpp"

using drydock::workers::Diagnostic;
using drydock::workers::FieldPath;
using drydock::workers::Mark;
using drydock::workers::Severity;
using drydock::workers::TemplateKind;
using drydock::workers::yaml::Document;
using drydock::workers::yaml::Type;

namespace {

std::vector<Diagnostic> lint_text(std::string_view text, TemplateKind kind, bool with_source = true) {
  auto doc = drydock::test::load_yaml(text);
  return with_source ? drydock::workers::lint_template(doc, kind, text)
                     : drydock::workers::lint_template(doc, kind);
}

std::vector<Diagnostic> with_code(const std::vector<Diagnostic>& all, std::string_view code) {
  std::vector<Diagnostic> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Diagnostic& d) { return d.code == code; });
  return out;
}

constexpr std::string_view k_head = "TemplateName: T\nTemplateDescription: D\n";

}  // namespace

TEST_CASE("an unquoted all-octal account id is explained with its spelling when the source is known") {
  auto text = std::string(k_head) + "IncludeAccounts:\n  ByIds: [000000000017, '000000000001']\n";
  auto warnings = with_code(lint_text(text, TemplateKind::account), "unquoted-account-id");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::warning);
  CHECK(warnings[0].file.empty());
  CHECK(warnings[0].field ==
        FieldPath{std::string("IncludeAccounts"), std::string("ByIds"), std::int64_t{0}});
  CHECK(warnings[0].mark == Mark{4, 11});
  CHECK(warnings[0].message ==
        "unquoted 000000000017 is read by YAML 1.1 as the octal integer 15; upstream rejects it (Not a valid "
        "string.). Quote it: '000000000017'");
}

TEST_CASE("an unquoted decimal account id is an integer that upstream rejects") {
  auto text = std::string(k_head) +
              "IncludeAccounts: {AllAccounts: true}\nExcludeAccounts:\n  ByIds:\n    - 123456789012\n";
  auto warnings = with_code(lint_text(text, TemplateKind::account_region), "unquoted-account-id");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].field ==
        FieldPath{std::string("ExcludeAccounts"), std::string("ByIds"), std::int64_t{0}});
  CHECK(warnings[0].message ==
        "unquoted 123456789012 is read by YAML 1.1 as the integer 123456789012; upstream rejects it (Not a "
        "valid "
        "string.). Quote it: '123456789012'");
}

TEST_CASE("without the source an integer account id is explained from its value") {
  auto text = std::string(k_head) + "IncludeAccounts: {ByIds: [000000000017, 123456789012]}\n";
  auto warnings = with_code(lint_text(text, TemplateKind::account, false), "unquoted-account-id");
  REQUIRE(warnings.size() == 2);
  CHECK(
      warnings[0].message ==
      "an account id is read by YAML 1.1 as the integer 15; upstream rejects it (Not a valid string.). Quote "
      "account ids: if it was written 000000000017 (octal for 15), write '000000000017'");
  CHECK(warnings[1].message ==
        "an account id is read by YAML 1.1 as the integer 123456789012; upstream rejects it (Not a valid "
        "string.). Quote account ids");
}

TEST_CASE("an unquoted account id that stays a string only thanks to an 8 or 9 is flagged") {
  SUBCASE("unquoted") {
    auto text = std::string(k_head) + "IncludeAccounts: {ByIds: [000000000018]}\n";
    auto warnings = with_code(lint_text(text, TemplateKind::account), "unquoted-account-id");
    REQUIRE(warnings.size() == 1);
    CHECK(
        warnings[0].message ==
        "unquoted 000000000018 works only because it contains an 8 or 9 (YAML 1.1 reads unquoted digits 0-7 "
        "with a leading 0 as an octal integer, which upstream rejects); quote it: '000000000018'");
  }
  SUBCASE("quoted ids and unknown sources are left alone") {
    auto quoted = std::string(k_head) + "IncludeAccounts: {ByIds: ['000000000018', \"000000000019\"]}\n";
    CHECK(with_code(lint_text(quoted, TemplateKind::account), "unquoted-account-id").empty());
    auto unquoted = std::string(k_head) + "IncludeAccounts: {ByIds: [000000000018]}\n";
    CHECK(with_code(lint_text(unquoted, TemplateKind::account, false), "unquoted-account-id").empty());
  }
}

TEST_CASE("StarbaseAssignedAccount as an integer is flagged only where it is a schema field") {
  auto text =
      std::string(k_head) + "IncludeAccounts: {AllAccounts: true}\nStarbaseAssignedAccount: 000000000017\n";
  auto warnings = with_code(lint_text(text, TemplateKind::account), "unquoted-account-id");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].field == FieldPath{std::string("StarbaseAssignedAccount")});
  CHECK(warnings[0].mark == Mark{4, 26});
  CHECK(with_code(lint_text(text, TemplateKind::single_invocation), "unquoted-account-id").empty());
}

TEST_CASE("duplicate keys recorded by the loader become warnings") {
  Document doc;
  doc.set_root(&doc.make(Type::mapping, Mark{1, 1}));
  doc.duplicate_keys.push_back({"TemplateName", Mark{1, 1}, Mark{3, 1}});
  auto warnings = drydock::workers::lint_template(doc, TemplateKind::single_invocation);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].code == "duplicate-key");
  CHECK(warnings[0].mark == Mark{3, 1});
  CHECK(warnings[0].message ==
        "key 'TemplateName' is given twice in the same mapping (first at line 1, column 1); PyYAML silently "
        "keeps "
        "only the last value, so upstream never sees the first one");
}

TEST_CASE("a duplicate key deep in a template is reported under its field path, where it repeats") {
  auto text =
      std::string(k_head) + "IncludeAccounts:\n  ByTags:\n    - Name: a\n      Value: b\n      Name: c\n";
  auto warnings = with_code(lint_text(text, TemplateKind::account), "duplicate-key");
  REQUIRE(warnings.size() == 1);
  CHECK(drydock::workers::format_field_path(warnings[0].field) == "IncludeAccounts.ByTags[0].Name");
  CHECK(warnings[0].mark.line == 7);
}

TEST_CASE("dates and datetimes anywhere, keys included, are not JSON serializable") {
  auto text = std::string(k_head) + "Start: 2024-01-01\nWhen:\n  - 2024-01-01 10:00:00\n2024-02-02: x\n";
  auto warnings = with_code(lint_text(text, TemplateKind::single_invocation), "not-json-serializable");
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].field == FieldPath{std::string("Start")});
  CHECK(warnings[0].mark == Mark{3, 8});
  CHECK(
      warnings[0].message ==
      "2024-01-01 is read by YAML 1.1 as a date; upstream validates the template, but its Starbase's "
      "json.dumps "
      "raises TypeError: Object of type date is not JSON serializable, so the worker message is never sent. "
      "Quote it: '2024-01-01'");
  CHECK(warnings[1].field == FieldPath{std::string("When"), std::int64_t{0}});
  CHECK(warnings[1].message.find("Object of type datetime is not JSON serializable") != std::string::npos);
  CHECK(warnings[2].field == FieldPath{std::string("2024-02-02")});
  CHECK(warnings[2].message.find("keys must be str, int, float, bool or None, not datetime.date") !=
        std::string::npos);
}

TEST_CASE("bytes, sets and cycles are not JSON serializable") {
  Document doc;
  auto& root = doc.make(Type::mapping, Mark{1, 1});
  auto& set_key = doc.make(Type::string, Mark{1, 1});
  set_key.text = "S";
  auto& set = doc.make(Type::set, Mark{1, 4});
  auto& bytes_key = doc.make(Type::string, Mark{2, 1});
  bytes_key.text = "B";
  auto& bytes = doc.make(Type::bytes, Mark{2, 4});
  root.entries = {{&set_key, &set}, {&bytes_key, &bytes}};
  doc.set_root(&root);
  auto warnings = drydock::workers::lint_template(doc, TemplateKind::single_invocation);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message.find("Object of type set") != std::string::npos);
  CHECK(warnings[1].message.find("Object of type bytes") != std::string::npos);

  Document cyclic;
  auto& outer = cyclic.make(Type::mapping, Mark{1, 1});
  auto& key = cyclic.make(Type::string, Mark{1, 1});
  key.text = "loop";
  auto& list = cyclic.make(Type::sequence, Mark{1, 7});
  list.items.push_back(&list);
  outer.entries = {{&key, &list}};
  cyclic.set_root(&outer);
  auto cycle = drydock::workers::lint_template(cyclic, TemplateKind::single_invocation);
  REQUIRE(cycle.size() == 1);
  CHECK(cycle[0].code == "not-json-serializable");
  CHECK(cycle[0].message.find("ValueError: Circular reference detected") != std::string::npos);
}

TEST_CASE("tagged binaries and sets and cyclic aliases loaded from YAML are not JSON serializable") {
  auto text =
      std::string(k_head) + "Blob: !!binary /w==\nNames: !!set {a, b}\nLoop: &x [1, *x]\nShared: *x\n";
  auto warnings = with_code(lint_text(text, TemplateKind::single_invocation), "not-json-serializable");
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].field == FieldPath{std::string("Blob")});
  CHECK(warnings[1].field == FieldPath{std::string("Names")});
  CHECK(warnings[2].field == FieldPath{std::string("Loop"), std::int64_t{1}});
  CHECK(warnings[2].message.find("ValueError: Circular reference detected") != std::string::npos);
}

TEST_CASE("an alias used twice is not a cycle") {
  auto text = std::string(k_head) + "A: &x [1, 2]\nB: *x\nC: {d: *x}\n";
  CHECK(lint_text(text, TemplateKind::single_invocation).empty());
}

TEST_CASE("the account id spelling is found after a byte order mark and multi-byte characters") {
  auto text = std::string("\xEF\xBB\xBFStarbaseAssignedAccount: 000000000017\n") + std::string(k_head) +
              "IncludeAccounts: {ByNames: [\xC3\xA9\xC3\xA9], ByIds: [000000000017]}\n";
  auto warnings = with_code(lint_text(text, TemplateKind::account), "unquoted-account-id");
  REQUIRE(warnings.size() == 2);
  for (const auto& warning : warnings) {
    CHECK(warning.message.starts_with("unquoted 000000000017 is read by YAML 1.1 as the octal integer 15"));
  }
}

TEST_CASE("a worker message body over 1 MiB can never be sent") {
  const std::string huge(1'100'000, 'x');
  for (auto kind : {TemplateKind::single_invocation, TemplateKind::account, TemplateKind::account_region}) {
    auto text = "TemplateName: T\nTemplateDescription: " + huge +
                "\nIncludeAccounts: {AllAccounts: true}\nIncludeRegions: [ALL]\n";
    auto warnings = with_code(lint_text(text, kind), "message-too-large");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].message.find("over SQS's 1 MiB message limit (1,048,576 bytes)") != std::string::npos);
    CHECK(warnings[0].mark == Mark{1, 1});
  }
}

TEST_CASE("a full batch of 10 worker messages over 1 MiB is flagged exactly at the limit") {
  // Body: {"TemplateName": "T", "TemplateDescription": "x…", "StarbaseAssignedAccount": "123456789012"}
  const auto body_size = [](std::size_t n) {
    auto doc =
        drydock::test::load_yaml("TemplateName: T\nTemplateDescription: " + std::string(n, 'x') + "\n");
    return drydock::workers::yaml::dumps(*doc.root()).value().size() +
           std::string_view(R"(, "StarbaseAssignedAccount": "123456789012")").size();
  };
  const std::size_t fits = 104'857;  // 10 × 104,857 = 1,048,570 bytes
  const std::size_t n = fits - (body_size(1) - 1);
  const auto lint_n = [](std::size_t length, TemplateKind kind) {
    return with_code(
        lint_text("TemplateName: T\nTemplateDescription: " + std::string(length, 'x') + "\n", kind),
        "message-too-large");
  };
  CHECK(body_size(n) == fits);
  CHECK(lint_n(n, TemplateKind::account).empty());
  auto warnings = lint_n(n + 1, TemplateKind::account);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message ==
        "each worker message body is 104858 bytes, so a full batch of 10 is 1048580 bytes, over SQS's 1 MiB "
        "batch "
        "limit (1,048,576 bytes): when the template targets 10 or more accounts, SQS rejects upstream's "
        "SendMessageBatch (BatchRequestTooLong) and the Starbase fan-out fails and is retried until "
        "dead-lettered; "
        "at most 9 such messages fit in one batch");
  // SINGLE_INVOCATION sends one message with SendMessage: no batch.
  CHECK(lint_n(n + 1, TemplateKind::single_invocation).empty());
}

TEST_CASE("the Starbase's own fields replace a template's values in place when sized") {
  auto text = std::string(k_head) + "IncludeAccounts: {AllAccounts: true}\nStarbaseAssignedAccount: " +
              std::string(1'100'000, 'x') + "\n";
  CHECK(with_code(lint_text(text, TemplateKind::account), "message-too-large").empty());
  CHECK(with_code(lint_text(text, TemplateKind::single_invocation), "message-too-large").size() == 1);
}

TEST_CASE("a clean template has no lint warnings in any kind") {
  auto text = std::string(k_head) + "IncludeAccounts: {ByIds: ['000000000017']}\nIncludeRegions: [ALL]\n";
  for (auto kind : {TemplateKind::single_invocation, TemplateKind::account, TemplateKind::account_region}) {
    CHECK(lint_text(text, kind).empty());
  }
}
