// The machine formats' escaping: XML 1.0 that always parses, GitHub workflow commands' percent codes.

#include "cli/render/escaping.hpp"

#include <doctest/doctest.h>

using drydock::cli::github_escape;
using drydock::cli::xml_escape;
using namespace std::string_view_literals;

TEST_SUITE("cli/render") {
  TEST_CASE("xml: markup characters become entities, and the end of a CDATA section needs nothing more") {
    CHECK(xml_escape(R"(<a href="x">&'b'</a> ]]>)") ==
          "&lt;a href=&quot;x&quot;&gt;&amp;&apos;b&apos;&lt;/a&gt; ]]&gt;");
  }

  TEST_CASE("xml: TAB and LF stay in text and are references in attributes, and CR is always a reference") {
    CHECK(xml_escape("a\tb\nc\r\n") == "a\tb\nc&#13;\n");
    CHECK(xml_escape("a\tb\nc\r\n", /*attribute=*/true) == "a&#9;b&#10;c&#13;&#10;");
  }

  TEST_CASE("xml: characters XML 1.0 cannot carry are replaced by U+FFFD") {
    SUBCASE("C0 controls: NUL, BEL, ESC, US") {
      CHECK(xml_escape("\0|\a|\x1b[0m|\x1f"sv) == "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD[0m|\xEF\xBF\xBD");
    }
    SUBCASE("U+FFFE and U+FFFF") {
      CHECK(xml_escape("\xEF\xBF\xBE \xEF\xBF\xBF") == "\xEF\xBF\xBD \xEF\xBF\xBD");
    }
    SUBCASE("bytes that are not UTF-8: a stray continuation, a lead without its tail, overlong, surrogate") {
      CHECK(xml_escape("\x80|\xC3|\xC0\xAF|\xED\xA0\x80|\xF5\x80\x80\x80") ==
            "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|"
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    }
  }

  TEST_CASE("xml: well-formed UTF-8 and DEL are kept as they are") {
    const std::string text = "\xC3\xA9 \xE2\x9D\x8C \xF0\x9F\x9A\x80 \x7F \xEF\xBF\xBD";
    CHECK(xml_escape(text) == text);
  }

  TEST_CASE("github: messages escape % CR LF, and properties also : and ,") {
    CHECK(github_escape("50% a:b, c\r\nd", false) == "50%25 a:b, c%0D%0Ad");
    CHECK(github_escape("50% a:b, c\r\nd", true) == "50%25 a%3Ab%2C c%0D%0Ad");
  }
}
