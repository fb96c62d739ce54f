// Kept-not-modelled top-level command families (docs/decisions.md #6b, docs/commands.md §5):
// accepted typed or loaded, kept verbatim with their indented children, rendered back in place.
#include <algorithm>
#include <functional>
#include <set>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::runtime {
namespace {

enum class Shape {
  kLeaf,   // one line, no sub-mode (`ntp server ...`)
  kBlock,  // enters a sub-mode whose lines are its children (`dial-peer voice 1 voip`)
};

struct Family {
  std::string words;                      // `ip nat`, `voice translation-rule`
  std::string prompt;                     // sub-mode prompt; "" = config-FAMILY
  ConfigRow typed_row = kTypedOpaqueRow;  // where a typed block goes
  Shape shape = Shape::kBlock;
  // For families whose forms differ: true when the text after the family words enters a block.
  std::function<bool(std::string_view rest)> enters;
  bool keep_negation = false;  // `no FAMILY X` with nothing to remove is kept as a line
  int tag_gap = 1;             // 2 for the IOS two-space tags (`voice register dn  1`)
};

bool starts_with_word(std::string_view rest, std::string_view word) {
  return rest.starts_with(word) && (rest.size() == word.size() || rest[word.size()] == ' ');
}

std::function<bool(std::string_view)> block_when(std::vector<std::string> words) {
  return [words](std::string_view rest) {
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& w) { return starts_with_word(rest, w); });
  };
}

std::function<bool(std::string_view)> leaf_when(std::vector<std::string> words) {
  auto block = block_when(std::move(words));
  return [block](std::string_view rest) { return !block(rest); };
}

