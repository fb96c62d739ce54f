// `enable`, `username`, `aaa` lists, `service password-encryption`, `ip domain name`, `ip ssh`
// and the vty line's `privilege level` / `transport input` (docs/cli.md §16-§17).
#include <doctest/doctest.h>

#include "runtime/config/secrets.hpp"
#include "tests/runtime/config/config_test_support.hpp"

using namespace cmemu;
using test::Bench;
using test::ConfigBench;

namespace {
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
}  // namespace

TEST_CASE("typed secrets are stored hashed, hashed ones as they are") {
  ConfigBench bench;
  CHECK(bench.type("enable secret cisco") == "");
  const auto& secret = *bench.running().enable_secret;
  CHECK(secret.type == 5);
  CHECK(runtime::secrets::secret_matches(5, secret.value, "cisco"));
  CHECK(contains(bench.show_run(), "enable secret 5 " + secret.value + "\n"));
  CHECK(bench.type("enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0") == "");
  CHECK(contains(bench.show_run(), "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"));
  // A type 5 that is no MD5-crypt is refused under the value.
  std::string prompt = bench.prompt();
  CHECK(bench.type("enable secret 5 plain") == test::caret_at(prompt.size() + 16));
  CHECK(bench.type("enable algorithm-type scrypt secret lab") == "");
  CHECK(bench.running().enable_secret->type == 9);
  CHECK(runtime::secrets::secret_matches(9, bench.running().enable_secret->value, "lab"));

  CHECK(bench.type("username admin privilege 15 secret cisco") == "");
  CHECK(bench.type("username bob password 0 bob pass") == "");
  CHECK(bench.type("username carol nopassword") == "");
  CHECK(bench.type("username dave privilege 3") == "");
  CHECK(bench.type("username bob autocommand show users") == "");
  const auto& users = bench.running().users;
  REQUIRE(users.size() == 4);
  CHECK(users[0].privilege == 15);
  CHECK(runtime::secrets::secret_matches(5, users[0].value, "cisco"));
  std::string run = bench.show_run();
  CHECK(contains(run, "username admin privilege 15 secret 5 " + users[0].value +
                          "\n"
                          "username bob password 0 bob pass\n"
                          "username bob autocommand show users\n"
                          "username carol nopassword\n"
                          "username dave privilege 3\n!\n"));
  CHECK(bench.type("no username bob") == "");
  CHECK_FALSE(contains(bench.show_run(), "username bob"));

  // What was rendered loads back to the same configuration (secrets stay hashed).
  auto [again, messages] = bench.reload_shown();
  CHECK(messages == "");
  CHECK(again == bench.running());
}

TEST_CASE("service password-encryption keeps passwords type 7") {
  ConfigBench bench;
  bench.type("enable password lab");
  bench.type("username bob password cisco");
  bench.type("line vty 0 4");
  bench.type("password cisco");
  bench.type("exit");
  CHECK(contains(bench.show_run(), "username bob password 0 cisco\n"));
  CHECK(bench.type("service password-encryption") == "");
  const auto& config = bench.running();
  CHECK(config.enable_password->type == 7);
  CHECK(runtime::secrets::type7_decode(config.enable_password->value) == "lab");
  CHECK(config.users[0].type == 7);
  CHECK(runtime::secrets::type7_decode(config.users[0].value) == "cisco");
  const auto* vty = config.vty_line(0);
  CHECK(vty->password_type == 7);
  CHECK(runtime::secrets::type7_decode(*vty->password) == "cisco");
  std::string run = bench.show_run();
  CHECK(contains(run, "service password-encryption\n"));
  CHECK(contains(run, "enable password 7 " + config.enable_password->value + "\n"));
  CHECK(contains(run, "username bob password 7 " + config.users[0].value + "\n"));
  CHECK(contains(run, "line vty 0 4\n password 7 " + *vty->password + "\n"));
  // Typed while it is on, a password is encoded at once; `no` leaves them encoded.
  bench.type("username eve password secret1");
  CHECK(bench.running().users[1].type == 7);
  bench.type("no service password-encryption");
  CHECK(bench.running().users[1].type == 7);
  // A type 7 that does not decode is refused.
  std::string prompt = bench.prompt();
  CHECK(bench.type("username x password 7 XYZ") == test::caret_at(prompt.size() + 22));
}

TEST_CASE("aaa lists, ip domain name, ip ssh and the vty's login settings") {
  ConfigBench bench;
  for (const char* line :
       {"aaa new-model", "aaa authentication login default local",
        "aaa authorization exec default local",
        "aaa authentication login CONSOLE group radius local",
        "aaa authentication enable default enable", "ip domain-name lab.local", "ip ssh version 2",
        "ip ssh time-out 60", "ip ssh authentication-retries 2",
        "ip ssh source-interface Loopback0", "line vty 0 4", "privilege level 15",
        "transport input ssh telnet", "login authentication CONSOLE"}) {
    CAPTURE(line);
    CHECK(bench.type(line) == "");
  }
  const auto& config = bench.running();
  CHECK(config.aaa_authentication_login.at("default") == "local");
  CHECK(config.aaa_authentication_login.at("CONSOLE") == "group radius local");
  CHECK(config.aaa_authorization_exec.at("default") == "local");
  CHECK(config.ip_domain_name == "lab.local");
  CHECK(config.ip_ssh.version == 2);
  CHECK(config.ip_ssh.time_out_seconds() == 60);
  CHECK(config.ip_ssh.retries() == 2);
  const auto* vty = config.vty_line(2);
  CHECK(vty->privilege_level == 15);
  CHECK(vty->transport_input == "telnet ssh");
  CHECK(vty->accepts("ssh"));
  CHECK(vty->accepts("telnet"));
  std::string run = bench.show_run();
  CHECK(contains(run,
                 "aaa new-model\naaa authentication login CONSOLE group radius local\n"
                 "aaa authentication login default local\n"
                 "aaa authorization exec default local\n"
                 "aaa authentication enable default enable\n!\n"));
  CHECK(contains(run, "ip cef\nip domain name lab.local\n!\n"));
  CHECK(contains(run,
                 "ip ssh time-out 60\nip ssh authentication-retries 2\nip ssh version 2\n"
                 "ip ssh source-interface Loopback0\n!\n"));
  CHECK(contains(run,
                 "line vty 0 4\n privilege level 15\n login authentication CONSOLE\n"
                 " transport input telnet ssh\n"));
  // An unknown method is refused under the methods.
  std::string prompt = bench.prompt();
  CHECK(bench.type("aaa authentication login X bogus") == test::caret_at(prompt.size() + 27));
  bench.type("line vty 0 4");
  bench.type("transport input none");
  CHECK_FALSE(bench.running().vty_line(0)->accepts("ssh"));
  bench.type("no transport input");
  CHECK(bench.running().vty_line(0)->accepts("telnet"));
  bench.type("no privilege level");
  CHECK_FALSE(bench.running().vty_line(0)->privilege_level);

  auto [again, messages] = bench.reload_shown();
  CHECK(messages == "");
  CHECK(again == bench.running());
}
