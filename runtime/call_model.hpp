#pragma once
// The call model: lines (ephone-dns), calls and connections with their states, independent of
// SCCP and SIP (docs/architecture.md). A phone's key and a CSTA request call the same operation
// here, and every state change is reported once, as a CallEvent, to every observer (SCCP stations,
// CTI monitors). Observers are called synchronously, right after the change, while the model
// still holds the connection; they may read the model but must not call an operation.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/router.hpp"

namespace cmemu::runtime {

using CallId = std::uint32_t;        // router-unique, one per call (the CSTA callID)
using ConnectionId = std::uint32_t;  // router-unique, one per party of a call

/// A party's state, named as ECMA-323's LocalConnectionState (docs/csta.md §5).
enum class ConnectionState { kNull, kInitiated, kAlerting, kConnected, kHold, kFail };
std::string_view to_string(ConnectionState state);

enum class CallEventType {
  kServiceInitiated,   // a line went off-hook: a new call, its connection initiated (dial tone)
  kDigitDialed,        // a digit collected on an initiated connection (no CSTA event)
  kOriginated,         // the digits named a line: the call goes out
  kDelivered,          // the called connection is alerting
  kEstablished,        // the called connection answered
  kConnectionCleared,  // a connection dropped (it is gone after the event)
  kHeld,
  kRetrieved,
  kDiverted,     // an alerting connection was moved to another line (deflect, forward all)
  kTransferred,  // two calls joined; the transferring line's connections clear after it
  kFailed,       // the call could not be delivered (busy, unknown number, DND)
  kDigitsGenerated,
  kDoNotDisturb,
  kForwarding,
  kMessageWaiting,
};
std::string_view to_string(CallEventType type);

/// ECMA-269 event causes cmemu reports (docs/csta.md §9).
enum class EventCause {
  kNone,
  kNewCall,
  kMakeCall,
  kNormalClearing,
  kNormal,
  kConsultation,
  kAlternate,
  kRedirected,
  kCallForwardImmediate,
  kTransfer,
  kSingleStepTransfer,
  kBusy,
  kDestNotObtainable,
  kDoNotDisturb,
};
/// The camelCase ECMA-323 spelling (`normalClearing`).
std::string_view to_string(EventCause cause);

/// Why an operation was refused; the state is unchanged. docs/csta.md §12 maps each to a
/// CSTAErrorCode.
enum class CallError {
  kNone,
  kUnknownLine,             // no such ephone-dn
  kUnknownConnection,       // no such connection (or call)
  kInvalidConnectionState,  // the connection's state does not allow it
  kNoCallToAnswer,
  kNoHeldCall,
  kNoActiveCall,
  kDeviceBusy,          // no free channel on the line
  kOutOfService,        // no phone on the line and not `cti notify` (docs/decisions.md #29)
  kInvalidDestination,  // not a dialable number
  kInvalidDigits,
  kBusyElsewhere,  // an operation was called from inside an observer
};
std::string_view to_string(CallError error);

struct CallEvent {
  CallEventType type{};
  CallId call = 0;
  ConnectionId connection = 0;                     // the party that changed (0 for line features)
  int line = 0;                                    // its line (DN tag)
  ConnectionState state = ConnectionState::kNull;  // the party's state after the change
  EventCause cause = EventCause::kNone;
  std::string digits;  // kDigitDialed: all digits so far; kDigitsGenerated: the digits sent
  bool on = false;     // kDoNotDisturb, kForwarding, kMessageWaiting
  // kForwarding: the target; kDiverted: the new destination; kTransferred after a single-step
  // transfer: the line the call was transferred to.
  std::string number;
  // kTransferred: the calls joined (the held one is `old_call`, the survivor `call`) and the
  // transferring line; `connection` is the transferring party of the active call.
  CallId old_call = 0;
  int transferring_line = 0;
};

class CallObserver {
 public:
  virtual ~CallObserver() = default;
  virtual void on_call_event(const CallEvent& event) = 0;
};

struct Connection {
  ConnectionId id = 0;
  CallId call = 0;
  int line = 0;
  ConnectionState state = ConnectionState::kNull;
  bool originating = false;  // the calling party
  std::string dialed;        // digits collected while initiated
  std::chrono::steady_clock::time_point last_digit_at;
  std::string prompt_number;    // MakeCall prompt: the number dialled once this party answers
  bool consultation = false;    // opened by a Transfer key / ConsultationCall
  ConnectionId consulting = 0;  // the held connection this consultation belongs to
};

struct Call {
  CallId id = 0;
  std::vector<ConnectionId> parties;  // calling party first
  std::string calling_number, calling_name;
  std::string called_number, called_name;
  std::string original_called_number, original_called_name;  // before a forward or deflect
  std::string redirecting_number;                            // the last line that redirected it
};

struct Line {
  int tag = 0;
  std::string number;
  std::string name;
  std::string label;
  std::string description;
  bool dual_line = false;
  bool cti_notify = false;
  int endpoints = 0;  // phones registered with this line on a button
  bool dnd = false;
  std::string forward_all;  // CFwdAll target; "" = off
  bool message_waiting = false;
  std::vector<ConnectionId> connections;
  bool in_service() const { return endpoints > 0 || cti_notify; }
  std::size_t channels() const { return dual_line ? 2 : 1; }
};

/// Bounds (docs/architecture.md).
struct CallLimits {
  std::size_t max_calls = 20000;
  std::size_t max_digits = 24;  // a DN number field is c[24] on SCCP
  std::chrono::milliseconds interdigit_timeout{10000};
  int max_forward_hops = 5;
};

class CallModel final : public Service {
 public:
  explicit CallModel(CallLimits limits = {}) : limits_(limits) {}

