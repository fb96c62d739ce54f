// Basic authentication against the running-config (docs/xml-api.md §3).
#include "http/http_auth.hpp"

#include <doctest/doctest.h>

#include "tests/runtime/config/config_test_support.hpp"

namespace cmemu::http {
namespace {

TEST_CASE("basic credentials decode") {
  auto credentials = basic_credentials("Basic Y2lzY286Y2lzY28=");  // cisco:cisco
  REQUIRE(credentials);
  CHECK(credentials->user == "cisco");
  CHECK(credentials->password == "cisco");
  CHECK(basic_credentials("basic YTpiOmM=")->password == "b:c");  // a:b:c
  CHECK_FALSE(basic_credentials("Bearer abc"));
  CHECK_FALSE(basic_credentials("Basic !!!"));
  CHECK_FALSE(basic_credentials("Basic YWJj"));  // abc: no colon
}

TEST_CASE("enable and local logins, and the XML user") {
  test::Bench bench;
  auto config = bench.load_clean("enable secret cisco\n");
  CHECK(http_login(config, {"anyone", "cisco"}) == 15);
  CHECK_FALSE(http_login(config, {"anyone", "wrong"}));
  CHECK(xml_login(config, {"anyone", "cisco"}) == 15);  // no xml user: the http method

  config = bench.load_clean(
      "ip http authentication local\nusername ops privilege 7 password 0 pw\n"
      "username md5 secret 5 $1$abcd$2hDGYdE0UrwK2pqoiF6BB1\n");  // cisco
  CHECK(http_login(config, {"ops", "pw"}) == 7);
  CHECK_FALSE(http_login(config, {"ops", "cisco"}));
  CHECK_FALSE(http_login(config, {"nobody", "pw"}));
  CHECK(http_login(config, {"md5", "cisco"}) == 1);
  CHECK_FALSE(http_login(config, {"md5", "$1$abcd$2hDGYdE0UrwK2pqoiF6BB1"}));

  config = bench.load_clean("telephony-service\n xml user api password s3 5\n");
  CHECK(xml_login(config, {"api", "s3"}) == 5);
  CHECK_FALSE(xml_login(config, {"api", "s4"}));
  CHECK_FALSE(http_login(config, {"api", "s3"}));  // no enable password: no access
}

}  // namespace
}  // namespace cmemu::http
