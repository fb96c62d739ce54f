#pragma once
// The CTI engine: CSTA sessions and their monitors, and what each CSTA request does (docs/csta.md
// §6, docs/decisions.md #13-21). It knows neither SIP nor SCCP: the CTI listener (sip/) opens and
// closes sessions and hands it request bodies; it answers with response bodies.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/call_model.hpp"
#include "runtime/lab_events.hpp"

namespace cmemu::runtime {

struct Config;
class CtiCallControl;

struct CtiMonitor {
  std::string cross_ref_id;   // unique on the router (docs/decisions.md #16)
  std::string device_number;  // the DN monitored
  std::string device_text;    // the deviceObject as the client wrote it (docs/decisions.md #19)
  std::string namespace_uri;  // its events use the MonitorStart's namespace (docs/decisions.md #17)
};

struct CtiSession {
  int id = 0;
  std::string peer;  // `127.0.0.1:5070/UDP`
  std::string user;  // From user
  std::string line;  // the DN
  std::chrono::steady_clock::time_point expires_at;
  std::optional<int> session_server;  // tag of the session-server it shares fate with
  std::string session_server_name;    // its register-id
  std::vector<CtiMonitor> monitors;
};

/// A CSTA answer: a SIP status, and a body (a response or CSTAErrorCode) when it is 200.
struct CstaAnswer {
  int sip_status = 200;
  std::string body;
};

/// Bounds (docs/architecture.md: every count has a bound).
struct CtiLimits {
  std::size_t max_sessions = 1000;
  std::size_t max_monitors_per_session = 32;
};

class CtiEngine final : public CallObserver {
 public:
  explicit CtiEngine(CtiLimits limits = {});
  ~CtiEngine() override;

  /// Call-control and device services act on `calls`, and its events reach the monitors
  /// (docs/csta.md §7-§9); without it only session and monitoring services are offered.
  void attach(CallModel& calls);
  void on_call_event(const CallEvent& event) override;
  /// Sends the events that a request produced, after its answer went out (the listener calls
  /// it once the 200 OK is on the wire, so the client sees the response first).
  void flush_events();

  /// Takes the CTI settings of a new running-config. Returns the sessions that must end now
  /// (all of them on `cti shutdown`, docs/decisions.md #12); the caller ends them (BYE) and closes
  /// them.
  std::vector<int> apply(const Config& config);
  /// `no cti shutdown` is in force.
  bool open() const { return open_; }

  /// The numbers of the DNs with `cti watch` (on the ephone-dn or its template).
  static std::set<std::string> watched_numbers(const Config& config);
  /// Whether `number` is a configured DN with `cti watch` (from an ephone-dn or its template).
  bool watched(std::string_view number) const { return watched_.count(std::string(number)) > 0; }

  /// A new session; nullptr when the bound is reached.
  CtiSession* open_session(std::string peer, std::string user, std::string line,
                           std::chrono::steady_clock::time_point expires_at);
  CtiSession* session(int id);
  void close_session(int id);
  /// Sessions whose session timer ran out by `now` (docs/decisions.md #14): the caller sends BYE
  /// and closes.
  std::vector<int> expired(std::chrono::steady_clock::time_point now) const;
  const std::map<int, CtiSession>& sessions() const { return sessions_; }

  /// One CSTA request body received in session `id`: the answer to send (docs/decisions.md #15).
  CstaAnswer handle(int id, std::string_view body);

  /// Where events go out: the CTI listener sends `body` to session `session_id` in an INFO
  /// (docs/csta.md §1), one outstanding per session, the rest queued in order.
  using EventSink = std::function<void(int session_id, std::string body)>;
  void set_event_sink(EventSink sink) { event_sink_ = std::move(sink); }
  /// Sends one CSTA event body (written with csta::write) to session `session_id`. Dropped when
  /// that session does not exist or no sink is set. The sink may end the session (its client
  /// cannot keep up, docs/csta.md §1), so the caller must not hold a CtiSession pointer across it.
  void send_event(int session_id, std::string body);

  /// Where requests and events are told to watchers (the live view); none when null.
  const LabEvents* events = nullptr;

  /// `show cti session` and `show cti session N` (docs/decisions.md #21).
  std::string show_sessions(std::chrono::steady_clock::time_point now) const;
  std::string show_session(int id, std::chrono::steady_clock::time_point now) const;

 private:
  CtiLimits limits_;
  bool open_ = false;
  std::set<std::string> watched_;
  std::map<int, CtiSession> sessions_;
  int next_session_id_ = 1;
  std::uint64_t next_cross_ref_id_ = 1;
  EventSink event_sink_;
  CallModel* calls_ = nullptr;
  std::unique_ptr<CtiCallControl> control_;
  bool in_request_ = false;  // events wait in pending_ until flush_events()
  std::vector<std::pair<int, std::string>> pending_;
  std::size_t max_pending_ = 4096;
  // The monitors of each device number as (session id, position in its monitors), in session and
  // start order, so that an event costs what the monitors of its own lines cost rather than a walk
  // over every session's monitors. Made again on the first event after a monitor changes.
  std::unordered_map<std::string, std::vector<std::pair<int, std::size_t>>> monitors_by_number_;
  bool monitors_changed_ = true;
  /// The monitors that may see `event`, in session and start order.
  std::vector<std::pair<int, std::size_t>> monitors_concerned(const CallEvent& event);
};

}  // namespace cmemu::runtime
