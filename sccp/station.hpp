#pragma once
// One phone as the router sees it (docs/sccp.md §3, §6, §9): it answers the phone's registration
// requests, turns the phone's messages (hook, keypad, softkeys, stimuli) into call-model
// operations, and turns call-model events on its lines into the SCCP sequences the phone expects.
// No sockets: messages go out through the StationHost, which owns the connection.
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "runtime/call_model.hpp"
#include "sccp/codec.hpp"
#include "sccp/provisioning.hpp"

namespace cmemu::sccp {

class Station;

/// What a station needs from the controller that owns it.
class StationHost {
 public:
  virtual ~StationHost() = default;
  /// Queues one message to the station's phone.
  virtual void send(Station& station, const Message& message) = 0;
  /// Decides a RegisterReq: the provisioning, or the RegisterReject text (docs/sccp.md §3).
  virtual std::variant<Provision, std::string> admit(Station& station,
                                                     const msg::RegisterReq& request) = 0;
  /// Closes the station's connection once what is queued has gone out.
  virtual void close(Station& station, std::string_view reason) = 0;
  /// The phone opened its receive channel for a connection (OpenReceiveChannelAck).
  virtual void media_ready(Station& station, runtime::ConnectionId connection, Ipv4Address ip,
                           std::uint32_t port) = 0;
  /// Media of a connection stopped (hold, hang-up).
  virtual void media_closed(runtime::ConnectionId connection) = 0;
};

/// Call reference and passThruPartyId of a call-model connection (docs/sccp.md §9: 0x01000000 + n).
inline std::uint32_t call_reference_of(runtime::ConnectionId id) {
  return 0x01000000u + id;
}
inline std::uint32_t pass_thru_party_of(runtime::ConnectionId id) {
  return 0x02000000u + id;
}

class Station final : public runtime::CallObserver {
 public:
  Station(StationHost& host, runtime::CallModel& calls, int socket_number);
  ~Station() override;

  /// One message from the phone.
  void handle(const Message& message);
  /// Call-model events on this phone's lines.
  void on_call_event(const runtime::CallEvent& event) override;

  /// New provisioning for a registered phone (live `button`, `number`, EM login): unsolicited
  /// ButtonTemplateRes and LineStatRes per line (docs/sccp.md §8), lines re-attached.
  void reprovision(const Provision& provision);
  /// The phone leaves: its calls are cleared, its lines detached. Idempotent.
  void unregister();

  bool registered() const { return registered_; }
  const Provision& provision() const { return provision_; }
  const msg::RegisterReq& registration() const { return registration_; }
  int socket_number() const { return socket_number_; }
  int keepalives() const { return keepalives_; }
  int negotiated_version() const;
  /// Whether labels and prompts go out localized (0x80 + phrase number) rather than in ASCII
  /// (docs/sccp.md §5.1).
  bool localized_labels() const;

 private:
  void send(const Message& message) { host_.send(*this, message); }
  /// A phrase in the phone's label form, followed by `then` (docs/sccp.md §5.1).
  std::string phrase(std::uint8_t number, std::string_view then = {}) const;
  void on_register(const msg::RegisterReq& request);
  void attach_lines();
  void detach_lines();
  void send_button_template();
  void send_line_status(std::uint32_t instance);
  void send_forward_status(std::uint32_t instance);
  void send_time();

  // Phone input -> call model
  void off_hook(std::uint32_t instance, bool handset);
  /// False when there was nothing to hang up.
  bool on_hook(std::uint32_t call_reference);
  void keypad(char digit, std::uint32_t call_reference);
  void softkey(SoftKeyEvent event, std::uint32_t instance, std::uint32_t call_reference);
  /// Runs the key; false when it cannot act on the call it names.
  bool softkey_acts(SoftKeyEvent event, std::uint32_t instance, std::uint32_t call_reference);
  /// The visible answer to a key that cannot act (docs/sccp.md §9).
  void key_not_active(std::uint32_t instance, std::uint32_t call_reference);
  void stimulus(const msg::Stimulus& message);
  bool transfer_key(runtime::ConnectionId id);
  void forward_key(int dn_tag);
  void toggle_dnd();

  /// The connection a call reference names, when it is on one of this phone's lines.
  const runtime::Connection* mine(std::uint32_t call_reference) const;
  const runtime::Connection* mine_connection(runtime::ConnectionId id) const;
  /// The phone's current call: initiated, connected, failed or ringing out (not held, not
  /// ringing in); nullptr when none.
  const runtime::Connection* active() const;
  const runtime::Connection* ringing() const;
  const runtime::Connection* held() const;
  /// The consultation opened from the held connection `held_id` (Transfer's first press).
  const runtime::Connection* consultation_of(runtime::ConnectionId held_id) const;
  int instance_of(const runtime::Connection& connection) const;
  /// The line (DN) at button `instance`; nullptr when the button has none.
  const runtime::Line* line_at(std::uint32_t instance) const;
  /// The appearance at button `instance`, or the phone's first line when that button has none.
  const LineAppearance* appearance_or_first(std::uint32_t instance) const;
  bool has_other_calls(runtime::ConnectionId except) const;

  // Call model -> phone sequences (docs/sccp.md §9)
  void show_off_hook(const runtime::Connection& connection, bool speaker);
  void show_ring_in(const runtime::Connection& connection);
  void show_ring_out(const runtime::Connection& connection);
  void show_connected(const runtime::Connection& connection, bool answered_here);
  void show_cleared(runtime::ConnectionId id, int line_tag, bool transferring);
  void send_call_info(const runtime::Connection& connection);
  void open_media(const runtime::Connection& connection);
  void close_media(runtime::ConnectionId id, std::uint32_t instance);
  void set_lamp(int instance, LampMode mode);
  void select_softkeys(int instance, std::uint32_t call_reference, SoftKeySet set);
  void send_call_state(int instance, std::uint32_t call_reference, CallState state);
  /// StartTone `tone` toward the user on `instance` (`call_reference` 0: no call).
  void start_tone(Tone tone, int instance, std::uint32_t call_reference);
  /// DisplayPromptStatus `text` on `instance`, staying until replaced.
  void show_prompt(const std::string& text, int instance, std::uint32_t call_reference);
  /// SetRinger off, for one call or (both 0) the whole phone.
  void ringer_off(int instance, std::uint32_t call_reference);
  /// CallState Hold again for each held call on the line, after a lamp or softkey change.
  void hold_state_last(int line_tag);

  StationHost& host_;
  runtime::CallModel& calls_;
  int socket_number_;
  bool registered_ = false;
  msg::RegisterReq registration_;
  Provision provision_;
  std::set<int> attached_;  // DN tags attached in the call model
  int keepalives_ = 0;
  bool handset_off_hook_ = false;
  bool speaker_on_ = false;
  std::set<runtime::ConnectionId> media_open_;
  std::set<runtime::ConnectionId> tone_stopped_;
  std::string last_dialed_;
  // CFwdAll key: digits collected for the forward target of a line (docs/sccp.md §6).
  std::optional<int> forward_line_;
  std::string forward_digits_;
};

}  // namespace cmemu::sccp
