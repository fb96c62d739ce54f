// `show running-config` rendering (docs/cli.md §10, docs/commands.md §4) and the render -> load
// round trip.
#include <doctest/doctest.h>

#include "tests/runtime/config/config_test_support.hpp"

using namespace cmemu;
using cmemu::test::Bench;

namespace {

// Renders, loads the rendering back, renders again: both texts and both configs must agree.
void check_round_trip(Bench& bench, const runtime::Config& config) {
  std::string first = runtime::render_config_body(config);
  std::string messages;
  runtime::Config again = bench.load_clean(first, &messages);
  CHECK(messages == "");
  std::string second = runtime::render_config_body(again);
  CHECK(second == first);
  CHECK(again == config);
}

}  // namespace

TEST_CASE("an empty config renders the default-state lines") {
  runtime::Config config;
  CHECK(runtime::render_config_body(config) ==
        "!\n"
        "version 15.1\n"
        "service timestamps debug datetime msec\n"
        "service timestamps log datetime msec\n"
        "no service password-encryption\n"
        "!\n"
        "hostname Router\n"
        "!\n"
        "boot-start-marker\n"
        "boot-end-marker\n"
        "!\n"
        "logging message-counter syslog\n"
        "!\n"
        "no aaa new-model\n"
        "!\n"
        "ip source-route\n"
        "!\n"
        "!\n"
        "ip cef\n"
        "!\n"
        "no ipv6 cef\n"
        "multilink bundle-name authenticated\n"
        "!\n"
        "!\n"
        "!\n"  // voice register global slot (always)
        "!\n"  // no session-server
        "!\n"  // the empty slot
        "ip forward-protocol nd\n"
        "!\n"
        "!\n"
        "control-plane\n"
        "!\n"
        "!\n"
        "!\n"
        "line con 0\n"
        "line aux 0\n"
        "line vty 0 4\n"
        " login\n"
        "!\n"
        "end\n");
}

TEST_CASE("the MOC sample renders as the guide's show running-config") {
  Bench bench;
  runtime::Config config;
  REQUIRE(bench.load(test::read_source_file("samples/moc-client.cfg"), config).errors == 0);
  std::string expected = test::read_source_file("tests/runtime/config/moc-client.expected");
  REQUIRE_FALSE(expected.empty());
  CHECK(runtime::render_config_body(config) == expected);
}

TEST_CASE("show running-config counts the bytes from the first ! through end") {
  Bench bench;
  runtime::Config config;
  REQUIRE(bench.load(test::read_source_file("samples/moc-client.cfg"), config).errors == 0);
  std::string body = runtime::render_config_body(config);
  CHECK(runtime::render_running_config(config) ==
        "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) +
            " bytes\n" + body);
}

TEST_CASE("comment lines follow the first !") {
  runtime::Config config;
  runtime::RenderComments comments{
      "Last configuration change at 00:42:37 UTC Mon Mar 1 1993 by console", ""};
  std::string body = runtime::render_config_body(config, comments);
  CHECK(body.starts_with(
      "!\n! Last configuration change at 00:42:37 UTC Mon Mar 1 1993 by console\nversion 15.1\n"));
}

TEST_CASE("each sample renders, loads back and renders the same") {
  for (const char* sample :
       {"samples/moc-client.cfg", "samples/session-manager.cfg", "samples/lab.cfg"}) {
    CAPTURE(sample);
    Bench bench;
    runtime::Config config;
    bench.load(test::read_source_file(sample), config);
    check_round_trip(bench, config);
  }
}

TEST_CASE("the lab sample is already in rendered form") {
  Bench bench;
  runtime::Config config;
  std::string text = test::read_source_file("samples/lab.cfg");
  REQUIRE(bench.load(text, config).errors == 0);
  // The sample's own comment lines aside, it is exactly what cmemu prints.
  std::string rendered = runtime::render_config_body(config);
  std::string without_comments;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t eol = text.find('\n', at);
    std::string line = text.substr(at, eol - at + 1);
    if (!line.starts_with("! ")) without_comments += line;
    at = eol + 1;
  }
  CHECK(rendered == without_comments);
}

