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
  // The words that may follow `words` (IOS's own sub-commands), so that the family takes no other
  // line: `crypto 1 AES_CM_128_HMAC_SHA1_32` is a child of `voice class srtp-crypto`, not a crypto
  // command. Empty: any.
  std::vector<std::string> subwords = {};
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
  auto with_subwords = [](Family family, std::vector<std::string> subwords) {
    family.subwords = std::move(subwords);
    return family;
  };
  auto mixed = [](std::string words, std::function<bool(std::string_view)> enters,
                  ConfigRow row = kTypedOpaqueRow, bool negation = false, std::string prompt = {}) {
    return Family{std::move(words),  std::move(prompt), row, Shape::kLeaf,
                  std::move(enters), negation,          1};
  };
  // Typed blocks go before the line blocks (kTypedOpaqueRow), except the families whose rows are
  // named in docs/commands.md §4 (service, logging, aaa, ip domain / ip dhcp excluded-address,
  // ipv6, the kept `ip http` forms, ip ssh, mgcp, the voice classes).
  return {
      leaf("access-list"),
      leaf("alias"),
      leaf("arp"),
      mixed("aaa", block_when({"group server"}), kAaa),
      leaf("aaa authentication", kAaa),  // beside the modelled `login` lists
      leaf("aaa authorization", kAaa),   // beside the modelled `exec` lists
      block("class-map"),
      leaf("cdp", kTypedOpaqueRow, true),
      with_subwords(leaf("call"), {"application", "denial", "fallback", "filter", "language", "leg",
                                   "record", "rsvp-sync", "spike", "threshold", "treatment"}),
      leaf("card"),
      leaf("ccm-manager", kTypedOpaqueRow, true),
      // The global forms only (`clock source` is a controller's, `clock rate` an interface's).
      leaf("clock timezone"),
      leaf("clock summer-time"),
      leaf("clock calendar-valid"),
      leaf("clock save"),
      block("controller"),
      with_subwords(
          mixed("crypto", leaf_when({"key", "isakmp key", "isakmp keepalive", "isakmp nat"})),
          {"ca", "call", "ctcp", "dynamic-map", "engine", "gdoi", "identity", "ikev2", "ipsec",
           "isakmp", "key", "keyring", "logging", "map", "mib", "pki", "provisioning", "vpn"}),
      // The global dial-peer commands other than the modelled `dial-peer voice`.
      block("dial-peer cor", "config-dp-cor"),
      leaf("dial-peer hunt"),
      leaf("dial-peer search"),
      leaf("dial-peer terminator"),
      leaf("dial-peer inbound"),
      leaf("dial-peer outbound"),
      leaf("dial-peer no-match"),
      leaf("diagnostic"),
      leaf("dot11", kTypedOpaqueRow, true),
      block("event"),
      leaf("exception"),
      leaf("file"),
      leaf("ftp-server", kTypedOpaqueRow, true),
      block("gatekeeper"),
      block("gateway"),
      leaf("hw-module"),
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
      leaf("ip dns", kIpCefDomain, true),
      leaf("ip subnet-zero", kIpCefDomain, true),
      leaf("ip bootp", kIpCefDomain, true),
      leaf("ip finger", kIpCefDomain, true),
      leaf("ip multicast-routing", kIpCefDomain, true),
      block("ip vrf", "", kIpCefDomain),
      leaf("ip nat", kTypedOpaqueRow, true),
      leaf("ip classless"),
      leaf("ip default-gateway"),
      leaf("ip flow-export", kTypedOpaqueRow, true),
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
      leaf("ip inspect", kTypedOpaqueRow, true),
      leaf("isdn"),
      block("key"),
      block("kron occurrence", "config-kron-occurrence"),
      block("kron policy-list", "config-kron-policy"),
      leaf("license"),
      leaf("logging", kLoggingEnable, true),
      leaf("logging message-counter", kLoggingEnable, true),
      leaf("login"),
      leaf("memory-size"),
      mixed("mgcp", block_when({"profile"}), kMgcpFax, true),
      leaf("mgcp fax", kMgcpFax, true),
      leaf("mgcp fax t38", kMgcpFax, true),
      leaf("mmi", kTypedOpaqueRow, true),
      leaf("network-clock", kTypedOpaqueRow, true),
      leaf("network-clock-participate", kTypedOpaqueRow, true),
      leaf("network-clock-select"),
      leaf("ntp"),
      leaf("num-exp"),
      block("object-group"),
      leaf("platform", kTypedOpaqueRow, true),
      block("policy-map"),
      block("pseudowire-class", "config-pw-class"),
      leaf("privilege"),
      leaf("process", kTypedOpaqueRow, true),
      block("redundancy"),
      block("resource"),
      leaf("restconf", kTypedOpaqueRow, true),
      block("route-map"),
      block("router", "config-router"),
      mixed("sccp", block_when({"ccm group"}), kTypedOpaqueRow, true),
      leaf("scheduler"),
      leaf("security"),
      leaf("service", kVersionService, true),
      leaf("snmp-server", kTypedOpaqueRow, true),
      leaf("spanning-tree", kTypedOpaqueRow, true),
      block("stcapp", "", kTypedOpaqueRow),
      block("subscriber"),
      block("template"),
      leaf("tacacs-server"),
      leaf("tftp-server"),
      leaf("threat-visibility", kTypedOpaqueRow, true),
      block("track"),
      block("translation-rule"),
      block("trunk group", "config-trunk-group"),
      block("uc"),
      mixed("vlan", leaf_when({"internal"})),
      block("vrf", "config-vrf"),
      leaf("vtp"),
      // The voice families other than the modelled ones (docs/commands.md §5).
      leaf("voice call"),
      block("voice cause-code"),
      block("voice dnis-map"),
      leaf("voice dsp"),
      block("voice emergency"),
      block("voice enum-match-table"),
      leaf("voice hpi"),
      leaf("voice iec"),
      mixed("voice lpcor", block_when({"custom", "policy", "ip-phone", "ip-trunk"})),
      block("voice mlpp"),
      block("voice moh-group"),
      leaf("voice pcm"),
      block("voice register dialplan", "", kTypedOpaqueRow, 2),
      block("voice register pool-type"),
      leaf("voice rtp"),
      block("voice source-group"),
      leaf("voice statistics"),
      leaf("voice vad-time"),
      block("voip trunk group"),
  };
}

