#pragma once
// CSTA call-control and device services (docs/csta.md §7, §8) as call-model operations, and
// call-model events as CSTA events for device monitors (docs/csta.md §9, docs/decisions.md #16,
// #19, #20, #29). The CTI engine owns one; it knows neither SIP nor SCCP.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/call_model.hpp"
#include "runtime/csta/messages.hpp"

namespace cmemu::runtime {

struct Config;

/// The global call ID of a call as `gcid` shows it (8-8-8-8 hex; docs/decisions.md #20,
/// docs/commands.md §1.1).
std::string global_call_id(CallId call);

/// The part of a monitor events are built for.
struct MonitoredDevice {
  std::string cross_ref_id;
  std::string number;       // the DN
  std::string device_text;  // as the client wrote it in MonitorStart (docs/decisions.md #19)
};

class CtiCallControl {
 public:
  explicit CtiCallControl(CallModel& calls) : calls_(calls) {}

  /// Takes `cti watch`, `cti message device-id suppress-conversion`, `cti csta mode basic` and
  /// `gcid` from a new running-config.
  void apply(const Config& config);

  /// Answers a call-control or device request; nullopt when `request` is not one (session and
  /// monitoring services stay with the engine).
  std::optional<csta::Response> handle(const csta::Request& request);

  /// Keeps track of which lines took part in each call, so that a monitor hears a call's last
  /// ConnectionCleared after its own party has gone. Call before and after events_for().
  void note(const CallEvent& event);
  void forget(const CallEvent& event);

  /// The CSTA events `event` gives the monitor of `device` (none when its device is no party).
  std::vector<csta::Event> events_for(const CallEvent& event, const MonitoredDevice& device) const;

  /// The device identifier for DN `number` in the form of `model` (docs/decisions.md #19): `tel:`
  /// and `sip:...@host` forms are kept, the digits alone with `suppress-conversion`.
  std::string device_form(std::string_view number, std::string_view model) const;

 private:
  /// A request's ConnectionID as a call-model connection; the error when it names none.
  std::optional<ConnectionId> resolve(const csta::ConnectionId& id, csta::ErrorValue& error) const;
  /// A request's DeviceID as a watched line; the error when it is not one.
  const Line* watched_line(const csta::DeviceId& device, csta::OperationError unknown,
                           csta::ErrorValue& error) const;
  csta::ConnectionId connection_id(const Connection& connection, std::string_view model) const;
  std::optional<csta::Extensions> private_data(CallId call) const;

  CallModel& calls_;
  std::set<std::string> watched_;
  bool suppress_conversion_ = false;
  bool basic_mode_ = false;
  bool gcid_ = false;
  std::map<CallId, std::set<int>> participants_;  // lines that took part, until the call ends
};

}  // namespace cmemu::runtime
