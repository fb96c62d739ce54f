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
      if (token.text != word) token.display = std::string(word);
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

bool same_token(const TokenSpec& a, const TokenSpec& b) {
  return a.kind == b.kind && a.text == b.text && a.name == b.name && a.lo == b.lo && a.hi == b.hi;
}

// Adds a syntax to a mode's trie. The element tree is walked once with the set of nodes the
// syntax so far may end at (the frontier), so a shared prefix is matched once rather than once
// per expanded path: large option lists stay cheap to register.
class Inserter {
 public:
  Inserter(std::vector<Node>& nodes, const std::vector<TokenSpec>& atoms, bool hidden)
      : nodes_(nodes), atoms_(atoms), hidden_(hidden) {}

  std::vector<std::uint32_t> sequence(const std::vector<SyntaxElement>& elements,
                                      std::vector<std::uint32_t> frontier) {
    for (const auto& element : elements) frontier = this->element(element, frontier);
    return frontier;
  }

 private:
  std::vector<std::uint32_t> element(const SyntaxElement& e,
                                     const std::vector<std::uint32_t>& frontier) {
    std::vector<std::uint32_t> out;
    if (e.kind == SyntaxElement::kAtom) {
      for (std::uint32_t at : frontier) out.push_back(child(at, atoms_[e.atom]));
      return unique(std::move(out));
    }
    if (e.kind == SyntaxElement::kOptional) out = frontier;
    for (const auto& branch : e.branches) {
      auto ends = sequence(branch, frontier);
      out.insert(out.end(), ends.begin(), ends.end());
    }
    return unique(std::move(out));
  }

  static std::vector<std::uint32_t> unique(std::vector<std::uint32_t> set) {
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    return set;
  }

  // The child of `at` for `token`, made when missing. Arguments come first (in the order added),
  // then keywords sorted by text.
  std::uint32_t child(std::uint32_t at, const TokenSpec& token) {
    auto& children = nodes_[at].children;
    auto keywords = children.begin() + nodes_[at].first_keyword;
    std::uint32_t found = 0;
    std::vector<std::uint32_t>::iterator place;
    if (token.kind == TokenKind::kKeyword) {
      place = std::lower_bound(
          keywords, children.end(), token.text,
          [&](std::uint32_t c, const std::string& text) { return nodes_[c].token.text < text; });
      for (auto it = place; it != children.end() && nodes_[*it].token.text == token.text; ++it)
        if (same_token(nodes_[*it].token, token)) found = *it;
    } else {
      for (auto it = children.begin(); it != keywords; ++it)
        if (same_token(nodes_[*it].token, token)) found = *it;
      place = keywords;
    }
    if (found == 0) {
      found = static_cast<std::uint32_t>(nodes_.size());
      auto index = place - children.begin();
      Node node;
      node.token = token;
      nodes_.push_back(std::move(node));
      auto& list = nodes_[at].children;  // `children` may have moved with nodes_
      list.insert(list.begin() + index, found);
      if (token.kind != TokenKind::kKeyword) ++nodes_[at].first_keyword;
    }
    Node& node = nodes_[found];
    if (!hidden_) node.hidden = false;
    if (node.token.help.empty()) node.token.help = token.help;
    return found;
  }

  std::vector<Node>& nodes_;
  const std::vector<TokenSpec>& atoms_;
  bool hidden_;
};

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
  Inserter inserter(nodes, parser.atoms, hidden);
  for (std::uint32_t at : inserter.sequence(elements, {0})) {
    if (at == 0) throw SyntaxError("empty path in syntax '" + std::string(syntax) + "'");
    if (nodes[at].command != kNoCommand && nodes[at].command != id)
      throw SyntaxError("two commands end at the same place: '" + std::string(syntax) + "' and '" +
                        commands_[nodes[at].command].syntax + "'");
    nodes[at].command = id;
  }
  return id;
}

}  // namespace cmemu::grammar
