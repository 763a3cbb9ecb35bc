// The bounded XML reader: S3's request documents as clients send them, namespaces dropped, and the
// documents an untrusted client could use against the server refused with a line and column.

#include "emulator/http/xml_reader.hpp"

#include <doctest/doctest.h>

using namespace drydock::emulator::http;

TEST_SUITE("emulator/http") {
  TEST_CASE("a CompleteMultipartUpload body as aws-cli sends it reads into a tree of local names") {
    const auto document = read_xml(
        R"(<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>"b5"</ETag>)"
        R"(<PartNumber>1</PartNumber></Part><Part><ETag>&quot;ff&quot;</ETag><PartNumber>2</PartNumber></Part>)"
        R"(</CompleteMultipartUpload>)");
    REQUIRE(document);
    CHECK(document->name == "CompleteMultipartUpload");
    REQUIRE(document->children.size() == 2);
    CHECK(document->children[0].child("ETag")->text == "\"b5\"");
    CHECK(document->children[1].child("ETag")->text == "\"ff\"");
    CHECK(document->children[1].child("PartNumber")->text == "2");
    CHECK(document->children[1].child("Size") == nullptr);
  }

  TEST_CASE("keys keep their bytes: entities, character references and UTF-8 decode") {
    const auto document =
        read_xml("<Delete><Object><Key>a &amp; b&#13;/\xC3\xA9 &lt;x&gt;</Key></Object></Delete>");
    REQUIRE(document);
    CHECK(document->children.at(0).child("Key")->text == "a & b\r/\xC3\xA9 <x>");
  }

  TEST_CASE("malformed, truncated and hostile documents are refused with where and why") {
    const auto truncated = read_xml("<Delete><Object><Key>k</Key>");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().find("line 1") != std::string::npos);

    const auto mismatched = read_xml("<a>\n<b></a>");
    REQUIRE_FALSE(mismatched);
    CHECK(mismatched.error().starts_with("line 2"));

    const auto laughs = read_xml(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
        "<d>&b;</d>");
    REQUIRE_FALSE(laughs);
    CHECK(laughs.error().find("DOCTYPE") != std::string::npos);

    CHECK_FALSE(read_xml(""));
    CHECK_FALSE(read_xml("not xml"));
    CHECK(read_xml("<a/><b/>").error().find("junk") != std::string::npos);
  }

  TEST_CASE("the limits on size, depth and element count hold") {
    const XmlLimits limits{.max_bytes = 64, .max_depth = 3, .max_elements = 4};
    CHECK(read_xml("<a><b><c/></b></a>", limits));
    CHECK(read_xml("<a><b><c><d/></c></b></a>", limits).error().find("deeper than 3") != std::string::npos);
    CHECK(read_xml("<a><b/><b/><b/><b/></a>", limits).error().find("more than 4 elements") !=
          std::string::npos);
    CHECK(read_xml(std::string(65, ' '), limits).error().find("over the limit of 64") != std::string::npos);
  }
}
