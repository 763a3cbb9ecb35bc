// <state>/serve.json (emulator/run/running_server): how `drydock clock advance` finds the server of a
// state directory, and ignores what a killed one left behind.

#include "emulator/run/running_server.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include "tests/support/test_support.hpp"

using namespace drydock;
using namespace drydock::emulator;

TEST_SUITE("emulator/run") {
  TEST_CASE("a server's record names its process and endpoint until it removes it") {
    test::ScratchDir state;
    CHECK_FALSE(running_server(state.path()));
    REQUIRE(write_server_file(state.path(), "http://127.0.0.1:4566"));
    const auto found = running_server(state.path());
    REQUIRE(found);
    CHECK(found->pid == ::getpid());
    CHECK(found->endpoint == "http://127.0.0.1:4566");
    remove_server_file(state.path());
    CHECK_FALSE(running_server(state.path()));
    CHECK_FALSE(std::filesystem::exists(state.path() / "serve.json"));
  }

  TEST_CASE("a record left by a process that has ended, or one that cannot be read, names no server") {
    test::ScratchDir state;
    // pid_max is at most 2^22 on Linux: this process cannot exist.
    state.write("serve.json", R"({"pid": 2147483000, "endpoint": "http://127.0.0.1:1"})");
    CHECK_FALSE(running_server(state.path()));
    state.write("serve.json", "{\"pid\": \"x\"");
    CHECK_FALSE(running_server(state.path()));
    // Another process's record is not removed by this one.
    state.write("serve.json", R"({"pid": 1, "endpoint": "http://127.0.0.1:1"})");
    remove_server_file(state.path());
    CHECK(std::filesystem::exists(state.path() / "serve.json"));
  }
}
