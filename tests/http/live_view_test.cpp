// The live view's state and diffs without sockets (docs/xml-api.md §5).
#include "http/live_view.hpp"

#include <doctest/doctest.h>

#include "runtime/call_model.hpp"
#include "tests/runtime/config/config_test_support.hpp"

namespace cmemu::http {
namespace {

TEST_CASE("JSON strings escape quotes, controls and markup") {
  CHECK(json_string("a\"b\\c\n<script>") == "\"a\\\"b\\\\c\\n\\u003cscript>\"");
  CHECK(json_string(std::string("x\x01y", 3)) == "\"x\\u0001y\"");
  CHECK(json_string("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(json_string("bad\xff") == "\"bad\\ufffd\"");  // never invalid UTF-8 on a WebSocket
}

TEST_CASE("the state has one object per entity, and diffs carry only what changed") {
  test::Bench bench;
  auto config = bench.load_clean(
      "hostname lab\nephone-dn 1\n number 201\n name <b>Al</b>\nephone-dn 2\n number 202\n"
      "ephone 1\n mac-address 0000.0000.0201\n button 1:1\nephone 2\n mac-address 0000.0000.0202\n"
      " button 1:2\n");
  runtime::CallModel calls;
  calls.apply(runtime::Config{}, config);
  calls.attach(1);
  calls.attach(2);
  runtime::PhoneStatus one;
  one.ephone_tag = 1;
  one.buttons = {{1, {1}, ':'}};
  runtime::PhoneStatus two = one;
  two.ephone_tag = 2;
  two.buttons = {{1, {2}, ':'}};
  LiveSources sources{config, &calls, {one, two}};
  auto before = live_state(sources);
  CHECK(before.count("p:1"));
  CHECK(before.count("d:2"));
  CHECK(before.at("d:1").find("\\u003cb>Al\\u003c/b>") != std::string::npos);
  CHECK(live_diff(before, before).empty());

  runtime::ConnectionId calling = 0;
  REQUIRE(calls.off_hook(1, runtime::EventCause::kNewCall, &calling) == runtime::CallError::kNone);
  REQUIRE(calls.dial_number(calling, "202") == runtime::CallError::kNone);
  auto ringing = live_state(sources);
  CHECK(ringing.at("p:2").find("\"activity\":\"ringing\"") != std::string::npos);
  CHECK(ringing.at("p:2").find("\"lamp\":\"blink\"") != std::string::npos);
  CHECK(ringing.at("p:1").find("\"activity\":\"ringout\"") != std::string::npos);
  auto diff = live_diff(before, ringing);
  CHECK(diff.find("\"c:1\"") != std::string::npos);
  CHECK(diff.find("\"g:router\"") == std::string::npos);  // unchanged: not sent

  REQUIRE(calls.clear(calling) == runtime::CallError::kNone);
  auto idle = live_state(sources);
  CHECK(live_diff(ringing, idle).find("\"del\":[\"c:1\"]") != std::string::npos);
  CHECK(live_snapshot(idle).starts_with("{\"set\":{"));
}

}  // namespace
}  // namespace cmemu::http
