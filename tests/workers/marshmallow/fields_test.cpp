// marshmallow's field primitives, without a recorder: what they load or the message they give.

#include <doctest/doctest.h>

#include <string_view>

#include "tests/workers/marshmallow/hand_built_nodes.hpp"
#include "workers/marshmallow/fields.hpp"
#include "workers/marshmallow/messages.hpp"

using namespace drydock::workers;
using yaml::Type;

TEST_CASE("the preamble reports a missing required field and a None that is not allowed") {
  drydock::test::HandBuiltNodes n;
  const auto& none = n.make(Type::null);
  const auto& value = n.make(Type::string, "x");
  CHECK(marshmallow::field_preamble(nullptr, {.required = true}).error == marshmallow::k_missing_required);
  CHECK_FALSE(marshmallow::field_preamble(nullptr, {}).error);
  CHECK(marshmallow::field_preamble(&none, {}).error == marshmallow::k_may_not_be_null);
  CHECK(marshmallow::field_preamble(&none, {.allow_none = true}).value == nullptr);
  CHECK_FALSE(marshmallow::field_preamble(&none, {.allow_none = true}).error);
  CHECK(marshmallow::field_preamble(&value, {.required = true}).value == &value);
}

TEST_CASE("String loads str and UTF-8 bytes and names what it rejects") {
  drydock::test::HandBuiltNodes n;
  CHECK(marshmallow::string_value(n.make(Type::bytes, "abc")) == std::string_view("abc"));
  CHECK(marshmallow::string_value(n.make(Type::bytes, "\xff")).error() == marshmallow::k_not_utf8);
  CHECK(marshmallow::string_value(n.make(Type::integer, "1")).error() == marshmallow::k_not_a_string);
}

TEST_CASE("Boolean uses marshmallow's truthy and falsy sets") {
  drydock::test::HandBuiltNodes n;
  CHECK(marshmallow::boolean_value(n.make(Type::string, "YES")) == true);
  CHECK(marshmallow::boolean_value(n.make(Type::string, "off")) == false);
  CHECK(marshmallow::boolean_value(n.make(Type::floating, {}, 1.0)) == true);
  CHECK(marshmallow::boolean_value(n.make(Type::string, "maybe")).error() == marshmallow::k_not_a_boolean);
}

TEST_CASE("Length gives validate.Length's messages") {
  CHECK(marshmallow::length_error(0, {.min = 1, .max = 128}) == "Length must be between 1 and 128.");
  CHECK(marshmallow::length_error(129, {.min = 1, .max = 128}) == "Length must be between 1 and 128.");
  CHECK(marshmallow::length_error(0, {.min = 1, .max = std::nullopt}) == "Shorter than minimum length 1.");
  CHECK(marshmallow::length_error(257, {.min = std::nullopt, .max = 256}) ==
        "Longer than maximum length 256.");
  CHECK_FALSE(marshmallow::length_error(1, {.min = 1, .max = 1}));
}
