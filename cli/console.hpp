#pragma once
// The router's console on a real terminal: stdin in raw mode (Ctrl-C still raises SIGINT),
// read on the event loop, one console Shell behind a TerminalSession. `exit` at EXEC ends
// the session the IOS way (`Router con0 is now available`, `Press RETURN to get started.`)
// and RETURN starts a new one.
#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace cmemu::cli {

class App;

class Console {
 public:
  /// `on_hangup` runs when the terminal goes away (end of input, read error).
  Console(boost::asio::io_context& io, App& app, std::function<void()> on_hangup);
  /// Restores the terminal as it was before start().
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  /// Puts stdin in raw mode, prints the first prompt and reads. False when stdin is not a
  /// terminal (nothing changed then).
  bool start();
  /// Stops reading, ends the session and restores the terminal.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cmemu::cli
