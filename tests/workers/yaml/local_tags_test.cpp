// LoadLimits::keep_unknown_local_tags: CloudFormation's short-form intrinsics (`!GetAtt`, `!Sub`, ...)
// load as their plain values with the tag kept, while safe_load's behaviour stays the default.
#include <doctest/doctest.h>

#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

using drydock::workers::Mark;
using namespace drydock::workers::yaml;

namespace {

LoadLimits keeping_tags() {
  LoadLimits limits;
  limits.keep_unknown_local_tags = true;
  return limits;
}

}  // namespace

TEST_SUITE("workers/yaml") {
  TEST_CASE("yaml local tags: by default an unknown local tag is the ConstructorError safe_load raises") {
    CHECK_FALSE(LoadLimits{}.keep_unknown_local_tags);
    auto doc = load("Arn: !GetAtt StarbaseFanoutDLQ.Arn\n");
    REQUIRE_FALSE(doc);
    CHECK(doc.error().python_error ==
          "ConstructorError: could not determine a constructor for the tag '!GetAtt'");
    CHECK(doc.error().mark == Mark{1, 6});
  }

  TEST_CASE("yaml local tags: a tagged scalar is its text as a str, with the tag recorded") {
    auto doc = load("Arn: !GetAtt StarbaseFanoutDLQ.Arn\nCount: !Ref 5\nEmpty: !GetAZs ''\nPlain: x\n",
                    keeping_tags());
    REQUIRE(doc);
    const Node& root = *doc->root();
    const Node* arn = root.find("Arn");
    REQUIRE(arn != nullptr);
    CHECK(arn->type == Type::string);
    CHECK(arn->text == "StarbaseFanoutDLQ.Arn");
    CHECK(doc->tag_of(*arn) == "!GetAtt");
    CHECK(arn->mark == Mark{1, 6});
    SUBCASE("the implicit int/bool/null rules do not apply under a tag") {
      CHECK(root.find("Count")->type == Type::string);
      CHECK(root.find("Count")->text == "5");
      CHECK(doc->tag_of(*root.find("Count")) == "!Ref");
      CHECK(root.find("Empty")->text.empty());
      CHECK(doc->tag_of(*root.find("Empty")) == "!GetAZs");
    }
    SUBCASE("untagged nodes and the root have no tag") {
      CHECK(doc->tag_of(*root.find("Plain")).empty());
      CHECK(doc->tag_of(root).empty());
      CHECK(doc->tag_of(*root.entries[0].key).empty());
    }
  }

  TEST_CASE("yaml local tags: tagged sequences and mappings keep their children, typed as usual") {
    auto doc = load(
        "Name: !Sub\n"
        "  - 'starfleet-templates-${AccountId}'\n"
        "  - AccountId: !Ref \"AWS::AccountId\"\n"
        "Pick: !Select [1, !Split [',', 'a,b']]\n"
        "Cond: !If {a: 1, b: [true, null]}\n",
        keeping_tags());
    REQUIRE(doc);
    const Node& root = *doc->root();
    const Node* sub = root.find("Name");
    REQUIRE(sub->type == Type::sequence);
    CHECK(doc->tag_of(*sub) == "!Sub");
    REQUIRE(sub->items.size() == 2);
    CHECK(sub->items[0]->text == "starfleet-templates-${AccountId}");
    const Node* account = sub->items[1]->find("AccountId");
    REQUIRE(account != nullptr);
    CHECK(account->text == "AWS::AccountId");
    CHECK(doc->tag_of(*account) == "!Ref");

    const Node* select = root.find("Pick");
    CHECK(doc->tag_of(*select) == "!Select");
    CHECK(select->items[0]->type == Type::integer);
    CHECK(doc->tag_of(*select->items[1]) == "!Split");

    const Node* cond = root.find("Cond");
    REQUIRE(cond->type == Type::mapping);
    CHECK(doc->tag_of(*cond) == "!If");
    CHECK(dumps(*cond).value() == R"({"a": 1, "b": [true, null]})");
  }

  TEST_CASE("yaml local tags: every CloudFormation short form loads") {
    auto doc = load(
        "- !Ref A\n- !GetAtt A.Arn\n- !Sub 'x-${A}'\n- !If [C, a, b]\n- !Join ['', [a, b]]\n"
        "- !Select [0, !GetAZs '']\n- !Split [',', 'a,b']\n- !FindInMap [M, K, V]\n- !ImportValue X\n"
        "- !Base64 text\n- !Cidr [10.0.0.0/16, 2, 8]\n- !Equals [a, b]\n- !Not [!Condition C]\n"
        "- !And [!Condition C, !Condition D]\n- !Or [!Condition C, !Condition D]\n",
        keeping_tags());
    REQUIRE(doc);
    const char* tags[] = {"!Ref",    "!GetAtt", "!Sub",       "!If",          "!Join",
                          "!Select", "!Split",  "!FindInMap", "!ImportValue", "!Base64",
                          "!Cidr",   "!Equals", "!Not",       "!And",         "!Or"};
    REQUIRE(doc->root()->items.size() == std::size(tags));
    for (std::size_t i = 0; i < std::size(tags); ++i) {
      CHECK(doc->tag_of(*doc->root()->items[i]) == tags[i]);
    }
    CHECK(doc->tag_of(*doc->root()->items[12]->items[0]) == "!Condition");
  }

  TEST_CASE("yaml local tags: an alias of a tagged node is that node, tag included") {
    auto doc = load("a: &q !GetAtt Q.Arn\nb: *q\n", keeping_tags());
    REQUIRE(doc);
    CHECK(doc->root()->find("a") == doc->root()->find("b"));
    CHECK(doc->tag_of(*doc->root()->find("b")) == "!GetAtt");
  }

  TEST_CASE("yaml local tags: tags that are not local, and safe_load's other errors, still raise") {
    SUBCASE("an unknown !! tag") {
      auto doc = load("v: !!python/name:os.system x\n", keeping_tags());
      REQUIRE_FALSE(doc);
      CHECK(doc.error().python_error ==
            "ConstructorError: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/name:os.system'");
    }
    SUBCASE("a global tag") {
      auto doc = load("v: !<tag:example.com,2000:x> 1\n", keeping_tags());
      REQUIRE_FALSE(doc);
      CHECK(doc.error().python_error ==
            "ConstructorError: could not determine a constructor for the tag 'tag:example.com,2000:x'");
    }
    SUBCASE("= and << as values") {
      CHECK_FALSE(load("v: =\n", keeping_tags()));
      CHECK_FALSE(load("v: <<\n", keeping_tags()));
    }
    SUBCASE("a tagged mapping as a key is unhashable") {
      auto doc = load("? !If {a: 1}\n: v\n", keeping_tags());
      REQUIRE_FALSE(doc);
      CHECK(doc.error().python_error == "ConstructorError: while constructing a mapping");
      CHECK(doc.error().message.find("found unhashable key") != std::string::npos);
    }
  }

  TEST_CASE("yaml local tags: documents without local tags load the same either way") {
    const char* text = "base: &b {x: 1, y: [a, 2.5, null]}\nderived:\n  <<: *b\n  y: yes\nd: 0x1F\n";
    auto plain = load(text);
    auto kept = load(text, keeping_tags());
    REQUIRE(plain);
    REQUIRE(kept);
    CHECK(dumps(*kept->root(), {}).value_or("") == dumps(*plain->root(), {}).value_or(""));
    CHECK(kept->node_count() == plain->node_count());
  }
}
