#pragma once
// The line editor of one terminal (console or vty): a pure byte stream. Typed bytes go in
// through feed(); what the terminal shows comes out through the writer callback, with "\r\n"
// line ends. It owns echo, editing keys, history, `?` and TAB without Enter, Ctrl-Z and the
// `--More--` pager (docs/cli.md §6, §7, §13); the command line itself is the LineHandler's.
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

namespace cmemu::cli {

class Shell;

/// What the line editor asks of the command line behind it: a Shell in the programs
/// (ShellLineHandler), a scripted fake in unit tests.
class LineHandler {
 public:
  virtual ~LineHandler() = default;
  /// Text printed when the session starts (before the first prompt).
  virtual std::string start() = 0;
  /// Enter: the line typed (or the answer to a question); returns what to print.
  virtual std::string run_line(std::string_view line) = 0;
  /// `?` typed after `partial`.
  virtual std::string help(std::string_view partial) = 0;
  /// TAB typed after `partial`: the completed line (unchanged when nothing or several fit).
  virtual std::string complete(std::string_view partial) = 0;
  /// Ctrl-Z: what to print after `^Z`.
  virtual std::string ctrl_z() = 0;
  virtual std::string prompt() = 0;
  /// A question (`Password: `, `Destination filename [...]? `) waits for its answer.
  virtual bool in_question() = 0;
  /// The pending question's answer is not echoed.
  virtual bool secret_input() = 0;
  virtual bool closed() = 0;
  /// Lines per page; 0 = no paging.
  virtual int terminal_length() = 0;
  /// Columns; a longer line scrolls sideways. 0 = never scroll.
  virtual int terminal_width() = 0;
};

/// A LineHandler over a cli::Shell.
class ShellLineHandler final : public LineHandler {
 public:
  explicit ShellLineHandler(Shell& shell) : shell_(shell) {}
  std::string start() override;
  std::string run_line(std::string_view line) override;
  std::string help(std::string_view partial) override;
  std::string complete(std::string_view partial) override;
  std::string ctrl_z() override;
  std::string prompt() override;
  bool in_question() override;
  bool secret_input() override;
  bool closed() override;
  int terminal_length() override;
  int terminal_width() override;

 private:
  Shell& shell_;
};

/// Bounds of one terminal (docs/architecture.md "every size has a bound").
struct TerminalLimits {
  std::size_t max_line = 4096;           // bytes typed on one line; more rings the bell
  std::size_t history_size = 10;         // IOS `history size` default
  std::size_t max_notify_queue = 65536;  // log text held while output is paged; excess dropped
};

class TerminalSession {
 public:
  using Writer = std::function<void(std::string_view bytes)>;

  TerminalSession(LineHandler& handler, Writer writer, TerminalLimits limits = {});

  /// Prints the handler's opening text and the first prompt.
  void start();
  /// Bytes from the user's keyboard (telnet data already decoded).
  void feed(std::string_view bytes);
  /// Text that arrives between lines (log lines): shown on a line of its own, IOS style,
  /// or held until the current output and its pager are done.
  void notify(std::string_view text);
  /// The handler ended the session; nothing more is read. The transport closes.
  bool closed() const { return state_ == State::kClosed; }

  /// The line being edited and the cursor in it (for tests).
  const std::string& line() const { return line_; }
  std::size_t cursor() const { return cursor_; }

  /// The marker shown at the bottom of a page, and the bytes that erase it.
  static constexpr std::string_view kMore = " --More-- ";

 private:
  enum class State { kEditing, kPaging, kClosed };
  enum class After { kPrompt, kPromptAndLine };
  enum class KeyKind {
    kChar,
    kEnter,
    kUp,
    kDown,
    kRight,
    kLeft,
    kHome,
    kEnd,
    kDelete,
    kEscChar,
    kOther
  };
  struct Key {
    KeyKind kind = KeyKind::kOther;
    char ch = 0;
  };

  void decode(char c);
  void on_key(const Key& key);
  void on_edit_key(const Key& key);
  void on_page_key(const Key& key);

  void insert(char c);
  void backspace();
  void delete_at_cursor();
  void delete_range(std::size_t from, std::size_t to);
  void move_to(std::size_t pos);
  void replace_line(const std::string& text);
  void update_screen(bool whole);
  std::size_t window_columns();
  void adjust_scroll();
  std::string visible();
  void draw_line();
  void write_prompt();
  void history_up();
  void history_down();
  void submit();
  void tab();
  void question_mark();
  void ctrl_z();
  void ctrl_c();
  void redisplay();

  void show(std::string text, After after);
  void show_page(std::size_t lines);
  void finish(After after);
  void print_prompt(After after);
  void flush_notifications();
  void print_notification(std::string_view text);

  void write(std::string_view bytes) { writer_(bytes); }
  void write_text(std::string_view text);
  void bell() { write("\a"); }
  bool echo_off() const;

  LineHandler& handler_;
  Writer writer_;
  TerminalLimits limits_;
  State state_ = State::kEditing;
  bool busy_ = false;  // inside a handler call: notifications wait

  // Key decoder.
  enum class Decode { kNormal, kEsc, kCsi, kSs3 };
  Decode decode_ = Decode::kNormal;
  std::string csi_params_;
  bool after_cr_ = false;

  // Line editor.
  std::string line_;
  std::size_t cursor_ = 0;
  std::deque<std::string> history_;
  std::size_t history_pos_ = 0;  // == history_.size(): not browsing
  std::string saved_line_;       // the line being typed before browsing history

  // What the screen shows of the line after a prompt of prompt_len_: shown_, the part in view
  // from line_[scroll_] (a long line scrolls sideways), the cursor screen_col_ into it.
  static constexpr std::size_t kScrollStep = 10;
  static constexpr std::size_t kMinWindow = 20;
  std::size_t scroll_ = 0;
  std::size_t screen_col_ = 0;
  std::string shown_;
  std::size_t prompt_len_ = 0;

  // Pager.
  std::string pending_;
  std::size_t pending_pos_ = 0;
  After after_ = After::kPrompt;

  std::deque<std::string> notifications_;
  std::size_t notification_bytes_ = 0;
};

}  // namespace cmemu::cli
