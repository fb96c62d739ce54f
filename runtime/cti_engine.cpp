#include "runtime/cti_engine.hpp"

#include <cstdio>

#include "runtime/config.hpp"
#include "runtime/csta_codec.hpp"

namespace cmemu::runtime {
namespace {

using csta::CstaErrorCode;
using csta::OperationError;

// Decision 18: the services this engine dispatches below, and no others. Events come with the
// call model.
csta::GetCstaFeaturesResponse implemented_features() {
  csta::GetCstaFeaturesResponse features;
  features.supported_services = {{"capExchangeServList", {"getCSTAFeatures"}},
                                 {"systemStatServList", {"requestSystemStatus", "systemStatus"}},
                                 {"monitoringServList", {"monitorStart", "monitorStop"}}};
  return features;
}

CstaAnswer respond(const csta::Response& response, std::string_view namespace_uri) {
  return {200, csta::write(response, namespace_uri)};
}

CstaAnswer refuse(csta::ErrorValue error, std::string_view namespace_uri) {
  return respond(CstaErrorCode{error}, namespace_uri);
}

}  // namespace

std::vector<int> CtiEngine::apply(const Config& config) {
  open_ = config.voice_service && !config.voice_service->cti_shutdown;
  watched_.clear();
  for (const auto& [tag, dn] : config.ephone_dns) {
    if (dn.number.empty()) continue;
    bool watch = dn.cti_watch;
    if (!watch && dn.dn_template) {
      auto it = config.ephone_dn_templates.find(*dn.dn_template);
      watch = it != config.ephone_dn_templates.end() && it->second.cti_watch;
    }
    if (watch) watched_.insert(dn.number);
  }
  std::vector<int> ending;
  if (!open_)
    for (const auto& [id, session] : sessions_) ending.push_back(id);
  return ending;
}

std::string CtiEngine::device_number(std::string_view text) {
  if (text.starts_with("tel:"))
    text.remove_prefix(4);
  else if (text.starts_with("sip:") || text.starts_with("sips:"))
    text.remove_prefix(text.find(':') + 1);
  text = text.substr(0, text.find_first_of(";@"));
  if (text.empty() || text.size() > 32) return {};
  for (char ch : text)
    if ((ch < '0' || ch > '9') && ch != '*' && ch != '#' && ch != '+') return {};
  return std::string(text);
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
}

void CtiEngine::send_event(int session_id, std::string body) {
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

  if (std::holds_alternative<csta::RequestSystemStatus>(read.message))
    return respond(csta::RequestSystemStatusResponse{}, ns);
  if (std::holds_alternative<csta::SystemStatus>(read.message))
    return respond(csta::SystemStatusResponse{}, ns);
  if (std::holds_alternative<csta::GetCstaFeatures>(read.message))
    return respond(implemented_features(), ns);
  if (const auto* start = std::get_if<csta::MonitorStart>(&read.message)) {
    const auto* device = std::get_if<csta::DeviceId>(&start->monitor_object);
    std::string number = device ? device_number(device->text) : std::string();
    // Decision 16: only `cti watch` DNs; a callObject is refused too (csta.md §6).
    if (number.empty() || !watched(number))
      return refuse(OperationError::kInvalidMonitorObject, ns);
    if (current->monitors.size() >= limits_.max_monitors_per_session)
      return refuse(csta::SubscribedResourceAvailabilityError::kObjectMonitorLimitExceeded, ns);
    CtiMonitor monitor{std::to_string(next_cross_ref_id_++), number, device->text, ns};
    current->monitors.push_back(monitor);
    return respond(csta::MonitorStartResponse{monitor.cross_ref_id}, ns);
  }
  if (const auto* stop = std::get_if<csta::MonitorStop>(&read.message)) {
    auto& monitors = current->monitors;
    auto erased = std::erase_if(monitors, [&](const CtiMonitor& m) {
      return m.cross_ref_id == stop->monitor_cross_ref_id;
    });
    if (erased == 0) return refuse(OperationError::kInvalidMonitorCrossRefId, ns);
    return respond(csta::MonitorStopResponse{}, ns);
  }
  // Call control and device services need the call model (csta.md §12: serviceNotSupported).
  return refuse(OperationError::kServiceNotSupported, ns);
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