TEST_CASE("kept blocks round trip in place") {
  Bench bench;
  const char* text =
      "!\n"
      "version 12.4\n"
      "service timestamps debug datetime msec localtime\n"
      "no service pad\n"
      "service tcp-keepalives-in\n"
      "!\n"
      "hostname lab\n"
      "!\n"
      "logging buffered 51200 warnings\n"
      "enable secret 5 $1$abcd$0123456789abcdefghij\n"
      "!\n"
      "aaa new-model\n"
      "aaa authentication login default local\n"
      "aaa group server radius RAD\n"
      " server 10.1.1.1\n"
      "!\n"
      "ip cef\n"
      "no ip domain lookup\n"
      "ip domain name example.com\n"
      "ip dhcp excluded-address 10.0.0.1 10.0.0.10\n"
      "!\n"
      "ip dhcp pool phones\n"
      "   network 10.0.0.0 255.255.255.0\n"
      "   option 150 ip 10.0.0.1 10.0.0.2\n"
      "   dns-server 8.8.8.8\n"
      "   option 66 ascii 10.0.0.1\n"
      "!\n"
      "voice service voip\n"
      " allow-connections h323 to sip\n"
      " fax protocol t38 version 0 ls-redundancy 0 hs-redundancy 0 fallback none\n"
      " sip\n"
      "  bind control source-interface FastEthernet0/0\n"
      "!\n"
      "voice class codec 1\n"
      " codec preference 1 g711ulaw\n"
      "!\n"
      "voice register global\n"
      " mode cme\n"
      " max-dn 10\n"
      "!\n"
      "voice register dn 1\n"
      " number 301\n"
      "!\n"
      "voice register pool 1\n"
      " id mac 0011.2233.4455\n"
      "!\n"
      "voice-card 0\n"
      " dspfarm\n"
      "!\n"
      "username admin privilege 15 secret 5 $1$xyz\n"
      "archive\n"
      " log config\n"
      "  logging enable\n"
      "  hidekeys\n"
      "!\n"
      "crypto pki trustpoint TP-self-signed-1\n"
      " enrollment selfsigned\n"
      " revocation-check none\n"
      "!\n"
      "interface FastEthernet0/0\n"
      " ip address 10.0.0.1 255.255.255.0\n"
      " ip nat inside\n"
      " ip virtual-reassembly\n"
      "!\n"
      "interface Loopback0\n"
      "!\n"
      "ip forward-protocol nd\n"
      "ip route 0.0.0.0 0.0.0.0 FastEthernet0/0 5\n"
      "no ip http secure-server\n"
      "ip nat inside source list 1 interface FastEthernet0/0 overload\n"
      "!\n"
      "access-list 1 permit 10.0.0.0 0.0.0.255\n"
      "!\n"
      "control-plane\n"
      "!\n"
      "voice-port 0/0/0\n"
      " connection plar 201\n"
      " caller-id enable\n"
      "!\n"
      "mgcp profile default\n"
      "!\n"
      "dial-peer voice 100 voip\n"
      " destination-pattern 9T\n"
      " session target ipv4:10.0.0.2\n"
      "!\n"
      "sip-ua \n"
      " registrar ipv4:10.0.0.2 expires 3600\n"
      "!\n"
      "telephony-service\n"
      " max-ephones 5\n"
      " load 7961 SCCP41.8-5-4S\n"
      " directory entry 1 5551234 name Help Desk\n"
      " create cnf-files version-stamp 7960 Sep 25 2007 21:25:47\n"
      "!\n"
      "ephone-template  1\n"
      " softkeys idle Redial Newcall\n"
      "!\n"
      "ephone-dn-template  1\n"
      " cti watch\n"
      " huntstop\n"
      "!\n"
      "ephone-dn  1  dual-line\n"
      " number 201 secondary 9201 no-reg primary\n"
      " label Alice\n"
      " description Alice's desk\n"
      " name Alice Smith\n"
      " call-forward all 202\n"
      " call-forward busy 203\n"
      " ephone-dn-template 1\n"
      " no huntstop\n"
      " pickup-group 5\n"
      "!\n"
      "ephone  1\n"
      " description front desk\n"
      " ephone-template 1\n"
      " mac-address 1111.2222.3333\n"
      " type 7941GE\n"
      " username alice password x\n"
      " button  1:1 2o1,2 3w4\n"
      " speed-dial 1 5551234\n"
      "!\n"
      "banner motd ^C\n"
      "Authorized access only\n"
      "  (really)\n"
      "^C\n"
      "!\n"
      "line con 0\n"
      " exec-timeout 0 0\n"
      " logging synchronous\n"
      "line aux 0\n"
      "line vty 0 4\n"
      " password 7 0822455D0A16\n"
      " login local\n"
      " transport input telnet ssh\n"
      "line vty 5 15\n"
      " login\n"
      "!\n"
      "scheduler allocate 20000 1000\n"
      "ntp server 10.0.0.254\n"
      "end\n";
  std::string messages;
  runtime::Config config = bench.load_clean(text, &messages);
  CHECK(messages == "");
  check_round_trip(bench, config);

  std::string body = runtime::render_config_body(config);
  // Kept lines stay with the row they were read after, modelled lines print canonically.
  CHECK(body.find("service timestamps debug datetime msec localtime\n"
                  "service timestamps log datetime msec\n"
                  "no service password-encryption\n"
                  "no service pad\n"
                  "service tcp-keepalives-in\n"
                  "!\nhostname lab\n") != std::string::npos);
  CHECK(body.find("hostname lab\nlogging buffered 51200 warnings\n!\n") != std::string::npos);
  CHECK(body.find("logging message-counter syslog\n"
                  "enable secret 5 $1$abcd$0123456789abcdefghij\n!\n") != std::string::npos);
  CHECK(body.find("aaa new-model\naaa authentication login default local\n!\n"
                  "aaa group server radius RAD\n server 10.1.1.1\n!\n!\n") != std::string::npos);
  CHECK(body.find("ip cef\nno ip domain-lookup\nip domain name example.com\n"
                  "ip dhcp excluded-address 10.0.0.1 10.0.0.10\n!\nip dhcp pool phones\n"
                  "   network 10.0.0.0 255.255.255.0\n"
                  "   option 150 ip 10.0.0.1 10.0.0.2 \n"
                  "   dns-server 8.8.8.8\n"
                  "   option 66 ascii 10.0.0.1\n!\n!\n") != std::string::npos);
  CHECK(body.find("voice service voip \n allow-connections h323 to sip\n fax protocol t38") !=
        std::string::npos);
  CHECK(body.find(" sip\n  bind control source-interface FastEthernet0/0\n") != std::string::npos);
  CHECK(body.find("voice register dn  1\n number 301\n!\nvoice register pool  1\n") !=
        std::string::npos);
  CHECK(body.find("ip route 0.0.0.0 0.0.0.0 FastEthernet0/0 5\n") != std::string::npos);
  // A mode prints its lines in IOS's order of its commands (docs/commands.md §3), kept or modelled.
  CHECK(body.find("ephone-dn  1  dual-line\n number 201 secondary 9201 no-reg primary\n"
                  " pickup-group 5\n label Alice\n description Alice's desk\n"
                  " name Alice Smith\n call-forward all 202\n call-forward busy 203\n"
                  " ephone-dn-template 1\n no huntstop\n") != std::string::npos);
  CHECK(body.find("ephone  1\n username alice password x\n mac-address 1111.2222.3333\n"
                  " ephone-template 1\n description front desk\n speed-dial 1 5551234\n"
                  " type 7941GE\n button  1:1 2o1,2 3w4\n") != std::string::npos);
  CHECK(body.find("banner motd ^C\nAuthorized access only\n  (really)\n^C\n!\n") !=
        std::string::npos);
  CHECK(body.find(" create cnf-files version-stamp 7960 Sep 25 2007 21:25:47\n") !=
        std::string::npos);
  CHECK(body.find("line vty 0 4\n password 7 0822455D0A16\n login local\n"
                  " transport input telnet ssh\nline vty 5 15\n login\n") != std::string::npos);
  CHECK(body.find("ntp server 10.0.0.254\n!\nend\n") != std::string::npos);
}

