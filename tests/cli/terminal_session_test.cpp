// The line editor: bytes typed in, bytes shown out.
#include "cli/terminal_session.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/shell.hpp"

using cmemu::cli::LineHandler;
using cmemu::cli::TerminalLimits;
using cmemu::cli::TerminalSession;

namespace {

// A command line whose answers the test scripts.
struct FakeHandler : LineHandler {
  std::string opening;
  std::string prompt_text = "Router#";
  std::map<std::string, std::string> answers;      // line -> output
  std::map<std::string, std::string> help_texts;   // partial -> listing
  std::map<std::string, std::string> completions;  // partial -> completed line
  std::string ctrl_z_text;
  std::vector<std::string> lines;  // every line run
  std::vector<std::string> helps;  // every `?` partial
  int ctrl_z_count = 0;
  bool secret = false;
  bool question = false;
  bool is_closed = false;
  int length = 24;
  int width = 80;
  std::string close_on;               // this line closes the session
  std::string ask_password_on;        // this line asks `Password: `
  std::function<void()> during_line;  // runs inside run_line

  std::string start() override { return opening; }
  std::string run_line(std::string_view line) override {
    lines.emplace_back(line);
    if (during_line) during_line();
    if (question) {
      question = secret = false;
      return "answered\n";
    }
    if (!close_on.empty() && line == close_on) is_closed = true;
    if (!ask_password_on.empty() && line == ask_password_on) question = secret = true;
    auto it = answers.find(std::string(line));
    return it == answers.end() ? std::string() : it->second;
  }
  std::string help(std::string_view partial) override {
    helps.emplace_back(partial);
    auto it = help_texts.find(std::string(partial));
    return it == help_texts.end() ? std::string("% Unrecognized command\n") : it->second;
  }
  std::string complete(std::string_view partial) override {
    auto it = completions.find(std::string(partial));
    return it == completions.end() ? std::string(partial) : it->second;
  }
  std::string ctrl_z() override {
    ++ctrl_z_count;
    return ctrl_z_text;
  }
  std::string prompt() override { return question ? "Password: " : prompt_text; }
  bool in_question() override { return question; }
  bool secret_input() override { return secret; }
  bool closed() override { return is_closed; }
  int terminal_length() override { return length; }
  int terminal_width() override { return width; }
};

struct Terminal {
  FakeHandler handler;
  std::string out;
  TerminalSession session;

  explicit Terminal(TerminalLimits limits = {})
      : session(
            handler, [this](std::string_view bytes) { out.append(bytes); }, limits) {}

  // Bytes shown in answer to `bytes`.
  std::string type(std::string_view bytes) {
    out.clear();
    session.feed(bytes);
    return out;
  }
};

std::string numbered_lines(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line" + std::to_string(i) + "\n";
  return text;
}

/// A terminal `length` lines long on which `command` prints lines 1 to `last`.
struct PagingTerminal : Terminal {
  PagingTerminal(int length, const std::string& command, int last) {
    handler.length = length;
    handler.answers[command] = numbered_lines(1, last);
  }
};

std::string crlf_lines(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line" + std::to_string(i) + "\r\n";
  return text;
}

const std::string kErase = "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b";

}  // namespace

TEST_CASE("start prints the opening text and the prompt") {
  Terminal t;
  t.handler.opening = "\nUser Access Verification\n\n";
  t.handler.question = t.handler.secret = true;
  t.session.start();
  CHECK(t.out == "\r\nUser Access Verification\r\n\r\nPassword: ");
}

TEST_CASE("typed characters are echoed and Enter runs the line") {
  Terminal t;
  t.handler.answers["show clock"] = "*00:00:01.000 UTC Mon Mar 1 1993\n";
  CHECK(t.type("show clock") == "show clock");
  CHECK(t.type("\r") == "\r\n*00:00:01.000 UTC Mon Mar 1 1993\r\nRouter#");
  CHECK(t.handler.lines == std::vector<std::string>{"show clock"});
  CHECK(t.session.line().empty());
}

