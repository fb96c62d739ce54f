#include "grammar/command_tree.hpp"

#include <algorithm>
#include <charconv>

#include "grammar/text.hpp"

namespace cmemu::grammar {
namespace {

// Syntax strings are parsed into this small tree, then expanded into linear token paths.
struct SyntaxElement {
  enum Kind { kAtom, kOptional, kChoice } kind = kAtom;
  std::size_t atom = 0;                              // kAtom: index into atoms
  std::vector<std::vector<SyntaxElement>> branches;  // kOptional (one branch) / kChoice
};

class SyntaxParser {
 public:
  SyntaxParser(std::string_view text, const std::vector<std::string>& help)
      : text_(text), help_(help) {}

  std::vector<SyntaxElement> parse() {
    auto sequence = parse_sequence();
    skip_spaces();
    if (pos_ != text_.size()) fail("unexpected character");
    return sequence;
  }
  std::vector<TokenSpec> atoms;

 private:
  [[noreturn]] void fail(const char* what) {
    throw SyntaxError(std::string(what) + " in syntax '" + std::string(text_) + "'");
  }
  void skip_spaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  static bool structural(char c) {
    return c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
  }

  std::vector<SyntaxElement> parse_sequence() {
    std::vector<SyntaxElement> sequence;
    for (;;) {
      skip_spaces();
      if (pos_ == text_.size()) return sequence;
      char c = text_[pos_];
      if (c == ']' || c == '}' || c == '|') return sequence;
      if (c == '[' || c == '{') {
        ++pos_;
        SyntaxElement group;
        group.kind = c == '[' ? SyntaxElement::kOptional : SyntaxElement::kChoice;
        for (;;) {
          group.branches.push_back(parse_sequence());
          skip_spaces();
          if (pos_ == text_.size()) fail("unclosed group");
          if (text_[pos_] == '|') {
            ++pos_;
            continue;
          }
          if (text_[pos_] != (c == '[' ? ']' : '}')) fail("mismatched group");
          ++pos_;
          break;
        }
        sequence.push_back(std::move(group));
        continue;
      }
      // A backslash takes the next character literally (`\|` is the output-filter keyword `|`).
      std::string word;
      while (pos_ < text_.size() && text_[pos_] != ' ' && !structural(text_[pos_])) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
        word += text_[pos_++];
      }
      SyntaxElement atom;
      atom.atom = atoms.size();
      atoms.push_back(make_token(word));
      sequence.push_back(std::move(atom));
    }
  }

  TokenSpec make_token(std::string_view word) {
    TokenSpec token;
    if (auto dollar = word.find('$'); dollar != std::string_view::npos) {
      token.name = std::string(word.substr(dollar + 1));
      word = word.substr(0, dollar);
    }
    if (word.empty()) fail("empty token");
    token.text = std::string(word);
    if (word.size() > 2 && word.front() == '<' && word.back() == '>') {
      token.kind = TokenKind::kRange;
      auto body = word.substr(1, word.size() - 2);
      auto dash = body.find('-', 1);  // a leading '-' belongs to a negative lower bound
      if (dash == std::string_view::npos) fail("bad range");
      auto lo = body.substr(0, dash), hi = body.substr(dash + 1);
      if (std::from_chars(lo.data(), lo.data() + lo.size(), token.lo).ec != std::errc{} ||
          std::from_chars(hi.data(), hi.data() + hi.size(), token.hi).ec != std::errc{})
        fail("bad range bound");
    } else if (word == "WORD") {
      token.kind = TokenKind::kWord;
    } else if (word == "LINE") {
      token.kind = TokenKind::kLine;
    } else if (word == "A.B.C.D") {
      token.kind = TokenKind::kIpv4;
    } else if (word == "H.H.H") {
      token.kind = TokenKind::kMac;
    } else if (word == "H:MM") {
      token.kind = TokenKind::kTime;
    } else {
      token.kind = TokenKind::kKeyword;
      for (char& ch : token.text) ch = text::ascii_lower(ch);  // matched against in lower case
    }
    if (token.name.empty()) token.name = token.text;
    std::size_t index = atoms.size();
    if (index < help_.size()) token.help = help_[index];
    return token;
  }

  std::string_view text_;
  const std::vector<std::string>& help_;
  std::size_t pos_ = 0;
};

using Path = std::vector<std::size_t>;

std::vector<Path> expand(const std::vector<SyntaxElement>& sequence);

std::vector<Path> expand_element(const SyntaxElement& element) {
  if (element.kind == SyntaxElement::kAtom) return {Path{element.atom}};
  std::vector<Path> paths;
  if (element.kind == SyntaxElement::kOptional) paths.push_back({});
  for (const auto& branch : element.branches)
    for (auto& path : expand(branch)) paths.push_back(std::move(path));
  return paths;
}

std::vector<Path> expand(const std::vector<SyntaxElement>& sequence) {
  std::vector<Path> paths{Path{}};
  for (const auto& element : sequence) {
    std::vector<Path> next;
    for (const auto& tail : expand_element(element))
      for (const auto& head : paths) {
        Path joined = head;
        joined.insert(joined.end(), tail.begin(), tail.end());
        next.push_back(std::move(joined));
      }
    paths = std::move(next);
  }
  return paths;
}

bool same_token(const TokenSpec& a, const TokenSpec& b) {
  return a.kind == b.kind && a.text == b.text && a.name == b.name && a.lo == b.lo && a.hi == b.hi;
}

}  // namespace

ModeId CommandTree::add_mode(ModeSpec spec) {
  modes_.push_back(std::move(spec));
  trees_.emplace_back();
  trees_.back().nodes.emplace_back();  // root
  return static_cast<ModeId>(modes_.size() - 1);
}

CommandId CommandTree::add_command(ModeId mode, std::string_view syntax,
                                   const std::vector<std::string>& help, bool hidden) {
  SyntaxParser parser(syntax, help);
  auto elements = parser.parse();
  auto id = static_cast<CommandId>(commands_.size());
  commands_.push_back({mode, std::string(syntax), hidden});
  auto& nodes = trees_.at(mode).nodes;
  for (const auto& path : expand(elements)) {
    if (path.empty()) throw SyntaxError("empty path in syntax '" + std::string(syntax) + "'");
    std::uint32_t at = 0;
    for (std::size_t atom : path) {
      const TokenSpec& token = parser.atoms[atom];
      std::uint32_t found = 0;
      for (auto child : nodes[at].children)
        if (same_token(nodes[child].token, token)) found = child;
      if (found == 0) {
        found = static_cast<std::uint32_t>(nodes.size());
        Node node;
        node.token = token;
        nodes.push_back(std::move(node));
        auto& children = nodes[at].children;
        if (token.kind == TokenKind::kKeyword) {
          auto place = std::lower_bound(
              children.begin() + nodes[at].first_keyword, children.end(), token.text,
              [&](std::uint32_t c, const std::string& text) { return nodes[c].token.text < text; });
          children.insert(place, found);
        } else {
          children.insert(children.begin() + nodes[at].first_keyword++, found);
        }
      }
      if (!hidden) nodes[found].hidden = false;
      if (nodes[found].token.help.empty()) nodes[found].token.help = token.help;
      at = found;
    }
    if (nodes[at].command != kNoCommand && nodes[at].command != id)
      throw SyntaxError("two commands end at the same place: '" + std::string(syntax) + "' and '" +
                        commands_[nodes[at].command].syntax + "'");
    nodes[at].command = id;
  }
  return id;
}

}  // namespace cmemu::grammar