// The kept `voice class` types (the modelled ones are codec, h323, sip and uri).
constexpr const char* kKeptVoiceClasses[] = {"busyout",
                                             "cause-code",
                                             "custom-cptone",
                                             "dpg",
                                             "dualtone-detect-params",
                                             "e164-pattern-map",
                                             "e164-translation",
                                             "media",
                                             "permanent",
                                             "resource-group",
                                             "server-group",
                                             "sip-copylist",
                                             "sip-event-package",
                                             "sip-hdr-passthrulist",
                                             "sip-options-keepalive",
                                             "sip-profiles",
                                             "srtp-crypto",
                                             "stun-usage",
                                             "tenant",
                                             "uri-map"};

bool is_negation_token(const grammar::MatchedToken& token) {
  return token.node->token.kind == grammar::TokenKind::kKeyword &&
         (token.node->token.text == "no" || token.node->token.text == "default");
}

// The text after the first `words` words (the family's), as typed ("" when none).
std::string_view family_rest(const Args& args, std::size_t words) {
  const auto& tokens = args.tokens();
  std::size_t at = words + (!tokens.empty() && is_negation_token(tokens.front()) ? 1 : 0);
  if (at >= tokens.size()) return {};
  return text::trim_right(args.line().substr(tokens[at].offset), text::kBlanks);
}

std::size_t word_count(std::string_view words) {
  return 1 + static_cast<std::size_t>(std::count(words.begin(), words.end(), ' '));
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
  std::string_view rest = family_rest(c.args, word_count(family.words));
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
  std::string_view rest = family_rest(c.args, 1);
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
  static const std::set<std::string, std::less<>> kWholeAlone = {"gatekeeper",
                                                                 "gateway",
                                                                 "redundancy",
                                                                 "stcapp",
                                                                 "sccp",
                                                                 "mgcp",
                                                                 "ip classless",
                                                                 "ip subnet-zero",
                                                                 "ip finger",
                                                                 "ip multicast-routing",
                                                                 "restconf",
                                                                 "threat-visibility",
                                                                 "clock calendar-valid",
                                                                 "ip http secure-server"};
  std::vector<Family> all = families();
  for (const char* type : kKeptVoiceClasses)
    all.push_back(Family{std::string("voice class ") + type,
                         "config-class",
                         ConfigRow::kVoiceClasses,
                         Shape::kBlock,
                         {},
                         false,
                         1});
  for (const Family& family : all) {
    std::size_t words = word_count(family.words) + family.subwords.size();
    std::vector<std::string> help(words + 1, "(kept, not modelled)");
    bool alone = kWholeAlone.contains(family.words);
    std::string syntax = family.words;
    if (!family.subwords.empty()) {
      syntax += " {";
      for (std::size_t i = 0; i < family.subwords.size(); ++i)
        syntax += (i ? " | " : "") + family.subwords[i];
      syntax += "} [LINE$rest]";
    } else {
      syntax += alone ? " [LINE$rest]" : " LINE$rest";
    }
    commands.add_config({
        .mode = kGlobalConfig,
        .syntax = syntax,
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
