// Untrusted input: every one of these must end in a clear LoadError or DumpError, quickly, with no
// crash, no stack overflow and no unbounded memory (LoadLimits / DumpLimits).
#include <chrono>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

using namespace drydock::workers::yaml;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t k = 0; k < times; ++k) {
    out += piece;
  }
  return out;
}

// a: &a [lol x9], b: &b [*a x9], ... nine levels: 9^9 (387 million) strings once expanded.
std::string alias_bomb() {
  std::string yaml = "a: &a [" + repeat("lol, ", 8) + "lol]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    const std::string previous = std::string("*") + static_cast<char>(level - 1);
    yaml += std::string(1, level) + ": &" + level + " [" + repeat(previous + ", ", 8) + previous + "]\n";
  }
  return yaml;
}

}  // namespace

TEST_CASE("hostile input: binary junk is rejected with a clear error and never crashes the loader") {
  std::mt19937 rng(7);  // deterministic
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(64, 4096);
  int rejected = 0;
  for (int round = 0; round < 200; ++round) {
    std::string junk(length(rng), '\0');
    for (auto& c : junk) {
      c = static_cast<char>(byte(rng));
    }
    auto doc = load(junk);
    if (!doc) {
      ++rejected;
      CHECK_FALSE(doc.error().message.empty());
      CHECK_FALSE(doc.error().python_error.empty());  // upstream rejects junk too
    }
  }
  CHECK(rejected == 200);
}

TEST_CASE("hostile input: a 50 MB input is rejected by its size before anything reads it") {
  const std::string huge(50U * 1024U * 1024U, 'a');
  auto doc = load(huge);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message == "file is 52428800 bytes; the limit is 8388608 bytes");
  CHECK(doc.error().python_error.empty());  // a Drydock limit, not an upstream error
  CHECK(doc.error().mark.line == 0);
}

TEST_CASE("hostile input: nesting 10000 levels deep gives a clean LoadError, never a stack overflow") {
  SUBCASE("flow sequences") {
    auto doc = load(repeat("[", 10000) + repeat("]", 10000));
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message == "nesting deeper than 400 levels");
    CHECK(doc.error().mark == drydock::workers::Mark{1, 401});
    CHECK(doc.error().python_error == "RecursionError: maximum recursion depth exceeded");
  }
  SUBCASE("flow mappings") {
    auto doc = load(repeat("{a: ", 10000) + "1" + repeat("}", 10000));
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message == "nesting deeper than 400 levels");
  }
  SUBCASE("block sequences") {
    auto doc = load(repeat("- ", 10000) + "x\n");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message == "nesting deeper than 400 levels");
    CHECK(doc.error().python_error == "RecursionError: maximum recursion depth exceeded");
  }
  SUBCASE("block mappings, one space deeper per line") {
    std::string yaml;
    for (int depth = 0; depth < 3000; ++depth) {
      yaml += std::string(static_cast<std::size_t>(depth), ' ') + "a:\n";
    }
    auto doc = load(yaml);
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message == "nesting deeper than 400 levels");
    CHECK(doc.error().mark == drydock::workers::Mark{401, 401});
  }
  SUBCASE("between Drydock's limit and Python's, upstream would still accept it") {
    auto doc = load(repeat("[", 450) + repeat("]", 450));
    REQUIRE_FALSE(doc);
    CHECK(doc.error().python_error.empty());
  }
  SUBCASE("with the depth limit lifted, loading and dumping stay iterative or bounded") {
    LoadLimits limits;
    limits.max_depth = 20000;
    auto doc = load(repeat("[", 10000) + repeat("]", 10000), limits);
    REQUIRE(doc);
    auto json = dumps(*doc->root());
    REQUIRE_FALSE(json);
    CHECK(json.error().message == "nesting deeper than 1000 levels");
  }
}

