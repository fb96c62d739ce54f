// EXEC commands (docs/commands.md §1) and `do` in configuration modes.
#include "cli/exec_commands.hpp"
#include "cli/http_commands.hpp"

#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "cli/output_filter.hpp"
#include "cli/shell.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"
#include "runtime/config/credentials.hpp"
#include "runtime/config/render_config.hpp"
#include "runtime/config/secrets.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;
using runtime::kPrivilegedExec;
using runtime::kUserExec;

constexpr std::size_t kNvramSize = 262136;  // docs/cli.md §11 (emulated)

// Output modifiers appended to every `show` syntax (docs/cli.md §14).
constexpr const char* kFilterSyntax =
    " [\\| {begin$begin | count$count | exclude$exclude | include$include | section$section} "
    "LINE$regex]";
const std::vector<std::string> kFilterHelp = {"Output modifiers",
                                              "Begin with the line that matches",
                                              "Count number of lines which match regexp",
                                              "Exclude lines that match",
                                              "Include lines that match",
                                              "Filter a section of output",
                                              "Regular Expression"};

void print_filtered(CommandContext& c, const std::string& text) {
  if (!c.args.has("|")) {
    c.output += text;
    return;
  }
  FilterKind kind = c.args.has("begin")     ? FilterKind::kBegin
                    : c.args.has("count")   ? FilterKind::kCount
                    : c.args.has("exclude") ? FilterKind::kExclude
                    : c.args.has("include") ? FilterKind::kInclude
                                            : FilterKind::kSection;
  auto filtered = apply_output_filter(text, kind, c.args.rest("regex"));
  if (!filtered) {
    c.reject_at = c.args.offset("regex");
    return;
  }
  c.output += *filtered;
}

class ExecRegistry {
 public:
  explicit ExecRegistry(App& app) : app_(app) {}

  void add(std::initializer_list<grammar::ModeId> modes, const std::string& syntax,
           const std::vector<std::string>& help, runtime::Handler handler) {
    for (auto mode : modes) app_.commands.add(mode, syntax, help, handler);
  }

  void show(std::initializer_list<grammar::ModeId> modes, const std::string& syntax,
            std::vector<std::string> help, ShowProducer producer) {
    add_show_command(app_, modes, syntax, std::move(help), std::move(producer));
  }

 private:
  App& app_;
};

// docs/cli.md §10: `all` and `full` print what the plain form prints (cmemu renders no hidden
// defaults); `interface NAME` prints that interface's block under the usual header.
std::string show_running_config(App& app, CommandContext& c) {
  const auto& config = app.router.running();
  if (!c.args.has("interface"))
    return runtime::render_running_config(config, app.render_comments());
  auto name = runtime::canonical_interface_name(c.args.get("type"), c.args.get("unit"));
  std::string body = runtime::render_config_body(config);
  std::string header = "\ninterface " + (name ? *name : std::string()) + "\n";
  auto start = name ? body.find(header) : std::string::npos;
  if (start == std::string::npos) {
    c.reject_at = c.args.offset("type");
    return {};
  }
  auto end = body.find("\n!", start + 1);
  std::string block = "!" + body.substr(start, end - start) + "\nend\n";
  return "Building configuration...\n\nCurrent configuration : " + std::to_string(block.size()) +
         " bytes\n" + block;
}

std::string show_startup_config(App& app) {
  std::ifstream file(app.options.startup_config, std::ios::binary);
  if (app.options.startup_config.empty() || !file) return "startup-config is not present\n";
  std::ostringstream text;
  text << file.rdbuf();
  std::string body = text.str();
  if (!body.empty() && body.back() != '\n') body += '\n';
  return "Using " + std::to_string(body.size()) + " out of " + std::to_string(kNvramSize) +
         " bytes\n" + body;
}

void save(App& app, std::string& output) {
  output += "Building configuration...\n";
  std::string error = app.save_startup_config();
  if (error.empty())
    output += "[OK]\n";
  else
    output += "%Error opening nvram:startup-config (" + error + ")\n";
}