TEST_CASE("CR, CR LF, CR NUL and LF are each one Enter") {
  Terminal t;
  t.type("a\rb\r\nc\r");
  t.type(std::string("\0", 1));
  t.type("d\n");
  t.type("\n");
  CHECK(t.handler.lines == std::vector<std::string>{"a", "b", "c", "d", ""});
  // CR and its LF may arrive in two reads.
  t.type("e\r");
  t.type("\n");
  CHECK(t.handler.lines.size() == 6);
}

TEST_CASE("an empty line gives a new prompt") {
  Terminal t;
  CHECK(t.type("\r") == "\r\nRouter#");
}

TEST_CASE("backspace and delete erase before the cursor") {
  Terminal t;
  t.type("shox");
  CHECK(t.type("\x7f") == "\b \b");
  CHECK(t.type("\b") == "\b \b");
  CHECK(t.session.line() == "sh");
  CHECK(t.type("\x7f\x7f\x7f") == "\b \b\b \b");  // nothing left to erase
  CHECK(t.session.line().empty());
}

TEST_CASE("cursor movement and insertion in the middle") {
  Terminal t;
  t.type("shw");
  CHECK(t.type("\x1b[D") == "\b");  // left arrow
  CHECK(t.type("o") == "ow\b");     // inserted, tail redrawn, cursor back
  CHECK(t.session.line() == "show");
  CHECK(t.session.cursor() == 3);
  CHECK(t.type("\x01") == "\b\b\b");    // Ctrl-A
  CHECK(t.type("\x06") == "s");         // Ctrl-F
  CHECK(t.type("\x05") == "how");       // Ctrl-E
  CHECK(t.type("\x02\x02") == "\b\b");  // Ctrl-B twice
  CHECK(t.type("\x1b[C") == "o");       // right arrow
  CHECK(t.session.cursor() == 3);
  CHECK(t.type("\x7f") == "\bw \b\b");  // erase 'o': tail shifts left
  CHECK(t.session.line() == "shw");
}

TEST_CASE("Ctrl-U, Ctrl-W and Ctrl-K delete parts of the line") {
  Terminal t;
  t.type("show running-config");
  CHECK(t.type("\x17") == std::string(14, '\b') + std::string(14, ' ') + std::string(14, '\b'));
  CHECK(t.session.line() == "show ");
  t.type("\x15");
  CHECK(t.session.line().empty());
  t.type("abc def");
  t.type("\x1b[D\x1b[D\x1b[D");
  t.type("\x0b");  // Ctrl-K
  CHECK(t.session.line() == "abc ");
  t.type("\x01");
  t.type("\x04");  // Ctrl-D deletes under the cursor
  CHECK(t.session.line() == "bc ");
}

TEST_CASE("escape sequences split across reads") {
  Terminal t;
  t.type("ab");
  t.type("\x1b");
  t.type("[");
  CHECK(t.type("D") == "\b");
  CHECK(t.session.cursor() == 1);
  t.type("\x1bOD");  // application-mode left arrow
  CHECK(t.session.cursor() == 0);
  t.type("\x1b[4~");  // End
  CHECK(t.session.cursor() == 2);
  t.type("\x1b[1~\x1b[3~");  // Home, Delete
  CHECK(t.session.line() == "b");
}

TEST_CASE("history: Up and Down arrows, Ctrl-P and Ctrl-N") {
  Terminal t;
  t.type("show version\r");
  t.type("show clock\r");
  CHECK(t.type("\x1b[A") == "show clock");
  CHECK(t.type("\x1b[A") == std::string(10, '\b') + "show version");
  CHECK(t.type("\x1b[A") == "\a");  // oldest reached
  CHECK(t.type("\x0e") == std::string(12, '\b') + "show clock  \b\b");
  CHECK(t.type("\x0e") == std::string(10, '\b') + "          " + std::string(10, '\b'));
  CHECK(t.session.line().empty());
  t.type("\x10\r");
  CHECK(t.handler.lines.back() == "show clock");
}