std::vector<Family> families() {
  using enum ConfigRow;
  auto leaf = [](std::string words, ConfigRow row = kTypedOpaqueRow, bool negation = false) {
    return Family{std::move(words), "", row, Shape::kLeaf, {}, negation, 1};
  };
  auto block = [](std::string words, std::string prompt = {}, ConfigRow row = kTypedOpaqueRow,
                  int gap = 1) {
    return Family{std::move(words), std::move(prompt), row, Shape::kBlock, {}, false, gap};
  };
  auto mixed = [](std::string words, std::function<bool(std::string_view)> enters,
                  ConfigRow row = kTypedOpaqueRow, bool negation = false, std::string prompt = {}) {
    return Family{std::move(words),  std::move(prompt), row, Shape::kLeaf,
                  std::move(enters), negation,          1};
  };
  // Typed blocks go before the line blocks (kTypedOpaqueRow), except the families whose rows are
  // named in docs/commands.md §4 (service, logging, aaa, ip domain / ip dhcp excluded-address,
  // ipv6, the kept `ip http` forms, ip ssh, mgcp) and one whose first word is also a child of the
  // ephone mode, which must not follow an ephone: ephone-template (after telephony-service).
  return {
      leaf("access-list"),
      leaf("alias"),
      block("application"),
      block("call-manager-fallback"),
      leaf("cdp", kTypedOpaqueRow, true),
      block("class-map"),
      leaf("clock"),
      block("controller"),
      mixed("crypto", leaf_when({"key", "isakmp key", "isakmp keepalive", "isakmp nat"})),
      leaf("crypto key"),  // beside the modelled `crypto key generate|zeroize rsa`
      mixed("dial-peer", leaf_when({"search", "hunt", "terminal-"}), kTypedOpaqueRow, false,
            "config-dial-peer"),
      block("dspfarm"),
      block("ephone-hunt"),
      block("ephone-template", "config-ephone-template", kTelephonyService, 2),
      block("event"),
      block("gatekeeper"),
      block("ip access-list"),
      leaf("ip dhcp excluded-address", kIpCefDomain),
      leaf("ip dhcp relay", kIpCefDomain, true),
      leaf("ip dhcp use", kIpCefDomain, true),
      leaf("ip dhcp snooping", kIpCefDomain, true),
      leaf("ip dhcp database", kIpCefDomain, true),
      leaf("ip dhcp conflict", kIpCefDomain, true),
      leaf("ip dhcp ping", kIpCefDomain, true),
      leaf("ip domain list", kIpCefDomain),
      leaf("ip domain-list", kIpCefDomain),
      leaf("ip name-server", kIpCefDomain),
      leaf("ip host", kIpCefDomain),
      leaf("ip subnet-zero", kIpCefDomain, true),
      leaf("ip bootp", kIpCefDomain, true),
      leaf("ip finger", kIpCefDomain, true),
      leaf("ip multicast-routing", kIpCefDomain, true),
      block("ip vrf", "", kIpCefDomain),
      leaf("ip nat"),
      leaf("ip classless"),
      leaf("ip prefix-list"),
      leaf("ip scp"),
      mixed("ip sla", leaf_when({"schedule", "responder", "reaction-configuration",
                                 "reaction-trigger", "enable"})),
      leaf("ip ssh", kIpSsh, true),
      leaf("ip tftp"),
      leaf("ip ftp"),
      leaf("ip rtcp"),
      // `ip http` itself is modelled (config_commands_http.cpp); these forms are kept.
      leaf("ip http access-class", kIpHttpServer, true),
      leaf("ip http active-session-modules", kIpHttpServer, true),
      leaf("ip http client", kIpHttpServer, true),
      leaf("ip http digest", kIpHttpServer, true),
      leaf("ip http help-path", kIpHttpServer, true),
      leaf("ip http path", kIpHttpServer, true),
      leaf("ip http secure-active-session-modules", kIpHttpServer, true),
      leaf("ip http secure-ciphersuite", kIpHttpServer, true),
      leaf("ip http secure-client-auth", kIpHttpServer, true),
      leaf("ip http secure-port", kIpHttpServer, true),
      leaf("ip http secure-server", kIpHttpServer, true),
      leaf("ip http secure-trustpoint", kIpHttpServer, true),
      leaf("ip http session-module-list", kIpHttpServer, true),
      mixed("ipv6", block_when({"access-list", "dhcp pool", "router"}), kIpv6Multilink, true),
      leaf("isdn"),
      block("key"),
      leaf("license"),
      leaf("logging", kLoggingEnable, true),
      leaf("logging message-counter", kLoggingEnable, true),
      mixed("mgcp", block_when({"profile"}), kMgcpFax, true),
      leaf("mgcp fax", kMgcpFax, true),
      leaf("mgcp fax t38", kMgcpFax, true),
      leaf("ntp"),
      block("object-group"),
      block("policy-map"),
      block("presence"),
      leaf("privilege"),
      block("redundancy"),
      block("route-map"),
      block("router", "config-router"),
      mixed("sccp", block_when({"ccm group"}), kTypedOpaqueRow, true),
      leaf("scheduler"),
      leaf("service", kVersionService, true),
      leaf("snmp-server", kTypedOpaqueRow, true),
      leaf("spanning-tree", kTypedOpaqueRow, true),
      leaf("tftp-server"),
      block("track"),
      mixed("vlan", leaf_when({"internal"})),
      block("voice class", "config-class"),
      block("voice hunt-group"),
      block("voice register dn", "config-register-dn", kTypedOpaqueRow, 2),
      block("voice register pool", "config-register-pool", kTypedOpaqueRow, 2),
      block("voice register template", "", kTypedOpaqueRow, 2),
      block("voice translation-profile", "cfg-translation-profile"),
      block("voice translation-rule", "cfg-translation-rule"),
      mixed("aaa", block_when({"group server"}), kAaa),
      leaf("aaa authentication", kAaa),  // beside the modelled `login` lists
      leaf("aaa authorization", kAaa),   // beside the modelled `exec` lists
      // Further families found in published CME configs.
      leaf("ccm-manager", kTypedOpaqueRow, true),
      leaf("card"),
      leaf("network-clock-participate", kTypedOpaqueRow, true),
      leaf("network-clock-select"),
      leaf("memory-size"),
      leaf("hw-module"),
      block("gateway"),
      leaf("num-exp"),
      block("stcapp", "", kTypedOpaqueRow),
      leaf("login"),
      leaf("security"),
      leaf("vtp"),
      block("ephone-type"),
      leaf("file"),
  };
}