void register_mode_changes(App& app, ExecRegistry& exec) {
  // `enable [N]` (docs/cli.md §16): down without a password, up to 15 with the enable secret.
  // Levels below 15 have no secret of their own here (`enable secret level` is not modelled).
  exec.add({kUserExec, kPrivilegedExec}, "enable [<0-15>$level]",
           {"Turn on privileged commands", "Enable level"}, [&app](CommandContext& c) {
             const auto& config = app.router.running();
             auto& session = c.session;
             int level = static_cast<int>(c.args.number("level", 15));
             if (level <= session.privilege) {
               session.set_privilege(level);
               return;
             }
             bool has_secret = level == 15 && (config.enable_secret || config.enable_password);
             if (!has_secret) {
               if (session.vty) {
                 c.output += "% No password set\n";
                 return;
               }
               session.set_privilege(level);
               return;
             }
             c.question = password_question(
                 "% Access denied\n\n", "% Bad secrets\n\n",
                 [&app](std::string_view answer) {
                   return runtime::enable_answer_matches(app.router.running(), answer);
                 },
                 {}, [&session, level](std::string&) { session.set_privilege(level); });
           });
  exec.add({kUserExec, kPrivilegedExec}, "disable [<0-15>$level]",
           {"Turn off privileged commands", "Privilege level to go to"}, [](CommandContext& c) {
             int level = static_cast<int>(c.args.number("level", 1));
             if (level <= c.session.privilege) c.session.set_privilege(level);
           });
  for (const char* word : {"exit", "logout"})
    exec.add({kUserExec, kPrivilegedExec}, word, {"Exit from the EXEC"},
             [](CommandContext& c) { c.session.closed = true; });
  auto enter_config = [](runtime::CommandSession& session, std::string& output) {
    output += "Enter configuration commands, one per line.  End with CNTL/Z.\n";
    session.modes.push_back(runtime::ModeFrame{runtime::kGlobalConfig, {}, {}});
  };
  exec.add({kPrivilegedExec}, "configure terminal$terminal",
           {"Enter configuration mode", "Configure from the terminal"},
           [enter_config](CommandContext& c) { enter_config(c.session, c.output); });
  exec.add({kPrivilegedExec}, "configure", {"Enter configuration mode"},
           [enter_config](CommandContext& c) {
             auto& session = c.session;
             c.question = runtime::Question{
                 "Configuring from terminal, memory, or network [terminal]? ", false,
                 [&session, enter_config](std::string_view,
                                          std::string& output) -> std::optional<runtime::Question> {
                   // Every answer is taken as `terminal` (emulated: cmemu has no other source).
                   enter_config(session, output);
                   return std::nullopt;
                 }};
           });
  for (grammar::ModeId mode = runtime::kGlobalConfig; mode < runtime::kModeCount; ++mode)
    app.commands.add(
        mode, "do LINE$command", {"To run exec commands in config mode", "Exec Command"},
        [&app](CommandContext& c) {
          runtime::CommandSession exec_session = c.session;
          exec_session.modes = {runtime::ModeFrame{kPrivilegedExec, {}, {}}};
          auto command = c.args.rest("command");
          auto result = app.commands.execute(exec_session, app.router, command, c.output,
                                             c.caret_base + c.args.offset("command"));
          c.session.terminal_length = exec_session.terminal_length;
          c.session.terminal_width = exec_session.terminal_width;
          c.session.debug_cti = exec_session.debug_cti;
          if (result.question) c.question = std::move(result.question);
          if (result.outcome == runtime::LineOutcome::kError) c.error_printed = true;
        });
}

