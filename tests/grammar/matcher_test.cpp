#include "grammar/matcher.hpp"

#include <doctest/doctest.h>

using namespace cmemu::grammar;

namespace {

struct Fixture {
  CommandTree tree;
  ModeId mode;
  Fixture() {
    mode = tree.add_mode({"config-line", "Line configuration commands:", kNoMode});
    tree.add_command(mode, "exec", {"Start an EXEC process"});
    tree.add_command(mode, "exec-timeout <0-35791>$minutes [<0-2147483>$seconds]",
                     {"Set the EXEC timeout", "Timeout in minutes", "Timeout in seconds"});
    tree.add_command(mode, "exit", {"Exit from line configuration mode"});
    tree.add_command(mode, "password WORD$secret", {"Set a password", "The password"});
    tree.add_command(mode, "ip address A.B.C.D A.B.C.D",
                     {"Interface Internet Protocol config commands", "Set the IP address",
                      "IP address", "IP subnet mask"});
    tree.add_command(mode, "ipv6 cef", {"IPv6 configuration commands", "Cisco Express Forwarding"});
    tree.add_command(mode, "ipv6 LINE$rest", {"IPv6 configuration commands", "kept"});
    tree.add_command(mode, "mac-address H.H.H", {"MAC address", "MAC address"});
    tree.add_command(mode, "allow-connections sip to sip",
                     {"Allow call connection types", "SIP", "to", "SIP"});
    tree.add_command(mode, "allow-connections sip-to-sip", {"", ""}, true);
  }
  MatchResult match(std::string_view line) { return match_line(tree, mode, line); }
};

}  // namespace

TEST_CASE("tokenize keeps offsets and skips runs of blanks") {
  auto tokens = tokenize("  ip \taddress  1.2.3.4 ");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].text == "ip");
  CHECK(tokens[0].offset == 2);
  CHECK(tokens[1].offset == 6);
  CHECK(tokens[2].text == "1.2.3.4");
  CHECK(tokens[2].offset == 15);
}

TEST_CASE("unique prefixes abbreviate, case-insensitively") {
  Fixture f;
  auto m = f.match("PASS secret1");
  REQUIRE(m.status == MatchStatus::kOk);
  CHECK(m.tokens[0].node->token.text == "password");
  CHECK(m.tokens[1].text == "secret1");
  CHECK_FALSE(m.exact);
  CHECK(f.match("password x").exact);
}

TEST_CASE("a prefix of several keywords is ambiguous; a whole keyword is not") {
  Fixture f;
  CHECK(f.match("ex").status == MatchStatus::kAmbiguous);
  auto m = f.match("exec");
  REQUIRE(m.status == MatchStatus::kOk);
  CHECK(m.tokens[0].node->token.text == "exec");
  CHECK(f.match("ip address 1.1.1.1 255.0.0.0").status == MatchStatus::kOk);
}

TEST_CASE("the caret goes where the typed word stops matching every keyword") {
  Fixture f;
  auto m = f.match("exxx");
  CHECK(m.status == MatchStatus::kInvalid);
  CHECK(m.error_offset == 2);  // "ex" still fits exec and exit
  m = f.match("  zzz");
  CHECK(m.error_offset == 2);
  m = f.match("ip address 1.1.1.300 255.0.0.0");
  CHECK(m.status == MatchStatus::kInvalid);
  CHECK(m.error_offset == 11);  // a bad argument: its first character
  m = f.match("exec-timeout 35792");
  CHECK(m.error_offset == 13);  // out of range
  m = f.match("exec extra");
  CHECK(m.error_offset == 5);  // a token after a complete command
}

TEST_CASE("incomplete commands") {
  Fixture f;
  CHECK(f.match("ip address 1.1.1.1").status == MatchStatus::kIncomplete);
  CHECK(f.match("password").status == MatchStatus::kIncomplete);
  CHECK(f.match("   ").status == MatchStatus::kEmpty);
}

