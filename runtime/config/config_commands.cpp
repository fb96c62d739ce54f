// Configuration commands shared by every mode (exit, end, kept blocks), the helpers the
// config_commands_*.cpp files share, and the registration entry point. Each family of commands
// lives in its own config_commands_*.cpp.
#include "runtime/config/config_commands.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::runtime {
namespace {

bool is_negation(const grammar::MatchedToken& token) {
  return token.node->token.kind == grammar::TokenKind::kKeyword &&
         (token.node->token.text == "no" || token.node->token.text == "default");
}

// Canonical keywords (`head`) and the LINE argument (`rest`) of an opaque child line.
struct SplitLine {
  std::string head;
  std::string rest;
  std::size_t rest_offset = 0;
};

SplitLine split_opaque(const Args& args) {
  SplitLine split;
  const auto& tokens = args.tokens();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (i == 0 && is_negation(token)) continue;
    if (token.node->token.kind == grammar::TokenKind::kLine) {
      split.rest =
          std::string(text::trim_right(args.line().substr(token.offset), text::kLineEndBlanks));
      split.rest_offset = token.offset;
      break;
    }
    if (!split.head.empty()) split.head += ' ';
    split.head += token.node->token.kind == grammar::TokenKind::kKeyword ? token.node->token.text
                                                                         : std::string(token.text);
  }
  return split;
}

// One atom per word of a syntax string, for the help vector.
std::size_t count_atoms(std::string_view syntax) {
  std::size_t count = 0;
  bool in_word = false;
  for (char ch : syntax) {
    bool part = !(ch == ' ' || ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == '|');
    if (part && !in_word) ++count;
    in_word = part;
  }
  return count;
}

struct InterfaceType {
  const char* name;
  bool is_virtual;
};

// Earlier entries win an abbreviation both could take (`s0/0` is Serial, as on IOS).
constexpr InterfaceType kInterfaceTypes[] = {
    {"Ethernet", false},
    {"FastEthernet", false},
    {"GigabitEthernet", false},
    {"TenGigabitEthernet", false},
    {"Serial", false},
    {"Loopback", true},
    {"Tunnel", true},
    {"Vlan", true},
    {"Dialer", true},
    {"BVI", true},
    {"Virtual-Template", true},
    {"Virtual-PPP", true},
    {"Multilink", true},
    {"Port-channel", true},
    {"Async", false},
    {"ATM", false},
    {"BRI", false},
    {"Cellular", false},
    {"Service-Engine", false},
    {"Integrated-Service-Engine", false},
    {"Embedded-Service-Engine", false},
    {"Analysis-Module", false},
    {"Wlan-GigabitEthernet", false},
    {"Null", false},
};

bool valid_unit(std::string_view unit) {
  // 0, 0/0, 0/0/0, optional .sub and :channel; each number at most 5 digits.
  if (unit.empty() || unit.size() > 24) return false;
  std::size_t digits = 0;
  bool dot = false, colon = false;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    char ch = unit[i];
    if (ch >= '0' && ch <= '9') {
      if (++digits > 5) return false;
      continue;
    }
    if (digits == 0) return false;
    if (ch == '/' && !dot && !colon) {
    } else if (ch == '.' && !dot && !colon) {
      dot = true;
    } else if (ch == ':' && !colon) {
      colon = true;
    } else {
      return false;
    }
    digits = 0;
  }
  return digits > 0;
}

}  // namespace

void enter_mode(CommandContext& c, grammar::ModeId mode, std::string key, std::string prompt) {
  c.session.modes.push_back(ModeFrame{mode, std::move(key), std::move(prompt)});
}

bool negated(const CommandContext& c) {
  return c.args.has("no") || c.args.has("default");
}

const std::string& frame_key(const CommandContext& c) {
  return c.session.modes.back().key;
}

int frame_tag(const CommandContext& c) {
  const std::string& key = frame_key(c);
  int value = 0;
  std::from_chars(key.data(), key.data() + key.size(), value);
  return value;
}

std::string canonical_text(const Args& args, bool skip_negation, int tag_gap) {
  std::string text;
  bool in_arguments = false;
  const auto& tokens = args.tokens();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (i == 0 && skip_negation && is_negation(token)) continue;
    bool keyword = token.node->token.kind == grammar::TokenKind::kKeyword;
    if (!text.empty()) {
      int gap = (!keyword && !in_arguments) ? tag_gap : 1;
      text.append(static_cast<std::size_t>(gap), ' ');
    }
    if (!keyword) in_arguments = true;
    if (token.node->token.kind == grammar::TokenKind::kLine) {
      text += text::trim_right(args.line().substr(token.offset), text::kLineEndBlanks);
      break;
    }
    text += keyword ? token.node->token.text : std::string(token.text);
  }
  return text;
}

