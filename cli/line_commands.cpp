// The terminal lines and who is on them (docs/cli.md §16): `show privilege`, `show users`,
// `clear line`.
#include <algorithm>
#include <cstdio>

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "cli/shell.hpp"
#include "runtime/clock.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;
using runtime::kPrivilegedExec;
using runtime::kUserExec;

// IOS numbers every line of the router: here con 0 is 0, aux 0 is 1 and vty N is N + 2
// (emulated; the real numbers depend on the hardware).
constexpr int kFirstVtyLine = 2;

std::string idle_text(std::chrono::steady_clock::duration idle) {
  long long seconds = std::chrono::duration_cast<std::chrono::seconds>(idle).count();
  char text[16];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", seconds / 3600 % 100, seconds / 60 % 60,
                seconds % 60);
  return text;
}

std::string show_users(App& app, const Shell* self) {
  std::string text = "    Line       User       Host(s)              Idle       Location\n";
  std::vector<const Shell*> shells(app.shells().begin(), app.shells().end());
  auto line_of = [](const Shell* s) {
    return s->kind() == ShellKind::kVty ? kFirstVtyLine + s->vty_number() : 0;
  };
  std::stable_sort(shells.begin(), shells.end(),
                   [&](const Shell* a, const Shell* b) { return line_of(a) < line_of(b); });
  auto now = runtime::Clock::instance().steady_now();
  char row[200];
  for (const Shell* s : shells) {
    bool vty = s->kind() == ShellKind::kVty;
    std::string name = vty ? "vty " + std::to_string(s->vty_number()) : "con 0";
    std::snprintf(row, sizeof row, "%c%3d %-10s%-11s%-21s%-8s %s", s == self ? '*' : ' ',
                  line_of(s), name.c_str(), s->user().c_str(), "idle",
                  idle_text(now - s->last_input()).c_str(), vty ? s->peer().c_str() : "");
    std::string line = row;
    while (line.ends_with(' ')) line.pop_back();
    text += line + "\n";
  }
  text += "\n  Interface    User               Mode         Idle     Peer Address\n\n";
  return text;
}

// The terminal whose `c.session` this is, if it is one of the app's shells.
const Shell* own_shell(App& app, const CommandContext& c) {
  for (const Shell* s : app.shells())
    if (&s->session() == &c.session) return s;
  return nullptr;
}

}  // namespace

void register_line_commands(App& app) {
  add_show_command(
      app, {kUserExec, kPrivilegedExec}, "show privilege",
      {"Show running system information", "Show current privilege level"}, [](CommandContext& c) {
        return "Current privilege level is " + std::to_string(c.session.privilege) + "\n";
      });
  add_show_command(app, {kUserExec, kPrivilegedExec}, "show users",
                   {"Show running system information", "Display information about terminal lines"},
                   [&app](CommandContext& c) { return show_users(app, own_shell(app, c)); });
  // `clear line vty N` or `clear line N` (the absolute number of `show users`).
  app.commands.add(
      kPrivilegedExec, "clear line {vty$vty <0-15>$n | <0-17>$line_number}",
      {"Reset functions", "Reset a terminal line", "Virtual terminal", "First line number",
       "Line number"},
      [&app](CommandContext& c) {
        int vty = c.args.has("vty")
                      ? static_cast<int>(c.args.number("n"))
                      : static_cast<int>(c.args.number("line_number")) - kFirstVtyLine;
        c.question = runtime::Question{
            "[confirm]", false,
            [&app, vty](std::string_view answer,
                        std::string& output) -> std::optional<runtime::Question> {
              if (!answer.empty() && answer.front() != 'y' && answer.front() != 'Y') return {};
              output += " [OK]\n";
              for (Shell* s : app.shells())
                if (s->kind() == ShellKind::kVty && s->vty_number() == vty && s->hang_up)
                  s->hang_up();
              return std::nullopt;
            }};
      });
}

}  // namespace cmemu::cli
