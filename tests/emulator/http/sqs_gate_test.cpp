// SqsGate: calls serialized over one service; a long poll waits without the lock and is woken by a
// send from another thread, or ended by close().

#include "emulator/http/sqs_gate.hpp"

#include <doctest/doctest.h>

#include <future>
#include <thread>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator::http;
using Json = nlohmann::json;
using namespace std::chrono_literals;

TEST_SUITE("emulator/http") {
  TEST_CASE("a long poll is woken by a send made while it waits, and gets that message") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    // A recheck far longer than the test: only the send's wake-up can end the wait in time.
    SqsGate gate(f.sqs, {}, std::chrono::milliseconds(60'000));
    const SqsEndpoint endpoint{"http://e"};
    std::promise<void> waiting;
    auto receive = std::async(std::launch::async, [&] {
      waiting.set_value();
      return gate.call("ReceiveMessage", Json{{"QueueUrl", "q"}, {"WaitTimeSeconds", 20}}, endpoint);
    });
    waiting.get_future().wait();
    // Whether the send lands before the receive's first look or while it waits, the receive gets it.
    REQUIRE(gate.call("SendMessage", Json{{"QueueUrl", "q"}, {"MessageBody", "late"}}, endpoint));
    REQUIRE(receive.wait_for(20s) == std::future_status::ready);
    const auto received = receive.get();
    REQUIRE(received);
    CHECK(received->at("Messages").at(0).at("Body") == "late");
  }

  TEST_CASE("beyond max_waiting a long poll answers at once with what it found") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    SqsGate gate(f.sqs, {}, std::chrono::milliseconds(60'000), /*max_waiting=*/1);
    const SqsEndpoint endpoint{"http://e"};
    const Json poll{{"QueueUrl", "q"}, {"WaitTimeSeconds", 20}};
    auto first = std::async(std::launch::async, [&] { return gate.call("ReceiveMessage", poll, endpoint); });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (gate.waiting() == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    REQUIRE(gate.waiting() == 1);
    // The second would wait 20 s; with the one slot taken it answers now, empty.
    auto second = std::async(std::launch::async, [&] { return gate.call("ReceiveMessage", poll, endpoint); });
    REQUIRE(second.wait_for(5s) == std::future_status::ready);
    const auto empty = second.get();
    REQUIRE(empty);
    CHECK_FALSE(empty->contains("Messages"));
    CHECK(gate.waiting() == 1);
    // The first still waits, and gets the next message.
    REQUIRE(gate.call("SendMessage", Json{{"QueueUrl", "q"}, {"MessageBody", "m"}}, endpoint));
    REQUIRE(first.wait_for(20s) == std::future_status::ready);
    const auto got = first.get();
    REQUIRE(got);
    CHECK(got->at("Messages").at(0).at("Body") == "m");
    CHECK(gate.waiting() == 0);
  }

  TEST_CASE("close() ends a waiting long poll with an empty answer, and later ones at once") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    SqsGate gate(f.sqs, {}, std::chrono::milliseconds(60'000));
    const SqsEndpoint endpoint{"http://e"};
    auto receive = std::async(std::launch::async, [&] {
      return gate.call("ReceiveMessage", Json{{"QueueUrl", "q"}, {"WaitTimeSeconds", 20}}, endpoint);
    });
    gate.close();
    REQUIRE(receive.wait_for(20s) == std::future_status::ready);
    const auto received = receive.get();
    REQUIRE(received);
    CHECK(*received == Json::object());
    const auto later =
        gate.call("ReceiveMessage", Json{{"QueueUrl", "q"}, {"WaitTimeSeconds", 20}}, endpoint);
    REQUIRE(later);
    CHECK(*later == Json::object());
  }

  TEST_CASE("before_each runs before every call, under the lock") {
    drydock::test::SqsFixture f;
    int runs = 0;
    SqsGate gate(f.sqs, [&] { ++runs; });
    (void)gate.call("ListQueues", Json::object(), {"http://e"});
    gate.with_service([](drydock::emulator::SqsService&) {});
    CHECK(runs == 2);
  }
}
