#pragma once
// The command tree: modes, and per mode a trie of tokens built from IOS syntax strings
// (`ephone-dn <1-10000>$tag [dual-line]`). One tree serves typing, loading, `?` and TAB.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cmemu::grammar {

using ModeId = std::uint16_t;
using CommandId = std::uint32_t;
inline constexpr ModeId kNoMode = 0xFFFF;
inline constexpr CommandId kNoCommand = 0xFFFFFFFF;

enum class TokenKind : std::uint8_t {
  kKeyword,  // literal word, matched case-insensitively by unique prefix
  kRange,    // <lo-hi> decimal
  kWord,     // WORD: any single token
  kLine,     // LINE: the rest of the line
  kIpv4,     // A.B.C.D
  kMac,      // H.H.H
  kTime,     // H:MM
};

/// One token of a syntax: what it matches, its `?` help, and the name handlers read it by.
struct TokenSpec {
  TokenKind kind = TokenKind::kKeyword;
  std::string text;     // keyword text in lower case, or the placeholder shown by `?` (`<1-8>`)
  std::string display;  // a keyword's spelling in the syntax when it has capitals (`ringIn`)
  std::string name;     // `$name` from the syntax; defaults to the keyword text
  std::int64_t lo = 0, hi = 0;
  std::string help;
};

struct Node {
  TokenSpec token;
  // Indexes into ModeTree::nodes: arguments first (in the order added), then keywords sorted
  // by text, so a typed word is compared only with the keywords sharing its first letter.
  std::vector<std::uint32_t> children;
  std::uint32_t first_keyword = 0;  // index in `children` where the keywords begin
  CommandId command = kNoCommand;   // a command ends here
  bool hidden = true;               // reached only by hidden commands: never offered
};

struct ModeTree {
  std::vector<Node> nodes;  // nodes[0] is the root
};

struct ModeSpec {
  std::string name;         // `config-ephone-dn`: shown in the prompt as `Router(NAME)#`
  std::string help_header;  // first line of a `?` listing
  ModeId parent = kNoMode;  // where fall-through climbs to
  std::string exit_help;    // `?` help of the mode's `exit`
};

struct CommandSpec {
  ModeId mode = kNoMode;
  std::string syntax;
  bool hidden = false;
};

/// Thrown at start-up when a syntax string is malformed: a programming error, never user input.
struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CommandTree {
 public:
  ModeId add_mode(ModeSpec spec);
  /// Adds a command. `help` holds one text per token of the syntax, in order of appearance.
  /// Hidden commands match (keywords only when typed in full) but are never listed or completed.
  CommandId add_command(ModeId mode, std::string_view syntax, const std::vector<std::string>& help,
                        bool hidden = false);

  const ModeSpec& mode(ModeId id) const { return modes_.at(id); }
  const ModeTree& tree(ModeId id) const { return trees_.at(id); }
  const CommandSpec& command(CommandId id) const { return commands_.at(id); }
  std::size_t mode_count() const { return modes_.size(); }
  std::size_t command_count() const { return commands_.size(); }

 private:
  std::vector<ModeSpec> modes_;
  std::vector<ModeTree> trees_;
  std::vector<CommandSpec> commands_;
};

}  // namespace cmemu::grammar
