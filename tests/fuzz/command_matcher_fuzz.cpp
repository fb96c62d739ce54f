// Fuzzes the command-line matcher (grammar/matcher.hpp) on the router's real command tree (every
// mode and configuration command that runtime::CommandSet registers). The first byte picks the
// mode, the rest is the typed line; match_line, help_at (`?`) and complete_word (TAB) must agree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "grammar/matcher.hpp"
#include "runtime/config/command_set.hpp"
#include "runtime/config/modes.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace cmemu;
using grammar::HelpStatus;
using grammar::MatchStatus;

using cmemu::fuzz::check;

bool has_word(const grammar::HelpResult& help, std::string_view word) {
  for (const auto& entry : help.entries)
    if (entry.word == word) return true;
  return false;
}

bool blank(char c) {
  return c == ' ' || c == '\t';
}

void check_line(const grammar::CommandTree& tree, grammar::ModeId mode, std::string_view line) {
  grammar::MatchResult match = grammar::match_line(tree, mode, line);
  auto tokens = grammar::tokenize(line);
  switch (match.status) {
    case MatchStatus::kOk:
      check(match.command != grammar::kNoCommand, "a match names a command");
      // A word that starts with `!` after the first begins a comment (docs/cli.md §3): the match
      // holds the typed tokens before it, and only the comment is left.
      check(match.tokens.size() <= tokens.size(), "one matched token per typed token");
      if (match.tokens.size() < tokens.size())
        check(!match.tokens.empty() && tokens[match.tokens.size()].text.front() == '!',
              "only a comment is left unmatched");
      for (std::size_t i = 0; i < match.tokens.size(); ++i)
        check(match.tokens[i].node && match.tokens[i].text == tokens[i].text &&
                  match.tokens[i].offset == tokens[i].offset,
              "matched tokens are the typed ones");
      break;
    case MatchStatus::kEmpty:
      check(tokens.empty(), "only a blank line is empty");
      break;
    case MatchStatus::kInvalid:
      check(match.error_offset < line.size(), "the caret is on the line");
      break;
    case MatchStatus::kIncomplete:
    case MatchStatus::kAmbiguous:
      break;
  }

  // `line ?`: <cr> is offered exactly when the line matches a command.
  std::string spaced(line);
  spaced += ' ';
  grammar::HelpResult next = grammar::help_at(tree, mode, spaced);
  if (match.status == MatchStatus::kAmbiguous)
    check(next.status == HelpStatus::kAmbiguous, "? ambiguous");
  if (next.status == HelpStatus::kOk || match.status == MatchStatus::kOk)
    check(has_word(next, "<cr>") == (match.status == MatchStatus::kOk), "<cr> iff a command");
  if (next.status == HelpStatus::kInvalid || next.status == HelpStatus::kUnrecognized)
    check(next.error_offset <= line.size(), "the help caret is on the line");

  // `word?` and TAB: a completion is one of the keywords `?` lists for that word.
  grammar::HelpResult words = grammar::help_at(tree, mode, line);
  std::string completed = grammar::complete_word(tree, mode, line);
  if (completed != line) {
    check(!tokens.empty() && !blank(line.back()), "only a word is completed");
    std::size_t start = tokens.back().offset;
    check(completed.starts_with(line.substr(0, start)) && completed.back() == ' ',
          "a completion replaces the last word");
    std::string_view keyword = std::string_view(completed).substr(start);
    keyword.remove_suffix(1);
    check(words.status == HelpStatus::kOk && has_word(words, keyword), "? lists the completion");
    check(grammar::keyword_prefix(tokens.back().text, keyword), "the word is a prefix");
    check(grammar::complete_word(tree, mode, completed) == completed, "a completed line stays");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The tree is built once: matching never changes it.
  static const runtime::CommandSet commands;
  if (size == 0 || size > 1024) return 0;
  auto mode = static_cast<grammar::ModeId>(data[0] % runtime::kModeCount);
  std::string_view line(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_line(commands.tree(), mode, line);
  return 0;
}
