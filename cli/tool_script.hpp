#pragma once
// What cmemu-phone and cmemu-csta share: where a script's text comes from, and how often its
// action list runs. Header-only, so that neither tool links the router's shell.
#include <cstdint>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "grammar/text.hpp"

namespace cmemu::cli {

/// The router a tool talks to, `--router HOST:PORT` (`default_port` when the port is left out); a
/// malformed one is told on `err` as `TOOL: --router must be HOST:PORT, got "..."` and gives
/// nothing.
inline std::optional<text::HostPort> router_address(const std::string& router,
                                                    std::uint16_t default_port,
                                                    std::string_view tool, std::ostream& err) {
  auto address = text::split_host_port(router, default_port);
  if (!address) err << tool << ": --router must be HOST:PORT, got \"" << router << "\"\n";
  return address;
}

/// The actions a tool runs: the text given with `-e`, or the whole `--script` file when one is
/// named. An unreadable file is told on `err` as `TOOL: cannot read FILE` and gives nothing.
inline std::optional<std::string> script_text(const std::string& actions, const std::string& file,
                                              std::string_view tool, std::ostream& err) {
  if (file.empty()) return actions;
  std::ifstream in(file);
  if (!in) {
    err << tool << ": cannot read " << file << "\n";
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

/// The tool's script (script_text) parsed by `parse`; a parse error is told on `err` as
/// `TOOL: FILE: line 3: ...` (`-e` for FILE when the text came with `-e`) and gives nothing.
template <typename Action, typename Error>
std::optional<std::vector<Action>> script_actions(
    const std::string& actions, const std::string& file, std::string_view tool, std::ostream& err,
    std::variant<std::vector<Action>, Error> (*parse)(std::string_view)) {
  auto text = script_text(actions, file, tool, err);
  if (!text) return std::nullopt;
  auto parsed = parse(*text);
  if (auto* error = std::get_if<Error>(&parsed)) {
    err << tool << ": " << (file.empty() ? "-e" : file) << ": " << error->message << "\n";
    return std::nullopt;
  }
  return std::get<std::vector<Action>>(std::move(parsed));
}

/// The repeat count of a tool's script runner (`--repeat`) and how its iterations went.
class ScriptRepeat {
 public:
  /// Runs the action list `times` times (0: until stop_repeating()); default 1.
  void set_repeat(std::uint32_t times) { repeat_ = times; }
  /// No iteration starts after the current one.
  void stop_repeating() { stop_repeating_ = true; }
  /// Iterations that ran to their end (passed or failed), and those that failed.
  std::uint32_t iterations() const { return iterations_; }
  std::uint32_t failures() const { return failures_; }

 protected:
  /// Counts the iteration that just ended; true when another one starts (from the first action;
  /// a list without actions never starts again).
  bool count_iteration(bool failed, bool has_actions) {
    ++iterations_;
    if (failed) ++failures_;
    return !stop_repeating_ && has_actions && (repeat_ == 0 || iterations_ < repeat_);
  }

 private:
  std::uint32_t repeat_ = 1;
  bool stop_repeating_ = false;
  std::uint32_t iterations_ = 0;
  std::uint32_t failures_ = 0;
};

}  // namespace cmemu::cli
