// Configuration commands shared by every mode (exit, end, kept blocks), the helpers the
// config_commands_*.cpp files share, and the registration entry point. Each family of commands
// lives in its own config_commands_*.cpp.
#include "runtime/config/config_commands.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/kept_children.hpp"

namespace cmemu::runtime {
namespace {

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

bool is_negation(const grammar::MatchedToken& token) {
  return token.node->token.kind == grammar::TokenKind::kKeyword &&
         (token.node->token.text == "no" || token.node->token.text == "default");
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
    char upper = text::ascii_upper(ch);
    // Digits, * and #, the DTMF letters A-D (`number A001` of a conference DN) and `.`
    // wildcards (`number 1488....` of an MWI DN), CR `number`.
    if ((ch >= '0' && ch <= '9') || ch == '*' || ch == '#' || ch == '.' ||
        (upper >= 'A' && upper <= 'D'))
      continue;
    if (ch == '+' && i == 0 && text.size() > 1) continue;
    return false;
  }
  return true;
}

bool valid_printable_word(std::string_view text, std::size_t max) {
  if (text.empty() || text.size() > max) return false;
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch > ' ' && ch < 0x7f; });
}

std::optional<std::string_view> printable_word_arg(CommandContext& c, std::string_view name,
                                                   std::size_t max) {
  std::string_view word = c.args.get(name);
  if (valid_printable_word(word, max)) return word;
  c.reject_at = c.args.offset(name);
  return std::nullopt;
}

Handler sets_word(std::string Config::*field, std::string arg, std::size_t max,
                  std::string fallback) {
  return [field, arg, max, fallback](CommandContext& c) {
    if (negated(c)) {
      c.config->*field = fallback;
    } else {
      auto word = printable_word_arg(c, arg, max);
      if (!word) return;
      c.config->*field = std::string(*word);
    }
    c.config_changed = true;
  };
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

std::optional<std::string> canonical_voice_port(std::string_view text) {
  // S/P, S/P/T, optionally :T; each part a number 0-999, printed without leading zeros.
  std::string name;
  int parts = 0;
  bool colon = false;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    int value = 0;
    auto [end, ec] = std::from_chars(text.data() + start, text.data() + i, value);
    if (ec != std::errc{} || i - start > 3) return std::nullopt;
    name += std::to_string(value);
    ++parts;
    if (i == text.size()) break;
    char sep = text[i];
    if ((sep != '/' && sep != ':') || colon) return std::nullopt;
    colon = sep == ':';
    name += sep;
    ++i;
  }
  if (parts < 2 || parts > 4) return std::nullopt;
  return name;
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

bool edit_opaque_lines(CommandContext& c, KeptLines& lines, bool single) {
  SplitLine split = split_opaque(c.args);
  std::string text = split.rest.empty() ? split.head : split.head + " " + split.rest;
  if (text.size() > limits::kMaxText) {
    c.reject_at = split.rest_offset;
    return false;
  }
  KeptLines next = lines;
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
  auto loose = [](const KeptLine& line) { return line.order == kLooseOrder; };
  auto has = [&](const std::string& wanted) {
    return std::any_of(next.begin(), next.end(),
                       [&](const KeptLine& l) { return loose(l) && l.text == wanted; });
  };
  if (c.args.has("default")) {
    std::erase_if(next, [&](const KeptLine& l) { return loose(l) && matches(l.text); });
  } else if (c.args.has("no")) {
    std::size_t before = next.size();
    std::erase_if(next, [&](const KeptLine& l) {
      return loose(l) && !l.text.starts_with("no ") && matches(l.text);
    });
    std::string negative = "no " + text;
    if (next.size() == before && !has(negative)) next.push_back({kLooseOrder, negative, {}});
  } else {
    std::erase_if(next, [&](const KeptLine& l) {
      if (!loose(l)) return false;
      if (l.text.starts_with("no ")) return same_head(l.text);
      return single && same_head(l.text);
    });
    if (!has(text)) next.push_back({kLooseOrder, text, {}});
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
        KeptLines* target = lines(c);
        if (target && edit_opaque_lines(c, *target, single)) c.config_changed = true;
      },
      line_required);
}

void add_opaque_children(CommandSet& commands, grammar::ModeId mode,
                         const std::vector<std::string>& keywords, const OpaqueLines& lines) {
  for (const auto& keyword : keywords) add_opaque_child(commands, mode, keyword, lines);
}

void register_mode_exits(CommandSet& commands) {
  for (grammar::ModeId mode = kGlobalConfig; mode < kModeCount; ++mode) {
    commands.add(mode, "exit", {commands.tree().mode(mode).exit_help}, [](CommandContext& c) {
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
  // The checked children of every mode with a table, and the checked top-level families
  // (runtime/config/kept_children.hpp).
  for (grammar::ModeId mode = kGlobalConfig; mode < kModeCount; ++mode)
    add_checked_children(commands, mode);
  add_checked_families(commands);
}

}  // namespace cmemu::runtime
