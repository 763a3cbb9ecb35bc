// S3 REST from several threads at once, as `drydock serve`'s threads call it: puts of the same key and
// of different keys, gets, listings, multipart uploads, a bucket created and deleted over and over,
// puts into the notifying template bucket while SQS is used through the gate, and a gate that moves
// the clock before each call (as the server does). Every answer must be one a serial run could give;
// the ASan build runs this too.

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/common/md5.hpp"
#include "tests/emulator/http/s3_fixture.hpp"

using namespace drydock::emulator;
using namespace drydock::emulator::http;
using drydock::test::k_fan_out;
using drydock::test::k_templates;
using drydock::test::S3Fixture;

namespace {

constexpr int k_writers = 4;
constexpr int k_puts_per_writer = 40;

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

// Writer `w`'s body for the shared key: its own letter, a length of its own.
std::string shared_body(int writer) {
  return std::string(static_cast<std::size_t>(100 + writer), static_cast<char>('a' + writer));
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("S3 operations on many threads at once give answers a serial run could give") {
    S3Fixture f([](VirtualClock& clock) { clock.advance_by(std::chrono::milliseconds(1)); });
    REQUIRE(f.call("PUT", "/par-bucket").status == 200);
    const std::string templates = "/" + std::string(k_templates);
    std::atomic<int> wrong = 0;
    const auto expect = [&](bool ok, const char*) {
      if (!ok) {
        ++wrong;
      }
    };
    std::vector<std::thread> threads;
    for (int w = 0; w < k_writers; ++w) {
      threads.emplace_back([&, w] {
        for (int i = 0; i < k_puts_per_writer; ++i) {
          const std::string body = "writer " + std::to_string(w) + " object " + std::to_string(i);
          const auto put =
              f.call("PUT", "/par-bucket/w" + std::to_string(w) + "/k" + std::to_string(i), "", {}, body);
          expect(put.status == 200 && header(put, "ETag") == "\"" + md5_hex(body) + "\"", "put");
          expect(f.call("PUT", "/par-bucket/shared", "", {}, shared_body(w)).status == 200, "shared put");
          // Every writer also puts into the notifying template bucket: one SQS message each, sent under
          // the gate while other threads use SQS.
          if (i % 8 == 0) {
            expect(f.call("PUT", templates + "/IAM/t.yaml", "", {}, body).status == 200, "template put");
          }
        }
      });
    }
    // Readers: the shared key is always one writer's body, whole, with its own ETag.
    for (int r = 0; r < 2; ++r) {
      threads.emplace_back([&] {
        for (int i = 0; i < 300; ++i) {
          const auto got = f.call("GET", "/par-bucket/shared");
          if (got.status == 404) {
            continue;  // not put yet
          }
          const bool one_of_them = got.body.size() >= 100 && got.body.size() < 100 + k_writers &&
                                   got.body == shared_body(static_cast<int>(got.body.size()) - 100);
          expect(got.status == 200 && one_of_them && header(got, "ETag") == "\"" + md5_hex(got.body) + "\"",
                 "shared get");
        }
      });
    }
    // A lister: no temp file of a put in progress is ever listed.
    threads.emplace_back([&] {
      for (int i = 0; i < 30; ++i) {
        const auto listed = f.call("GET", "/par-bucket", "list-type=2");
        expect(listed.status == 200 && listed.body.find("<Key>.drydock") == std::string::npos, "list");
      }
    });
    // A bucket created and deleted over and over, with objects put into it and deleted meanwhile.
    threads.emplace_back([&] {
      for (int i = 0; i < 30; ++i) {
        const int created = f.call("PUT", "/flip-bucket").status;
        expect(created == 200 || created == 409, "create");
        const int deleted = f.call("DELETE", "/flip-bucket").status;
        expect(deleted == 204 || deleted == 409 || deleted == 404, "delete");
      }
    });
    threads.emplace_back([&] {
      for (int i = 0; i < 30; ++i) {
        const int put = f.call("PUT", "/flip-bucket/o", "", {}, "x").status;
        expect(put == 200 || put == 404, "flip put");
        const int removed = f.call("DELETE", "/flip-bucket/o").status;
        expect(removed == 204 || removed == 404, "flip delete");
      }
    });
    // A multipart upload, start to end, beside the puts.
    threads.emplace_back([&] {
      const auto created = f.call("POST", "/par-bucket/multi", "uploads");
      const auto id_start = created.body.find("<UploadId>") + 10;
      const std::string id = created.body.substr(id_start, created.body.find("</UploadId>") - id_start);
      const auto part1 = f.call("PUT", "/par-bucket/multi", "partNumber=1&uploadId=" + id, {}, "part one ");
      const auto part2 = f.call("PUT", "/par-bucket/multi", "partNumber=2&uploadId=" + id, {}, "part two");
      const std::string complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" +
                                   header(part1, "ETag") +
                                   "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" +
                                   header(part2, "ETag") + "</ETag></Part></CompleteMultipartUpload>";
      expect(f.call("POST", "/par-bucket/multi", "uploadId=" + id, {}, complete).status == 200, "complete");
    });
    // SQS through the gate, beside the S3 threads.
    threads.emplace_back([&] {
      const nlohmann::json input{{"QueueUrl", "http://127.0.0.1:4566/100000000002/" + std::string(k_fan_out)},
                                 {"AttributeNames", {"ApproximateNumberOfMessages"}}};
      for (int i = 0; i < 300; ++i) {
        expect(f.gate->call("GetQueueAttributes", input, {"http://127.0.0.1:4566"}).has_value(), "sqs");
      }
    });
    for (auto& thread : threads) {
      thread.join();
    }
    CHECK(wrong == 0);

    // Every writer's objects are there with their bytes; the shared key holds one writer's body.
    for (int w = 0; w < k_writers; ++w) {
      for (int i = 0; i < k_puts_per_writer; ++i) {
        const auto got = f.call("GET", "/par-bucket/w" + std::to_string(w) + "/k" + std::to_string(i));
        CHECK(got.body == "writer " + std::to_string(w) + " object " + std::to_string(i));
      }
    }
    CHECK(f.call("GET", "/par-bucket/multi").body == "part one part two");
    const auto listed = f.call("GET", "/par-bucket", "list-type=2&max-keys=1000");
    CHECK(listed.body.find("<KeyCount>" + std::to_string(k_writers * k_puts_per_writer + 2) +
                           "</KeyCount>") != std::string::npos);

    // One record per template put, each with its own sequencer; the highest is the stored object's.
    std::map<std::string, std::pair<std::string, std::string>> newest;  // key → sequencer, eTag
    std::set<std::string> sequencers;
    int records = 0;
    while (true) {
      auto received = f.cloud->sqs().receive_message(std::string(k_fan_out), {.max_number_of_messages = 10});
      REQUIRE(received);
      if (received->empty()) {
        break;
      }
      for (const auto& message : *received) {
        const auto s3 = nlohmann::json::parse(message.body).at("Records").at(0).at("s3");
        const auto key = s3.at("object").at("key").get<std::string>();
        const auto sequencer = s3.at("object").at("sequencer").get<std::string>();
        sequencers.insert(sequencer);
        ++records;
        if (newest[key].first < sequencer) {
          newest[key] = {sequencer, s3.at("object").at("eTag").get<std::string>()};
        }
        REQUIRE(f.cloud->sqs().delete_message(std::string(k_fan_out), message.receipt_handle));
      }
    }
    CHECK(records == k_writers * ((k_puts_per_writer + 7) / 8));
    CHECK(sequencers.size() == static_cast<std::size_t>(records));
    for (const auto& [key, record] : newest) {
      const auto got = f.call("GET", templates + "/" + key);
      CHECK(header(got, "ETag") == "\"" + record.second + "\"");
    }
  }
}
