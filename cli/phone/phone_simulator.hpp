#pragma once
// A simulated Cisco SCCP phone as a pure state machine (no sockets, no clock of its own): the
// router's messages go in with the current time, the phone's answers come out. It registers as
// docs/sccp.md §3 describes, answers OpenReceiveChannel, sends keepalives, and keeps what a test
// wants to look at: registration, calls per line (from CallState), lamps, tone, display texts,
// forwarding, MWI and line numbers. Action builders (off_hook, dial, press...) return the messages
// a user's key presses produce. cmemu-phone (phone_client.cpp) and the unit tests drive it.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sccp/codec.hpp"
#include "sccp/messages.hpp"

namespace cmemu::sccp {

using PhoneClock = std::chrono::steady_clock;
using PhoneTime = PhoneClock::time_point;

/// A MAC in any usual notation ("001E.4A34.A35F", "00:1e:4a:34:a3:5f", "001e4a34a35f") as a
/// 48-bit number; nullopt if it is not 12 hex digits.
std::optional<std::uint64_t> parse_mac(std::string_view text);
/// Cisco dotted form, upper case: "001E.4A34.A35F".
std::string format_mac(std::uint64_t mac);
/// RegisterReq.deviceName of a MAC: "SEP" + 12 upper-case hex digits.
std::string device_name_for_mac(std::uint64_t mac);

struct PhoneSettings {
  std::string device_name;  // "SEP001E4A34A35F"
  DeviceType device_type = DeviceType::k7961;
  std::uint8_t protocol_version = 11;
  std::uint32_t max_streams = 5;
  /// RegisterReq.stationIpAddr and the address OpenReceiveChannelAck gives (no RTP is sent).
  Ipv4Address ip = Ipv4Address::from_host(0x7F000001);
  /// OpenReceiveChannelAck ports: base, base + 2, ... base + 14, then base again.
  std::uint32_t media_port_base = 16384;
  /// After RegisterAck, how long the phone waits for CapabilitiesReq before it asks for its
  /// templates anyway (a router that never sends CapabilitiesReq).
  std::chrono::milliseconds capabilities_wait{1000};
  /// Keepalive period when RegisterAck says 0.
  std::chrono::seconds default_keep_alive{30};
  /// When set, a call ringing in (CallState RingIn) is answered with the Answer softkey this long
  /// after it rang, if it still rings then (poll() sends it). The phone sends nothing when the
  /// call ends: the router's OnHook puts it back on-hook.
  std::optional<std::chrono::milliseconds> answer_after;
};

/// One call on a line, as the router's CallState messages left it.
struct PhoneCall {
  std::uint32_t call_reference = 0;
  CallState state{};
  std::uint64_t updated = 0;  // sequence number of its latest CallState (see call_state_log)
};

/// One received CallState, in arrival order; `sequence` is its index in call_state_log().
struct CallStateRecord {
  std::uint64_t sequence = 0;
  CallState state{};
  std::uint32_t line = 0;
  std::uint32_t call_reference = 0;
};

/// What ForwardStatRes last said for a line.
struct ForwardStatus {
  bool all = false;
  std::string all_number;
  bool busy = false;
  std::string busy_number;
  bool no_answer = false;
  std::string no_answer_number;
};

class SimulatedPhone {
 public:
  using Messages = std::vector<Message>;

  explicit SimulatedPhone(PhoneSettings settings);

  // --- Driving -------------------------------------------------------------------------------

  /// The first message on a new connection: RegisterReq.
  Messages start(PhoneTime now);
  /// A message from the router; returns the phone's answers (possibly none).
  Messages handle(const Message& message, PhoneTime now);
  /// Timers due at `now`: keepalives, the CapabilitiesReq fallback, answers (answer_after).
  Messages poll(PhoneTime now);
  /// When poll() next has something to do; nullopt while nothing is scheduled.
  std::optional<PhoneTime> next_deadline() const;
  /// The address OpenReceiveChannelAck reports (the socket's local address, once connected).
  void set_ip(Ipv4Address ip) { settings_.ip = ip; }
  const PhoneSettings& settings() const { return settings_; }

  // --- Actions: the messages a user's key presses produce, on line instance `line` ------------

  /// OffHook(line, R): R = the call ringing on the line (answering it), else 0.
  Messages off_hook(std::uint32_t line) const;
  /// OnHook(line, current_call(line)).
  Messages on_hook(std::uint32_t line) const;
  /// One KeypadButton(key, line, current_call(line)) per character of `digits` (0-9 * # A-D +);
  /// characters with no key are skipped.
  Messages dial(std::uint32_t line, std::string_view digits) const;
  /// SoftKeyEvent(code, line, R): R = ringing_call for Answer, held_call for Resume (each falling
  /// back to current_call), 0 for NewCall, current_call otherwise; with `on_held`, held_call.
  Messages press(std::uint32_t line, SoftKeyEvent code, bool on_held = false) const;
  /// The event code of the softkey named `name` (case-insensitive "Answer", "DND", "Barge"): the
  /// code of the router's SoftKeyTemplateRes entry whose label is that name (ASCII, or localized
  /// 0x80 N whose label or standard event is that name); without such an entry the standard code
  /// (1-18, DND 63); nullopt for an unknown name with no template entry.
  std::optional<SoftKeyEvent> soft_key_code(std::string_view name) const;

