#pragma once
// cmemu-csta's action scripts: parsing (text -> actions) and running them against a CtiClient with
// the time passed in (no sockets, no sleeping), so tests drive every wait with an injected clock.
//
// Script text: actions separated by newlines or `;`; blank items are skipped; an item whose first
// non-blank character is `#` is a comment (so `digits 12#` still sends `#`). Action names and
// keywords are case-insensitive.
//
//   makecall NUMBER [prompt] | answer | clear | hold | retrieve | deflect NUMBER
//   sstransfer NUMBER | consult NUMBER | transfer | alternate | reconnect | digits CHARS
//   dnd on|off|get | forward on NUMBER | forward off|get | mwi on|off | snapshot
//   wait EVENT [TIMEOUT_S]     (default 5 s; `delivered` = `DeliveredEvent`, any case)
//   expect response TEXT       (the last answer's body contains TEXT)
//   expect error NAME          (the last answer is a CSTAErrorCode with value NAME, or
//                               CATEGORY/VALUE)
//   sleep MS
//
// Each service action sends its request and waits for the answer (a CSTAErrorCode does not fail
// the script). The wait rule: a cursor into the client's event log starts at the first event.
// `wait E` succeeds with the first event named E at or after the cursor and moves the cursor just
// past it: events that arrived before the wait count, an event satisfies at most one wait, and
// waits match in arrival order.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cli/csta/cti_client.hpp"
#include "cli/tool_script.hpp"

namespace cmemu::sip {

enum class CtiActionKind {
  kMakeCall,
  kAnswer,
  kClear,
  kHold,
  kRetrieve,
  kDeflect,
  kSingleStepTransfer,
  kConsult,
  kTransfer,
  kAlternate,
  kReconnect,
  kDigits,
  kDndOn,
  kDndOff,
  kDndGet,
  kForwardOn,
  kForwardOff,
  kForwardGet,
  kMwiOn,
  kMwiOff,
  kSnapshot,
  kWait,
  kExpectResponse,
  kExpectError,
  kSleep,
};

struct CtiAction {
  CtiActionKind kind{};
  std::string text;  // number, digits, event name (canonical, "DeliveredEvent"), expected text
  std::chrono::milliseconds duration{0};  // wait timeout, sleep
  bool prompt = false;                    // makecall: autoOriginate prompt, not doNotPrompt
  std::size_t source_line = 0;            // 1-based
  std::string source;                     // the item as written, trimmed
};

inline constexpr std::chrono::milliseconds kDefaultEventTimeout{5000};

struct CtiScriptError {
  std::size_t line = 0;
  std::string message;  // `line 3: unknown action "mkcall"`
};

/// Parses script text; the first bad item gives an error.
std::variant<std::vector<CtiAction>, CtiScriptError> parse_cti_script(std::string_view text);

/// The event element name for a `wait` argument ("delivered", "DeliveredEvent", "transferred"),
/// nullopt when it names no event.
std::optional<std::string> event_name(std::string_view word);

/// The request an action sends, built from the client's line and tracked calls; nullopt for
/// actions that send nothing (wait, expect, sleep).
std::optional<csta::Request> build_request(const CtiAction& action, const CtiClient& client);

/// Runs actions in order against a ready client. The caller calls step() after every datagram and
/// when the time in `wake_at` comes.
///
/// Repeating (set_repeat): the action list runs `times` iterations (0: until stop_repeating());
/// the wait cursor and the tracked calls go on across iterations. A failed iteration is printed
/// (FAIL), counted, and the next one starts; after the last one the status is kFailed if any
/// failed.
class CtiScriptRunner : public cli::ScriptRepeat {
 public:
  enum class Status { kRunning, kDone, kFailed };

  struct Step {
    Status status = Status::kRunning;
    std::optional<ClientTime> wake_at;
  };

  explicit CtiScriptRunner(std::vector<CtiAction> actions);

  /// Runs as many actions as can complete at `now`; prints through the client.
  Step step(CtiClient& client, ClientTime now);
  bool finished() const { return next_ >= actions_.size() && !failed_; }
  bool failed() const { return failed_; }

 private:
  std::vector<CtiAction> actions_;
  std::size_t next_ = 0;
  std::optional<ClientTime> started_;      // when actions_[next_] began
  std::optional<std::uint32_t> awaiting_;  // CSeq of actions_[next_]'s request
  std::optional<RequestAnswer> last_answer_;
  std::size_t cursor_ = 0;
  bool failed_ = false;
};

}  // namespace cmemu::sip