void register_show_commands(App& app, ExecRegistry& exec) {
  exec.show({kPrivilegedExec},
            "show running-config [all$all | full$full | interface WORD$type [WORD$unit]]",
            {"Show running system information", "Current operating configuration",
             "Configuration with defaults", "full configuration", "Show interface configuration",
             "Interface name", "Interface number"},
            [&app](CommandContext& c) { return show_running_config(app, c); });
  exec.show({kUserExec, kPrivilegedExec}, "show history",
            {"Show running system information", "Display the session command history"},
            [](CommandContext& c) {
              std::string text;
              for (const auto& line : c.session.history) text += "  " + line + "\n";
              return text;
            });
  exec.show({kPrivilegedExec}, "show startup-config",
            {"Show running system information", "Contents of startup configuration"},
            [&app](CommandContext&) { return show_startup_config(app); });
}

void register_save_commands(App& app, ExecRegistry& exec) {
  exec.add({kPrivilegedExec}, "write [memory]",
           {"Write running configuration to memory, network, or terminal", "Write to NV memory"},
           [&app](CommandContext& c) { save(app, c.output); });
  exec.add({kPrivilegedExec}, "copy running-config startup-config",
           {"Copy from one file to another", "Copy from current system configuration",
            "Copy to startup configuration"},
           [&app](CommandContext& c) {
             c.question = runtime::Question{
                 "Destination filename [startup-config]? ", false,
                 [&app](std::string_view, std::string& output) -> std::optional<runtime::Question> {
                   save(app, output);
                   return std::nullopt;
                 }};
           });
}

void register_terminal_commands(ExecRegistry& exec) {
  exec.add({kUserExec, kPrivilegedExec}, "terminal length <0-512>$lines",
           {"Set terminal line parameters", "Set number of lines on a screen",
            "Number of lines on screen (0 for no pausing)"},
           [](CommandContext& c) {
             c.session.terminal_length = static_cast<int>(c.args.number("lines"));
           });
  exec.add({kUserExec, kPrivilegedExec}, "terminal width <0-512>$columns",
           {"Set terminal line parameters", "Set width of the display terminal",
            "Number of characters on a screen line"},
           [](CommandContext& c) {
             c.session.terminal_width = static_cast<int>(c.args.number("columns"));
           });
}

void register_debug_commands(ExecRegistry& exec) {
  exec.add({kPrivilegedExec}, "debug cti",
           {"Debugging functions (see also 'undebug')", "CTI debugging"}, [](CommandContext& c) {
             c.session.debug_cti = true;
             c.output += "CTI debugging is on\n";
           });
  exec.add({kPrivilegedExec}, "no debug cti",
           {"Negate a command or set its defaults", "Debugging functions (see also 'undebug')",
            "CTI debugging"},
           [](CommandContext& c) {
             c.session.debug_cti = false;
             c.output += "CTI debugging is off\n";
           });
  auto all_off = [](CommandContext& c) {
    c.session.debug_cti = false;
    c.output += "All possible debugging has been turned off\n";
  };
  exec.add({kPrivilegedExec}, "undebug all",
           {"Disable debugging functions (see also 'debug')", "Disable all debugging"}, all_off);
  exec.add({kPrivilegedExec}, "no debug all",
           {"Negate a command or set its defaults", "Debugging functions (see also 'undebug')",
            "Disable all debugging"},
           all_off);
}

}  // namespace

void add_show_command(App& app, const std::vector<grammar::ModeId>& modes,
                      const std::string& syntax, std::vector<std::string> help,
                      ShowProducer producer) {
  help.insert(help.end(), kFilterHelp.begin(), kFilterHelp.end());
  for (auto mode : modes)
    app.commands.add(mode, syntax + kFilterSyntax, help,
                     [producer](CommandContext& c) { print_filtered(c, producer(c)); });
}

void register_exec_commands(App& app) {
  ExecRegistry exec(app);
  register_mode_changes(app, exec);
  register_show_commands(app, exec);
  register_save_commands(app, exec);
  register_terminal_commands(exec);
  register_debug_commands(exec);
  register_platform_commands(app);
  register_cme_show_commands(app);
  register_telephony_commands(app);
  register_line_commands(app);
  register_ssh_commands(app);
  register_http_commands(app);
}

}  // namespace cmemu::cli
