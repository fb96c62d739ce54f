#pragma once
// cmemu-phone's action scripts: parsing (text -> actions) and running them against a
// SimulatedPhone with the time passed in (no sockets, no sleeping), so tests drive every wait and
// timeout with an injected clock.
//
// Script text: actions separated by newlines or `;`; blank items are skipped; an item whose first
// non-blank character is `#` is a comment (so `dial 12#` still dials `#`). Words are separated by
// blanks; action names and keywords are case-insensitive.
//
//   offhook | onhook | dial DIGITS | press SOFTKEY [held] | line N | sleep MS
//                                     (held: the key names the held call)
//   reset                             (ends the run: the TCP connection is reset, no goodbye,
//                                      as a phone that loses its link mid-call; last action)
//   wait STATE [TIMEOUT_S]            (default 5 s)
//   expect registered | expect lamp LINE off|on|wink|flash|blink | expect mwi on|off
//   expect tone NAME|none | expect display TEXT | expect forward NUMBER|off
//   expect line N NUMBER              (each expect: up to 2 s)
//
// The wait rule: per line, the runner keeps a cursor into the phone's CallState log (every
// CallState in arrival order), starting at the beginning of the connection. `wait S` on the
// selected line succeeds with the first CallState for that line with state S at or after the
// cursor, and moves the cursor just past that message. So a state that arrived before the wait
// was reached (even before the action that caused it returned) counts, a state matched by one wait
// never satisfies another, and successive waits match in arrival order.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "cli/phone/phone_simulator.hpp"
#include "cli/tool_script.hpp"

namespace cmemu::sccp {

enum class ActionKind {
  kOffHook,
  kOnHook,
  kDial,
  kPress,
  kLine,
  kSleep,
  kReset,
  kWait,
  kExpectRegistered,
  kExpectLamp,
  kExpectMwi,
  kExpectTone,
  kExpectDisplay,
  kExpectForward,
  kExpectLineNumber,
};

struct ScriptAction {
  ActionKind kind{};
  std::string text;          // dial digits, softkey name, display text, forward/line number
  std::uint32_t number = 0;  // line N, lamp line, expect line N, sleep ms
  CallState state{};         // wait
  LampMode lamp{};           // expect lamp
  bool on = false;           // expect mwi on; expect forward (false = off)
  bool on_held = false;      // press ... held
  std::optional<Tone> tone;  // expect tone (nullopt = none)
  std::chrono::milliseconds timeout{0};  // wait, expect
  std::size_t source_line = 0;           // 1-based line of the script text
  std::string source;                    // the item as written, trimmed
};

inline constexpr std::chrono::milliseconds kDefaultWaitTimeout{5000};
inline constexpr std::chrono::milliseconds kExpectTimeout{2000};

struct ScriptError {
  std::size_t line = 0;  // 1-based
  std::string message;   // `line 3: unknown action "ofhook"`
};

/// Parses script text; the first bad item gives a ScriptError.
std::variant<std::vector<ScriptAction>, ScriptError> parse_script(std::string_view text);

/// Runs actions in order. The caller calls step() after every message the phone handled and when
/// the time it returned in `wake_at` comes, and sends what step() returns.
///
/// Repeating (set_repeat): the action list runs `times` iterations (0: until stop_repeating()),
/// each from its first action on line 1; the wait cursors go on across iterations. A failed
/// iteration gives its FAIL text in Step::failure and the next iteration starts, until the last
/// one: then the status is kFailed if any iteration failed.
class ScriptRunner : public cli::ScriptRepeat {
 public:
  /// kReset: the script asked for its connection to be reset (the `reset` action).
  enum class Status { kRunning, kDone, kFailed, kReset };

  struct Step {
    Status status = Status::kRunning;
    SimulatedPhone::Messages send;  // in order
    /// Each action started in this step, as written, with the number of `send` messages that
    /// come before its own.
    std::vector<std::pair<std::size_t, std::string>> started;
    std::string failure;               // kFailed: "FAIL ..." with what was seen
    std::optional<PhoneTime> wake_at;  // kRunning: call step() again by then at the latest
  };

  /// Before the first action the runner waits up to `registration_timeout` for
  /// SimulatedPhone::registered().
  explicit ScriptRunner(std::vector<ScriptAction> actions,
                        std::chrono::milliseconds registration_timeout = std::chrono::seconds(10));

  /// Adds actions after the current ones (a finished runner runs them on the next step()).
  void append(std::vector<ScriptAction> actions);
  /// Runs as many actions as can complete at `now`.
  Step step(const SimulatedPhone& phone, PhoneTime now);

  bool finished() const { return !failed_ && next_ >= actions_.size() && registered_; }
  std::uint32_t selected_line() const { return line_; }

 private:
  /// Whether a wait/expect condition holds now (waits move the cursor); else `seen` says why.
  bool check(const ScriptAction& action, const SimulatedPhone& phone, std::string& seen);
  /// Counts the iteration that just ended; true when another one starts (from its first action).
  bool next_iteration(bool failed);

  std::vector<ScriptAction> actions_;
  std::size_t next_ = 0;
  std::optional<PhoneTime> action_started_;  // when actions_[next_] began waiting
  std::optional<PhoneTime> first_step_;
  std::chrono::milliseconds registration_timeout_;
  bool registered_ = false;
  bool failed_ = false;
  std::uint32_t line_ = 1;
  std::map<std::uint32_t, std::size_t> cursors_;  // line -> index into the CallState log
};

}  // namespace cmemu::sccp
