#include "sip/registrar.hpp"

#include <doctest/doctest.h>

#include "runtime/config/config.hpp"
#include "sip/parser.hpp"

using namespace cmemu;
using namespace std::chrono_literals;
using sip::Registrar;

namespace {

// A REGISTER for `user` asking `expires` seconds (none when negative).
std::string register_text(const std::string& user, int expires,
                          const std::string& contact = "sip:app@192.0.2.5:5070") {
  std::string text =
      "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.5:5070;branch=z9hG4bKreg1\r\n"
      "From: <sip:" +
      user +
      "@127.0.0.1>;tag=a1\r\n"
      "To: <sip:" +
      user +
      "@127.0.0.1>\r\n"
      "Call-ID: reg-1\r\nCSeq: 1 REGISTER\r\n"
      "Contact: <" +
      contact + ">\r\n";
  if (expires >= 0) text += "Expires: " + std::to_string(expires) + "\r\n";
  return text + "Content-Length: 0\r\n\r\n";
}

Registrar::Answer send(Registrar& registrar, const std::string& text,
                       Registrar::Clock::time_point now) {
  auto parsed = sip::parse(std::string_view(text), sip::Framing::kDatagram);
  REQUIRE(parsed.status == sip::ParseStatus::kMessage);
  return registrar.handle_register(parsed.message, now);
}

std::string header(const Registrar::Answer& answer, const std::string& name) {
  for (const auto& h : answer.headers)
    if (h.name == name) return h.value;
  return {};
}

runtime::Config lab_config() {
  runtime::Config config;
  runtime::SessionServer server;
  server.keepalive = 60;
  server.register_id = "apps";
  config.session_servers[1] = server;
  return config;
}

}  // namespace

TEST_CASE("a session-server is granted its keepalive and expires without a refresh") {
  Registrar registrar;
  registrar.apply(lab_config());
  Registrar::Clock::time_point t0{};
  auto answer = send(registrar, register_text("apps", 3600), t0);
  CHECK(answer.status_code == 200);
  CHECK(header(answer, "Expires") == "60");
  REQUIRE(registrar.session_server(1));
  CHECK(registrar.session_server(1)->contact == "sip:app@192.0.2.5:5070");
  auto first_number = registrar.session_server(1)->reg_number;

  registrar.expire(t0 + 59s);
  REQUIRE(registrar.session_server(1));
  // A refresh at 50 s moves the expiry to 110 s and keeps the registration's number.
  send(registrar, register_text("apps", 3600), t0 + 50s);
  registrar.expire(t0 + 100s);
  REQUIRE(registrar.session_server(1));
  CHECK(registrar.session_server(1)->reg_number == first_number);
  registrar.expire(t0 + 110s);
  CHECK_FALSE(registrar.session_server(1));
}

TEST_CASE("a new keepalive applies at the next refresh; removal ends the registration") {
  Registrar registrar;
  auto config = lab_config();
  registrar.apply(config);
  Registrar::Clock::time_point t0{};
  send(registrar, register_text("apps", -1), t0);
  config.session_servers[1].keepalive = 120;
  registrar.apply(config);
  registrar.expire(t0 + 61s);
  CHECK_FALSE(registrar.session_server(1));  // the old grant still ran out at 60 s
  auto answer = send(registrar, register_text("apps", -1), t0 + 70s);
  CHECK(header(answer, "Expires") == "120");
  config.session_servers.clear();
  registrar.apply(config);
  CHECK_FALSE(registrar.session_server(1));
}

TEST_CASE("Expires 0 unregisters a session-server") {
  Registrar registrar;
  registrar.apply(lab_config());
  send(registrar, register_text("apps", 300), {});
  auto answer = send(registrar, register_text("apps", 0), {});
  CHECK(answer.status_code == 200);
  CHECK_FALSE(registrar.session_server(1));
}

TEST_CASE("other users: 404 without `registrar server`, clamped with it, 423 below min") {
  Registrar registrar;
  auto config = lab_config();
  registrar.apply(config);
  CHECK(send(registrar, register_text("bob", 600), {}).status_code == 404);

  config.voice_service.emplace();
  config.voice_service->sip.emplace();
  config.voice_service->sip->registrar = runtime::RegistrarServer{120, 60};
  registrar.apply(config);
  auto answer = send(registrar, register_text("bob", 600), {});
  CHECK(answer.status_code == 200);
  CHECK(header(answer, "Expires") == "120");
  CHECK(registrar.plain_registrations() == 1);
  answer = send(registrar, register_text("carol", 30), {});
  CHECK(answer.status_code == 423);
  CHECK(header(answer, "Min-Expires") == "60");
  registrar.expire(Registrar::Clock::time_point{} + 121s);
  CHECK(registrar.plain_registrations() == 0);
}

TEST_CASE(
    "docs/decisions.md #25: ended registrations are reported; a silenced application is not "
    "answered") {
  Registrar registrar;
  auto config = lab_config();
  config.session_servers[1].cti_aware = true;
  registrar.apply(config);
  Registrar::Clock::time_point t0{};
  send(registrar, register_text("apps", 3600), t0);
  CHECK(registrar.session_server_at("192.0.2.5", 5070) == 1);
  CHECK_FALSE(registrar.session_server_at("192.0.2.5", 5071));

  registrar.set_silenced(1, true);
  CHECK(send(registrar, register_text("apps", 3600), t0 + 10s).silent);
  auto removed = send(registrar, register_text("apps", 0), t0 + 20s);
  CHECK_FALSE(removed.silent);
  CHECK(removed.ended == std::vector<int>{1});
  CHECK_FALSE(send(registrar, register_text("apps", 3600), t0 + 30s).silent);

  CHECK(registrar.expire(t0 + 30s + 60s) == std::vector<int>{1});
  send(registrar, register_text("apps", 3600), t0 + 100s);
  config.session_servers.clear();
  CHECK(registrar.apply(config) == std::vector<int>{1});
}