bool is_negation_token(const grammar::MatchedToken& token) {
  return token.node->token.kind == grammar::TokenKind::kKeyword &&
         (token.node->token.text == "no" || token.node->token.text == "default");
}

// The text after the family words, as typed ("" when none).
std::string_view family_rest(const Args& args) {
  for (const auto& token : args.tokens())
    if (token.node->token.kind == grammar::TokenKind::kLine) {
      return text::trim_right(args.line().substr(token.offset), text::kBlanks);
    }
  return {};
}

std::size_t first_offset(const Args& args) {
  const auto& tokens = args.tokens();
  if (tokens.size() > 1 && is_negation_token(tokens.front())) return tokens[1].offset;
  return tokens.front().offset;
}

// Inserts after every block whose row is not later: the list stays in render order.
void insert_placed(std::vector<PlacedOpaqueBlock>& blocks, ConfigRow row, OpaqueBlock block) {
  auto at = std::upper_bound(blocks.begin(), blocks.end(), row,
                             [](ConfigRow r, const PlacedOpaqueBlock& b) { return r < b.row; });
  blocks.insert(at, PlacedOpaqueBlock{row, std::move(block)});
}

ConfigRow placement(CommandContext& c, ConfigRow typed_row) {
  if (!c.session.loading) return typed_row;
  // Right after a block only a line that fell out of that block may follow it: one read once
  // the block was left (`exit`) would be read back as its child. It goes where a typed one goes.
  if (c.session.render_mode != grammar::kNoMode && c.fell_from != c.session.render_mode)
    return typed_row;
  // After the last modelled item read; this line follows the block and leaves it.
  c.session.render_mode = grammar::kNoMode;
  return c.session.render_row.value_or(ConfigRow::kBodyStart);
}

bool header_covers(std::string_view line, std::string_view header) {
  return line == header ||
         (line.starts_with(header) && line.size() > header.size() && line[header.size()] == ' ');
}

void handle_family(CommandContext& c, const Family& family) {
  std::string header = canonical_text(c.args, true, family.tag_gap);
  if (header.size() > limits::kMaxText) {
    c.reject_at = first_offset(c.args);
    return;
  }
  std::string_view rest = family_rest(c.args);
  bool leaf = family.enters ? !family.enters(rest) : family.shape == Shape::kLeaf;
  auto& blocks = c.config->opaque_blocks;
  std::string negative = "no " + header;
  if (c.args.has("default")) {
    std::erase_if(blocks, [&](const PlacedOpaqueBlock& b) {
      return header_covers(b.block.line, header) || b.block.line == negative;
    });
    c.config_changed = true;
    return;
  }
  if (c.args.has("no")) {
    std::size_t before = blocks.size();
    std::erase_if(blocks,
                  [&](const PlacedOpaqueBlock& b) { return header_covers(b.block.line, header); });
    bool kept = std::any_of(blocks.begin(), blocks.end(),
                            [&](const PlacedOpaqueBlock& b) { return b.block.line == negative; });
    if (blocks.size() == before && leaf && family.keep_negation && !kept) {
      if (blocks.size() >= limits::kMaxOpaqueBlocks) {
        c.reject_at = first_offset(c.args);
        return;
      }
      insert_placed(blocks, placement(c, family.typed_row), OpaqueBlock{negative, {}});
    }
    c.config_changed = true;
    return;
  }
  bool exists = std::any_of(blocks.begin(), blocks.end(),
                            [&](const PlacedOpaqueBlock& b) { return b.block.line == header; });
  if (!exists && blocks.size() >= limits::kMaxOpaqueBlocks) {
    c.reject_at = first_offset(c.args);
    return;
  }
  std::erase_if(blocks, [&](const PlacedOpaqueBlock& b) { return b.block.line == negative; });
  if (!exists) insert_placed(blocks, placement(c, family.typed_row), OpaqueBlock{header, {}});
  if (!leaf) {
    std::string prompt = family.prompt;
    if (prompt.empty()) {
      prompt = "config-" + family.words;
      std::replace(prompt.begin(), prompt.end(), ' ', '-');
    }
    enter_mode(c, kOpaqueBlock, "\n" + header, prompt);
  }
  c.config_changed = true;
}

