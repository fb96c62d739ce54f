#include "cli/terminal_session.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "cli/shell.hpp"

namespace cmemu::cli {

std::string ShellLineHandler::start() {
  return shell_.start();
}
std::string ShellLineHandler::run_line(std::string_view line) {
  return shell_.run_line(line);
}
std::string ShellLineHandler::help(std::string_view partial) {
  return shell_.help(partial);
}
std::string ShellLineHandler::complete(std::string_view partial) {
  return shell_.complete(partial);
}
std::string ShellLineHandler::ctrl_z() {
  return shell_.ctrl_z();
}
std::string ShellLineHandler::prompt() {
  return shell_.prompt();
}
bool ShellLineHandler::in_question() {
  return shell_.in_question();
}
bool ShellLineHandler::secret_input() {
  return shell_.secret_input();
}
bool ShellLineHandler::closed() {
  return shell_.closed();
}
int ShellLineHandler::terminal_length() {
  return shell_.terminal_length();
}
int ShellLineHandler::terminal_width() {
  return shell_.terminal_width();
}

namespace {
constexpr char kCtrlA = 0x01, kCtrlB = 0x02, kCtrlC = 0x03, kCtrlD = 0x04, kCtrlE = 0x05,
               kCtrlF = 0x06, kBackspace = 0x08, kTab = 0x09, kCtrlK = 0x0b, kCtrlL = 0x0c,
               kCtrlN = 0x0e, kCtrlP = 0x10, kCtrlR = 0x12, kCtrlU = 0x15, kCtrlW = 0x17,
               kCtrlX = 0x18, kCtrlZ = 0x1a, kDel = 0x7f;
constexpr std::size_t kMaxCsiParams = 16;

std::string backspaces(std::size_t n) {
  return std::string(n, '\b');
}

bool printable(char c) {
  return c >= 0x20 && c <= 0x7e;
}
}  // namespace

TerminalSession::TerminalSession(LineHandler& handler, Writer writer, TerminalLimits limits)
    : handler_(handler), writer_(std::move(writer)), limits_(limits) {}

void TerminalSession::start() {
  busy_ = true;
  std::string text = handler_.start();
  busy_ = false;
  write_text(text);
  finish(After::kPrompt);
}

void TerminalSession::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (state_ == State::kClosed) return;
    decode(c);
  }
}

// Bytes to keys: CR, CR LF, CR NUL and LF are one Enter; ESC [ x and ESC O x are cursor keys;
// ESC x is an IOS Esc-command (Esc B, Esc F).
void TerminalSession::decode(char c) {
  switch (decode_) {
    case Decode::kNormal:
      if (c == '\r') {
        after_cr_ = true;
        on_key({KeyKind::kEnter, c});
        return;
      }
      if (c == '\n' || c == '\0') {
        bool swallow = after_cr_;
        after_cr_ = false;
        if (!swallow && c == '\n') on_key({KeyKind::kEnter, c});
        return;
      }
      after_cr_ = false;
      if (c == 0x1b) {
        decode_ = Decode::kEsc;
        return;
      }
      on_key({KeyKind::kChar, c});
      return;
    case Decode::kEsc:
      if (c == '[') {
        decode_ = Decode::kCsi;
        csi_params_.clear();
        return;
      }
      if (c == 'O') {
        decode_ = Decode::kSs3;
        return;
      }
      decode_ = Decode::kNormal;
      on_key({KeyKind::kEscChar, c});
      return;
    case Decode::kCsi:
    case Decode::kSs3: {
      if (decode_ == Decode::kCsi && c >= 0x20 && c <= 0x3f) {
        if (csi_params_.size() < kMaxCsiParams) csi_params_ += c;
        return;
      }
      decode_ = Decode::kNormal;
      // The final byte names the arrows, Home and End; `~` ends a numbered (VT220) key.
      static constexpr std::pair<char, KeyKind> kFinalBytes[] = {
          {'A', KeyKind::kUp},   {'B', KeyKind::kDown}, {'C', KeyKind::kRight},
          {'D', KeyKind::kLeft}, {'H', KeyKind::kHome}, {'F', KeyKind::kEnd}};
      Key key{KeyKind::kOther, c};
      for (const auto& [final_byte, kind] : kFinalBytes)
        if (c == final_byte) key.kind = kind;
      if (c == '~') {
        if (csi_params_ == "1" || csi_params_ == "7") key.kind = KeyKind::kHome;
        if (csi_params_ == "4" || csi_params_ == "8") key.kind = KeyKind::kEnd;
        if (csi_params_ == "3") key.kind = KeyKind::kDelete;
      }
      on_key(key);
      return;
    }
  }
}

void TerminalSession::on_key(const Key& key) {
  if (state_ == State::kEditing)
    on_edit_key(key);
  else if (state_ == State::kPaging)
    on_page_key(key);
}