TEST_CASE("history keeps what was being typed and holds ten lines") {
  Terminal t;
  for (int i = 0; i < 12; ++i) t.type("cmd" + std::to_string(i) + "\r");
  t.type("partial");
  t.type("\x10");
  CHECK(t.session.line() == "cmd11");
  t.type("\x0e");
  CHECK(t.session.line() == "partial");
  t.type("\x15");
  for (int i = 0; i < 10; ++i) t.type("\x10");
  CHECK(t.session.line() == "cmd2");
  CHECK(t.type("\x10") == "\a");
}

TEST_CASE("`word?` lists at once, without Enter, and keeps the line") {
  Terminal t;
  t.handler.help_texts["sh"] = "show  \n\n";
  CHECK(t.type("sh?") == "sh?\r\nshow  \r\n\r\nRouter#sh");
  CHECK(t.handler.helps == std::vector<std::string>{"sh"});
  CHECK(t.handler.lines.empty());
  CHECK(t.session.line() == "sh");
  CHECK(t.session.cursor() == 2);
}

TEST_CASE("`word ?` lists the next words") {
  Terminal t;
  t.handler.help_texts["show "] =
      "  clock    Display the system clock\n  version  System hardware "
      "and software status\n\n";
  CHECK(t.type("show ?") ==
        "show ?\r\n  clock    Display the system clock\r\n  version  System hardware and "
        "software status\r\n\r\nRouter#show ");
  t.type("version\r");
  CHECK(t.handler.lines == std::vector<std::string>{"show version"});
}

TEST_CASE("`?` where nothing matches") {
  Terminal t;
  CHECK(t.type("xyz?") == "xyz?\r\n% Unrecognized command\r\nRouter#xyz");
}

TEST_CASE("TAB completes a unique keyword") {
  Terminal t;
  t.handler.completions["sh"] = "show ";
  t.handler.completions["SH"] = "show ";
  CHECK(t.type("sh\t") == "show ");
  CHECK(t.session.line() == "show ");
  t.type("\x15");
  t.type("SH");
  CHECK(t.type("\t") == "\b\bshow ");
  CHECK(t.session.line() == "show ");
}

TEST_CASE("TAB with no single completion shows the line again") {
  Terminal t;
  CHECK(t.type("c\t") == "c\r\nRouter#c");
  CHECK(t.session.line() == "c");
}

TEST_CASE("TAB completes from the end of the line") {
  Terminal t;
  t.handler.completions["conf t"] = "conf terminal ";
  t.type("conf t\x01");
  CHECK(t.type("\t") == "conf terminal ");
}

TEST_CASE("Ctrl-Z prints ^Z and leaves configuration mode") {
  Terminal t;
  t.handler.prompt_text = "Router(config)#";
  t.handler.ctrl_z_text =
      "*Mar  1 00:00:05.123: %SYS-5-CONFIG_I: Configured from console by console\n";
  std::string shown = t.type("\x1a");
  CHECK(shown ==
        "^Z\r\n*Mar  1 00:00:05.123: %SYS-5-CONFIG_I: Configured from console by "
        "console\r\nRouter(config)#");
  CHECK(t.handler.ctrl_z_count == 1);
  CHECK(t.handler.lines.empty());
}

TEST_CASE("Ctrl-Z runs a typed line first") {
  Terminal t;
  t.type("hostname R1\x1a");
  CHECK(t.handler.lines == std::vector<std::string>{"hostname R1"});
  CHECK(t.handler.ctrl_z_count == 1);
}

TEST_CASE("Ctrl-C drops the line") {
  Terminal t;
  CHECK(t.type("abc\x03") == "abc^C\r\nRouter#");
  CHECK(t.handler.lines.empty());
  CHECK(t.session.line().empty());
}

TEST_CASE("secret input is not echoed; ? and TAB are part of it") {
  Terminal t;
  t.handler.ask_password_on = "enable";
  CHECK(t.type("enable\r") == "enable\r\nPassword: ");
  CHECK(t.type("s?c\tx\x7fret") == "");
  CHECK(t.type("\r") == "\r\nanswered\r\nRouter#");
  CHECK(t.handler.lines.back() == "s?c\tret");
  CHECK(t.handler.helps.empty());
  // Answers are not history.
  t.type("\x10");
  CHECK(t.session.line() == "enable");
}