constexpr const char* kBannerTypes[] = {"motd",     "exec",           "login",      "incoming",
                                        "slip-ppp", "prompt-timeout", "config-save"};

// banner [TYPE] DELIMITER text [DELIMITER]: one line when the delimiter closes on it, else the
// following lines up to the one holding the delimiter (docs/decisions.md #6b; kept verbatim).
void handle_banner(CommandContext& c) {
  std::string_view rest = family_rest(c.args);
  std::string type = "motd";
  for (const char* candidate : kBannerTypes)
    if (starts_with_word(rest, candidate)) {
      type = candidate;
      rest = text::trim_left(rest.substr(type.size()), " ");
      break;
    }
  auto& blocks = c.config->opaque_blocks;
  std::string prefix = "banner " + type;
  auto same_type = [&](const PlacedOpaqueBlock& b) { return header_covers(b.block.line, prefix); };
  if (negated(c)) {
    std::erase_if(blocks, same_type);
    c.config_changed = true;
    return;
  }
  if (rest.empty()) {
    c.reject_at = c.args.line().size();  // the delimiter is missing
    return;
  }
  std::string delimiter = rest.starts_with("^C") ? "^C" : std::string(1, rest.front());
  std::string header = prefix + " " + std::string(rest);
  if (header.size() > limits::kMaxText || (blocks.size() >= limits::kMaxOpaqueBlocks &&
                                           std::none_of(blocks.begin(), blocks.end(), same_type))) {
    c.reject_at = first_offset(c.args);
    return;
  }
  bool closed = rest.substr(delimiter.size()).find(delimiter) != std::string_view::npos;
  std::erase_if(blocks, same_type);
  insert_placed(blocks, placement(c, kTypedOpaqueRow), OpaqueBlock{header, {}});
  if (!closed) {
    if (!c.session.loading)
      c.output += "Enter TEXT message.  End with the character '" + delimiter + "'.\n";
    enter_mode(c, kOpaqueBlock, delimiter + "\n" + header, "config-banner");
  }
  c.config_changed = true;
}

}  // namespace

void register_opaque_families(CommandSet& commands) {
  // The families whose words alone are a whole IOS command; the others need their arguments
  // (a bare `service` or `no service` is `% Incomplete command.` on IOS, and kept bare it would
  // cover every `service ...` line when read back).
  static const std::set<std::string, std::less<>> kWholeAlone = {"application",
                                                                 "call-manager-fallback",
                                                                 "dspfarm",
                                                                 "gatekeeper",
                                                                 "gateway",
                                                                 "presence",
                                                                 "redundancy",
                                                                 "stcapp",
                                                                 "sccp",
                                                                 "mgcp",
                                                                 "ip classless",
                                                                 "ip subnet-zero",
                                                                 "ip finger",
                                                                 "ip multicast-routing",
                                                                 "ip http secure-server"};
  for (const Family& family : families()) {
    std::size_t words =
        1 + static_cast<std::size_t>(std::count(family.words.begin(), family.words.end(), ' '));
    std::vector<std::string> help(words + 1, "(kept, not modelled)");
    bool alone = kWholeAlone.contains(family.words);
    commands.add_config({
        .mode = kGlobalConfig,
        .syntax = family.words + (alone ? " [LINE$rest]" : " LINE$rest"),
        .help = help,
        .handler = [family](CommandContext& c) { handle_family(c, family); },
    });
  }
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "banner [LINE$rest]",
      .help = {"(kept, not modelled)", "(kept, not modelled)"},
      .handler = handle_banner,
  });
}

}  // namespace cmemu::runtime
