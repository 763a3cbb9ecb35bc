// The fast path for plain block YAML against the full PyYAML pipeline: whenever the fast path
// accepts an input, the pipeline must accept it too and build the same Document (types, values,
// marks, order). Inputs: hand-picked edge cases, every Python compatibility vector, the project's
// YAML fixtures, and many deterministic mutations of template-shaped documents.
#include <bit>
#include <cmath>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"
#include "workers/yaml/block_fast_path.hpp"
#include "workers/yaml/loader.hpp"

using namespace drydock::workers::yaml;
namespace fs = std::filesystem;

namespace {

// A description of a node tree, for comparing two Documents and for showing where they differ.
void describe(const Node& node, int depth, std::ostringstream& out) {
  out << "(" << python_type_name(node.type) << "@" << node.mark.line << ":" << node.mark.column;
  if (depth > 100) {
    out << " ...)";
    return;
  }
  switch (node.type) {
    case Type::boolean: out << " " << node.boolean; break;
    case Type::floating:
      out << " "
          << (std::isnan(node.number) ? std::string("nan")
                                      : std::to_string(std::bit_cast<std::uint64_t>(node.number)));
      break;
    case Type::sequence:
    case Type::set:
      for (const Node* item : node.items) {
        out << " ";
        describe(*item, depth + 1, out);
      }
      break;
    case Type::mapping:
      for (const auto& entry : node.entries) {
        out << " ";
        describe(*entry.key, depth + 1, out);
        out << ":";
        describe(*entry.value, depth + 1, out);
      }
      break;
    default: out << " [" << node.text << "]" << (node.int_exceeds_str_digits ? "!" : ""); break;
  }
  out << (node.is_tuple ? " tuple)" : ")");
}

std::string describe(const Document& doc) {
  std::ostringstream out;
  describe(*doc.root(), 0, out);
  out << " nodes=" << doc.node_count() << " duplicates=" << doc.duplicate_keys.size();
  return out.str();
}

struct Tally {
  int accepted = 0;
  int declined = 0;
};

// Checks one input; returns whether the fast path took it.
bool agrees(const std::string& input, Tally& tally) {
  auto fast = detail::load_plain_block(input);
  if (!fast) {
    ++tally.declined;
    return false;
  }
  ++tally.accepted;
  auto full = detail::load_with_pipeline(input);
  CHECK_MESSAGE(full.has_value(), "the fast path accepted what PyYAML rejects:\n"
                                      << input << "\n-> " << full.error().python_error);
  if (full) {
    CHECK_MESSAGE(describe(*fast) == describe(*full), "input:\n" << input);
  }
  return true;
}

const std::vector<std::string>& edge_cases() {
  static const std::vector<std::string> cases = {
      "a: b\n",
      "a: b",
      "a:\n",
      "a:",
      "a: # comment\nb: 1\n",
      "a:\n  b: 1\n  c:\n    - x\n    - y\n",
      "a:\n- x\n- y\nb: z\n",
      "- a: 1\n  b: 2\n- c\n",
      "- a:\n  - x\n- b\n",
      "- a:\n    b: 1\n",
      "  a: 1\n  b: 2\n",
      "a: b\n  c\n",             // a continuation line
      "a: b\nc\n",               // no colon
      "a: b\n- c\n",             // an entry where a key belongs
      "a:\n    b: 1\n  c: 2\n",  // an indentation between levels
      "a: b: c\n",
      "a: 'x' # c\n",
      "a: 'x'# c\n",
      "a: \"x\" y\n",
      "a: 'it''s'\n",
      "a: \"a\\tb\"\n",
      "a: x #c\n",
      "a: x#c\n",
      "a: x:y\n",
      "a: arn:aws:iam::123456789012:role/x\n",
      "a: -1\n",
      "a: - 1\n",
      "a: -\n",
      "a: ~\n",
      "a: null\n",
      "a: 0o17\n",
      "a: 0x_\n",
      "a: 017\n",
      "a: 018\n",
      "a: 1_000\n",
      "a: 1:30\n",
      "a: .5\n",
      "a: .inf\n",
      "a: .nan\n",
      "a: 1e3\n",
      "a: 1.0e+3\n",
      "a: yes\n",
      "a: On\n",
      "a: 2024-01-01\n",
      "a: <<\n",
      "<<: {}\n",
      "=: 1\n",
      "1: a\n",
      "True: a\n",
      "a: 1\na: 2\n",
      "a:   spaced   out   \n",
      "a   : b\n",
      "a :b\n",
      "---\na: 1\n",
      "...\n",
      "a: ...\n",
      "a: ---x\n",
      "- - a\n",
      "-\n",
      "- \n",
      "- # c\n",
      "-a: 1\n",
      "a: [1, 2]\n",
      "a: {b: 1}\n",
      "a: &x 1\n",
      "a: *x\n",
      "a: !!str 1\n",
      "a: |\n  text\n",
      "a: >\n  text\n",
      "? a\n: b\n",
      "%YAML 1.1\n---\na: 1\n",
      "a:\tb\n",
      "a: b\r\n",
      "a: caf\xc3\xa9\n",
      "\n\n# only comments\n",
      "",
      "scalar\n",
      "a:\n  # comment\n  b: 1\n",
      "a:\n\n  b: 1\n",
      "a: 1\n  # indented comment\nb: 2\n",
      "a:\n  - x\n  -  y\n",
      "a:\n  -   b: 1\n      c: 2\n",
      "a: b\n\n\n",
      "a: \"\"\n",
      "a: ''\n",
      "a: '#not a comment'\n",
      "a: (x)\n",
      "a: /path/to\n",
      "a: +1\n",
      "a: x y z\n",
      "a: 'x\n  y'\n",
      "a: \"unterminated\n",
  };
  return cases;
}

// A template-shaped document to mutate.
const char* k_template = R"(TemplateName: Example
TemplateDescription: An example template, with a comment # here
IncludeAccounts:
  ByNames:
    - Account 1
    - "Account 2"
  ByTags:
    - Name: team
      Value: 'platform'
ExcludeAccounts:
  ByIds:
    - "123456789012"
OperateInOrgRoot: True
IncludeRegions:
- ALL
WorkerSettings:
  Retries: 3
  Ratio: 0.5
  Nothing:
  Mode: enforce
)";