TEST_CASE("the line length is bounded") {
  TerminalLimits limits;
  limits.max_line = 8;
  Terminal t(limits);
  CHECK(t.type("12345678") == "12345678");
  CHECK(t.type("9") == "\a");
  CHECK(t.session.line() == "12345678");
  t.type("\r");
  CHECK(t.handler.lines.back() == "12345678");
}

TEST_CASE("a long line of input does not crash or grow past the bound") {
  Terminal t;
  std::string flood(100000, 'x');
  t.type(flood);
  CHECK(t.session.line().size() == 4096);
}

TEST_CASE("unknown escape sequences and control characters are ignored") {
  Terminal t;
  CHECK(t.type("\x1b[99;99Z\x1b[12345678901234567890~\x07\x1c") == "");
  CHECK(t.type("a") == "a");
}

TEST_CASE("pager: pages of length-1 lines, Space, Enter and q") {
  PagingTerminal t(5, "show run", 12);
  CHECK(t.type("show run\r") == "show run\r\n" + crlf_lines(1, 4) + " --More-- ");
  CHECK(t.type(" ") == kErase + crlf_lines(5, 8) + " --More-- ");
  CHECK(t.type("\r") == kErase + crlf_lines(9, 9) + " --More-- ");
  CHECK(t.type("\n") == "");  // the LF of CR LF is not a second key
  CHECK(t.type("q") == kErase + "Router#");
  CHECK(t.type("x") == "x");
}

TEST_CASE("pager: running to the end shows the prompt") {
  PagingTerminal t(5, "show run", 6);
  t.type("show run\r");
  CHECK(t.type(" ") == kErase + crlf_lines(5, 6) + "Router#");
}

TEST_CASE("pager: exactly one page needs no marker") {
  PagingTerminal t(5, "show run", 4);
  CHECK(t.type("show run\r") == "show run\r\n" + crlf_lines(1, 4) + "Router#");
}

TEST_CASE("pager: an arrow key stops it whole") {
  PagingTerminal t(3, "x", 10);
  t.type("x\r");
  CHECK(t.type("\x1b[A") == kErase + "Router#");
  CHECK(t.session.line().empty());
}

TEST_CASE("pager: terminal length 0 never pages") {
  PagingTerminal t(0, "x", 100);
  CHECK(t.type("x\r") == "x\r\n" + crlf_lines(1, 100) + "Router#");
}

TEST_CASE("pager: a `?` listing is paged and the line comes back") {
  Terminal t;
  t.handler.length = 3;
  t.handler.help_texts["show "] = numbered_lines(1, 3);
  CHECK(t.type("show ?") == "show ?\r\n" + crlf_lines(1, 2) + " --More-- ");
  CHECK(t.type("q") == kErase + "Router#show ");
  CHECK(t.session.line() == "show ");
}

TEST_CASE("log lines: printed at once at the prompt, IOS style") {
  Terminal t;
  t.session.notify("%SYS-5-CONFIG_I: Configured from console by vty0 (127.0.0.1)");
  CHECK(t.out == "\r\n%SYS-5-CONFIG_I: Configured from console by vty0 (127.0.0.1)");
  t.out.clear();
  t.type("sh");
  t.session.notify("log two\n");
  CHECK(t.out == "sh\r\nlog two\r\nRouter#sh");
}

TEST_CASE("log lines wait for the pager and for the running line") {
  PagingTerminal t(3, "x", 4);
  t.handler.during_line = [&] { t.session.notify("during"); };
  t.type("x\r");
  t.session.notify("paged");
  CHECK(t.out.find("during") == std::string::npos);
  CHECK(t.out.find("paged") == std::string::npos);
  CHECK(t.type(" ") == kErase + crlf_lines(3, 4) + "Router#\r\nduring\r\npaged");
}