TEST_CASE("registrar server prints both expiry bounds once expires is given") {
  Bench bench;
  runtime::Config config;
  bench.load(test::read_source_file("samples/session-manager.cfg"), config);
  std::string body = runtime::render_config_body(config);
  CHECK(body.find("voice service voip \n no cti shutdown\n sip\n"
                  "  registrar server expires max 120 min 60\n!\n"
                  "voice register global\n mode cme\n source-address 10.0.0.1 port 5060\n!\n"
                  "voice register session-server  1\n keepalive 60\n register-id apps\n"
                  " cti-aware\n!\n!\nvoice logout-profile 1\n") != std::string::npos);

  bench.configure();
  bench.type("voice service voip");
  bench.type("sip");
  CHECK(bench.prompt() == "Router(conf-serv-sip)#");
  bench.type("registrar server");
  CHECK(bench.show_run().find(" sip\n  registrar server\n!\n") != std::string::npos);
  bench.type("registrar server expires min 90");
  CHECK(bench.show_run().find("  registrar server expires max 3600 min 90\n") != std::string::npos);
  // max below min is refused.
  CHECK(bench.type("registrar server expires max 120 min 600") != "");
  bench.type("no registrar server");
  CHECK(bench.show_run().find("registrar") == std::string::npos);
}
