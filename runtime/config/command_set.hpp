#pragma once
// The command definitions: every mode and command of the router, each a syntax string with help
// and a handler. Config handlers edit a Config; EXEC handlers (registered by cli/) act on the
// session and the router. Typed lines and loaded lines go through CommandSet::execute.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_tree.hpp"
#include "grammar/matcher.hpp"
#include "runtime/config/config_store.hpp"
#include "runtime/config/modes.hpp"
#include "runtime/config/render_order.hpp"

namespace cmemu::runtime {

struct Config;

/// One entry of a session's mode stack: the mode and the object it edits (`ephone-dn 5` -> "5").
struct ModeFrame {
  grammar::ModeId mode = kUserExec;
  std::string key;
  std::string prompt;  // overrides the mode's prompt name (opaque blocks), else empty
};

/// The tokens a handler reads, by the `$name` (or keyword text) given in the syntax.
class Args {
 public:
  Args(std::string_view line, const std::vector<grammar::MatchedToken>& tokens)
      : line_(line), tokens_(tokens) {}
  bool has(std::string_view name) const { return find(name) != nullptr; }
  /// The text typed for `name`, or "" when absent.
  std::string_view get(std::string_view name) const;
  std::int64_t number(std::string_view name, std::int64_t fallback = 0) const;
  /// For LINE tokens: the rest of the line from `name`'s first word, trailing blanks removed.
  std::string_view rest(std::string_view name) const;
  /// Byte offset of `name` in the line (for a caret), or 0.
  std::size_t offset(std::string_view name) const;
  std::string_view line() const { return line_; }
  const std::vector<grammar::MatchedToken>& tokens() const { return tokens_; }

 private:
  const grammar::MatchedToken* find(std::string_view name) const;
  std::string_view line_;
  const std::vector<grammar::MatchedToken>& tokens_;
};

/// What a terminal session holds between lines. One per console, vty and file load.
struct CommandSession {
  std::vector<ModeFrame> modes{ModeFrame{}};  // bottom is user or privileged EXEC
  bool loading = false;                       // a startup-config is being read
  std::string origin = "console";             // for `%SYS-5-CONFIG_I ... by ORIGIN`
  int terminal_length = 24;
  int terminal_width = 80;
  bool debug_cti = false;
  std::vector<std::string> history;     // the last EXEC lines typed, oldest first (`show history`)
  bool vty = false;                     // a telnet or SSH session (enable needs a password there)
  int privilege = 1;                    // the EXEC privilege level, 0-15 (docs/cli.md §16)
  bool closed = false;                  // `exit` or `logout` ended the session
  std::optional<ConfigRow> render_row;  // the row of the last top-level command read from a file
  // The mode that command entered, while no kept line follows it: a reload reads what is rendered
  // after it in that mode. kNoMode when it entered none.
  grammar::ModeId render_mode = grammar::kNoMode;
  grammar::ModeId mode() const { return modes.back().mode; }
  /// Moves the EXEC level: 15 is privileged EXEC (`#`), below it user EXEC's commands (the
  /// prompt shows `#` from level 2 on).
  void set_privilege(int level) {
    privilege = level;
    modes.front().mode = level >= 15 ? kPrivilegedExec : kUserExec;
  }
};

/// A question the handler asks the terminal (`Password: `); the answer comes as the next line.
/// The callback prints into `output` and may ask a further question.
struct Question {
  std::string prompt;
  bool secret = false;  // do not echo
  std::function<std::optional<Question>(std::string_view answer, std::string& output)> answer;
};

struct CommandContext {
  CommandSession& session;
  ConfigStore& store;  // the running-config a config line changes
  Config* config;      // what a config line edits (a working copy while typing); null in EXEC
  const Args& args;
  std::string& output;                   // text to print, lines ending in '\n'
  std::optional<std::size_t> reject_at;  // set by a handler: caret error here, nothing applied
  std::optional<Question> question;      // set by a handler: ask, then call back
  std::size_t caret_base = 0;            // column of the line's first byte (prompt length)
  bool error_printed = false;            // set by a handler that printed its own error
  bool stop_loading = false;             // `end` in a file
  bool config_changed = false;           // set by config handlers that changed something
  grammar::ModeId fell_from = grammar::kNoMode;  // the outermost mode fall-through left, if any
};

using Handler = std::function<void(CommandContext&)>;

struct ConfigCommand {
  grammar::ModeId mode = kGlobalConfig;
  std::string syntax;
  std::vector<std::string> help;  // one per token of `syntax`
  Handler handler;
  bool no_form = true;               // registers `no ...` and `default ...` too
  std::string no_syntax;             // defaults to `syntax`
  std::vector<std::string> no_help;  // defaults to `help`
  bool hidden = false;               // an alias: accepted, never offered (docs/decisions.md #6)
  std::optional<ConfigRow> row;      // top-level commands: the row they render in
};

enum class LineOutcome { kOk, kError };

struct LineResult {
  LineOutcome outcome = LineOutcome::kOk;
  std::optional<Question> question;
  bool stop_loading = false;
};

class CommandSet {
 public:
  CommandSet();  // registers the modes and every configuration command

  grammar::CommandTree& tree() { return tree_; }
  const grammar::CommandTree& tree() const { return tree_; }

  /// Registers a command with its handler. `help` has one text per token of the syntax.
  grammar::CommandId add(grammar::ModeId mode, std::string_view syntax,
                         const std::vector<std::string>& help, Handler handler,
                         bool hidden = false);
  /// A configuration command plus its `no` and `default` forms. The handler tells them apart
  /// with args.has("no") / args.has("default").
  void add_config(const ConfigCommand& command);

  /// Runs one line in the session's mode, with IOS fall-through to parent modes. Errors are
  /// printed into `output` with a caret under `caret_base + offset` (prompt or `FILE:LINE: `).
  /// When `config` is null the line edits a copy of the running-config that the router applies.
  LineResult execute(CommandSession& session, ConfigStore& store, std::string_view line,
                     std::string& output, std::size_t caret_base, Config* config = nullptr);

  /// Prompt for a session: `Router(config-ephone-dn)#`.
  std::string prompt(const CommandSession& session, std::string_view hostname) const;

 private:
  void register_modes();
  grammar::CommandTree tree_;
  std::vector<Handler> handlers_;
};

/// The IOS error block for a caret at `column` (0-based, counted from the start of the line).
std::string caret_error(std::size_t column);

/// Registers all configuration commands (runtime/config_commands*.cpp).
void register_config_commands(CommandSet& commands);

}  // namespace cmemu::runtime