TEST_CASE(
    "hostile input: an alias bomb loads fast because aliases are shared, and dumping stops at the output "
    "cap") {
  const std::string yaml = alias_bomb();
  auto doc = load(yaml);
  REQUIRE(doc);
  CHECK(doc->node_count() < 200);

  DumpLimits small;
  small.max_output_bytes = 1024U * 1024U;
  auto json = dumps(*doc->root(), small);
  REQUIRE_FALSE(json);
  CHECK(json.error().message == "the JSON text would exceed 1048576 bytes (alias expansion?)");
  CHECK(json.error().python_error.empty());
  auto tree = to_json(*doc->root(), small);
  REQUIRE_FALSE(tree);
  CHECK(tree.error().message == "the JSON text would exceed 1048576 bytes (alias expansion?)");

  SUBCASE("the default cap holds too") {
    const auto dump_start = std::chrono::steady_clock::now();
    auto capped = dumps(*doc->root());
    REQUIRE_FALSE(capped);
    CHECK(capped.error().message == "the JSON text would exceed 67108864 bytes (alias expansion?)");
    MESSAGE("alias bomb: dumps() stopped at the 64 MiB cap after " << seconds_since(dump_start) << " s");
  }
}

TEST_CASE("hostile input: invalid UTF-8 is a ReaderError worded as PyYAML words it") {
  auto doc = load("v: caf\xe9\n");
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message == "unacceptable character #x00e9: invalid continuation byte");
  CHECK(doc.error().python_error == "ReaderError: unacceptable character #x00e9: invalid continuation byte");
  CHECK(doc.error().python_error_full ==
        "unacceptable character #x00e9: invalid continuation byte\n  in \"<file>\", position 6");
  CHECK(doc.error().mark == drydock::workers::Mark{1, 7});

  SUBCASE("a truncated sequence at the end") {
    auto truncated = load("v: \xe2\x82");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().message == "unacceptable character #x00e2: unexpected end of data");
  }
  SUBCASE("a raw control character") {
    auto control = load("v: a\x01z\n");
    REQUIRE_FALSE(control);
    CHECK(control.error().message == "unacceptable character #x0001: special characters are not allowed");
  }
}

TEST_CASE("hostile input: the node limit stops a document with too many nodes") {
  LoadLimits limits;
  limits.max_nodes = 1000;
  auto doc = load("[" + repeat("x, ", 2000) + "x]", limits);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message == "more than 1000 YAML nodes");
  CHECK(doc.error().python_error.empty());
}

TEST_CASE("hostile input: merge keys that multiply through aliases stop at the node limit") {
  // Each level merges the previous one ten times over: 10^9 pairs to flatten if nothing stopped it.
  std::string yaml = "m0: &m0 {" + repeat("k: 0, ", 9) + "k: 0}\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string previous = "*m" + std::to_string(level - 1);
    yaml += "m" + std::to_string(level) + ": &m" + std::to_string(level) + " {<<: [" +
            repeat(previous + ", ", 9) + previous + "]}\n";
  }
  LoadLimits limits;
  limits.max_nodes = 100000;
  auto doc = load(yaml, limits);
  REQUIRE_FALSE(doc);
  CHECK(doc.error().message == "merge keys expand to more than 100000 pairs");
}

TEST_CASE("hostile input: self-references end in clear errors") {
  SUBCASE("a list that contains itself cannot be dumped, as in Python") {
    auto doc = load("a: &x [*x]\n");
    REQUIRE(doc);
    auto json = dumps(*doc->root());
    REQUIRE_FALSE(json);
    CHECK(json.error().python_error == "ValueError: Circular reference detected");
    CHECK_FALSE(to_json(*doc->root()));
  }
  SUBCASE("a scalar defined through its own `=` key") {
    auto doc = load("&a !!str {=: *a}\n");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().python_error == "RecursionError: maximum recursion depth exceeded");
  }
  SUBCASE("a long chain of aliases is bounded when dumped") {
    std::string yaml = "a0: &a0 [x]\n";
    for (int k = 1; k < 1500; ++k) {
      yaml += "a" + std::to_string(k) + ": &a" + std::to_string(k) + " [*a" + std::to_string(k - 1) + "]\n";
    }
    auto doc = load(yaml);
    REQUIRE(doc);
    auto json = dumps(*doc->root());
    REQUIRE_FALSE(json);
    CHECK(json.error().python_error ==
          "RecursionError: maximum recursion depth exceeded while encoding a JSON object");
  }
}