  // --- State ---------------------------------------------------------------------------------

  /// RegisterAck received.
  bool acknowledged() const { return acknowledged_; }
  /// Registration complete: RegisterAck, ButtonTemplateRes, SoftKeyTemplateRes, SoftKeySetRes and
  /// a LineStatRes for every Line button are in.
  bool registered() const;
  /// RegisterReject's text, once received.
  const std::optional<std::string>& rejected() const { return rejected_; }
  /// Reset's type, once received.
  std::optional<ResetType> reset() const { return reset_; }
  std::chrono::seconds keep_alive_interval() const { return keep_alive_; }

  /// Line instances of the Line buttons of the latest ButtonTemplateRes, in button order.
  const std::vector<std::uint32_t>& lines() const { return lines_; }
  /// LineStatRes.lineDirNumber of line instance `line`, once received.
  std::optional<std::string> line_number(std::uint32_t line) const;
  /// Calls on a line (OnHook removes a call), in order of first appearance.
  std::vector<PhoneCall> calls(std::uint32_t line) const;
  /// The call actions use: the most recently updated call that is neither ringing in
  /// (RingIn, CallWaiting) nor on hold; else the most recently updated held call; else the most
  /// recently updated ringing call; 0 if the line has no call.
  std::uint32_t current_call(std::uint32_t line) const;
  /// The most recently updated call in RingIn or CallWaiting; 0 if none.
  std::uint32_t ringing_call(std::uint32_t line) const;
  /// The most recently updated call in Hold; 0 if none.
  std::uint32_t held_call(std::uint32_t line) const;
  /// Every CallState received, in order.
  const std::vector<CallStateRecord>& call_state_log() const { return call_state_log_; }

  /// The latest SetLamp(Line, line) mode; Off before any.
  LampMode lamp(std::uint32_t line) const;
  /// The latest SetLamp(VoiceMail, any instance) mode; Off before any.
  LampMode mwi() const { return mwi_; }
  /// The tone of the latest StartTone not followed by a StopTone for its line (or line 0).
  std::optional<Tone> tone() const { return tone_; }
  /// Current texts: DisplayPromptStatus (until ClearPromptStatus), DisplayNotify (until
  /// ClearNotify), DisplayPriNotify (until ClearPriNotify). Raw bytes as received.
  const std::string& prompt() const { return prompt_; }
  const std::string& notify() const { return notify_; }
  const std::string& priority_notify() const { return priority_notify_; }
  /// ForwardStatRes of a line; all off before any.
  ForwardStatus forward(std::uint32_t line) const;
  /// Messages handled so far.
  std::uint64_t received() const { return received_; }
  /// Calls answered by answer_after so far.
  std::uint64_t answered() const { return answered_; }

 private:
  Messages request_templates();
  void on_call_state(const msg::CallState& m, PhoneTime now);
  std::uint32_t latest_call(std::uint32_t line, bool (*pick)(CallState)) const;

  PhoneSettings settings_;
  // Registration
  bool acknowledged_ = false;
  std::optional<PhoneTime> acknowledged_at_;
  bool capabilities_answered_ = false;
  bool templates_requested_ = false;
  bool button_template_ = false;
  bool soft_key_template_ = false;
  bool soft_key_sets_ = false;
  bool lines_requested_ = false;
  std::set<std::uint32_t> pending_line_stats_;
  std::optional<std::string> rejected_;
  std::optional<ResetType> reset_;
  std::chrono::seconds keep_alive_{30};
  std::optional<PhoneTime> next_keep_alive_;
  // Configuration from the router
  std::vector<std::uint32_t> lines_;
  std::map<std::uint32_t, std::string> line_numbers_;
  std::map<std::uint32_t, ForwardStatus> forwards_;
  std::vector<msg::SoftKeyTemplateEntry> soft_keys_;
  // Calls and indicators
  std::map<std::uint32_t, std::vector<PhoneCall>> calls_;
  std::vector<CallStateRecord> call_state_log_;
  std::map<std::uint32_t, LampMode> lamps_;
  LampMode mwi_ = LampMode::kOff;
  std::optional<Tone> tone_;
  std::uint32_t tone_line_ = 0;
  std::string prompt_;
  std::string notify_;
  std::string priority_notify_;
  std::uint32_t channels_opened_ = 0;
  std::uint64_t received_ = 0;
  // answer_after: calls that rang in, each answered at its time if still ringing.
  struct PendingAnswer {
    std::uint32_t line = 0;
    std::uint32_t call_reference = 0;
    PhoneTime at;
  };
  std::vector<PendingAnswer> pending_answers_;
  std::uint64_t answered_ = 0;
};

}  // namespace cmemu::sccp