  /// Lines follow the running-config's ephone-dns: a removed DN's calls are cleared; a changed
  /// `call-forward all` updates forwarding as the CFwdAll key would.
  void apply(const Config& old_config, const Config& new_config) override;

  void add_observer(CallObserver& observer);
  void remove_observer(CallObserver& observer);

  /// A phone with this line on a button registered (+1) or went away (-1).
  void attach(int line_tag);
  void detach(int line_tag);

  // ---- operations: one code path for phone keys and CSTA services ----

  /// Off-hook or NewCall on `line`: a new call whose connection is initiated (dial tone).
  /// `cause` is kNewCall for a phone, kMakeCall for CSTA.
  CallError off_hook(int line, EventCause cause, ConnectionId* created = nullptr);
  /// CSTA MakeCall (docs/csta.md §7): doNotPrompt goes off-hook and dials at once; prompt rings the
  /// calling line first (Delivered, cause makeCall) and dials `number` when it answers.
  CallError make_call(int line, std::string_view number, bool prompt, ConnectionId* created);
  /// Adds dialled characters (0-9 * #; `#` ends dialling) to an initiated connection; the call
  /// goes out as soon as the digits name exactly one line, fails when they cannot.
  CallError dial(ConnectionId connection, std::string_view digits);
  /// The whole number at once (CSTA MakeCall, ConsultationCall, EnblocCall).
  CallError dial_number(ConnectionId connection, std::string_view number);
  CallError answer(ConnectionId connection);
  /// That party hangs up: a two-party call ends, so the other party clears too.
  CallError clear(ConnectionId connection, EventCause cause = EventCause::kNormalClearing);
  CallError hold(ConnectionId connection, EventCause cause = EventCause::kNormal);
  CallError retrieve(ConnectionId connection, EventCause cause = EventCause::kNormal);
  /// Holds `existing` and opens a new initiated connection on its line (the Transfer key's first
  /// press; with a number, CSTA ConsultationCall).
  CallError consult(ConnectionId existing, std::string_view number, ConnectionId* created);
  /// Joins the far parties of `held` and `active`; the transferring line drops out. When the
  /// active call is still ringing, the held party hears it ring (blind transfer).
  CallError transfer(ConnectionId held, ConnectionId active);
  /// Moves the far party of `active` to a call to `number`; the transferring party drops out.
  CallError single_step_transfer(ConnectionId active, std::string_view number,
                                 ConnectionId* moved = nullptr);
  /// An alerting connection is redirected to `number`.
  CallError deflect(ConnectionId alerting, std::string_view number);
  CallError alternate(ConnectionId held, ConnectionId active);
  CallError reconnect(ConnectionId active, ConnectionId held);
  /// DTMF towards the far party of a connected connection.
  CallError generate_digits(ConnectionId connection, std::string_view digits);

