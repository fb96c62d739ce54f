#pragma once
// The CME XML API (docs/xml-api.md): SOAP requests posted to /ios_xml_app/cme, read into an
// XmlRequest, answered from the live model in the guide's response format. No sockets here: the
// HTTP service (http_service.cpp) hands bodies in and sends answers out, so every request and
// answer is testable without a network.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/phone_registry.hpp"

namespace cmemu::runtime {
struct Config;
class CallModel;
class RegistrarStatus;
}  // namespace cmemu::runtime

namespace cmemu::http {

/// Bounds of a request body (docs/xml-api.md §3).
struct XmlLimits {
  std::size_t max_body = 64 * 1024;
  std::size_t max_depth = 32;
  std::size_t max_cli_lines = 256;
};

/// One request: its type (`ISgetDevice`) and its parameters in order (`ISDevID` -> "1"); ISexecCLI
/// keeps its `CLI` lines as parameters too.
struct XmlRequest {
  std::string type;
  std::vector<std::pair<std::string, std::string>> params;
  /// The values of the parameters named `name` (case-insensitive), in order.
  std::vector<std::string> values(std::string_view name) const;
};

struct XmlParse {
  std::optional<XmlRequest> request;
  std::string error;  // why the body is not a request (malformed, too deep, no request element)
};

/// Reads a request body: a SOAP envelope (`Envelope/Body/axl/request`) or a bare `request`
/// element; the type is the `request` element's xsi:type, else its first child's name.
XmlParse parse_xml_request(std::string_view body, const XmlLimits& limits = {});

/// The XML event tables (docs/xml-api.md §4): device registrations and extension up/down, bounded
/// by `log table max-size` and `retain-timer`. Times are seconds since the router started.
class EventTables {
 public:
  struct DeviceEvent {
    int id = 0;
    int ephone = 0;
    std::string name;  // SEP...
    long time = 0;
    std::string status;  // registered, unregistered
  };
  struct ExtensionEvent {
    int id = 0;
    int dn = 0;
    std::string number;
    long time = 0;
    std::string status;  // Up, Down
  };
  struct DeviceState {
    std::string status = "unregistered";
    std::string last_status = "unregistered";
    long change_time = 0;
  };

  void set_bounds(std::size_t max_size, long retain_seconds);
  void device(int ephone, std::string name, bool registered, long now);
  void extension(int dn, std::string number, bool up, long now);
  void prune(long now);

  const std::deque<DeviceEvent>& device_events() const { return devices_; }
  const std::deque<ExtensionEvent>& extension_events() const { return extensions_; }
  const DeviceState* device_state(int ephone) const;
  /// Whether DN `dn` was last seen up, and since when.
  std::optional<std::pair<bool, long>> extension_state(int dn) const;

 private:
  std::size_t max_size_ = 150;
  long retain_seconds_ = 15 * 60;
  int next_id_ = 1;
  std::deque<DeviceEvent> devices_;
  std::deque<ExtensionEvent> extensions_;
  std::map<int, DeviceState> device_states_;
  std::map<int, std::pair<bool, long>> extension_states_;
};

/// What the answers read: the running-config and the live state.
struct LabView {
  const runtime::Config& config;
  const runtime::CallModel* calls = nullptr;  // null: every line idle
  std::vector<runtime::PhoneStatus> phones;   // registered phones
  const runtime::RegistrarStatus* registrar = nullptr;
  const EventTables* events = nullptr;
  const std::map<int, int>* em_logins = nullptr;  // ephone tag -> logged-in user-profile tag
  std::string address;                            // the router's address the phones register to
  long uptime = 0;                                // seconds since the router started
  std::uint64_t peak_registered = 0;
  long peak_registered_time = 0;
};

/// ISexecCLI's result: 0 when every line ran, else the 1-based number of the failing line and
/// the router's error text.
struct CliResult {
  int failed_line = 0;
  std::string error;
};

/// What requests that change the router do, provided by the shell (docs/xml-api.md §2).
struct XmlActions {
  std::function<CliResult(const std::vector<std::string>& lines)> exec_cli;
  /// `write memory`: "" on success, else the reason.
  std::function<std::string()> save_config;
};

struct XmlAnswer {
  int status = 200;  // HTTP status
  std::string body;
};

/// Answers one request as the user of privilege `level` (docs/xml-api.md §2); changes go through
/// `actions`.
XmlAnswer answer_xml_request(const XmlRequest& request, const LabView& view,
                             const XmlActions& actions, int level);
/// A SOAP 1.1 fault (`SOAP-ENV:Client` / `SOAP-ENV:Server`) with the HTTP status to send it with.
XmlAnswer soap_fault(int status, std::string_view code, std::string_view text);

/// A line's state in the guide's lower-case words: idle, dialing, ringing, connected, hold, failed
/// (the busiest of its connections; docs/xml-api.md §2).
std::string_view line_state(const runtime::CallModel* calls, int dn_tag);

/// `SEP` and the 12 hex digits of a MAC (the device name SCCP phones register with).
std::string device_name(std::uint64_t mac);

}  // namespace cmemu::http
