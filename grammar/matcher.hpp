#pragma once
// The matcher: IOS abbreviation, ambiguity and caret rules over a CommandTree mode.
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_tree.hpp"

namespace cmemu::grammar {

struct LineToken {
  std::string_view text;
  std::size_t offset = 0;  // byte offset in the line
};

/// Splits a line on runs of spaces and tabs; leading blanks are allowed.
std::vector<LineToken> tokenize(std::string_view line);
/// The same into a caller's vector (reused to avoid allocating per line).
void tokenize_into(std::string_view line, std::vector<LineToken>& tokens);

enum class MatchStatus { kOk, kEmpty, kInvalid, kIncomplete, kAmbiguous };

struct MatchedToken {
  const Node* node = nullptr;
  std::string_view text;
  std::size_t offset = 0;
};

struct MatchResult {
  MatchStatus status = MatchStatus::kEmpty;
  CommandId command = kNoCommand;
  std::vector<MatchedToken> tokens;  // kOk: one per typed token, with the node it matched
  std::size_t error_offset = 0;      // kInvalid: where the caret goes, as a byte offset in the line
  bool exact = true;                 // every keyword was typed in full (no abbreviation)
};

/// Matches a whole line in one mode.
MatchResult match_line(const CommandTree& tree, ModeId mode, std::string_view line);

struct HelpEntry {
  std::string word;  // keyword, placeholder (`<1-8>`, `WORD`) or `<cr>`
  std::string help;
};

enum class HelpStatus { kOk, kUnrecognized, kInvalid, kAmbiguous };

struct HelpResult {
  HelpStatus status = HelpStatus::kOk;
  std::vector<HelpEntry> entries;
  std::size_t error_offset = 0;  // kInvalid: caret position
};

/// `?` typed after `line`. When `line` ends in a blank (or is empty): what may come next, with
/// `<cr>` last when the line is already complete. Otherwise (`word?`): what completes the last
/// word.
HelpResult help_at(const CommandTree& tree, ModeId mode, std::string_view line);

/// TAB: the line with its last word completed and a space added, when exactly one keyword fits;
/// otherwise the line unchanged.
std::string complete_word(const CommandTree& tree, ModeId mode, std::string_view line);

/// Case-insensitive: `typed` is a prefix of `keyword`.
bool keyword_prefix(std::string_view typed, std::string_view keyword);

}  // namespace cmemu::grammar