  CallError set_do_not_disturb(int line, bool on);
  /// `number` "" cancels; a number that is not dialable is refused.
  CallError set_forward_all(int line, std::string_view number);
  CallError set_message_waiting(int line, bool on);

  /// Runs timers (interdigit timeout) due by `now`.
  void tick(std::chrono::steady_clock::time_point now);

  // ---- queries ----
  const Line* line(int tag) const;
  const Line* line_by_number(std::string_view number) const;
  const Connection* connection(ConnectionId id) const;
  const Call* call(CallId id) const;
  /// The other party of a two-party call; nullptr when alone.
  const Connection* peer(ConnectionId id) const;
  /// Whether some line's number starts with `digits` and is longer (more digits may follow).
  bool number_prefix(std::string_view digits) const;
  const std::map<int, Line>& lines() const { return lines_; }
  const std::map<CallId, Call>& calls() const { return calls_; }
  std::size_t connection_count() const { return connections_.size(); }

 private:
  struct OperationGuard;
  Line* mutable_line(int tag);
  Connection* mutable_connection(ConnectionId id);
  Connection& new_connection(Call& call, int line, ConnectionState state);
  Call& new_call();
  void emit(CallEvent event);
  void emit_connection(CallEventType type, const Connection& connection, EventCause cause,
                       std::string digits = {});
  /// A line feature's event (DND, forwarding, MWI).
  void emit_line(CallEventType type, int line, bool on, std::string number = {});
  /// Moves `call`, alerting `from` (connection `alerting`, 0 before it alerted), to `to`:
  /// Diverted, and the call's called and redirecting numbers follow.
  void divert(Call& call, ConnectionId alerting, const Line& from, const Line& to,
              EventCause cause);
  /// Why `line` cannot start a call now (off-hook, MakeCall prompt), or kNone.
  CallError can_originate(const Line* line) const;
  /// Why connection `id` cannot dial now (unknown, not dialing, `digits_valid` false), or kNone.
  CallError can_dial(ConnectionId id, bool digits_valid) const;
  /// Why `held` (on hold) and `active` (on the same line, and connected when `active_connected`)
  /// are not the two calls of a transfer, alternate or reconnect, or kNone.
  CallError held_active_pair(ConnectionId held, ConnectionId active, bool active_connected) const;
  /// A new call from `line`, its calling party in `state`.
  Connection& originate(const Line& line, ConnectionState state);
  /// 1 to max_digits dial characters.
  bool well_formed(std::string_view number) const;
  /// DND or MWI on `line` on or off.
  CallError set_line_flag(int line, bool Line::*flag, bool on, CallEventType type);
  /// Routes an initiated connection whose digits are complete.
  void route(Connection& calling, const std::string& number);
  /// Delivers `call` to `line_tag` (forwarding at most max_forward_hops times).
  void deliver(Call& call, Connection& calling, int line_tag, EventCause cause, int hops);
  void fail(Connection& calling, EventCause cause);
  void drop(ConnectionId id, EventCause cause);
  bool line_busy(const Line& line) const;
  bool dialable(std::string_view number) const;

  CallLimits limits_;
  std::map<int, Line> lines_;
  std::map<std::string, int, std::less<>> line_by_number_;
  std::map<CallId, Call> calls_;
  std::map<ConnectionId, Connection> connections_;
  std::vector<CallObserver*> observers_;
  CallId next_call_id_ = 1;
  ConnectionId next_connection_id_ = 1;
  bool in_operation_ = false;
  bool dispatching_ = false;
};

}  // namespace cmemu::runtime