void TerminalSession::on_edit_key(const Key& key) {
  bool secret = echo_off();
  switch (key.kind) {
    case KeyKind::kEnter:
      submit();
      return;
    case KeyKind::kLeft:
      if (!secret && cursor_ > 0) move_to(cursor_ - 1);
      return;
    case KeyKind::kRight:
      if (!secret && cursor_ < line_.size()) move_to(cursor_ + 1);
      return;
    case KeyKind::kHome:
      if (!secret) move_to(0);
      return;
    case KeyKind::kEnd:
      if (!secret) move_to(line_.size());
      return;
    case KeyKind::kUp:
      history_up();
      return;
    case KeyKind::kDown:
      history_down();
      return;
    case KeyKind::kDelete:
      delete_at_cursor();
      return;
    case KeyKind::kOther:
      return;
    case KeyKind::kEscChar:
      if (secret) return;
      if (key.ch == 'b' || key.ch == 'B') {  // Esc B: back one word
        std::size_t pos = cursor_;
        while (pos > 0 && line_[pos - 1] == ' ') --pos;
        while (pos > 0 && line_[pos - 1] != ' ') --pos;
        move_to(pos);
      } else if (key.ch == 'f' || key.ch == 'F') {  // Esc F: forward one word
        std::size_t pos = cursor_;
        while (pos < line_.size() && line_[pos] == ' ') ++pos;
        while (pos < line_.size() && line_[pos] != ' ') ++pos;
        move_to(pos);
      } else if (key.ch == 'd' || key.ch == 'D') {  // Esc D: delete the next word
        std::size_t pos = cursor_;
        while (pos < line_.size() && line_[pos] == ' ') ++pos;
        while (pos < line_.size() && line_[pos] != ' ') ++pos;
        delete_range(cursor_, pos);
      }
      return;
    case KeyKind::kChar:
      break;
  }
  char c = key.ch;
  if (printable(c)) {
    if (c == '?')
      question_mark();
    else
      insert(c);
    return;
  }
  switch (c) {
    case kDel:
    case kBackspace:
      backspace();
      return;
    case kTab:
      tab();
      return;
    case kCtrlZ:
      ctrl_z();
      return;
    case kCtrlC:
      ctrl_c();
      return;
    case kCtrlU:
    case kCtrlX:
      delete_range(0, cursor_);
      return;
    default:
      break;
  }
  if (secret) return;  // the other editing keys would show where the cursor is
  switch (c) {
    case kCtrlA:
      move_to(0);
      return;
    case kCtrlE:
      move_to(line_.size());
      return;
    case kCtrlB:
      if (cursor_ > 0) move_to(cursor_ - 1);
      return;
    case kCtrlF:
      if (cursor_ < line_.size()) move_to(cursor_ + 1);
      return;
    case kCtrlD:
      delete_at_cursor();
      return;
    case kCtrlK:
      delete_range(cursor_, line_.size());
      return;
    case kCtrlW: {
      std::size_t pos = cursor_;
      while (pos > 0 && line_[pos - 1] == ' ') --pos;
      while (pos > 0 && line_[pos - 1] != ' ') --pos;
      delete_range(pos, cursor_);
      return;
    }
    case kCtrlP:
      history_up();
      return;
    case kCtrlN:
      history_down();
      return;
    case kCtrlR:
    case kCtrlL:
      redisplay();
      return;
    default:
      return;  // other control characters are ignored
  }
}

void TerminalSession::on_page_key(const Key& key) {
  // Erase the marker: back over it, blank it, back again (docs/cli.md §13).
  std::string erase =
      backspaces(kMore.size()) + std::string(kMore.size(), ' ') + backspaces(kMore.size());
  write(erase);
  state_ = State::kEditing;
  if (key.kind == KeyKind::kChar && key.ch == ' ') {
    int length = handler_.terminal_length();
    show_page(length > 1 ? static_cast<std::size_t>(length - 1) : 1);
  } else if (key.kind == KeyKind::kEnter) {
    show_page(1);
  } else {
    pending_.clear();
    pending_pos_ = 0;
    finish(after_);
  }
}

void TerminalSession::insert(char c) {
  if (line_.size() >= limits_.max_line) {
    bell();
    return;
  }
  line_.insert(cursor_, 1, c);
  ++cursor_;
  update_screen(false);
}

void TerminalSession::backspace() {
  if (cursor_ == 0) return;
  delete_range(cursor_ - 1, cursor_);
}

void TerminalSession::delete_at_cursor() {
  if (cursor_ < line_.size()) delete_range(cursor_, cursor_ + 1);
}

void TerminalSession::delete_range(std::size_t from, std::size_t to) {
  to = std::min(to, line_.size());
  if (from >= to) return;
  line_.erase(from, to - from);
  cursor_ = from;
  update_screen(false);
}