bool valid_dn_number(std::string_view text) {
  if (text.empty() || text.size() > limits::kMaxDnNumber) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if ((ch >= '0' && ch <= '9') || ch == '*' || ch == '#') continue;
    if (ch == '+' && i == 0 && text.size() > 1) continue;
    return false;
  }
  return true;
}

bool valid_printable_word(std::string_view text, std::size_t max) {
  if (text.empty() || text.size() > max) return false;
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch > ' ' && ch < 0x7f; });
}

std::optional<std::string> canonical_interface_name(std::string_view type, std::string_view unit) {
  std::string joined(type);
  joined += unit;
  std::size_t split = 0;
  while (split < joined.size() &&
         (std::isalpha(static_cast<unsigned char>(joined[split])) || joined[split] == '-'))
    ++split;
  std::string_view prefix = std::string_view(joined).substr(0, split);
  std::string_view number = std::string_view(joined).substr(split);
  if (prefix.empty() || !valid_unit(number)) return std::nullopt;
  const InterfaceType* found = nullptr;
  for (const auto& candidate : kInterfaceTypes) {
    std::string_view name = candidate.name;
    if (!text::istarts_with(name, prefix)) continue;
    if (prefix.size() == name.size()) {
      found = &candidate;
      break;
    }
    if (!found) found = &candidate;
  }
  if (!found) return std::nullopt;
  return std::string(found->name) + std::string(number);
}

bool virtual_interface(std::string_view full_name) {
  if (full_name.find('.') != std::string_view::npos) return true;  // sub-interface
  for (const auto& candidate : kInterfaceTypes) {
    std::string_view name = candidate.name;
    if (full_name.starts_with(name) && full_name.size() > name.size() &&
        std::isdigit(static_cast<unsigned char>(full_name[name.size()])))
      return candidate.is_virtual;
  }
  return false;
}

bool edit_opaque_lines(CommandContext& c, std::vector<std::string>& lines, bool single) {
  SplitLine split = split_opaque(c.args);
  std::string text = split.rest.empty() ? split.head : split.head + " " + split.rest;
  if (text.size() > limits::kMaxText) {
    c.reject_at = split.rest_offset;
    return false;
  }
  std::vector<std::string> next = lines;
  auto positive = [](std::string_view line) {
    return line.starts_with("no ") ? line.substr(3) : line;
  };
  auto same_head = [&](std::string_view line) {
    line = positive(line);
    return line == split.head || (line.starts_with(split.head) && line.size() > split.head.size() &&
                                  line[split.head.size()] == ' ');
  };
  auto matches = [&](std::string_view line) {
    return split.rest.empty() ? same_head(line) : positive(line) == text;
  };
  if (c.args.has("default")) {
    std::erase_if(next, [&](const std::string& line) { return matches(line); });
  } else if (c.args.has("no")) {
    std::size_t before = next.size();
    std::erase_if(
        next, [&](const std::string& line) { return !line.starts_with("no ") && matches(line); });
    std::string negative = "no " + text;
    if (next.size() == before && std::find(next.begin(), next.end(), negative) == next.end())
      next.push_back(negative);
  } else {
    std::erase_if(next, [&](const std::string& line) {
      if (line.starts_with("no ")) return same_head(line);
      return single && same_head(line);
    });
    if (std::find(next.begin(), next.end(), text) == next.end()) next.push_back(text);
  }
  if (next.size() > limits::kMaxOpaqueLines) {
    c.reject_at = c.args.tokens().front().offset;
    return false;
  }
  lines = std::move(next);
  return true;
}

void add_opaque_child_syntax(CommandSet& commands, grammar::ModeId mode, const std::string& syntax,
                             Handler handler, bool line_required) {
  std::vector<std::string> help(count_atoms(syntax) + 1, "(kept, not modelled)");
  commands.add_config({
      .mode = mode,
      .syntax = syntax + (line_required ? " LINE$rest" : " [LINE$rest]"),
      .help = help,
      .handler = std::move(handler),
  });
}

void add_opaque_child(CommandSet& commands, grammar::ModeId mode, const std::string& syntax,
                      const OpaqueLines& lines, bool single, bool line_required) {
  add_opaque_child_syntax(
      commands, mode, syntax,
      [lines, single](CommandContext& c) {
        std::vector<std::string>* target = lines(c);
        if (target && edit_opaque_lines(c, *target, single)) c.config_changed = true;
      },
      line_required);
}

void add_opaque_children(CommandSet& commands, grammar::ModeId mode,
                         const std::vector<std::string>& keywords, const OpaqueLines& lines) {
  for (const auto& keyword : keywords) add_opaque_child(commands, mode, keyword, lines);
}

