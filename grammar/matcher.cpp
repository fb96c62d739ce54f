#include "grammar/matcher.hpp"

#include <algorithm>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"

namespace cmemu::grammar {
namespace {

using text::ascii_lower;
using text::iequals;

// Keywords are kept in lower case (CommandTree), so only the typed side needs lowering.
std::size_t common_prefix(std::string_view typed, std::string_view keyword) {
  std::size_t n = 0;
  while (n < typed.size() && n < keyword.size() && ascii_lower(typed[n]) == keyword[n]) ++n;
  return n;
}

// How well a token matched a node. A keyword typed in full beats an abbreviation, which beats
// any argument: the same ranking IOS applies when a word could be either.
enum Level : int { kNone = 0, kArgument = 1, kPartial = 2, kExact = 3 };

Level match_token(const Node& node, std::string_view text) {
  const TokenSpec& t = node.token;
  switch (t.kind) {
    case TokenKind::kKeyword:
      if (iequals(text, t.text)) return kExact;
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

std::size_t first_control_byte(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) return i;
  }
  return std::string_view::npos;
}

struct Step {
  std::uint32_t node;
  std::uint32_t from;  // index of the step it came from, in the previous token's range
};

// Walks the typed tokens through the trie. The nodes alive after token i are
// steps[begin[i] .. begin[i + 1]); step 0 is the root.
struct Walk {
  MatchStatus status = MatchStatus::kOk;
  std::size_t used = 0;  // tokens matched; the rest, from a `!` word on, is a comment
  std::size_t error_offset = 0;
  bool exact = true;
  std::vector<Step> steps;
  std::vector<std::uint32_t> begin;
  std::size_t live_begin() const { return begin[begin.size() - 2]; }
  std::size_t live_end() const { return begin.back(); }
};

// The children of `node` a word starting with `first` could match: every argument, and the
// keywords that start with the same letter (children keep keywords sorted).
template <typename Visit>
void for_each_candidate(const ModeTree& tree, const Node& node, char first, Visit visit) {
  for (std::uint32_t i = 0; i < node.first_keyword; ++i) visit(node.children[i]);
  auto keywords_begin = node.children.begin() + node.first_keyword;
  auto it =
      std::lower_bound(keywords_begin, node.children.end(), first, [&](std::uint32_t c, char ch) {
        const auto& text = tree.nodes[c].token.text;
        return !text.empty() && text.front() < ch;
      });
  for (; it != node.children.end(); ++it) {
    const auto& text = tree.nodes[*it].token.text;
    if (text.empty() || text.front() != first) break;
    visit(*it);
  }
}

// True when a live step is, or may be followed by, a LINE argument: the rest of the line is text.
bool in_line_argument(const ModeTree& tree, const Walk& w) {
  for (std::size_t j = w.live_begin(); j < w.live_end(); ++j) {
    const Node& at = tree.nodes[w.steps[j].node];
    if (w.steps[j].node != 0 && at.token.kind == TokenKind::kLine) return true;
    for (std::uint32_t i = 0; i < at.first_keyword; ++i)
      if (tree.nodes[at.children[i]].token.kind == TokenKind::kLine) return true;
  }
  return false;
}

// Fills `w` (reused between calls so that matching a line allocates nothing in the steady state).
// A word that starts with `!` after the first one begins a comment that runs to the end of the
// line, as on IOS, unless it falls in a LINE argument (docs/cli.md §3).
void walk(const ModeTree& tree, const std::vector<LineToken>& tokens, Walk& w) {
  w.status = MatchStatus::kOk;
  w.error_offset = 0;
  w.exact = true;
  w.steps.assign(1, Step{0, 0});
  w.begin.assign({0, 1});
  w.used = 0;
  for (const auto& token : tokens) {
    if (w.used > 0 && token.text.front() == '!' && !in_line_argument(tree, w)) return;
    ++w.used;
    // A control byte is invalid input wherever it stands, whatever the node would take
    // (docs/cli.md: a kept line must render back to itself, and IOS refuses such a line).
    if (auto bad = first_control_byte(token.text); bad != std::string_view::npos) {
      w.status = MatchStatus::kInvalid;
      w.error_offset = token.offset + bad;
      return;
    }
    std::size_t live_begin = w.live_begin(), live_end = w.live_end();
    std::size_t best_prefix = 0;
    Level best = kNone;
    std::string_view first_keyword;
    bool ambiguous = false;
    std::size_t out_begin = w.steps.size();
    auto offer = [&](std::uint32_t node, std::uint32_t from, Level level) {
      if (level < best) return;
      if (level > best) {
        best = level;
        w.steps.resize(out_begin);
        first_keyword = {};
        ambiguous = false;
      }
      if (level == kPartial) {
        const auto& text = tree.nodes[node].token.text;
        if (first_keyword.empty())
          first_keyword = text;
        else if (text != first_keyword)
          ambiguous = true;
      }
      w.steps.push_back(Step{node, from});
    };
    char first = ascii_lower(token.text.front());
    for (std::size_t j = live_begin; j < live_end; ++j) {
      auto from = static_cast<std::uint32_t>(j - live_begin);
      std::uint32_t at_index = w.steps[j].node;
      const Node& at = tree.nodes[at_index];
      if (at_index != 0 && at.token.kind == TokenKind::kLine) offer(at_index, from, kArgument);
      for_each_candidate(tree, at, first, [&](std::uint32_t child) {
        const Node& node = tree.nodes[child];
        Level level = match_token(node, token.text);
        if (level == kNone) {
          if (node.token.kind == TokenKind::kKeyword && !node.hidden)
            best_prefix = std::max(best_prefix, common_prefix(token.text, node.token.text));
          return;
        }
        offer(child, from, level);
      });
    }
    if (best == kNone) {
      w.status = MatchStatus::kInvalid;
      w.error_offset = token.offset + std::min(best_prefix, token.text.size() - 1);
      return;
    }
    if (ambiguous) {
      w.status = MatchStatus::kAmbiguous;
      return;
    }
    if (best == kPartial) w.exact = false;
    w.begin.push_back(static_cast<std::uint32_t>(w.steps.size()));
  }
}

Walk& scratch_walk() {
  thread_local Walk w;
  return w;
}

void add_entry(std::vector<HelpEntry>& entries, const TokenSpec& token) {
  const std::string& word = token.display.empty() ? token.text : token.display;
  for (const auto& e : entries)
    if (e.word == word) return;
  entries.push_back({word, token.help});
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
  return text::istarts_with(keyword, typed);
}

void tokenize_into(std::string_view line, std::vector<LineToken>& tokens) {
  tokens.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    tokens.push_back({line.substr(start, i - start), start});
  }
}

std::vector<LineToken> tokenize(std::string_view line) {
  std::vector<LineToken> tokens;
  tokenize_into(line, tokens);
  return tokens;
}

MatchResult match_line(const CommandTree& tree, ModeId mode, std::string_view line) {
  MatchResult result;
  thread_local std::vector<LineToken> tokens;
  tokenize_into(line, tokens);
  if (tokens.empty()) return result;
  const ModeTree& mt = tree.tree(mode);
  Walk& w = scratch_walk();
  walk(mt, tokens, w);
  result.status = w.status;
  result.error_offset = w.error_offset;
  result.exact = w.exact;
  if (w.status != MatchStatus::kOk) return result;
  for (std::size_t j = w.live_begin(); j < w.live_end(); ++j) {
    CommandId id = mt.nodes[w.steps[j].node].command;
    if (id == kNoCommand) continue;
    result.command = id;
    result.tokens.resize(w.used);
    std::size_t at = j;
    for (std::size_t i = w.used; i-- > 0;) {
      const Step& step = w.steps[at];
      result.tokens[i] = {&mt.nodes[step.node], tokens[i].text, tokens[i].offset};
      at = w.begin[i] + step.from;
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
  Walk w;
  walk(mt, tokens, w);
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
  for (std::size_t j = w.live_begin(); j < w.live_end(); ++j) {
    const Step& step = w.steps[j];
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
  Walk w;
  walk(mt, tokens, w);
  if (w.status != MatchStatus::kOk) return unchanged;
  std::string_view found;
  bool unique = true;
  for (std::size_t j = w.live_begin(); j < w.live_end(); ++j)
    for (auto child : mt.nodes[w.steps[j].node].children) {
      const Node& node = mt.nodes[child];
      if (node.hidden || node.token.kind != TokenKind::kKeyword) continue;
      if (!keyword_prefix(last.text, node.token.text)) continue;
      const std::string& word = node.token.display.empty() ? node.token.text : node.token.display;
      if (iequals(last.text, node.token.text))
        return std::string(line.substr(0, last.offset)) + word + " ";
      if (!found.empty() && found != word) unique = false;
      found = word;
    }
  if (!unique) return unchanged;
  if (found.empty()) return unchanged;
  return std::string(line.substr(0, last.offset)) + std::string(found) + " ";
}

}  // namespace cmemu::grammar