void TerminalSession::move_to(std::size_t pos) {
  pos = std::min(pos, line_.size());
  if (pos == cursor_) return;
  cursor_ = pos;
  if (echo_off()) return;
  std::size_t old_scroll = scroll_;
  adjust_scroll();
  if (scroll_ != old_scroll) {
    update_screen(true);
    return;
  }
  std::size_t column = cursor_ - scroll_;
  if (column < screen_col_)
    write(backspaces(screen_col_ - column));
  else
    write(std::string_view(shown_).substr(screen_col_, column - screen_col_));
  screen_col_ = column;
}

void TerminalSession::replace_line(const std::string& text) {
  line_ = text.substr(0, limits_.max_line);
  cursor_ = line_.size();
  update_screen(true);
}

// Makes the screen show line_ (the part in view) with the cursor at cursor_, redrawing from the
// first character that changed (from the start when `whole`). A line wider than the terminal
// scrolls sideways in steps of ten, IOS style, with `$` marking text out of sight.
void TerminalSession::update_screen(bool whole) {
  if (echo_off()) return;
  std::size_t old_scroll = scroll_;
  adjust_scroll();
  if (scroll_ != old_scroll) whole = true;
  std::string view = visible();
  std::size_t column = cursor_ - scroll_;
  std::size_t same = 0;
  if (!whole)
    while (same < shown_.size() && same < view.size() && shown_[same] == view[same]) ++same;
  std::string out;
  if (same >= screen_col_) {
    out = view.substr(screen_col_);
  } else {
    out = backspaces(screen_col_ - same);
    out += view.substr(same);
  }
  if (shown_.size() > view.size()) {
    std::size_t gone = shown_.size() - view.size();
    out += std::string(gone, ' ') + backspaces(gone);
  }
  out += backspaces(view.size() - column);
  write(out);
  screen_col_ = column;
  shown_ = std::move(view);
}

std::size_t TerminalSession::window_columns() {
  int width = handler_.terminal_width();
  if (width <= 0) return 0;
  auto total = static_cast<std::size_t>(width);
  // One column stays free so that the cursor never waits at the right margin.
  if (total < prompt_len_ + 1 + kMinWindow) return 0;
  return total - prompt_len_ - 1;
}

void TerminalSession::adjust_scroll() {
  std::size_t columns = window_columns();
  if (columns == 0 || line_.size() <= columns) {
    scroll_ = 0;
    return;
  }
  for (;;) {
    bool more_right = line_.size() > scroll_ + columns;
    std::size_t last = scroll_ + columns - (more_right ? 1 : 0);
    if (cursor_ > last) {
      scroll_ += kScrollStep;
    } else if (scroll_ > 0 && cursor_ <= scroll_) {
      scroll_ = scroll_ >= kScrollStep ? scroll_ - kScrollStep : 0;
    } else {
      break;
    }
  }
}

std::string TerminalSession::visible() {
  std::size_t columns = window_columns();
  if (columns == 0) return line_;
  std::size_t end = std::min(line_.size(), scroll_ + columns);
  std::string text = line_.substr(scroll_, end - scroll_);
  if (scroll_ > 0 && !text.empty()) text.front() = '$';
  if (end < line_.size() && !text.empty()) text.back() = '$';
  return text;
}

// After a prompt: the line (or its part in view) with the screen's cursor at cursor_.
void TerminalSession::draw_line() {
  scroll_ = 0;
  screen_col_ = 0;
  shown_.clear();
  update_screen(true);
}

void TerminalSession::history_up() {
  if (handler_.in_question()) return;
  if (history_pos_ == 0) {
    bell();
    return;
  }
  if (history_pos_ == history_.size()) saved_line_ = line_;
  --history_pos_;
  replace_line(history_[history_pos_]);
}

void TerminalSession::history_down() {
  if (handler_.in_question()) return;
  if (history_pos_ >= history_.size()) {
    bell();
    return;
  }
  ++history_pos_;
  replace_line(history_pos_ == history_.size() ? saved_line_ : history_[history_pos_]);
}

void TerminalSession::submit() {
  write("\r\n");
  std::string line = std::move(line_);
  line_.clear();
  cursor_ = 0;
  bool answer = handler_.in_question();
  if (!answer && !line.empty()) {
    history_.push_back(line);
    while (history_.size() > limits_.history_size) history_.pop_front();
  }
  history_pos_ = history_.size();
  saved_line_.clear();
  busy_ = true;
  std::string output = handler_.run_line(line);
  busy_ = false;
  show(std::move(output), After::kPrompt);
}