TEST_CASE("an exact keyword wins over LINE, which takes the rest of the line") {
  Fixture f;
  auto m = f.match("ipv6 cef");
  REQUIRE(m.status == MatchStatus::kOk);
  CHECK(m.tokens[1].node->token.kind == TokenKind::kKeyword);
  m = f.match("ipv6 unicast-routing now");
  REQUIRE(m.status == MatchStatus::kOk);
  CHECK(m.tokens[1].node->token.kind == TokenKind::kLine);
  CHECK(m.tokens[2].node->token.kind == TokenKind::kLine);
}

TEST_CASE("typed arguments are checked") {
  Fixture f;
  CHECK(f.match("mac-address 001e.4a34.A35F").status == MatchStatus::kOk);
  CHECK(f.match("mac-address 001e.4a34").status == MatchStatus::kInvalid);
  CHECK(f.match("mac-address 001e.4a34.A35FF").status == MatchStatus::kInvalid);
  CHECK(f.match("exec-timeout 10 20").status == MatchStatus::kOk);
  CHECK(f.match("exec-timeout -1").status == MatchStatus::kInvalid);
}

TEST_CASE("hidden aliases match only when typed in full and are never offered") {
  Fixture f;
  CHECK(f.match("allow-connections sip-to-sip").status == MatchStatus::kOk);
  CHECK(f.match("allow-connections sip-to").status == MatchStatus::kInvalid);
  CHECK(f.match("allow-connections si to sip").status == MatchStatus::kOk);
  auto help = help_at(f.tree, f.mode, "allow-connections ");
  REQUIRE(help.entries.size() == 1);
  CHECK(help.entries[0].word == "sip");
}

TEST_CASE("? lists placeholders first, keywords sorted, <cr> last") {
  Fixture f;
  auto help = help_at(f.tree, f.mode, "exec-timeout 5 ");
  REQUIRE(help.status == HelpStatus::kOk);
  REQUIRE(help.entries.size() == 2);
  CHECK(help.entries[0].word == "<0-2147483>");
  CHECK(help.entries[1].word == "<cr>");
  help = help_at(f.tree, f.mode, "");
  REQUIRE(help.entries.size() >= 6);
  CHECK(help.entries[0].word == "allow-connections");
  CHECK(help.entries[1].word == "exec");
  help = help_at(f.tree, f.mode, "ex");
  REQUIRE(help.entries.size() == 3);
  CHECK(help.entries[2].word == "exit");
  CHECK(help_at(f.tree, f.mode, "zz").status == HelpStatus::kUnrecognized);
  CHECK(help_at(f.tree, f.mode, "zz ").status == HelpStatus::kUnrecognized);
}

TEST_CASE("TAB completes a unique keyword and adds a space") {
  Fixture f;
  CHECK(complete_word(f.tree, f.mode, "pass") == "password ");
  CHECK(complete_word(f.tree, f.mode, "ex") == "ex");
  CHECK(complete_word(f.tree, f.mode, "exec") == "exec ");
  CHECK(complete_word(f.tree, f.mode, "ip addr") == "ip address ");
  CHECK(complete_word(f.tree, f.mode, "zzz") == "zzz");
}

TEST_CASE("malformed syntax strings are refused at start-up") {
  CommandTree tree;
  auto mode = tree.add_mode({"x", "", kNoMode});
  CHECK_THROWS_AS(tree.add_command(mode, "a [b", {}), SyntaxError);
  CHECK_THROWS_AS(tree.add_command(mode, "a <1-x>", {}), SyntaxError);
  tree.add_command(mode, "a b", {});
  CHECK_THROWS_AS(tree.add_command(mode, "a b", {}), SyntaxError);
}

TEST_CASE(
    "a control byte is invalid input at its column, even where a WORD or LINE would take it") {
  Fixture f;
  auto m = f.match("password se\x01cret");
  CHECK(m.status == MatchStatus::kInvalid);
  CHECK(m.error_offset == 11);
  m = f.match(std::string("ipv6 kept ") + '\0' + "x");
  CHECK(m.status == MatchStatus::kInvalid);
  CHECK(m.error_offset == 10);
  CHECK(f.match("ipv6 kept\x7f").error_offset == 9);
  CHECK(f.match("ipv6 kept\tline").status == MatchStatus::kOk);
  CHECK(help_at(f.tree, f.mode, "password a\x02 ").status == HelpStatus::kUnrecognized);
}