namespace {

// `exit` help per mode: the voice-service text is published (VCR, docs/cli.md §6), the others
// follow IOS's `Exit from interface configuration mode` pattern (emulated).
const char* exit_help(grammar::ModeId mode) {
  switch (mode) {
    case kGlobalConfig:
      return "Exit from configure mode";
    case kVoiceService:
      return "Exit from voice service configuration mode";
    case kVoiceServiceSip:
      return "Exit from SIP configuration mode";
    case kVoiceRegisterGlobal:
      return "Exit from voice register global configuration mode";
    case kSessionServer:
      return "Exit from session server configuration mode";
    case kLogoutProfile:
      return "Exit from logout profile configuration mode";
    case kUserProfile:
      return "Exit from user profile configuration mode";
    case kEphoneDn:
      return "Exit from ephone-dn configuration mode";
    case kEphoneDnTemplate:
      return "Exit from ephone-dn template configuration mode";
    case kEphone:
      return "Exit from ephone configuration mode";
    case kTelephonyService:
      return "Exit from telephony-service configuration mode";
    case kInterface:
      return "Exit from interface configuration mode";
    case kDhcpPool:
      return "Exit from DHCP pool configuration mode";
    case kLine:
      return "Exit from line configuration mode";
    case kArchive:
      return "Exit from archive configuration mode";
    case kArchiveLog:
      return "Exit from archive log configuration mode";
    case kIxiTransport:
      return "Exit from XML transport configuration mode";
    case kIxiApplication:
      return "Exit from XML application configuration mode";
    case kControlPlane:
      return "Exit from control plane configuration mode";
    case kVoicePort:
      return "Exit from voice-port configuration mode";
    case kVoiceCard:
      return "Exit from voice-card configuration mode";
    case kSipUa:
      return "Exit from SIP UA configuration mode";
    default:
      return "Exit from the current configuration mode";
  }
}

}  // namespace

void register_mode_exits(CommandSet& commands) {
  for (grammar::ModeId mode = kGlobalConfig; mode < kModeCount; ++mode) {
    commands.add(mode, "exit", {exit_help(mode)}, [](CommandContext& c) {
      c.session.modes.pop_back();
      if (c.session.loading && c.session.modes.size() < 2)
        c.session.modes.push_back(ModeFrame{kGlobalConfig, {}, {}});
    });
    // `?` lists `end` in global configuration only; sub-mode listings leave it out (docs/cli.md
    // §6).
    commands.add(
        mode, "end", {"Exit from configure mode"},
        [](CommandContext& c) {
          while (c.session.modes.size() > 1) c.session.modes.pop_back();
          c.stop_loading = c.session.loading;
        },
        mode != kGlobalConfig);
  }
  // Children of a kept block (docs/decisions.md #6b): stored verbatim under the block being edited.
  // The frame key is `DELIMITER '\n' HEADER`; a banner (non-empty delimiter) ends at the line that
  // holds its delimiter.
  commands.add(kOpaqueBlock, "LINE$text", {"Kept, not modelled"}, [](CommandContext& c) {
    const std::string& key = frame_key(c);
    auto newline = key.find('\n');
    std::string_view delimiter = std::string_view(key).substr(0, newline);
    std::string_view header = newline == std::string::npos
                                  ? std::string_view{}
                                  : std::string_view(key).substr(newline + 1);
    auto& blocks = c.config->opaque_blocks;
    auto it = std::find_if(blocks.rbegin(), blocks.rend(),
                           [&](const PlacedOpaqueBlock& b) { return b.block.line == header; });
    if (it == blocks.rend()) return;
    auto& children = it->block.children;
    std::string line(text::trim_right(c.args.line(), text::kLineEndBlanks));
    std::size_t bound = delimiter.empty() ? limits::kMaxOpaqueChildren : limits::kMaxBannerLines;
    if (children.size() >= bound || line.size() > limits::kMaxText) {
      c.reject_at = c.args.tokens().front().offset;
      return;
    }
    if (delimiter.empty() && line.front() != ' ' && line.front() != '\t') line.insert(0, 1, ' ');
    bool closes = !delimiter.empty() && line.find(delimiter) != std::string::npos;
    children.push_back(std::move(line));
    if (closes) c.session.modes.pop_back();
    c.config_changed = true;
  });
}

void register_config_commands(CommandSet& commands) {
  register_mode_exits(commands);
  register_global_commands(commands);
  register_voice_commands(commands);
  register_telephony_commands(commands);
  register_platform_commands(commands);
  register_security_commands(commands);
  register_opaque_families(commands);
  register_http_commands(commands);
}

}  // namespace cmemu::runtime
