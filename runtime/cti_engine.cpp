#include "runtime/cti_engine.hpp"

#include <algorithm>
#include <concepts>
#include <cstdio>
#include <type_traits>
#include <variant>

#include "runtime/config/config.hpp"
#include "runtime/csta/codec.hpp"
#include "runtime/csta/device_id.hpp"
#include "runtime/cti_call_control.hpp"

namespace cmemu::runtime {
namespace {

using csta::CstaErrorCode;
using csta::OperationError;

// docs/decisions.md #18: the services this engine dispatches, and no others; call control, device
// services and events only with a call model behind them (docs/csta.md §6 table).
csta::GetCstaFeaturesResponse implemented_features(bool call_model) {
  csta::GetCstaFeaturesResponse features;
  features.supported_services = {{"capExchangeServList", {"getCSTAFeatures"}},
                                 {"systemStatServList", {"requestSystemStatus", "systemStatus"}},
                                 {"monitoringServList", {"monitorStart", "monitorStop"}}};
  if (!call_model) return features;
  features.supported_services.push_back({"snapshotServList", {"snapshotDevice"}});
  features.supported_services.push_back(
      {"callControlServList",
       {"alternateCall", "answerCall", "clearConnection", "consultationCall", "deflectCall",
        "holdCall", "makeCall", "reconnectCall", "retrieveCall", "singleStepTransfer",
        "transferCall"}});
  features.supported_services.push_back({"callAssociatedServList", {"generateDigits"}});
  features.supported_services.push_back(
      {"logicalServList",
       {"getDoNotDisturb", "setDoNotDisturb", "getForwarding", "setForwarding"}});
  features.supported_services.push_back({"physDevServList", {"setMessageWaitingIndicator"}});
  features.supported_events = {
      {"callControlEvtsList",
       {"connectionCleared", "delivered", "diverted", "established", "failed", "held", "originated",
        "retrieved", "serviceInitiated", "transferred"}},
      {"callAssociatedEvtsList", {"digitsGenerated"}},
      {"logicalEvtsList", {"doNotDisturb", "forwarding"}},
      {"physDevEvtsList", {"messageWaiting"}}};
  return features;
}

CstaAnswer respond(const csta::Response& response, std::string_view namespace_uri) {
  return {200, csta::write(response, namespace_uri)};
}

// The local name of an XML body's root element (`MakeCall`), for the lab log.
std::string_view root_name(std::string_view xml) {
  std::size_t at = 0;
  while ((at = xml.find('<', at)) != std::string_view::npos) {
    if (at + 1 < xml.size() && (xml[at + 1] == '?' || xml[at + 1] == '!')) {
      ++at;
      continue;
    }
    std::size_t end = xml.find_first_of(" \t\r\n/>", at + 1);
    std::string_view name = xml.substr(at + 1, end == std::string_view::npos ? 0 : end - at - 1);
    if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
  }
  return {};
}

CstaAnswer refuse(csta::ErrorValue error, std::string_view namespace_uri) {
  return respond(CstaErrorCode{error}, namespace_uri);
}

/// The session and monitoring services: the engine answers them itself (docs/csta.md §6).
template <class R>
concept EngineService = std::same_as<R, csta::RequestSystemStatus> ||
    std::same_as<R, csta::SystemStatus> || std::same_as<R, csta::GetCstaFeatures> ||
    std::same_as<R, csta::MonitorStart> || std::same_as<R, csta::MonitorStop>;

template <class... Rs>
constexpr bool answered_once(std::type_identity<std::variant<Rs...>>) {
  return ((EngineService<Rs> != CallControlService<Rs>)&&...);
}
static_assert(answered_once(std::type_identity<csta::Request>{}),
              "each CSTA request is answered either by the engine or by a CtiCallControl::handle");

/// The visitor of one request: the overloads of all the lambdas it is made of.
template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;  // clang 14 does not deduce aggregates' arguments

}  // namespace

CtiEngine::CtiEngine(CtiLimits limits) : limits_(limits) {}

CtiEngine::~CtiEngine() {
  if (calls_) calls_->remove_observer(*this);
}

void CtiEngine::attach(CallModel& calls) {
  if (calls_) calls_->remove_observer(*this);
  calls_ = &calls;
  control_ = std::make_unique<CtiCallControl>(calls);
  calls.add_observer(*this);
}

void CtiEngine::on_call_event(const CallEvent& event) {
  if (!control_) return;
  control_->note(event);
  // docs/decisions.md #16: events go only to monitors on a party of the call (or the line, for
  // features), each in its MonitorStart's namespace (docs/decisions.md #17).
  for (const auto& [id, position] : monitors_concerned(event)) {
    const CtiMonitor& monitor = sessions_.at(id).monitors[position];
    for (const csta::Event& csta_event : control_->events_for(
             event, {monitor.cross_ref_id, monitor.device_number, monitor.device_text}))
      if (pending_.size() < max_pending_)
        pending_.emplace_back(id, csta::write(csta_event, monitor.namespace_uri));
  }
  control_->forget(event);
  // Outside a request (a phone's key), events go at once; the sink may end sessions, so it is
  // never called while the loop above walks them.
  if (!in_request_) flush_events();
}

std::vector<std::pair<int, std::size_t>> CtiEngine::monitors_concerned(const CallEvent& event) {
  if (monitors_changed_) {
    monitors_by_number_.clear();
    for (const auto& [id, session] : sessions_)
      for (std::size_t position = 0; position < session.monitors.size(); ++position)
        monitors_by_number_[session.monitors[position].device_number].emplace_back(id, position);
    monitors_changed_ = false;
  }
  std::vector<std::pair<int, std::size_t>> found;
  for (int tag : control_->lines_concerned(event)) {
    const Line* line = calls_->line(tag);
    if (!line) continue;
    auto it = monitors_by_number_.find(line->number);
    if (it != monitors_by_number_.end())
      found.insert(found.end(), it->second.begin(), it->second.end());
  }
  std::sort(found.begin(), found.end());  // lines with the same number list a monitor once each
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

void CtiEngine::flush_events() {
  in_request_ = false;
  auto ready = std::exchange(pending_, {});
  for (auto& [id, body] : ready) send_event(id, std::move(body));
}

std::set<std::string> CtiEngine::watched_numbers(const Config& config) {
  std::set<std::string> numbers;
  for (const auto& [tag, dn] : config.ephone_dns) {
    if (dn.number.empty()) continue;
    bool watch = dn.cti_watch;
    if (!watch && dn.dn_template) {
      auto it = config.ephone_dn_templates.find(*dn.dn_template);
      watch = it != config.ephone_dn_templates.end() && it->second.cti_watch;
    }
    if (watch) numbers.insert(dn.number);
  }
  return numbers;
}

std::vector<int> CtiEngine::apply(const Config& config) {
  if (control_) control_->apply(config);
  open_ = config.voice_service && !config.voice_service->cti_shutdown;
  watched_ = watched_numbers(config);
  // A DN that lost `cti watch` (or was removed) can no longer be monitored (docs/decisions.md #16):
  // its monitors stop; ECMA-323 has a MonitorEnded event, but docs/csta.md lists none, so they stop
  // quietly.
  for (auto& [id, session] : sessions_)
    std::erase_if(session.monitors, [&](const CtiMonitor& monitor) {
      return !watched_.count(monitor.device_number);
    });
  monitors_changed_ = true;
  std::vector<int> ending;
  if (!open_)
    for (const auto& [id, session] : sessions_) ending.push_back(id);
  return ending;
}

CtiSession* CtiEngine::open_session(std::string peer, std::string user, std::string line,
                                    std::chrono::steady_clock::time_point expires_at) {
  if (sessions_.size() >= limits_.max_sessions) return nullptr;
  int id = next_session_id_++;
  CtiSession& session = sessions_[id];
  session.id = id;
  session.peer = std::move(peer);
  session.user = std::move(user);
  session.line = std::move(line);
  session.expires_at = expires_at;
  return &session;
}

CtiSession* CtiEngine::session(int id) {
  auto it = sessions_.find(id);
  return it == sessions_.end() ? nullptr : &it->second;
}

std::vector<int> CtiEngine::expired(std::chrono::steady_clock::time_point now) const {
  std::vector<int> ids;
  for (const auto& [id, session] : sessions_)
    if (session.expires_at <= now) ids.push_back(id);
  return ids;
}

void CtiEngine::close_session(int id) {
  sessions_.erase(id);
  monitors_changed_ = true;
}

void CtiEngine::send_event(int session_id, std::string body) {
  if (events && events->wanted() && sessions_.count(session_id))
    events->publish(LabEventKind::kCsta, "CSTA session " + std::to_string(session_id) + " <- " +
                                             std::string(root_name(body)));
  if (event_sink_ && sessions_.count(session_id)) event_sink_(session_id, std::move(body));
}

CstaAnswer CtiEngine::handle(int id, std::string_view body) {
  auto read = csta::read_request(body);
  if (!read.ok()) {
    if (csta::answer(read.error) == csta::Answer::kSipStatus)
      return {csta::sip_status(read.error), {}};
    return respond(read.csta_error, read.namespace_uri);
  }
  CtiSession* current = session(id);
  const std::string& ns = read.namespace_uri;
  if (!current) return refuse(OperationError::kGeneric, ns);
  if (events && events->wanted())
    events->publish(LabEventKind::kCsta, "CSTA session " + std::to_string(id) + " (" +
                                             current->user + ") -> " +
                                             std::string(root_name(body)));

  // Every request is dispatched here, once: session and monitoring services by the engine, call
  // control and device services by CtiCallControl. A request neither answers does not compile.
  return std::visit(
      Overloaded{
          [&](const csta::RequestSystemStatus&) {
            return respond(csta::RequestSystemStatusResponse{}, ns);
          },
          [&](const csta::SystemStatus&) { return respond(csta::SystemStatusResponse{}, ns); },
          [&](const csta::GetCstaFeatures&) {
            return respond(implemented_features(control_ != nullptr), ns);
          },
          [&](const csta::MonitorStart& start) {
            const auto* device = std::get_if<csta::DeviceId>(&start.monitor_object);
            std::string number = device ? csta::device_number(device->text) : std::string();
            // docs/decisions.md #16: only `cti watch` DNs; a callObject is refused too
            // (docs/csta.md §6).
            if (number.empty() || !watched(number))
              return refuse(OperationError::kInvalidMonitorObject, ns);
            if (current->monitors.size() >= limits_.max_monitors_per_session)
              return refuse(csta::SubscribedResourceAvailabilityError::kObjectMonitorLimitExceeded,
                            ns);
            CtiMonitor monitor{std::to_string(next_cross_ref_id_++), number, device->text, ns};
            current->monitors.push_back(monitor);
            monitors_changed_ = true;
            return respond(csta::MonitorStartResponse{monitor.cross_ref_id}, ns);
          },
          [&](const csta::MonitorStop& stop) {
            auto erased = std::erase_if(current->monitors, [&](const CtiMonitor& m) {
              return m.cross_ref_id == stop.monitor_cross_ref_id;
            });
            if (erased == 0) return refuse(OperationError::kInvalidMonitorCrossRefId, ns);
            monitors_changed_ = true;
            return respond(csta::MonitorStopResponse{}, ns);
          },
          [&](const CallControlService auto& request) {
            // Only with a call model behind them (docs/csta.md §6 table).
            if (!control_) return refuse(OperationError::kServiceNotSupported, ns);
            in_request_ = true;  // events wait for flush_events(), after this answer went out
            return respond(control_->handle(request), ns);
          }},
      read.message);
}

namespace {
std::string session_server_text(const CtiSession& session) {
  if (!session.session_server) return "-";
  return std::to_string(*session.session_server) + " (" + session.session_server_name + ")";
}

long long seconds_left(const CtiSession& session, std::chrono::steady_clock::time_point now) {
  if (session.expires_at <= now) return 0;
  return std::chrono::ceil<std::chrono::seconds>(session.expires_at - now).count();
}
}  // namespace

std::string CtiEngine::show_sessions(std::chrono::steady_clock::time_point now) const {
  std::string text =
      "Session ID  Peer                   User        Line    Monitors  Expires  Session-server\n"
      "==========  =====================  ==========  ======  ========  =======  "
      "==============\n";
  char row[512];
  for (const auto& [id, session] : sessions_) {
    std::snprintf(row, sizeof row, "%-10d  %-21s  %-10s  %-6s  %-8zu  %-7lld  %s\n", id,
                  session.peer.c_str(), session.user.c_str(), session.line.c_str(),
                  session.monitors.size(), seconds_left(session, now),
                  session_server_text(session).c_str());
    text += row;
  }
  text += "Total CTI sessions: " + std::to_string(sessions_.size()) + "\n";
  return text;
}

std::string CtiEngine::show_session(int id, std::chrono::steady_clock::time_point now) const {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return "% CTI session " + std::to_string(id) + " does not exist\n";
  const CtiSession& session = it->second;
  std::string text =
      "Session ID      : " + std::to_string(id) + "\n" + "Peer            : " + session.peer +
      "\n" + "User            : " + session.user + "\n" + "Line            : " + session.line +
      "\n" + "Monitors        : " + std::to_string(session.monitors.size()) + "\n" +
      "Expires         : " + std::to_string(seconds_left(session, now)) + "\n" +
      "Session-server  : " + session_server_text(session) + "\n";
  for (const auto& monitor : session.monitors)
    text += "  Monitor cross-ref ID " + monitor.cross_ref_id + ", device " + monitor.device_number +
            "\n";
  return text;
}

}  // namespace cmemu::runtime
