// cmemu: the router. Boots from a startup-config, then serves the console (a terminal, or a
// script on stdin), telnet vtys and the telephony services.
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>

#include "cli/app.hpp"
#include "cli/event_loop.hpp"
#include "cli/shell.hpp"
#include "cli/terminal_session.hpp"

namespace {

using cmemu::cli::App;
using cmemu::cli::Shell;
using cmemu::cli::ShellKind;

// A script on stdin is printed as the terminal would show it: prompt, typed line, answer.
int run_script(App& app, std::istream& in) {
  Shell shell(app, ShellKind::kScript);
  std::string line;
  while (!shell.closed() && std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string prompt = shell.prompt();
    std::cout << prompt << (shell.secret_input() ? "" : line) << '\n';
    // A line ending in `?` asks for help, as the key does on a terminal; it runs nothing.
    if (!shell.in_question() && !line.empty() && line.back() == '?') {
      std::cout << shell.help(std::string_view(line).substr(0, line.size() - 1));
      continue;
    }
    std::cout << shell.run_line(line);
  }
  if (!shell.closed()) std::cout << shell.prompt() << '\n';
  return shell.had_error() ? 1 : 0;
}

// `-c` lines run at privileged EXEC and print only the router's answer (with the typed line
// echoed before an error, so that its caret lines up).
int run_commands(App& app, const std::vector<std::string>& lines) {
  Shell shell(app, ShellKind::kScript);
  shell.session().set_privilege(15);
  bool failed = false;
  for (const auto& line : lines) {
    if (shell.closed()) break;
    std::string prompt = shell.prompt();
    bool was_failed = shell.had_error();
    std::string output = shell.run_line(line);
    if (shell.had_error() && !was_failed) {
      failed = true;
      std::cout << prompt << line << '\n';
    }
    std::cout << output;
  }
  return failed ? 1 : 0;
}

// `--keys`: stdin holds the key presses of a terminal (for scripted tests of the line editor,
// `?`, TAB and the pager); stdout gets exactly what a terminal would be sent.
int run_keys(App& app, std::istream& in) {
  Shell shell(app, ShellKind::kConsole);
  cmemu::cli::ShellLineHandler handler(shell);
  cmemu::cli::TerminalSession terminal(handler, [](std::string_view bytes) {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
  shell.notify = [&terminal](const std::string& text) { terminal.notify(text); };
  terminal.start();
  char buffer[4096];
  while (!terminal.closed() && in.read(buffer, sizeof buffer).gcount() > 0)
    terminal.feed(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
  std::cout.flush();
  return shell.had_error() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  cmemu::cli::AppOptions options;
  bool no_console = false;
  bool keys = false;
  CLI::App cli{"cmemu: an emulated Cisco CME router with CTI CSTA"};
  cli.add_option("--startup-config", options.startup_config,
                 "startup-config file, loaded at boot and written by `write memory`");
  cli.add_option("--bind-address", options.bind_address,
                 "host address for router addresses the host does not own");
  cli.add_option("--vty-port", options.vty_port, "telnet vty port")->check(CLI::Range(1, 65535));
  cli.add_option("--ssh-port", options.ssh_port, "SSH vty port (0: no SSH)")
      ->check(CLI::Range(0, 65535));
  auto* tftp_port =
      cli.add_option("--tftp-port", options.tftp_port,
                     "TFTP port of the phones' configuration files (0: no TFTP; default 69, "
                     "skipped with a log line when it cannot be bound)")
          ->check(CLI::Range(0, 65535));
  cli.add_option("--flash-dir", options.flash_dir,
                 "folder that stands for flash: (the files `tftp-server flash:NAME` serves)");
  cli.add_option("--model", options.model, "router model that show version reports")
      ->capture_default_str();
  cli.add_option("--image", options.image,
                 "IOS image file name that show version reports (boot system overrides it)")
      ->capture_default_str();
  cli.add_flag("--no-console", no_console, "serve telnet and services only, until SIGINT/SIGTERM");
  cli.add_option("-c", options.commands, "run COMMAND at privileged EXEC after boot, then exit");
  cli.add_flag("--keys", keys, "read stdin as terminal key presses (scripted line-editor tests)");
  CLI11_PARSE(cli, argc, argv);
  options.console = !no_console;
  options.tftp_port_given = tftp_port->count() > 0;
  // One descriptor per phone (max-ephones goes to 5000) and per SIP TCP peer: lift the soft limit
  // to the hard one, as the default 1024 would refuse phones before the configured bound does.
  if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  if (options.startup_config.empty() && std::filesystem::exists("startup-config"))
    options.startup_config = "startup-config";

  App app(options);
  std::cerr << app.boot();
  if (!options.commands.empty()) return run_commands(app, options.commands);
  if (keys) return run_keys(app, std::cin);
  if (options.console && !isatty(STDIN_FILENO)) return run_script(app, std::cin);
  return cmemu::cli::run_event_loop(app);
}
