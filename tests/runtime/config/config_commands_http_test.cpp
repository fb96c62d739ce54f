// `ip http ...`, telephony-service `xml user` / `log ...` (runtime/config/config_commands_http.cpp,
// docs/xml-api.md §1).
#include <doctest/doctest.h>

#include "tests/runtime/config/config_test_support.hpp"

namespace cmemu {
namespace {

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("ip http settings are typed, rendered in one row and removed") {
  test::Bench bench;
  bench.configure();
  CHECK(bench.type("ip http server") == "");
  CHECK(bench.type("ip http port 8080") == "");
  CHECK(bench.type("ip http authentication local") == "");
  CHECK(bench.type("ip http max-connections 16") == "");
  CHECK(bench.type("ip http timeout-policy idle 60 life 86400 requests 10000") == "");
  CHECK(bench.type("ip http secure-server") == "");  // kept, not modelled
  const auto& h = bench.running().ip_http;
  CHECK(h.port_or_default() == 8080);
  CHECK(h.authentication == "local");
  CHECK(h.max_connections_or_default() == 16);
  CHECK(h.timeouts() == runtime::HttpTimeoutPolicy{60, 86400, 10000});
  CHECK(has(bench.show_run(),
            "ip http server\nip http port 8080\nip http authentication local\n"
            "ip http max-connections 16\n"
            "ip http timeout-policy idle 60 life 86400 requests 10000\n"
            "ip http secure-server\n!\n!\n"));

  CHECK(bench.type("ip http max-connections 17") != "");  // IOS's range is 1-16
  CHECK(bench.type("no ip http port") == "");
  CHECK(bench.type("no ip http authentication") == "");
  CHECK(bench.type("default ip http timeout-policy") == "");
  CHECK(bench.type("no ip http max-connections") == "");
  CHECK(bench.running().ip_http == runtime::IpHttp{});
  CHECK(bench.running().ip_http.port_or_default() == 80);
  CHECK(bench.running().ip_http.timeouts() == runtime::HttpTimeoutPolicy{180, 180, 1});
}

TEST_CASE("telephony-service xml user, log password and log table") {
  test::Bench bench;
  bench.configure();
  bench.type("telephony-service");
  CHECK(bench.type("xml user api password secret 15") == "");
  CHECK(bench.type("log password logpw") == "");
  CHECK(bench.type("log table max-size 100") == "");
  CHECK(bench.type("log table retain-timer 30") == "");
  const auto& t = *bench.running().telephony;
  REQUIRE(t.xml_user);
  CHECK(t.xml_user->name == "api");
  CHECK(t.xml_user->level == 15);
  CHECK(t.log_table_max_size == 100);
  CHECK(has(bench.show_run(),
            " xml user api password secret 15\n log password logpw\n log table max-size 100\n"
            " log table retain-timer 30\n"));
  CHECK(bench.type("xml user api password secret 16") != "");
  CHECK(bench.type("xml user a2345678901234567890 password x 1") != "");  // 20 characters
  CHECK(bench.type("no xml user") == "");
  CHECK(bench.type("no log table max-size") == "");
  CHECK_FALSE(bench.running().telephony->xml_user);
  CHECK_FALSE(bench.running().telephony->log_table_max_size);
}

TEST_CASE("the ephone keyphone line is kept") {
  test::Bench bench;
  bench.configure();
  bench.type("ephone 1");
  CHECK(bench.type("keyphone") == "");
  CHECK(has(bench.show_run(), " keyphone\n"));
  CHECK(bench.type("no keyphone") == "");
  CHECK_FALSE(has(bench.show_run(), "keyphone"));
}

}  // namespace
}  // namespace cmemu