TEST_CASE("the session closes when the handler says so") {
  Terminal t;
  t.handler.close_on = "exit";
  t.type("exit\r");
  CHECK(t.session.closed());
  CHECK(t.out == "exit\r\n");
  CHECK(t.type("more\r") == "");
  CHECK(t.handler.lines.size() == 1);
}

TEST_CASE("a session that closes at start prints no prompt") {
  Terminal t;
  t.handler.opening = "Password required, but none set\n";
  t.handler.is_closed = true;
  t.session.start();
  CHECK(t.out == "Password required, but none set\r\n");
  CHECK(t.session.closed());
}

TEST_CASE("a line wider than the terminal scrolls sideways by ten, with $ marks") {
  Terminal t;
  t.handler.width = 40;  // `Router#` + 32 columns + one left free
  t.session.start();
  std::string text = "0123456789012345678901234567890a";
  CHECK(t.type(text) == text);
  // The 33rd character: the line moves ten to the left, `$` marks the hidden start.
  std::string line = text + "b";
  CHECK(t.type("b") ==
        std::string(32, '\b') + "$" + line.substr(11) + std::string(9, ' ') + std::string(9, '\b'));
  // More typing stays in view.
  CHECK(t.type("c") == "c");
  line += "c";
  // Ctrl-A: back to the start; `$` marks the hidden end.
  CHECK(t.type("\x01") == std::string(24, '\b') + line.substr(0, 31) + "$" + std::string(32, '\b'));
  CHECK(t.type("\x06") == "0");  // Ctrl-F within the view
  // Ctrl-E: the end again.
  CHECK(t.type("\x05") ==
        std::string(1, '\b') + "$" + line.substr(11) + std::string(8, ' ') + std::string(8, '\b'));
  t.type("\r");
  CHECK(t.handler.lines.back() == line);
  // The next prompt starts unscrolled.
  CHECK(t.type("ab") == "ab");
}

TEST_CASE("a long line from history shows its end") {
  Terminal t;
  t.handler.width = 40;
  t.session.start();
  std::string line(50, 'x');
  t.type(line + "\r");
  CHECK(t.type("\x10") == "$" + std::string(29, 'x'));
  t.type("\x15");  // Ctrl-U: all gone, view back at the start
  CHECK(t.session.line().empty());
  CHECK(t.type("y") == "y");
}

TEST_CASE("terminal width 0 never scrolls") {
  Terminal t;
  t.handler.width = 0;
  std::string line(300, 'z');
  CHECK(t.type(line) == line);
}

// The editor over the real command line.
TEST_CASE("terminal session over a Shell") {
  cmemu::cli::AppOptions options;
  options.console = false;
  cmemu::cli::App app(options);
  cmemu::cli::Shell shell(app, cmemu::cli::ShellKind::kConsole);
  cmemu::cli::ShellLineHandler handler(shell);
  std::string out;
  TerminalSession session(handler, [&](std::string_view bytes) { out.append(bytes); });
  session.start();
  CHECK(out == "Router>");
  // What the session shows in answer to `bytes`.
  auto typed = [&](std::string_view bytes) {
    out.clear();
    session.feed(bytes);
    return out;
  };
  CHECK(typed("enable\r") == "enable\r\nRouter#");
  CHECK(typed("conf\t") == "configure ");
  CHECK(typed("t\r") ==
        "t\r\nEnter configuration commands, one per line.  End with CNTL/Z.\r\n"
        "Router(config)#");
  CHECK(typed("hostname R9\r") == "hostname R9\r\nR9(config)#");
  CHECK(typed("hostnam?") == "hostnam?\r\nhostname  \r\n\r\nR9(config)#hostnam");
  typed("\x15\x1a");
  CHECK(out.starts_with(std::string(7, '\b') + std::string(7, ' ') + std::string(7, '\b') +
                        "^Z\r\n"));
  CHECK(out.find("%SYS-5-CONFIG_I: Configured from console by console\r\n") != std::string::npos);
  CHECK(out.ends_with("R9#"));
}
