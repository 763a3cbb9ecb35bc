// The wire adapters' text pieces: form bodies (the Query protocol) and the XML writer.

#include <doctest/doctest.h>

#include "emulator/http/form_fields.hpp"
#include "emulator/http/xml_writer.hpp"

using namespace drydock::emulator::http;

TEST_SUITE("emulator/http") {
  TEST_CASE("a form body decodes + as a space and %XX as bytes, in the order sent") {
    const auto fields = parse_form("Action=SendMessage&MessageBody=hello+wire+%C3%A9%2B%25&&flag&Empty=");
    REQUIRE(fields);
    REQUIRE(fields->size() == 4);
    CHECK((*fields)[0] == std::pair<std::string, std::string>{"Action", "SendMessage"});
    CHECK((*fields)[1].second == "hello wire \xC3\xA9+%");
    CHECK((*fields)[2] == std::pair<std::string, std::string>{"flag", ""});
    CHECK((*fields)[3] == std::pair<std::string, std::string>{"Empty", ""});
  }

  TEST_CASE("a malformed percent escape is an error naming where it is") {
    for (const char* bad : {"a=%", "a=%4", "a=%G1", "%zz=1"}) {
      const auto fields = parse_form(bad);
      REQUIRE_FALSE(fields);
      CHECK(fields.error().find("malformed percent escape at byte") == 0);
    }
    CHECK(percent_decode("a+b", /*plus_is_space=*/false) == std::string("a+b"));
  }

  TEST_CASE("the XML writer nests, escapes text and closes what is left open") {
    XmlWriter xml;
    xml.open("R", "http://queue.amazonaws.com/doc/2012-11-05/").element("Body", "<a & 'b'>\r\n").open("Open");
    CHECK(xml.finish() ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<R xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Body>&lt;a &amp; &apos;b&apos;&gt;&#13;\n"
          "</Body><Open></Open></R>");
  }
}
