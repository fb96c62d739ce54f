#include "grammar/matcher.hpp"

#include <algorithm>

#include "grammar/token_parsers.hpp"

namespace cmemu::grammar {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != b[i]) return false;
  return true;
}

std::size_t common_prefix(std::string_view typed, std::string_view keyword) {
  std::size_t n = 0;
  while (n < typed.size() && n < keyword.size() && lower(typed[n]) == keyword[n]) ++n;
  return n;
}

// How well a token matched a node. A keyword typed in full beats an abbreviation, which beats
// any argument: the same ranking IOS applies when a word could be either.
enum Level : int { kNone = 0, kArgument = 1, kPartial = 2, kExact = 3 };

Level match_token(const Node& node, std::string_view text) {
  const TokenSpec& t = node.token;
  switch (t.kind) {
    case TokenKind::kKeyword:
      if (equal_nocase(text, t.text)) return kExact;
      if (!node.hidden && keyword_prefix(text, t.text)) return kPartial;
      return kNone;
    case TokenKind::kRange:
      return parse_number_in_range(text, t.lo, t.hi) ? kArgument : kNone;
    case TokenKind::kWord:
    case TokenKind::kLine:
      return kArgument;
    case TokenKind::kIpv4:
      return parse_ipv4(text) ? kArgument : kNone;
    case TokenKind::kMac:
      return parse_mac(text) ? kArgument : kNone;
    case TokenKind::kTime:
      return parse_time_of_day(text) ? kArgument : kNone;
  }
  return kNone;
}

struct Step {
  std::uint32_t node;
  std::uint32_t from;  // index in the previous step
};

// Walks the typed tokens through the trie. `steps[i]` holds the nodes alive after token i.
struct Walk {
  MatchStatus status = MatchStatus::kOk;
  std::size_t error_offset = 0;
  bool exact = true;
  std::vector<std::vector<Step>> steps;
};

Walk walk(const ModeTree& tree, const std::vector<LineToken>& tokens) {
  Walk w;
  w.steps.reserve(tokens.size() + 1);
  w.steps.push_back({Step{0, 0}});
  std::vector<std::pair<Step, Level>> candidates;
  for (const auto& token : tokens) {
    const auto& live = w.steps.back();
    candidates.clear();
    std::size_t best_prefix = 0;
    Level best = kNone;
    for (std::uint32_t j = 0; j < live.size(); ++j) {
      const Node& at = tree.nodes[live[j].node];
      if (live[j].node != 0 && at.token.kind == TokenKind::kLine) {
        candidates.push_back({Step{live[j].node, j}, kArgument});
        best = std::max(best, kArgument);
      }
      for (auto child : at.children) {
        const Node& node = tree.nodes[child];
        Level level = match_token(node, token.text);
        if (level == kNone) {
          if (node.token.kind == TokenKind::kKeyword && !node.hidden)
            best_prefix = std::max(best_prefix, common_prefix(token.text, node.token.text));
          continue;
        }
        candidates.push_back({Step{child, j}, level});
        best = std::max(best, level);
      }
    }
    if (best == kNone) {
      w.status = MatchStatus::kInvalid;
      w.error_offset = token.offset + std::min(best_prefix, token.text.size() - 1);
      return w;
    }
    std::vector<Step> next;
    std::string_view first_keyword;
    for (const auto& [step, level] : candidates) {
      if (level != best) continue;
      if (best == kPartial) {
        const auto& text = tree.nodes[step.node].token.text;
        if (first_keyword.empty())
          first_keyword = text;
        else if (text != first_keyword) {
          w.status = MatchStatus::kAmbiguous;
          return w;
        }
      }
      next.push_back(step);
    }
    if (best == kPartial) w.exact = false;
    w.steps.push_back(std::move(next));
  }
  return w;
}

void add_entry(std::vector<HelpEntry>& entries, const TokenSpec& token) {
  for (const auto& e : entries)
    if (e.word == token.text) return;
  entries.push_back({token.text, token.help});
}

// IOS lists argument placeholders before keywords, keywords in alphabetical order.
void sort_entries(std::vector<HelpEntry>& entries) {
  auto is_keyword = [](const HelpEntry& e) {
    return !(e.word == "WORD" || e.word == "LINE" || e.word == "A.B.C.D" || e.word == "H.H.H" ||
             e.word == "H:MM" || (!e.word.empty() && e.word.front() == '<'));
  };
  std::stable_sort(entries.begin(), entries.end(), [&](const HelpEntry& a, const HelpEntry& b) {
    bool ka = is_keyword(a), kb = is_keyword(b);
    if (ka != kb) return !ka;
    return ka && a.word < b.word;
  });
}

}  // namespace

