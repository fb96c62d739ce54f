// Who may use a vty line and where they land (docs/cli.md §16).
#include <doctest/doctest.h>

#include "cli/login.hpp"
#include "runtime/config/credentials.hpp"
#include "tests/runtime/config/config_test_support.hpp"

using namespace cmemu;
using cli::LoginRule;

namespace {
runtime::Config configured(std::initializer_list<const char*> lines) {
  test::Bench bench;
  bench.configure();
  for (const char* line : lines) {
    CAPTURE(line);
    CHECK(bench.type(line) == "");
  }
  return bench.running();
}
}  // namespace

TEST_CASE("the line's login decides, AAA's list when aaa new-model is on") {
  auto config = configured({"username admin privilege 15 secret cisco", "username op password op",
                            "line vty 0 1", "login local", "line vty 2 4", "password lab",
                            "privilege level 7", "line vty 5 6", "no login"});
  LoginRule rule = cli::login_rule(config, 0);
  CHECK(rule.kind == LoginRule::Kind::kLocal);
  CHECK_FALSE(rule.aaa);
  const auto* admin = runtime::find_local_user(config, "admin", "cisco");
  REQUIRE(admin);
  CHECK(cli::landing_privilege(rule, admin) == 15);
  CHECK(cli::landing_privilege(rule, runtime::find_local_user(config, "op", "op")) == 1);
  CHECK_FALSE(runtime::find_local_user(config, "admin", "Cisco"));
  CHECK_FALSE(runtime::find_local_user(config, "nobody", "cisco"));

  rule = cli::login_rule(config, 3);
  CHECK(rule.kind == LoginRule::Kind::kLinePassword);
  CHECK(cli::line_password_matches(config, 3, "lab"));
  CHECK_FALSE(cli::line_password_matches(config, 0, "lab"));
  CHECK(cli::landing_privilege(rule, nullptr) == 7);
  CHECK(cli::login_rule(config, 5).kind == LoginRule::Kind::kNone);
  CHECK(cli::login_rule(config, 7).kind == LoginRule::Kind::kNone);  // no such line

  // `login` without a password refuses; AAA's default is the local users, and the user's own
  // privilege counts only with `aaa authorization exec`.
  auto bare = configured({"line vty 0 4", "login"});
  CHECK(cli::login_rule(bare, 0).kind == LoginRule::Kind::kRefused);
  auto aaa = configured({"aaa new-model", "username admin privilege 15 secret cisco"});
  rule = cli::login_rule(aaa, 0);
  CHECK(rule.kind == LoginRule::Kind::kLocal);
  CHECK(rule.aaa);
  CHECK(cli::landing_privilege(rule, runtime::find_local_user(aaa, "admin", "cisco")) == 1);
  aaa = configured({"aaa new-model", "aaa authentication login default group tacacs+ none",
                    "aaa authorization exec default local"});
  rule = cli::login_rule(aaa, 0);
  CHECK(rule.kind == LoginRule::Kind::kNone);
  CHECK(rule.user_privilege);
}

TEST_CASE("a session takes the lowest free line its protocol may use") {
  auto config = configured({"line vty 0 1", "transport input ssh", "line vty 2 4",
                            "transport input telnet", "line vty 5 15", "transport input none"});
  auto busy = [](int n) { return n == 0; };
  CHECK(cli::free_vty_line(config, "ssh", busy) == 1);
  CHECK(cli::free_vty_line(config, "telnet", busy) == 2);
  CHECK_FALSE(cli::free_vty_line(config, "ssh", [](int n) { return n < 2; }));
  CHECK(cli::exec_timeout(config, 0) == std::chrono::minutes(10));
  config = configured({"line vty 0 4", "exec-timeout 1 30"});
  CHECK(cli::exec_timeout(config, 4) == std::chrono::seconds(90));
}
