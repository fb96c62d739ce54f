// Loading the sample configs (samples/*.cfg): errors, indentation, what ends up in Config.
#include <doctest/doctest.h>

#include "grammar/token_parsers.hpp"
#include "runtime/config/secrets.hpp"
#include "tests/runtime/config/config_test_support.hpp"

using namespace cmemu;
using cmemu::test::Bench;

namespace {

std::string strip_indentation(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t eol = text.find('\n', at);
    if (eol == std::string::npos) eol = text.size();
    std::string_view line(text.data() + at, eol - at);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    out += line;
    out += '\n';
    at = eol + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("the MOC client sample loads without errors") {
  Bench bench;
  runtime::Config config;
  auto report = bench.load(test::read_source_file("samples/moc-client.cfg"), config);
  CHECK(report.errors == 0);
  CHECK(report.messages == "");

  CHECK(config.hostname == "sdataar-2811s");
  REQUIRE(config.voice_service);
  CHECK(config.voice_service->allow_connections_sip_to_sip);
  CHECK_FALSE(config.voice_service->supplementary_moved_temporarily);
  CHECK_FALSE(config.voice_service->supplementary_refer);
  CHECK_FALSE(config.voice_service->cti_shutdown);
  CHECK(config.voice_service->cti_csta_mode_basic);
  REQUIRE(config.user_profiles.count(1));
  CHECK(config.user_profiles.at(1).user == std::pair<std::string, std::string>{"user204", "psswr"});
  REQUIRE(config.logout_profiles.count(1));
  CHECK(config.logout_profiles.at(1).numbers ==
        std::vector<runtime::ProfileNumber>{{"203", "normal"}});
  REQUIRE(config.archive);
  REQUIRE(config.archive->log_config);
  CHECK(config.archive->log_config->hidekeys);
  CHECK(config.interfaces.size() == 3);
  CHECK(config.interfaces[1].name == "Service-Engine0/0");
  CHECK(config.interfaces[1].shutdown);
  CHECK(config.ip_routes.size() == 2);
  REQUIRE(config.ixi_transport_http);
  CHECK(config.ixi_transport_http->response_size == 64);
  CHECK_FALSE(config.ixi_transport_http->shutdown);
  REQUIRE(config.ixi_application_cme);
  CHECK_FALSE(config.ixi_application_cme->shutdown);
  CHECK(config.voice_ports.size() == 4);
  CHECK(config.mgcp_fax_t38_ecm);
  CHECK(config.sip_ua);
  REQUIRE(config.telephony);
  CHECK(config.telephony->em_logout == std::vector<std::string>{"1:0"});
  CHECK(config.telephony->max_ephones == 10);
  REQUIRE(config.telephony->ip_source_address);
  CHECK(config.telephony->ip_source_address->port_or_default() == 2000);
  CHECK(config.telephony->transfer_system == "full-consult");
  CHECK(config.ephone_dns.size() == 4);
  CHECK(config.ephone_dns.at(4).cti_notify);
  CHECK(config.ephone_dns.at(4).cti_watch);
  CHECK(config.ephone_dns.at(4).number == "204");
  REQUIRE(config.ephones.size() == 3);
  CHECK(config.ephones.at(1).mac == grammar::parse_mac("001E.4A34.A35F"));
  CHECK(config.ephones.at(1).buttons == std::vector<runtime::ButtonEntry>{{1, ':', {1}}});
  CHECK(config.ephones.at(3).logout_profile == 1);
  CHECK(config.ephones.at(3).buttons.empty());
  CHECK(config.opaque_blocks.empty());
}

TEST_CASE("the MOC client sample loads the same with every line unindented") {
  Bench bench;
  std::string text = test::read_source_file("samples/moc-client.cfg");
  runtime::Config indented, flat;
  CHECK(bench.load(text, indented).errors == 0);
  auto report = bench.load(strip_indentation(text), flat);
  CHECK(report.errors == 0);
  CHECK(report.messages == "");
  CHECK(flat == indented);
}

TEST_CASE("the session-manager sample reports only its `csta cti mode basic` line") {
  Bench bench;
  std::string text = test::read_source_file("samples/session-manager.cfg");
  runtime::Config config;
  auto report = bench.load(text, config, "startup-config");
  CHECK(report.errors == 1);

  // The line number and the line as it is in the file (four spaces of indentation).
  std::size_t number = 0, at = 0, line_no = 0;
  std::string bad;
  while (at < text.size()) {
    std::size_t eol = text.find('\n', at);
    ++line_no;
    std::string line = text.substr(at, eol - at);
    if (line.find("csta cti mode basic") != std::string::npos) {
      number = line_no;
      bad = line;
    }
    at = eol + 1;
  }
  REQUIRE(number > 0);
  CHECK(bad == "    csta cti mode basic");
  std::string prefix = "startup-config:" + std::to_string(number) + ": ";
  // Caret under the `s` of `csta`: `c` still matches callmonitor and cti (docs/cli.md §5).
  std::string expected = prefix + bad + "\n" + std::string(prefix.size() + 5, ' ') +
                         "^\n% Invalid input detected at '^' marker.\n\n";
  CHECK(report.messages == expected);

  // Everything else loaded, including the lines after the bad one in the same mode.
  REQUIRE(config.voice_service);
  CHECK_FALSE(config.voice_service->cti_shutdown);
  CHECK_FALSE(config.voice_service->cti_csta_mode_basic);
  REQUIRE(config.voice_service->sip);
  REQUIRE(config.voice_service->sip->registrar);
  CHECK(config.voice_service->sip->registrar->expires_max == 120);
  CHECK(config.voice_service->sip->registrar->expires_min == 60);
  REQUIRE(config.voice_register_global);
  CHECK(config.voice_register_global->mode_cme);
  CHECK(config.voice_register_global->source_port == 5060);
  REQUIRE(config.session_servers.count(1));
  const auto& server = config.session_servers.at(1);
  CHECK(server.keepalive == 60);
  CHECK(server.register_id == "apps");
  CHECK(server.cti_aware);
  CHECK(config.ephones.size() == 3);
  CHECK(config.ephone_dns.size() == 4);
}

TEST_CASE("the lab sample loads without errors") {
  Bench bench;
  runtime::Config config;
  auto report = bench.load(test::read_source_file("samples/lab.cfg"), config);
  CHECK(report.errors == 0);
  CHECK(report.messages == "");
  CHECK(config.hostname == "cmemu-lab");
  REQUIRE(config.voice_service);
  CHECK_FALSE(config.voice_service->cti_shutdown);
  REQUIRE(config.voice_register_global);
  CHECK(config.voice_register_global->source_address == runtime::Ipv4{127, 0, 0, 1});
  CHECK(config.session_servers.at(1).register_id == "app1");
  REQUIRE(config.telephony);
  CHECK(config.telephony->max_ephones == 24);
  CHECK(config.telephony->max_dn->count == 48);
  CHECK(config.telephony->ip_source_address->address == runtime::Ipv4{127, 0, 0, 1});
  CHECK(config.ephone_dns.size() == 4);
  for (int tag = 1; tag <= 4; ++tag) CHECK(config.ephone_dns.at(tag).cti_watch);
  CHECK(config.ephone_dns.at(4).cti_notify);
  CHECK(config.ephones.at(3).mac == 0x0203u);
  CHECK(config.ephones.at(3).logout_profile == 1);
  CHECK(config.ephones.at(3).buttons == std::vector<runtime::ButtonEntry>{{1, ':', {3}}});
  CHECK(config.user_profiles.at(1).user->first == "user204");
  REQUIRE(config.enable_secret);
  CHECK(config.enable_secret->type == 5);
  CHECK(runtime::secrets::secret_matches(5, config.enable_secret->value, "cisco"));
  REQUIRE(config.users.size() == 2);
  CHECK(config.users[0].name == "admin");
  CHECK(config.users[0].privilege == 15);
  CHECK(runtime::secrets::secret_matches(5, config.users[0].value, "cisco"));
  CHECK(config.ip_domain_name == "lab.local");
  const auto& vty = config.lines.back();
  CHECK(vty.name == "vty 0 4");
  CHECK(vty.login);
  CHECK(vty.login_method == "local");
  CHECK(vty.transport_input == "telnet ssh");
}

TEST_CASE("loading stops at `end` and skips a pasted show header") {
  Bench bench;
  runtime::Config config;
  auto report = bench.load(
      "Building configuration...\n\nCurrent configuration : 99 bytes\n!\nhostname A\nend\n"
      "hostname B\n",
      config);
  CHECK(report.errors == 0);
  CHECK(config.hostname == "A");
}

TEST_CASE(
    "a line with a control byte is refused at that byte, loaded or typed, and keeps nothing") {
  Bench bench;
  runtime::Config config;
  std::string text = "service timestamps\x07 log\nservice foo";
  text += '\0';
  text += "bar\nhostname A\x01\n";
  auto report = bench.load(text, config);
  CHECK(report.errors == 3);
  CHECK(report.messages.find("                            ^\n% Invalid input") !=
        std::string::npos);
  CHECK(config.opaque_blocks.empty());
  CHECK(config.hostname == "Router");

  bench.configure();
  std::string typed = bench.type("ntp server 1.2.3.4\x1b");
  CHECK(typed.find("% Invalid input detected at '^' marker.") != std::string::npos);
  CHECK(bench.router.running().opaque_blocks.empty());
}

TEST_CASE("a kept family without its arguments is incomplete, as IOS says; a whole one is kept") {
  Bench bench;
  runtime::Config config;
  auto report = bench.load("no service\nservice\nrouter\nstcapp\nno ip subnet-zero\n", config);
  CHECK(report.errors == 3);
  CHECK(report.messages.find("% Incomplete command.") != std::string::npos);
  REQUIRE(config.opaque_blocks.size() == 2);
  CHECK(config.opaque_blocks[0].block.line == "stcapp");
  CHECK(config.opaque_blocks[1].block.line == "no ip subnet-zero");
}