bool keyword_prefix(std::string_view typed, std::string_view keyword) {
  if (typed.size() > keyword.size()) return false;
  for (std::size_t i = 0; i < typed.size(); ++i)
    if (lower(typed[i]) != keyword[i]) return false;
  return true;
}

std::vector<LineToken> tokenize(std::string_view line) {
  std::vector<LineToken> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    tokens.push_back({line.substr(start, i - start), start});
  }
  return tokens;
}

MatchResult match_line(const CommandTree& tree, ModeId mode, std::string_view line) {
  MatchResult result;
  auto tokens = tokenize(line);
  if (tokens.empty()) return result;
  const ModeTree& mt = tree.tree(mode);
  Walk w = walk(mt, tokens);
  result.status = w.status;
  result.error_offset = w.error_offset;
  result.exact = w.exact;
  if (w.status != MatchStatus::kOk) return result;
  const auto& last = w.steps.back();
  for (std::uint32_t j = 0; j < last.size(); ++j) {
    CommandId id = mt.nodes[last[j].node].command;
    if (id == kNoCommand) continue;
    result.command = id;
    result.tokens.resize(tokens.size());
    std::uint32_t at = j;
    for (std::size_t i = tokens.size(); i-- > 0;) {
      const Step& step = w.steps[i + 1][at];
      result.tokens[i] = {&mt.nodes[step.node], tokens[i].text, tokens[i].offset};
      at = step.from;
    }
    return result;
  }
  result.status = MatchStatus::kIncomplete;
  return result;
}

HelpResult help_at(const CommandTree& tree, ModeId mode, std::string_view line) {
  HelpResult result;
  auto tokens = tokenize(line);
  bool completing_word = !line.empty() && line.back() != ' ' && line.back() != '\t';
  std::string_view partial;
  if (completing_word) {
    partial = tokens.back().text;
    tokens.pop_back();
  }
  const ModeTree& mt = tree.tree(mode);
  Walk w = walk(mt, tokens);
  if (w.status == MatchStatus::kAmbiguous) {
    result.status = HelpStatus::kAmbiguous;
    return result;
  }
  if (w.status != MatchStatus::kOk) {
    result.status = HelpStatus::kUnrecognized;
    result.error_offset = w.error_offset;
    return result;
  }
  bool complete = false;
  for (const auto& step : w.steps.back()) {
    const Node& at = mt.nodes[step.node];
    if (step.node != 0 && at.command != kNoCommand) complete = true;
    for (auto child : at.children) {
      const Node& node = mt.nodes[child];
      if (node.hidden) continue;
      if (completing_word) {
        bool fits = node.token.kind == TokenKind::kKeyword
                        ? keyword_prefix(partial, node.token.text)
                        : match_token(node, partial) != kNone;
        if (!fits) continue;
      }
      add_entry(result.entries, node.token);
    }
  }
  sort_entries(result.entries);
  if (!completing_word && complete) result.entries.push_back({"<cr>", ""});
  if (result.entries.empty()) result.status = HelpStatus::kUnrecognized;
  return result;
}

std::string complete_word(const CommandTree& tree, ModeId mode, std::string_view line) {
  std::string unchanged(line);
  if (line.empty() || line.back() == ' ' || line.back() == '\t') return unchanged;
  auto tokens = tokenize(line);
  LineToken last = tokens.back();
  tokens.pop_back();
  const ModeTree& mt = tree.tree(mode);
  Walk w = walk(mt, tokens);
  if (w.status != MatchStatus::kOk) return unchanged;
  std::string_view found;
  bool unique = true;
  for (const auto& step : w.steps.back())
    for (auto child : mt.nodes[step.node].children) {
      const Node& node = mt.nodes[child];
      if (node.hidden || node.token.kind != TokenKind::kKeyword) continue;
      if (!keyword_prefix(last.text, node.token.text)) continue;
      if (equal_nocase(last.text, node.token.text))
        return std::string(line.substr(0, last.offset)) + node.token.text + " ";
      if (!found.empty() && found != node.token.text) unique = false;
      found = node.token.text;
    }
  if (!unique) return unchanged;
  if (found.empty()) return unchanged;
  return std::string(line.substr(0, last.offset)) + std::string(found) + " ";
}

}  // namespace cmemu::grammar