void TerminalSession::tab() {
  if (handler_.in_question()) {
    if (echo_off()) insert('\t');  // part of a password
    return;
  }
  move_to(line_.size());
  busy_ = true;
  std::string completed = handler_.complete(line_);
  busy_ = false;
  if (completed == line_) {
    redisplay();  // nothing or several keywords fit: the line again, unchanged
    return;
  }
  if (completed.size() > limits_.max_line) {
    bell();
    return;
  }
  line_ = std::move(completed);
  cursor_ = line_.size();
  update_screen(false);
}

void TerminalSession::question_mark() {
  if (handler_.in_question()) {
    insert('?');
    return;
  }
  write("?\r\n");
  busy_ = true;
  std::string listing = handler_.help(line_);
  busy_ = false;
  show(std::move(listing), After::kPromptAndLine);
}

// Ctrl-Z ends configuration mode; a line typed before it is run first.
void TerminalSession::ctrl_z() {
  if (handler_.in_question()) return;
  write("^Z\r\n");
  std::string line = std::move(line_);
  line_.clear();
  cursor_ = 0;
  std::string output;
  busy_ = true;
  if (!line.empty()) {
    history_.push_back(line);
    while (history_.size() > limits_.history_size) history_.pop_front();
    output = handler_.run_line(line);
  }
  if (!handler_.closed() && !handler_.in_question()) output += handler_.ctrl_z();
  busy_ = false;
  history_pos_ = history_.size();
  saved_line_.clear();
  show(std::move(output), After::kPrompt);
}

// Ctrl-C (reaching the editor on a vty): the line is dropped and a configuration mode is left
// like Ctrl-Z (docs/cli.md §7, UNVERIFIED).
void TerminalSession::ctrl_c() {
  if (handler_.in_question()) return;
  write("^C\r\n");
  line_.clear();
  cursor_ = 0;
  history_pos_ = history_.size();
  saved_line_.clear();
  busy_ = true;
  std::string output = handler_.ctrl_z();
  busy_ = false;
  show(std::move(output), After::kPrompt);
}

void TerminalSession::redisplay() {
  write("\r\n");
  std::size_t cursor = cursor_;
  write_prompt();
  cursor_ = cursor;
  draw_line();
}

void TerminalSession::show(std::string text, After after) {
  pending_ = std::move(text);
  pending_pos_ = 0;
  after_ = after;
  int length = handler_.terminal_length();
  show_page(length > 0 ? static_cast<std::size_t>(std::max(1, length - 1))
                       : std::numeric_limits<std::size_t>::max());
}

void TerminalSession::show_page(std::size_t lines) {
  std::size_t end = pending_pos_;
  for (std::size_t n = 0; n < lines && end < pending_.size(); ++n) {
    std::size_t newline = pending_.find('\n', end);
    end = newline == std::string::npos ? pending_.size() : newline + 1;
  }
  write_text(std::string_view(pending_).substr(pending_pos_, end - pending_pos_));
  pending_pos_ = end;
  if (pending_pos_ < pending_.size()) {
    write(kMore);
    state_ = State::kPaging;
    return;
  }
  pending_.clear();
  pending_pos_ = 0;
  finish(after_);
}

void TerminalSession::finish(After after) {
  if (handler_.closed()) {
    state_ = State::kClosed;
    notifications_.clear();
    return;
  }
  state_ = State::kEditing;
  print_prompt(after);
  flush_notifications();
}

void TerminalSession::print_prompt(After after) {
  write_prompt();
  if (after == After::kPrompt) line_.clear();  // a fresh prompt; kPromptAndLine keeps the line
  cursor_ = line_.size();
  draw_line();
}

void TerminalSession::write_prompt() {
  busy_ = true;
  std::string prompt = handler_.prompt();
  busy_ = false;
  write(prompt);
  prompt_len_ = prompt.size();
}

void TerminalSession::notify(std::string_view text) {
  if (state_ == State::kClosed) return;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (busy_ || state_ == State::kPaging) {
    if (notification_bytes_ + text.size() > limits_.max_notify_queue) return;
    notification_bytes_ += text.size();
    notifications_.emplace_back(text);
    return;
  }
  print_notification(text);
}

void TerminalSession::flush_notifications() {
  while (!notifications_.empty() && state_ == State::kEditing) {
    std::string text = std::move(notifications_.front());
    notifications_.pop_front();
    notification_bytes_ -= text.size();
    print_notification(text);
  }
}

// IOS prints a log message on a new line and leaves the cursor after it; a half-typed line is
// shown again under it so the editor and the screen agree.
void TerminalSession::print_notification(std::string_view text) {
  write("\r\n");
  write_text(text);
  if (!line_.empty() && !echo_off()) redisplay();
}

void TerminalSession::write_text(std::string_view text) {
  if (text.empty()) return;
  std::string out;
  out.reserve(text.size() + text.size() / 16 + 2);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  write(out);
}

bool TerminalSession::echo_off() const {
  return handler_.secret_input();
}

}  // namespace cmemu::cli
