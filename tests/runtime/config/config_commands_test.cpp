// Configuration commands typed at the console: typed values, no/default, hidden aliases,
// kept blocks, fall-through, limits.
#include <doctest/doctest.h>

#include "grammar/matcher.hpp"
#include "tests/runtime/config/config_test_support.hpp"

using namespace cmemu;
using cmemu::test::Bench;
using cmemu::test::caret_at;
using cmemu::test::ConfigBench;
using cmemu::test::texts;

namespace {

// The caret block for `line` typed at `prompt`, with the caret under `bad`'s character `shift`.
std::string caret_under(const std::string& prompt, std::string_view line, std::string_view bad,
                        std::size_t shift = 0) {
  return caret_at(prompt.size() + line.find(bad) + shift);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("values are checked when typed") {
  ConfigBench bench;
  std::string prompt = bench.prompt();  // Router(config)#
  struct Case {
    const char* mode_line;  // entered first ("" = global)
    const char* line;
    const char* bad;
    std::size_t shift = 0;  // a keyword position: the caret goes where the prefix stops matching
  };
  const Case cases[] = {
      {"", "ephone-dn 10001", "10001"},
      {"", "ephone 5001", "5001"},
      {"", "ephone 0", "0"},
      {"", "voice register session-server 9", "9"},
      {"", "voice user-profile 15001", "15001"},
      {"", "voice logout-profile 5001", "5001"},
      {"ephone 1", "mac-address 0000.0000.020G", "0000"},
      {"ephone 1", "mac-address 00000.0000.0201", "0000"},
      {"ephone 1", "button 43:1", "43:1"},
      {"ephone 1", "button 1:1 1:2", "1:2"},
      {"ephone 1", "button 1q1", "1q1"},
      {"ephone 1", "button 1:10001", "1:10001"},
      // Not a model of the list, nor the name of an `ephone-type` block (CR `type`).
      {"ephone 1", "type 7999", "7999"},
      {"ephone 1", "logout-profile 5001", "5001"},
      {"telephony-service", "em logout 25:00", "25:00"},
      {"telephony-service", "em logout 1:0 2:60", "2:60"},
      {"telephony-service", "em logout 1:0 2:0 3:0 4:0", "4:0"},
      {"telephony-service", "max-ephones 5001", "5001"},
      {"telephony-service", "max-dn 10001", "10001"},
      {"telephony-service", "ip source-address 10.0.0.256", "10.0.0.256"},
      {"telephony-service", "ip source-address 10.0.0.1 port 1999", "1999"},
      {"telephony-service", "keepalive 9", "9"},
      {"telephony-service", "max-conferences 65", "65"},
      {"voice register session-server 1", "keepalive 59", "59"},
      {"voice register session-server 1", "register-id 0123456789012345678901234567890",
       "0123456789012345678901234567890"},
      {"voice register global", "source-address 127.0.0.1 port 65536", "65536"},
      {"ephone-dn 1", "number 20e1", "20e1"},
      {"ephone-dn 1", "number 12345678901234567", "12345678901234567"},
      {"ephone-dn 1", "label 0123456789012345678901234567890", "0123456789012345678901234567890"},
      {"ephone-dn 1", "call-forward all x", "x"},
      {"voice logout-profile 1", "number 203 type loud", "loud"},
      {"", "ip route 10.0.0.1 255.255.255.0 10.0.0.254", "10.0.0.1"},
      {"", "ip route 10.0.0.0 255.0.255.0 10.0.0.254", "255.0.255.0"},
      {"", "ip route 10.0.0.0 255.255.255.0 nowhere", "nowhere"},
      {"", "interface Bogus0/0", "Bogus0/0"},
      {"", "no interface FastEthernet0/0", "FastEthernet0/0"},
  };
  for (const auto& test : cases) {
    CAPTURE(test.line);
    bench.configure();
    if (*test.mode_line) REQUIRE(bench.type(test.mode_line) == "");
    std::string before = bench.show_run();
    std::string mode_prompt = bench.prompt();
    std::string output = bench.type(test.line);
    CHECK(output == caret_under(mode_prompt, test.line, test.bad, test.shift));
    CHECK(bench.show_run() == before);  // nothing applied
  }
  (void)prompt;
}

TEST_CASE("a rejected line leaves a loaded config untouched") {
  Bench bench;
  runtime::Config config;
  auto report = bench.load(
      "ephone 1\n mac-address 0000.0000.0201\nephone 2\n button 1:1 1:2\n"
      " type 7961\n",
      config);
  CHECK(report.errors == 1);  // button 1 given twice: the whole line is refused
  CHECK(config.ephones.at(2).buttons.empty());
  CHECK(config.ephones.at(2).type == "7961");
}

TEST_CASE("the session-manager typo is a caret error when typed") {
  ConfigBench bench;
  REQUIRE(bench.type("voice service voip") == "");
  CHECK(bench.prompt() == "Router(conf-voi-serv)#");
  CHECK(bench.type("csta cti mode basic") == caret_at(bench.prompt().size() + 1));
  CHECK(bench.prompt() == "Router(conf-voi-serv)#");
}

TEST_CASE("no and default") {
  ConfigBench bench;
  bench.type("voice service voip");
  bench.type("no supplementary-service sip refer");
  bench.type("no cti shutdown");
  bench.type("gcid");
  CHECK(contains(bench.show_run(),
                 "voice service voip \n no supplementary-service sip refer\n gcid\n"
                 " no cti shutdown\n!\n"));
  bench.type("default supplementary-service sip refer");
  bench.type("no gcid");
  bench.type("default cti shutdown");
  CHECK(contains(bench.show_run(), "voice service voip \n!\n"));

  bench.type("no ip cef");
  bench.type("no ip domain lookup");
  bench.type("no logging message-counter syslog");
  bench.type("service password-encryption");
  std::string run = bench.show_run();
  CHECK(contains(run, "no ip cef\nno ip domain-lookup\n!\n"));
  CHECK(contains(run, "no logging message-counter syslog\n"));
  CHECK(contains(run, "service password-encryption\n!\n"));
  CHECK_FALSE(bench.running().ip_domain_lookup);
  bench.type("ip cef");
  bench.type("default ip domain-lookup");
  CHECK(contains(bench.show_run(), "ip cef\n!\nno ipv6 cef\n"));

  bench.type("no service timestamps debug");
  CHECK(contains(bench.show_run(), "no service timestamps debug\nservice timestamps log"));
  bench.type("service timestamps debug uptime");
  CHECK(contains(bench.show_run(), "service timestamps debug uptime\n"));
  bench.type("service timestamps log datetime year localtime msec");
  CHECK(contains(bench.show_run(), "service timestamps log datetime msec localtime year\n"));
  CHECK(bench.type("service timestamps log datetime msec msec") != "");
  bench.type("default service timestamps");
  CHECK(contains(bench.show_run(),
                 "service timestamps debug datetime msec\n"
                 "service timestamps log datetime msec\n"));

  bench.type("hostname R1");
  CHECK(bench.prompt() == "R1(config)#");
  bench.type("no hostname");
  CHECK(bench.running().hostname == "Router");

  // Removing what is not there is accepted silently.
  CHECK(bench.type("no ephone-dn 77") == "");
  CHECK(bench.type("no voice register global") == "");

  bench.type("ephone-dn 1");
  bench.type("number 201");
  bench.type("cti watch");
  CHECK(bench.running().ephone_dns.at(1).cti_watch);
  bench.type("no cti watch");
  CHECK_FALSE(bench.running().ephone_dns.at(1).cti_watch);
  bench.type("no number");
  CHECK(bench.running().ephone_dns.at(1).number == "");
  bench.type("exit");
  bench.type("no ephone-dn 1");
  CHECK(bench.running().ephone_dns.empty());

  // A command with no `no` form: caret under its first character.
  std::string p = bench.prompt();
  CHECK(bench.type("no ixi application cme") == caret_at(p.size() + 7));
  CHECK(bench.type("no version 12.4") == caret_at(p.size() + 4));  // `v` still fits `voice`
}

TEST_CASE("hidden aliases are accepted, never offered, and print canonically") {
  ConfigBench bench;
  bench.type("voice service voip");
  CHECK(bench.type("allow-connections sip-to-sip") == "");
  CHECK(bench.type("no supplementary-service sip moved-temporary") == "");
  CHECK(bench.type("no supplementary-service sip-refer") == "");
  CHECK(contains(bench.show_run(),
                 "voice service voip \n allow-connections sip to sip\n"
                 " no supplementary-service sip moved-temporarily\n"
                 " no supplementary-service sip refer\n!\n"));
  // Only typed in full: an abbreviation of a hidden keyword is not one.
  CHECK(bench.type("allow-connections sip-to") != "");

  const auto& tree = bench.commands.tree();
  auto words = [&](std::string_view line) {
    std::vector<std::string> list;
    for (const auto& e : grammar::help_at(tree, runtime::kVoiceService, line).entries)
      list.push_back(e.word);
    return list;
  };
  CHECK(words("allow-connections ") == std::vector<std::string>{"h323", "sip"});
  CHECK(words("supplementary-service ") ==
        std::vector<std::string>{"h450.12", "h450.2", "h450.3", "media-renegotiate", "sip"});
  CHECK(words("supplementary-service sip ") ==
        std::vector<std::string>{"moved-temporarily", "refer"});
  auto top = grammar::help_at(tree, runtime::kVoiceService, "");
  bool gcid = false;
  for (const auto& e : top.entries)
    if (e.word == "gcid") {
      gcid = true;
      CHECK(e.help == "Enable Global Call Identifcation for voip");
    }
  CHECK(gcid);
}

TEST_CASE("opaque families are listed as kept, not modelled") {
  Bench bench;
  auto help = grammar::help_at(bench.commands.tree(), runtime::kGlobalConfig, "");
  int kept = 0;
  for (const auto& e : help.entries) {
    if (e.word == "dial-peer" || e.word == "crypto" || e.word == "banner" || e.word == "ntp") {
      CHECK(e.help == "(kept, not modelled)");
      ++kept;
    }
    if (e.word == "hostname") CHECK(e.help == "Set system's network name");
  }
  CHECK(kept == 4);
}

TEST_CASE("fall-through: a global line typed in a sub-mode runs in global configuration") {
  ConfigBench bench;
  bench.type("ephone-dn 1");
  bench.type("number 201");
  CHECK(bench.prompt() == "Router(config-ephone-dn)#");
  CHECK(bench.type("ephone-dn 2") == "");
  CHECK(bench.prompt() == "Router(config-ephone-dn)#");
  bench.type("number 202");
  const auto& config = bench.running();
  CHECK(config.ephone_dns.size() == 2);
  CHECK(config.ephone_dns.at(2).number == "202");
  CHECK(config.ephone_dns.at(1).number == "201");
  CHECK(config.ephone_dns.at(1).dn_template == std::nullopt);
  CHECK(config.ephone_dn_templates.empty());
  // In the DN itself the template keyword applies a template.
  bench.type("ephone-dn-template 3");
  CHECK(bench.running().ephone_dns.at(2).dn_template == 3);
  // A line for the telephony-service mode climbs out of the DN too.
  bench.type("ephone 4");
  CHECK(bench.prompt() == "Router(config-ephone)#");
  bench.type("hostname X");
  CHECK(bench.prompt() == "X(config)#");
}

TEST_CASE("telephony-service, ephones and profiles render in IOS order") {
  ConfigBench bench;
  for (const char* line : {"telephony-service",
                           "transfer-system full-consult dss",
                           "create cnf-files",
                           "cnf-file perphonetype",
                           "url services http://10.0.0.1/menu.xml root",
                           "em external",
                           "keepalive 30",
                           "keepalive 45",
                           "max-dn 20 preference 2 no-reg both",
                           "em logout 1:0 12:30 23:59",
                           "max-conferences 4",
                           "ip source-address 10.0.0.1",
                           "max-ephones 7",
                           "cnf-file location tftp tftp://10.0.0.9/",
                           "ephone 2",
                           "logout-profile 3",
                           "button 2s5 1:4",
                           "type cipc",
                           "mac-address 1.2.3",
                           "ephone 1",
                           "button 1:1",
                           "button 1:2",
                           "voice user-profile 2",
                           "number 302 type silent-ring",
                           "user bob password pw",
                           "number 301 type normal",
                           "number 302 type beep-ring"}) {
    CAPTURE(line);
    CHECK(bench.type(line) == "");
  }
  std::string run = bench.show_run();
  CAPTURE(run);
  std::string stamp = bench.running().telephony->cnf_files_version_stamp;
  CHECK(stamp.starts_with("7960 "));
  CHECK(contains(run,
                 "telephony-service\n"
                 " em logout 1:0 12:30 23:59 \n"
                 " em external\n"
                 " max-ephones 7\n"
                 " max-dn 20 preference 2 no-reg both\n"
                 " ip source-address 10.0.0.1 port 2000\n"
                 " keepalive 45\n"
                 " url services http://10.0.0.1/menu.xml root\n"
                 " cnf-file location tftp tftp://10.0.0.9/\n"
                 " cnf-file perphonetype\n"
                 " max-conferences 4\n"
                 " transfer-system full-consult dss\n"
                 " create cnf-files version-stamp " +
                     stamp + "\n!\n"));
  CHECK(contains(run,
                 "ephone  1\n button  1:2\n!\n!\n!\nephone  2\n"
                 " mac-address 0001.0002.0003\n type CIPC\n button  1:4 2s5\n"
                 " logout-profile 3\n!\n!\n!\nline con 0\n"));
  CHECK(contains(run,
                 "voice user-profile 2\n user bob password pw\n"
                 " number 302 type beep-ring\n number 301 type normal\n!\n"));
}

TEST_CASE("kept blocks typed at the console") {
  ConfigBench bench;
  CHECK(bench.type("dial-peer voice 10 voip") == "");
  CHECK(bench.prompt() == "Router(config-dial-peer)#");
  CHECK(bench.type("destination-pattern 9T") == "");
  CHECK(bench.type("session target ipv4:10.0.0.2") == "");
  CHECK(bench.type("voice translation-rule 1") == "");
  CHECK(bench.prompt() == "Router(cfg-translation-rule)#");
  CHECK(bench.type("rule 1 /^9/ //") == "");
  CHECK(bench.type("voice register pool 3") == "");  // a global line leaves the block
  CHECK(bench.prompt() == "Router(config-register-pool)#");
  CHECK(bench.type("crypto pki trustpoint TP") == "");
  CHECK(bench.prompt() == "Router(config-crypto)#");
  CHECK(bench.type("username admin secret cisco") == "");  // one line, no sub-mode
  CHECK(bench.prompt() == "Router(config)#");
  CHECK(bench.type("service tcp-keepalives-in") == "");
  CHECK(bench.type("no service pad") == "");
  CHECK(bench.type("no cdp run") == "");
  CHECK(bench.type("ip domain name example.com") == "");
  std::string out = bench.type("banner motd #");
  CHECK(out == "Enter TEXT message.  End with the character '#'.\n");
  CHECK(bench.type("Welcome to the lab") == "");
  CHECK(bench.type("#") == "");
  CHECK(bench.prompt() == "Router(config)#");
  CHECK(bench.type("banner exec ^Chello^C") == "");
  CHECK(bench.prompt() == "Router(config)#");
  // An unknown first keyword is still an error.
  CHECK(bench.type("frobnicate 1") == caret_at(bench.prompt().size() + 1));

  std::string run = bench.show_run();
  CHECK(contains(run,
                 "no service password-encryption\nservice tcp-keepalives-in\n"
                 "no service pad\n!\nhostname Router\n"));
  CHECK(contains(run, "ip cef\nip domain name example.com\n!\n"));
  // A typed secret is kept hashed (docs/cli.md §16): MD5-crypt, type 5.
  CHECK(contains(run, "username admin secret 5 $1$"));
  CHECK_FALSE(contains(run, "secret cisco"));
  // The checked families print in their own rows (docs/commands.md §4), typed kept blocks before
  // the line blocks: here after the dial-peer, the last row that printed a line.
  CHECK(contains(run,
                 "voice register pool  3\n!\n!\n!\n"
                 "voice translation-rule 1\n rule 1 /^9/ //\n!\n"
                 "username admin secret 5 $1$"));
  CHECK(contains(run,
                 "control-plane\n!\n!\n!\n"
                 "dial-peer voice 10 voip\n destination-pattern 9T\n"
                 " session target ipv4:10.0.0.2\n"
                 "crypto pki trustpoint TP\n"
                 "no cdp run\n!\n"
                 "banner motd #\nWelcome to the lab\n#\n!\n"
                 "banner exec ^Chello^C\n"
                 "!\nline con 0\n"));

  // no removes a kept block, default removes the negation too.
  bench.type("no dial-peer voice 10 voip");
  bench.type("default cdp run");
  bench.type("no banner motd");
  run = bench.show_run();
  CHECK_FALSE(contains(run, "dial-peer"));
  CHECK_FALSE(contains(run, "cdp run"));
  CHECK_FALSE(contains(run, "banner motd"));

  // The typed result round trips.
  std::string messages;
  auto again = bench.load_clean(run, &messages);
  CHECK(messages == "");
  CHECK(runtime::render_config_body(again) == run);
  CHECK(again == bench.running());
}

TEST_CASE("kept children of modelled sub-modes") {
  ConfigBench bench;
  for (const char* line : {"ephone-dn 1",           "huntstop",
                           "no huntstop",           "no huntstop",
                           "preference 1",          "preference 2",
                           "call-forward busy 300", "call-forward noan 301 timeout 10",
                           "no call-forward busy",  "ephone 1",
                           "description front",     "description back",
                           "speed-dial 1 100",      "speed-dial 2 200",
                           "telephony-service",     "directory entry 1 100 name A",
                           "voice-port 0/1/0",      "description trunk",
                           "control-plane",         "service-policy input CoPP"}) {
    CAPTURE(line);
    CHECK(bench.type(line) == "");
  }
  const auto& config = bench.running();
  // The DN's lines are kept in IOS's order of its commands (docs/commands.md §3.6), not typed.
  CHECK(
      texts(config.ephone_dns.at(1).kept) ==
      std::vector<std::string>{"call-forward noan 301 timeout 10", "preference 2", "no huntstop"});
  CHECK(texts(config.ephones.at(1).kept) ==
        std::vector<std::string>{"description back", "speed-dial 1 100", "speed-dial 2 200"});
  CHECK(texts(config.telephony->kept) == std::vector<std::string>{"directory entry 1 100 name A"});
  CHECK(texts(config.voice_ports.at(0).kept) == std::vector<std::string>{"description trunk"});
  CHECK(texts(config.control_plane.kept) == std::vector<std::string>{"service-policy input CoPP"});
  // An unknown child of a modelled mode is a caret error.
  bench.type("ephone-dn 1");
  CHECK(bench.type("frobnicate") == caret_at(bench.prompt().size() + 1));  // `f`: feature-ring
}

TEST_CASE("vty ranges split and merge like IOS") {
  ConfigBench bench;
  bench.type("line vty 0 15");
  bench.type("transport input telnet");
  CHECK(contains(bench.show_run(),
                 "line vty 0 4\n login\n transport input telnet\n"
                 "line vty 5 15\n login\n transport input telnet\n!\nend\n"));
  bench.type("line vty 2 3");
  bench.type("password secret");
  CHECK(contains(bench.show_run(),
                 "line vty 0 1\n login\n transport input telnet\n"
                 "line vty 2 3\n password secret\n login\n transport input telnet\n"
                 "line vty 4\n login\n transport input telnet\n"
                 "line vty 5 15\n"));
  REQUIRE(bench.running().vty_line(3));
  CHECK(bench.running().vty_line(3)->password == "secret");
  CHECK(bench.running().vty_line(4)->name == "vty 4");
  CHECK(bench.running().vty_line(15)->name == "vty 5 15");
  CHECK(runtime::Config{}.vty_line(5) == nullptr);
  bench.type("line vty 0 4");
  bench.type("password secret");
  CHECK(contains(bench.show_run(),
                 "line vty 0 4\n password secret\n login\n"
                 " transport input telnet\nline vty 5 15\n"));
  bench.type("no login");
  bench.type("line console 0");
  bench.type("login");
  bench.type("exec-timeout 0 0");
  CHECK(contains(bench.show_run(),
                 "line con 0\n exec-timeout 0 0\n login\nline aux 0\n"
                 "line vty 0 4\n password secret\n no login\n"));
  auto [again, messages] = bench.reload_shown();
  CHECK(messages == "");
  CHECK(again == bench.running());
}

TEST_CASE("interfaces take IOS abbreviations and print full names") {
  ConfigBench bench;
  CHECK(bench.type("interface fa0/0") == "");
  CHECK(bench.prompt() == "Router(config-if)#");
  bench.type("description uplink to the lab");
  bench.type("ip address 10.0.0.1 255.255.255.0");
  bench.type("interface gi 0/1");
  bench.type("shutdown");
  bench.type("interface lo0");
  bench.type("interface s0/0/0:15");
  std::string run = bench.show_run();
  CHECK(contains(run,
                 "interface FastEthernet0/0\n description uplink to the lab\n"
                 " ip address 10.0.0.1 255.255.255.0\n!\n"
                 "interface GigabitEthernet0/1\n no ip address\n shutdown\n!\n"
                 "interface Loopback0\n no ip address\n!\n"
                 "interface Serial0/0/0:15\n no ip address\n!\nip forward-protocol nd\n"));
  CHECK(bench.type("no interface Loopback0") == "");
  CHECK(bench.running().interfaces.size() == 3);
}

TEST_CASE("containers are bounded") {
  ConfigBench bench;
  // Tags beyond the platform limits are refused by their ranges.
  CHECK(bench.type("ephone 5000") == "");
  CHECK(bench.type("ephone-dn 10000") == "");
  CHECK(bench.type("voice user-profile 15000") == "");
  bench.type("ephone 1");
  std::string line = "button";
  for (int b = 1; b <= 42; ++b) line += " " + std::to_string(b) + ":" + std::to_string(b);
  CHECK(bench.type(line) == "");
  CHECK(bench.running().ephones.at(1).buttons.size() == 42);
  bench.type("voice logout-profile 1");
  for (int n = 0; n < 42; ++n)
    CHECK(bench.type("number " + std::to_string(100 + n) + " type normal") == "");
  std::string over = "number 999 type normal";
  CHECK(bench.type(over) == caret_at(bench.prompt().size() + 7));
  bench.type("ephone-dn 1");
  for (int n = 0; n < 256; ++n) bench.type("pickup-group " + std::to_string(n));  // single
  CHECK(bench.running().ephone_dns.at(1).kept.size() == 1);
  // A command that keeps every line it is given stops at the bound of one object's lines.
  bench.type("telephony-service");
  for (int n = 0; n < 256; ++n) bench.type("transfer-pattern " + std::to_string(1000 + n));
  CHECK(bench.running().telephony->kept.size() == 256);
  CHECK(bench.type("transfer-pattern 5") == caret_at(bench.prompt().size()));
}

TEST_CASE("no argument is named like a keyword of its own command") {
  // Args::get finds the first token with a name; a keyword of the same name would shadow it.
  Bench bench;
  const auto& tree = bench.commands.tree();
  for (grammar::ModeId mode = 0; mode < tree.mode_count(); ++mode) {
    const auto& nodes = tree.tree(mode).nodes;
    std::vector<std::pair<std::uint32_t, std::vector<std::string>>> stack{{0, {}}};
    while (!stack.empty()) {
      auto [at, keywords] = stack.back();
      stack.pop_back();
      for (auto child : nodes[at].children) {
        const auto& token = nodes[child].token;
        auto names = keywords;
        if (token.kind == grammar::TokenKind::kKeyword) {
          names.push_back(token.text);
        } else {
          CAPTURE(mode);
          CAPTURE(token.name);
          CHECK(std::find(keywords.begin(), keywords.end(), token.name) == keywords.end());
        }
        stack.push_back({child, std::move(names)});
      }
    }
  }
}

TEST_CASE("sub-mode listings hold default, exit and no; end only in global configuration") {
  Bench bench;
  const auto& tree = bench.commands.tree();
  auto listed = [&](grammar::ModeId mode, std::string_view word) {
    for (const auto& e : grammar::help_at(tree, mode, "").entries)
      if (e.word == word) return e.help;
    return std::string("(absent)");
  };
  CHECK(listed(runtime::kGlobalConfig, "end") == "Exit from configure mode");
  CHECK(listed(runtime::kGlobalConfig, "exit") == "Exit from configure mode");
  CHECK(listed(runtime::kVoiceService, "exit") == "Exit from voice service configuration mode");
  CHECK(listed(runtime::kVoiceService, "default") == "Set a command to its defaults");
  CHECK(listed(runtime::kVoiceService, "no") == "Negate a command or set its defaults");
  CHECK(listed(runtime::kVoiceService, "end") == "(absent)");
  for (grammar::ModeId mode = runtime::kVoiceService; mode < runtime::kOpaqueBlock; ++mode) {
    CAPTURE(mode);
    CHECK(listed(mode, "exit") != "(absent)");
    CHECK(listed(mode, "end") == "(absent)");
  }
  // `end` still works typed in full in a sub-mode.
  bench.configure();
  bench.type("ephone 1");
  CHECK(bench.type("end") == "");
  CHECK(bench.prompt() == "Router#");
}

TEST_CASE("boot system takes the guide's form and the URL form") {
  ConfigBench bench;
  CHECK(bench.type("boot system flash c2800nm-ipvoice-mz.oct_20090510") == "");
  CHECK(bench.type("boot system flash:c2800nm-adventerprisek9-mz.151-4.M4.bin") == "");
  CHECK(bench.show_run().find("boot-start-marker\n"
                              "boot system flash c2800nm-ipvoice-mz.oct_20090510\n"
                              "boot system flash:c2800nm-adventerprisek9-mz.151-4.M4.bin\n"
                              "boot-end-marker\n") != std::string::npos);
  std::string p = bench.prompt();
  CHECK(bench.type("boot system nowhere") == caret_at(p.size() + 12));
  bench.type("no boot system flash:c2800nm-adventerprisek9-mz.151-4.M4.bin");
  CHECK(bench.running().boot_system ==
        std::vector<std::string>{"flash c2800nm-ipvoice-mz.oct_20090510"});
  bench.type("no boot system");
  CHECK(bench.running().boot_system.empty());
}
