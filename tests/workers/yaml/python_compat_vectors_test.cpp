// Runs every vector of tests/data/python-compat-vectors.json (made by real PyYAML 6 + json.dumps: each
// has the YAML, whether it loads, the JSON or the exception and its stage) through load() + dumps(): the same
// JSON bytes, or the same exception class and first line at the same stage — and, as a stricter check, the
// same whole message with its marks.
#include <map>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"
#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

using namespace drydock::workers::yaml;

namespace {

// Vectors Drydock knowingly answers differently, each with the reason. Keep this list short and
// true: a gap that starts passing fails the test until it is removed here.
const std::map<std::string, std::string>& accepted_gaps() {
  static const std::map<std::string, std::string> gaps = {};
  return gaps;
}

std::string input_bytes(const nlohmann::json& vector) {
  if (!vector["yaml"].is_null()) {
    return vector["yaml"].get<std::string>();
  }
  const auto hex = vector["yaml_bytes_hex"].get<std::string>();
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

struct Outcome {
  std::string stage;  // "ok", "load", "dump"
  std::string text;   // JSON, or "<Class>: <first line>"
  std::string full;   // str(exc)
};

Outcome run(const std::string& bytes) {
  auto doc = load(bytes);
  if (!doc) {
    return {"load", doc.error().python_error, doc.error().python_error_full};
  }
  auto json = dumps(*doc->root());
  if (!json) {
    return {"dump", json.error().python_error, {}};
  }
  return {"ok", *json, {}};
}

std::string expected_full(const nlohmann::json& vector) {
  return vector["error_full"].is_null() ? std::string{} : vector["error_full"].get<std::string>();
}

}  // namespace

TEST_CASE("every Python compatibility vector loads and dumps exactly as PyYAML and json.dumps do") {
  const auto vectors = nlohmann::json::parse(
      drydock::test::read_file(drydock::test::source_dir() / "tests/data/python-compat-vectors.json"));
  REQUIRE(vectors.size() == 526);
  int passed = 0;
  int gaps = 0;
  int full_messages_matched = 0;
  int load_errors = 0;
  for (const auto& vector : vectors) {
    const auto id = vector["id"].get<std::string>();
    const Outcome got = run(input_bytes(vector));
    const bool ok = vector["ok"].get<bool>();
    const std::string want_stage = ok ? "ok" : vector["error_stage"].get<std::string>();
    const std::string want_text = ok ? vector["json"].get<std::string>() : vector["error"].get<std::string>();
    const bool match = got.stage == want_stage && got.text == want_text;

    if (const auto gap = accepted_gaps().find(id); gap != accepted_gaps().end()) {
      ++gaps;
      CHECK_MESSAGE(!match, "vector " << id << " passes now: remove it from accepted_gaps()");
      continue;
    }
    CHECK_MESSAGE(match, "vector " << id << "\n  want [" << want_stage << "] " << want_text << "\n  got  ["
                                   << got.stage << "] " << got.text);
    if (match) {
      ++passed;
    }
    if (want_stage == "load") {
      ++load_errors;
      CHECK_MESSAGE(
          got.full == expected_full(vector),
          "vector " << id << " full message\n  want: " << expected_full(vector) << "\n  got:  " << got.full);
      if (got.full == expected_full(vector)) {
        ++full_messages_matched;
      }
    }
  }
  MESSAGE("python-compat vectors: " << passed << " passed, " << gaps << " accepted gaps, of "
                                    << vectors.size()
                                    << "; load errors with identical full message and marks: "
                                    << full_messages_matched << "/" << load_errors);
}

TEST_CASE("yaml loader: a load error carries a 1-based mark and a message for a person") {
  SUBCASE("a tab that cannot start a token") {
    auto doc = load("a:\n\tb: 1\n");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().mark == drydock::workers::Mark{2, 1});
    CHECK(doc.error().message == "found character '\\t' that cannot start any token");
    CHECK(doc.error().python_error == "ScannerError: while scanning for the next token");
  }
  SUBCASE("a simple key without its colon names where the key started") {
    auto doc = load("x: 1\ny\n");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().mark == drydock::workers::Mark{3, 1});
    CHECK(doc.error().message ==
          "while scanning a simple key (line 2, column 1): could not find expected ':'");
  }
  SUBCASE("a bad date points at the value") {
    auto doc = load("a: 1\nv: 2024-02-30\n");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().mark == drydock::workers::Mark{2, 4});
    CHECK(doc.error().python_error == "ValueError: day is out of range for month");
  }
}
