#include "cli/console.hpp"

#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <fcntl.h>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cerrno>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "cli/app.hpp"
#include "cli/shell.hpp"
#include "cli/terminal_session.hpp"

namespace cmemu::cli {

namespace {

// The terminal as it was, for the terminate handler: a crash must not leave the user's shell in
// raw mode.
termios g_saved_termios{};
bool g_terminal_raw = false;
std::terminate_handler g_previous_terminate = nullptr;

void restore_terminal_on_terminate() {
  if (g_terminal_raw) ::tcsetattr(STDIN_FILENO, TCSADRAIN, &g_saved_termios);
  if (g_previous_terminate) g_previous_terminate();
  std::abort();
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // stdout shares the terminal's file description with stdin, which the reader made
      // non-blocking: wait until the terminal takes more.
      pollfd ready{fd, POLLOUT, 0};
      ::poll(&ready, 1, 1000);
      continue;
    }
    return;  // the terminal is gone; the reader notices the hangup
  }
}

}  // namespace

struct Console::Impl {
  Impl(boost::asio::io_context& io, App& app, std::function<void()> on_hangup)
      : io(io), app(app), on_hangup(std::move(on_hangup)) {}

  boost::asio::io_context& io;
  App& app;
  std::function<void()> on_hangup;
  std::optional<boost::asio::posix::stream_descriptor> input;
  std::array<char, 1024> buffer{};

  bool raw = false;
  termios saved{};
  int saved_in_flags = -1;
  int saved_out_flags = -1;
  bool stopped = false;

  std::unique_ptr<Shell> shell;
  std::unique_ptr<ShellLineHandler> handler;
  std::unique_ptr<TerminalSession> session;
  bool waiting_for_return = false;  // between `exit` and RETURN
  bool skip_lf = false;             // the LF or NUL after a CR that was already acted on

  bool enter_raw_mode();
  void restore_terminal();
  void begin_session();
  void end_session();
  void read();
  void on_bytes(std::string_view bytes);
  void write(std::string_view bytes) { write_all(STDOUT_FILENO, bytes); }
};

bool Console::Impl::enter_raw_mode() {
  if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &saved) != 0) return false;
  termios mode = saved;
  mode.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  mode.c_oflag &= ~OPOST;  // the session writes "\r\n" itself, byte for byte
  mode.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
  mode.c_lflag |= ISIG;                // Ctrl-C stops the router (SIGINT)
  mode.c_cc[VSUSP] = _POSIX_VDISABLE;  // Ctrl-Z is IOS's `end`, not a job stop
  mode.c_cc[VQUIT] = _POSIX_VDISABLE;
  mode.c_cc[VMIN] = 1;
  mode.c_cc[VTIME] = 0;
  if (::tcsetattr(STDIN_FILENO, TCSADRAIN, &mode) != 0) return false;
  saved_in_flags = ::fcntl(STDIN_FILENO, F_GETFL);
  saved_out_flags = ::fcntl(STDOUT_FILENO, F_GETFL);
  raw = true;
  g_saved_termios = saved;
  g_terminal_raw = true;
  if (!g_previous_terminate)
    g_previous_terminate = std::set_terminate(restore_terminal_on_terminate);
  return true;
}

void Console::Impl::restore_terminal() {
  if (input) {
    boost::system::error_code ignored;
    input->close(ignored);
    input.reset();
  }
  if (!raw) return;
  if (saved_in_flags >= 0) ::fcntl(STDIN_FILENO, F_SETFL, saved_in_flags);
  if (saved_out_flags >= 0) ::fcntl(STDOUT_FILENO, F_SETFL, saved_out_flags);
  ::tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
  raw = false;
  g_terminal_raw = false;
}

void Console::Impl::begin_session() {
  shell = std::make_unique<Shell>(app, ShellKind::kConsole);
  handler = std::make_unique<ShellLineHandler>(*shell);
  session =
      std::make_unique<TerminalSession>(*handler, [this](std::string_view bytes) { write(bytes); });
  shell->notify = [this](const std::string& text) {
    if (session) session->notify(text);
  };
  session->start();
  if (session->closed()) end_session();
}

// IOS's console after `exit`: the line is free again until someone presses RETURN.
void Console::Impl::end_session() {
  session.reset();
  handler.reset();
  shell.reset();
  write("\r\n" + app.router.running().hostname +
        " con0 is now available\r\n\r\n\r\n\r\n\r\n\r\nPress RETURN to get started.\r\n");
  waiting_for_return = true;
}

void Console::Impl::read() {
  if (!input) return;
  input->async_read_some(boost::asio::buffer(buffer),
                         [this](const boost::system::error_code& error, std::size_t size) {
                           if (error == boost::asio::error::operation_aborted) return;
                           if (stopped) return;
                           if (error) {
                             on_hangup();
                             return;
                           }
                           on_bytes(std::string_view(buffer.data(), size));
                           if (!stopped) read();
                         });
}

void Console::Impl::on_bytes(std::string_view bytes) {
  for (char c : bytes) {
    if (stopped) return;
    if (skip_lf) {
      skip_lf = false;
      if (c == '\n' || c == '\0') continue;
    }
    if (waiting_for_return) {
      if (c != '\r' && c != '\n') continue;
      skip_lf = c == '\r';
      waiting_for_return = false;
      write("\r\n");
      begin_session();
      continue;
    }
    session->feed(std::string_view(&c, 1));
    if (session->closed()) {
      skip_lf = c == '\r';
      end_session();
    }
  }
}

Console::Console(boost::asio::io_context& io, App& app, std::function<void()> on_hangup)
    : impl_(std::make_unique<Impl>(io, app, std::move(on_hangup))) {}

Console::~Console() {
  stop();
}

bool Console::start() {
  Impl& c = *impl_;
  if (c.raw || c.stopped) return c.raw;
  if (!c.enter_raw_mode()) return false;
  int fd = ::dup(STDIN_FILENO);
  if (fd < 0) {
    c.restore_terminal();
    return false;
  }
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  c.input.emplace(c.io, fd);
  c.begin_session();
  c.read();
  return true;
}

void Console::stop() {
  Impl& c = *impl_;
  if (c.stopped) return;
  c.stopped = true;
  bool was_raw = c.raw;
  c.session.reset();
  c.handler.reset();
  c.shell.reset();
  if (was_raw) c.write("\r\n");
  c.restore_terminal();
}

}  // namespace cmemu::cli