// A sequence-rooted one, with compact mappings, indentless sequences and empty values.
const char* k_list = R"(# leading comment
- Name: first
  Regions:
  - us-east-1
  - 'eu-west-1'
  Empty:
-   Name: second
    Nested:
      Deeper: -12
      Flag: no
- plain entry # trailing
- "quoted entry"
)";

std::string mutate(std::string text, std::mt19937& rng) {
  static const std::string alphabet = " \n:-#'\"ab1.~\t[";
  const int steps = 1 + static_cast<int>(rng() % 3);
  for (int s = 0; s < steps && !text.empty(); ++s) {
    const std::size_t at = rng() % text.size();
    switch (rng() % 5) {
      case 0: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      case 1: text.erase(at, 1); break;
      case 2: text[at] = alphabet[rng() % alphabet.size()]; break;
      case 3:
        text.insert(text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1, "  ");
        break;
      default: {
        const std::size_t line = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
        const std::size_t end = text.find('\n', line);
        text.insert(line, text.substr(line, end == std::string::npos ? std::string::npos : end - line + 1));
        break;
      }
    }
  }
  return text;
}

}  // namespace

TEST_CASE("yaml fast path: the edge cases agree with the full pipeline or are declined") {
  Tally tally;
  for (const auto& input : edge_cases()) {
    agrees(input, tally);
  }
  // An int Python holds but cannot print (over 4300 digits) keeps that fact.
  CHECK(agrees("a: 0x" + std::string(4000, 'f') + "\n", tally));
  CHECK(tally.accepted >= 30);
  CHECK(tally.declined >= 30);
}

TEST_CASE("yaml fast path: takes the common shapes and declines what it does not cover") {
  Tally tally;
  CHECK(agrees(k_template, tally));
  CHECK(agrees("a:\n- x\n- y\nb: z\n", tally));
  CHECK(agrees("- a: 1\n  b: 2\n- c\n", tally));
  CHECK(agrees("a: x #c\n", tally));
  CHECK(agrees(k_list, tally));
  for (const char* declined : {"a: b\n  c\n", "a: 1\na: 2\n", "a: 2024-01-01\n", "a: &x 1\n", "1: a\n",
                               "a: \"a\\tb\"\n", "a: caf\xc3\xa9\n", ""}) {
    CHECK_MESSAGE(!agrees(declined, tally), declined);
  }
  // The empty value's mark is the end of the ':' token, as PyYAML's process_empty_scalar puts it.
  auto doc = detail::load_plain_block("key:\nnext: 1\n");
  REQUIRE(doc);
  CHECK(doc->root()->find("key")->mark == drydock::workers::Mark{1, 5});
}

TEST_CASE("yaml fast path: every Python compatibility vector it takes agrees with the pipeline") {
  const auto vectors = nlohmann::json::parse(
      drydock::test::read_file(drydock::test::source_dir() / "tests/data/python-compat-vectors.json"));
  Tally tally;
  for (const auto& vector : vectors) {
    if (!vector["yaml"].is_null()) {
      agrees(vector["yaml"].get<std::string>(), tally);
    }
  }
  MESSAGE("python-compat vectors on the fast path: " << tally.accepted << " taken, " << tally.declined
                                                     << " declined");
  CHECK(tally.accepted >= 50);
}

TEST_CASE("yaml fast path: the project's YAML fixtures agree with the pipeline") {
  Tally tally;
  for (const char* folder : {"fixtures", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(drydock::test::source_dir() / folder)) {
      const auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
        agrees(drydock::test::read_file(entry.path()), tally);
      }
    }
  }
  MESSAGE("fixture YAML files on the fast path: " << tally.accepted << " taken, " << tally.declined
                                                  << " declined");
  CHECK(tally.accepted >= 10);
}

TEST_CASE("yaml fast path: mutations of a template agree with the pipeline") {
  std::mt19937 rng(12);  // fixed: the same inputs every run
  Tally tally;
  for (int i = 0; i < 20000; ++i) {
    agrees(mutate(i % 2 == 0 ? k_template : k_list, rng), tally);
  }
  MESSAGE("mutated templates: " << tally.accepted << " taken, " << tally.declined << " declined");
  CHECK(tally.accepted >= 2000);
  CHECK(tally.declined >= 2000);
}
