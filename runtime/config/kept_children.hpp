#pragma once
// Checked children (docs/decisions.md #6b, docs/commands.md §3): commands that cmemu registers with
// their full IOS syntax, so the matcher checks them like any command, and then keeps as canonical
// text in the edited object's KeptLines. A mode lists its commands in IOS's rendering order; the
// renderer prints kept lines in that order, with the modelled commands (typed Config fields) at
// their own places in it.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_tree.hpp"
#include "runtime/config/command_set.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::runtime {

/// One command of a mode, in the mode's IOS rendering order.
struct ChildSpec {
  std::string_view syntax;  // `preference <0-10> [secondary <0-10>]`; a modelled one: its keywords
  std::string_view help;    // `?` help of the command (of its head's last keyword)
  // The words after the head (the leading keywords of `syntax`) that tell one line of the command
  // from another: 0 = one line per object (a new one replaces it), N = one per value of the next N
  // words (`codec preference 1 ...`), kEveryLine = every distinct line is kept (`load`, `permit`).
  int key = 0;
  // The sub-mode the line opens (its lines are the line's children).
  grammar::ModeId enters = grammar::kNoMode;
  bool modelled = false;       // registered with a handler elsewhere; listed here for its place
  bool on_by_default = false;  // IOS prints only `no X`; a bare `X` is the default, not printed
};

inline constexpr int kEveryLine = -1;

constexpr ChildSpec keyed(std::string_view syntax, std::string_view help, int key) {
  return ChildSpec{syntax, help, key, grammar::kNoMode, false};
}
constexpr ChildSpec every(std::string_view syntax, std::string_view help = {}) {
  return ChildSpec{syntax, help, kEveryLine, grammar::kNoMode, false};
}
constexpr ChildSpec opens(std::string_view syntax, std::string_view help, grammar::ModeId mode,
                          int key = 0) {
  return ChildSpec{syntax, help, key, mode, false};
}
constexpr ChildSpec modelled(std::string_view keywords) {
  return ChildSpec{keywords, {}, 0, grammar::kNoMode, true};
}
constexpr ChildSpec on(std::string_view syntax, std::string_view help) {
  return ChildSpec{syntax, help, 0, grammar::kNoMode, false, true};
}

/// A top-level family without a typed model (docs/commands.md §3.10): its header line, checked, and
/// the sub-mode it opens. Config::families holds them sorted by their place in this list.
struct FamilySpec {
  std::string_view syntax;  // `dial-peer voice <1-2147483647>$tag {pots | voip ...}`
  std::string_view help;
  grammar::ModeId enters = grammar::kNoMode;
  ConfigRow row = ConfigRow::kBodyStart;  // docs/commands.md §4
  int key = 1;                            // words after the head that name one block
  bool by_tag = true;  // sorted by the number after the head (else in the order created)
  int tag_gap = 1;     // 2: IOS's two-space tag (`voice register dn  1`)
  int bangs = 1;       // `!` lines after each block
};

/// The commands of `mode` in IOS order (docs/commands.md §3), empty for a mode without a table.
std::span<const ChildSpec> mode_children(grammar::ModeId mode);
/// The place of the command whose keywords are `head` in the order of `mode`.
std::uint16_t child_order(grammar::ModeId mode, std::string_view head);
/// The checked top-level families, in rendering order (docs/commands.md §4).
std::span<const FamilySpec> family_specs();

/// The kept lines of the object the session's frame `frame` edits, created if missing; null when
/// the frame's mode keeps none or its object is gone.
KeptLines* kept_lines_of(Config& config, const std::vector<ModeFrame>& frames, std::size_t frame);

/// Registers the checked children of `mode` (every entry of its table that is not modelled).
void add_checked_children(CommandSet& commands, grammar::ModeId mode);
/// Registers the checked top-level families and their sub-modes' children.
void add_checked_families(CommandSet& commands);

/// Registers `syntax` in `mode` as a checked child stored at `order` (the tables call this).
void add_checked_child(CommandSet& commands, grammar::ModeId mode, const ChildSpec& spec,
                       std::uint16_t order);

/// One help text per atom of `syntax`, `first` for the first keyword, the others from the
/// keyword dictionary (runtime/config/keyword_help.cpp).
std::vector<std::string> syntax_help(std::string_view syntax, std::string_view first);
/// The `?` help of a keyword in a voice mode ("" when the dictionary has none).
std::string_view keyword_help(std::string_view keyword);

/// Renders kept lines in order, indented by `depth` spaces, their children one deeper.
void render_kept(std::string& out, const KeptLines& lines, int depth);

/// Walks an object's kept lines in order while its modelled fields are printed at their places.
class KeptCursor {
 public:
  KeptCursor(std::string& out, const KeptLines& lines, int depth)
      : out_(out), lines_(lines), depth_(depth) {}
  /// Prints the lines whose command comes before `order`.
  void until(std::uint32_t order);
  /// Prints the rest.
  void rest() { until(std::uint32_t{kLooseOrder} + 1); }

 private:
  std::string& out_;
  const KeptLines& lines_;
  int depth_;
  std::size_t next_ = 0;
};

}  // namespace cmemu::runtime
