#pragma once
// The quickstart project's cloud behind an S3Door, in a scratch directory, for the S3 REST tests: one
// call() per request, as the server's router hands it over.

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/cloud/cloud.hpp"
#include "emulator/http/s3_rest.hpp"
#include "emulator/http/sqs_gate.hpp"
#include "tests/emulator/cloud/cloud_fixture.hpp"

namespace drydock::test {

inline constexpr emulator::Instant k_s3_start{std::chrono::milliseconds(1'767'225'600'000)};  // 2026-01-01
inline constexpr std::string_view k_templates = "starfleet-templates-100000000002";
inline constexpr std::string_view k_fan_out = "starbase-fanout-queue";

struct S3Fixture {
  ScratchDir scratch;
  // Run by the gate before each call, as the server moves its clock there (empty: the clock stands).
  std::function<void(emulator::VirtualClock&)> before_each;
  std::unique_ptr<emulator::Cloud> cloud;
  std::unique_ptr<emulator::http::SqsGate> gate;
  std::unique_ptr<emulator::http::S3Door> door;

  // The door's time, as the server's: before_each (moving the clock) and then the clock, on the
  // calling thread, outside the gate.
  struct StepTime final : emulator::Clock {
    explicit StepTime(S3Fixture& owner) : fixture(owner) {}
    emulator::Instant now() const override {
      if (fixture.before_each) {
        fixture.before_each(fixture.cloud->clock());
      }
      return fixture.cloud->clock().now();
    }
    S3Fixture& fixture;
  } time{*this};

  explicit S3Fixture(std::function<void(emulator::VirtualClock&)> before = {})
      : before_each(std::move(before)) {
    open();
  }

  // Opens the cloud again over the same state (a restart).
  void open() {
    door.reset();
    gate.reset();
    cloud.reset();
    auto project = load_project(quickstart());
    auto layout = emulator::plan_cloud_layout(*project.model, nullptr);
    auto opened = emulator::Cloud::open(std::move(layout),
                                        emulator::CloudOptions{.state_dir = scratch.path() / "state",
                                                               .templates_dir = scratch.path() / "templates",
                                                               .clock_start = k_s3_start});
    REQUIRE_MESSAGE(opened.has_value(), (opened ? "" : opened.error()));
    cloud = std::move(*opened);
    std::function<void()> gate_step;
    if (before_each) {
      gate_step = [this] { before_each(cloud->clock()); };
    }
    gate = std::make_unique<emulator::http::SqsGate>(cloud->sqs(), gate_step);
    door = std::make_unique<emulator::http::S3Door>(*cloud, *gate, time, scratch.path() / "state/multipart",
                                                    emulator::MultipartOptions{.min_part_bytes = 4});
  }

  emulator::http::HttpResponse call(std::string method, std::string path, std::string query = "",
                                    std::vector<std::pair<std::string, std::string>> headers = {},
                                    std::string body = "") {
    headers.emplace_back("Host", "127.0.0.1:4566");
    return serve_s3_rest(*door,
                         emulator::http::HttpRequest{.method = std::move(method),
                                                     .path = std::move(path),
                                                     .query = std::move(query),
                                                     .headers = std::move(headers),
                                                     .body = std::move(body)},
                         emulator::http::S3Limits{.max_object_bytes = 1024});
  }

  // The eventName of each S3 record waiting on the fan-out queue (received and deleted).
  std::vector<std::string> fan_out_events() {
    std::vector<std::string> names;
    auto received = cloud->sqs().receive_message(std::string(k_fan_out), {.max_number_of_messages = 10});
    REQUIRE(received);
    for (const auto& message : *received) {
      const auto record = nlohmann::json::parse(message.body).at("Records").at(0);
      names.push_back(record.at("eventName").get<std::string>() + " " +
                      record.at("s3").at("object").at("key").get<std::string>());
      REQUIRE(cloud->sqs().delete_message(std::string(k_fan_out), message.receipt_handle));
    }
    return names;
  }
};

}  // namespace drydock::test
