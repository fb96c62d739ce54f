#pragma once
// Internal to runtime: helpers shared by the config_commands_*.cpp files.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/config/command_set.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::runtime {

/// Pushes a sub-mode frame editing `key` (`ephone-dn 5` -> "5").
void enter_mode(CommandContext& c, grammar::ModeId mode, std::string key = {},
                std::string prompt = {});
/// The line is the `no` or `default` form of its command.
bool negated(const CommandContext& c);
/// The token is the keyword `no` or `default` (the first token of a negated line).
bool is_negation(const grammar::MatchedToken& token);
/// The key of the sub-mode frame the line runs in (`ephone-dn 5` -> "5").
const std::string& frame_key(const CommandContext& c);
/// The key of the frame as a number (tags of ephones, DNs, profiles ...).
int frame_tag(const CommandContext& c);

/// A handler that runs `edit(object, c)` on the configuration object that `pick(config, c)` names
/// (the block the session is in), then marks the configuration changed unless the edit refused
/// the line. The one shape of every "edit the current block" command.
template <typename Pick, typename Edit>
Handler on_object(Pick pick, Edit edit) {
  return [pick, edit](CommandContext& c) {
    edit(pick(*c.config, c), c);
    if (!c.reject_at) c.config_changed = true;
  };
}

/// An edit for on_object: the optional number `member` of the block takes the number typed for
/// `arg`; the `no` form, and a value equal to `unset_value` (a default IOS does not print), leave
/// it unset.
template <typename Block>
auto sets_number(std::optional<int> Block::*member, std::string arg,
                 std::optional<int> unset_value = std::nullopt) {
  return [member, arg, unset_value](Block& block, CommandContext& c) {
    auto& value = block.*member;
    value.reset();
    if (negated(c)) return;
    int typed = static_cast<int>(c.args.number(arg));
    if (typed != unset_value) value = typed;
  };
}

/// A block the configuration holds at most once, made on first use as its header line makes it.
template <typename T>
T& made(std::optional<T>& block) {
  if (!block) block.emplace();
  return *block;
}

/// The handler of the line that opens a block the configuration holds at most once
/// (`telephony-service`, `archive`, `voice service voip` ...): makes the block `slot(config)` names
/// if need be and enters `mode`; the `no` form removes the block with all it holds.
template <typename Slot>
Handler opens_block(Slot slot, grammar::ModeId mode) {
  return [slot, mode](CommandContext& c) {
    auto& block = std::invoke(slot, *c.config);
    if (negated(c)) {
      block.reset();
    } else {
      made(block);
      enter_mode(c, mode);
    }
    c.config_changed = true;
  };
}

/// An edit that leaves the block as it is.
struct NoEdit {
  template <typename Block>
  void operator()(Block&, CommandContext&) const {}
};
/// The handler of the line that opens a block the configuration keeps by number in `member`
/// (`ephone 5`, `ephone-dn-template 2`, `voice register session-server 1` ...; argument `tag`):
/// makes the block if need be, runs `edit(block, c)` on it and enters `mode` keyed by the tag; the
/// `no` form removes the block with all it holds.
template <typename Block, typename Edit = NoEdit>
Handler opens_tagged(std::map<int, Block> Config::*member, grammar::ModeId mode, Edit edit = {}) {
  return [member, mode, edit](CommandContext& c) {
    int tag = static_cast<int>(c.args.number("tag"));
    auto& blocks = c.config->*member;
    if (negated(c)) {
      blocks.erase(tag);
    } else {
      edit(blocks[tag], c);
      enter_mode(c, mode, std::to_string(tag));
    }
    c.config_changed = true;
  };
}

/// The text of the matched line in canonical form: keywords in full and lower case, arguments as
/// typed, a LINE argument verbatim to the end of the line. The leading `no`/`default` is left out
/// when `skip_negation`. `tag_gap` spaces go before the first argument (the IOS two-space tag).
std::string canonical_text(const Args& args, bool skip_negation = true, int tag_gap = 1);

/// A DN or profile number: 1-16 of 0-9 * # . A-D and a leading + (CR `number`).
bool valid_dn_number(std::string_view text);
/// Printable, no blanks, 1..max characters.
bool valid_printable_word(std::string_view text, std::size_t max);

/// The argument `name` when it is a printable word of 1..max characters; otherwise nullopt and
/// the line is refused at that argument.
std::optional<std::string_view> printable_word_arg(CommandContext& c, std::string_view name,
                                                   std::size_t max);
/// The handler of a global setting that is one printable word of 1..max characters in argument
/// `arg` (`hostname`, `ip domain name`); the `no` form sets `fallback`.
Handler sets_word(std::string Config::*field, std::string arg, std::size_t max,
                  std::string fallback);

/// Full IOS name of an interface typed as `fa0/0`, `FastEthernet 0/0`, `lo0`; nullopt if not one.
std::optional<std::string> canonical_interface_name(std::string_view type, std::string_view unit);
/// A voice port `S/P`, `S/P/T` or with `:T` (`2/0:23`), each part 0-999; nullopt if not one.
std::optional<std::string> canonical_voice_port(std::string_view text);
/// Loopback, Tunnel, Vlan, sub-interfaces ...: interfaces `no interface` may delete.
bool virtual_interface(std::string_view full_name);

/// The kept lines of the object a sub-mode edits (null: the object does not exist).
using OpaqueLines = std::function<KeptLines*(CommandContext&)>;

/// A kept-not-modelled child of a modelled sub-mode (docs/decisions.md #6b): `syntax` is its
/// keywords,
/// `[LINE$rest]` is appended. Typed, it is stored in canonical form; `no X` removes a stored `X`
/// line (or is stored as `no X` when there is none), `default X` removes both. `single`: a new
/// `X ...` line replaces the old one (`description`), else lines accumulate (`speed-dial`).
void add_opaque_child(CommandSet& commands, grammar::ModeId mode, const std::string& syntax,
                      const OpaqueLines& lines, bool single = false, bool line_required = false);
/// Applies the kept-child line the context holds to `lines` (the rules of add_opaque_child).
/// False, with c.reject_at set and `lines` untouched, when the line is too long or the list full.
bool edit_opaque_lines(CommandContext& c, KeptLines& lines, bool single);
/// Registers a kept child's syntax (`syntax [LINE$rest]`) with its own handler.
void add_opaque_child_syntax(CommandSet& commands, grammar::ModeId mode, const std::string& syntax,
                             Handler handler, bool line_required = false);
/// The same for a list of one-keyword children.
void add_opaque_children(CommandSet& commands, grammar::ModeId mode,
                         const std::vector<std::string>& keywords, const OpaqueLines& lines);

void register_mode_exits(CommandSet& commands);
void register_global_commands(CommandSet& commands);     // config_commands_global.cpp
void register_voice_commands(CommandSet& commands);      // config_commands_voice.cpp
void register_telephony_commands(CommandSet& commands);  // config_commands_telephony.cpp
void register_platform_commands(CommandSet& commands);   // config_commands_platform.cpp
void register_opaque_families(CommandSet& commands);     // config_commands_opaque.cpp
void register_security_commands(CommandSet& commands);   // config_commands_security.cpp
void register_http_commands(CommandSet& commands);       // config_commands_http.cpp

/// config_commands_http.cpp: the `ip http ...` lines of row kIpHttpServer, and the XML API lines
/// of telephony-service (docs/xml-api.md §1).
std::string render_ip_http(const Config& config);
void render_xml_api_settings(std::string& out, const TelephonyService& telephony);

}  // namespace cmemu::runtime
