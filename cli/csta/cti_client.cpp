#include "cli/csta/cti_client.hpp"

#include <algorithm>
#include <cstdio>
#include <type_traits>
#include <utility>
#include <variant>

#include "runtime/csta/codec.hpp"
#include "runtime/csta/device_id.hpp"
#include "sip/parser.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {
namespace {

constexpr std::string_view kContentType = "application/csta+xml";

std::string text_of(const csta::EventDevice& device) {
  switch (device.kind) {
    case csta::EventDevice::Kind::kIdentifier:
      return device.identifier;
    case csta::EventDevice::Kind::kNotKnown:
      return "notKnown";
    case csta::EventDevice::Kind::kRestricted:
      return "restricted";
  }
  return {};
}

std::string connection_text(const csta::ConnectionId& connection) {
  return "call=" + connection.call_id + " device=" + connection.device_id;
}

std::string state_text(const std::optional<csta::LocalConnectionState>& state) {
  return state ? " state=" + std::string(csta::to_string(*state)) : std::string();
}

std::string on_off(bool on) {
  return on ? "on" : "off";
}

/// Finds the first ConnectionId field of a message, walking its describe().
struct FirstConnection {
  const csta::ConnectionId* found = nullptr;
  template <class T>
  void field(std::string_view, const T& value) {
    if constexpr (std::is_same_v<T, csta::ConnectionId>)
      if (!found) found = &value;
  }
  template <class... A>
  void list(A&&...) {}
  template <class... A>
  void choice(A&&...) {}
  template <class... A>
  void features(A&&...) {}
};

/// The connection an event is about: the first connection it names, as every call event names
/// its subject right after monitorCrossRefID (docs/csta.md §9); none for device events.
const csta::ConnectionId* main_connection(const csta::Event& event) {
  return std::visit(
      [](const auto& e) {
        FirstConnection first;
        std::decay_t<decltype(e)>::describe(first, e);
        return first.found;
      },
      event);
}

template <class E>
std::optional<csta::LocalConnectionState> local_state(const E& e) {
  if constexpr (requires { e.local_connection_info; })
    return e.local_connection_info;
  else
    return std::nullopt;
}

std::string error_text(const csta::CstaErrorCode& code) {
  std::string category(csta::kErrorCategoryNames[code.error.index()]);
  std::string value = std::visit(
      [](const auto& v) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, csta::UnspecifiedError>)
          return {};
        else
          return std::string(csta::to_string(v));
      },
      code.error);
  return value.empty() ? category : category + "/" + value;
}

std::string status_line(int status) {
  return std::to_string(status) + " " + std::string(reason_phrase(status));
}

}  // namespace

std::string describe_event(const csta::Event& event) {
  std::string text(csta::element_name(event));
  if (const csta::ConnectionId* connection = main_connection(event))
    text += " " + connection_text(*connection);
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, csta::DivertedEvent>)
          text += " to=" + text_of(e.new_destination);
        if constexpr (std::is_same_v<E, csta::TransferedEvent>) {
          if (e.secondary_old_call) text += " secondary=" + e.secondary_old_call->call_id;
          text += " to=" + text_of(e.transferred_to_device);
        }
        if constexpr (std::is_same_v<E, csta::DigitsGeneratedEvent>)
          text += " digits=" + e.digit_generated_list;
        if constexpr (std::is_same_v<E, csta::DoNotDisturbEvent>)
          text += " device=" + text_of(e.device) + " dnd=" + on_off(e.do_not_disturb_on);
        if constexpr (std::is_same_v<E, csta::ForwardingEvent>) {
          text += " device=" + text_of(e.device) + " forward=" + on_off(e.forward_status);
          if (e.forwarding_type)
            text += " type=" + std::string(csta::to_string(*e.forwarding_type));
          if (e.forward_to) text += " to=" + e.forward_to->text;
        }
        if constexpr (std::is_same_v<E, csta::MessageWaitingEvent>)
          text += " device=" + text_of(e.target_device) + " mwi=" + on_off(e.message_waiting_on);
        text += state_text(local_state(e));
        if constexpr (requires { e.cause; })
          text += " cause=" + std::string(csta::to_string(e.cause));
      },
      event);
  return text;
}

std::string describe_response(const csta::Response& response) {
  if (const auto* error = std::get_if<csta::CstaErrorCode>(&response))
    return "error " + error_text(*error);
  std::string text = "response " + std::string(csta::element_name(response));
  std::visit(
      [&](const auto& r) {
        using R = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<R, csta::MakeCallResponse>)
          text += " " + connection_text(r.calling_device);
        if constexpr (std::is_same_v<R, csta::ConsultationCallResponse>)
          text += " " + connection_text(r.initiated_call);
        if constexpr (std::is_same_v<R, csta::TransferCallResponse> ||
                      std::is_same_v<R, csta::SingleStepTransferCallResponse>)
          text += " " + connection_text(r.transferred_call);
        if constexpr (std::is_same_v<R, csta::MonitorStartResponse>)
          text += " crossRef=" + r.monitor_cross_ref_id;
        if constexpr (std::is_same_v<R, csta::RequestSystemStatusResponse>)
          text += " status=" + std::string(csta::to_string(r.system_status));
        if constexpr (std::is_same_v<R, csta::GetDoNotDisturbResponse>)
          text += " dnd=" + on_off(r.do_not_disturb_on);
        if constexpr (std::is_same_v<R, csta::GetForwardingResponse>) {
          for (const auto& item : r.forwarding_list) {
            text += " " + std::string(csta::to_string(item.forwarding_type)) + "=" +
                    on_off(item.forward_status);
            if (item.forward_dn) text += " to=" + item.forward_dn->text;
          }
        }
        if constexpr (std::is_same_v<R, csta::SnapshotDeviceResponse>) {
          text += " calls=" + std::to_string(r.calls.size());
          for (const auto& call : r.calls)
            text += " [" + connection_text(call.connection) +
                    " state=" + std::string(csta::to_string(call.state)) + "]";
        }
        if constexpr (std::is_same_v<R, csta::GetCstaFeaturesResponse>) {
          std::size_t services = 0;
          for (const auto& list : r.supported_services) services += list.items.size();
          text += " services=" + std::to_string(services);
        }
      },
      response);
  return text;
}

// ---------------------------------------------------------------------------------------------

CtiClient::CtiClient(CtiClientOptions options, ClientTime start)
    : options_(std::move(options)), start_(start), line_uri_("tel:" + options_.line) {
  call_id_ = "csta" + options_.tag_seed + "@" + options_.local_host;
  register_call_id_ = "reg" + options_.tag_seed + "@" + options_.local_host;
  from_tag_ = "t" + options_.tag_seed;
  remote_target_ = "sip:" + options_.line + "@" + options_.router_host + ":" +
                   std::to_string(options_.router_port);
}

void CtiClient::print(ClientTime now, std::string_view text) {
  double seconds = std::chrono::duration<double>(now - start_).count();
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%.3f ", seconds < 0 ? 0.0 : seconds);
  output_.lines.push_back(stamp + std::string(text));
}

CtiClient::Output CtiClient::take_output() {
  return std::exchange(output_, {});
}

void CtiClient::start(ClientTime now) {
  if (phase_ != Phase::kIdle) return;
  if (!options_.register_id.empty()) {
    phase_ = Phase::kRegistering;
    send_register(options_.register_expires, now);
  } else {
    send_invite(now);
  }
}

void CtiClient::send_register(std::uint32_t expires, ClientTime now) {
  std::string host_port = options_.router_host + ":" + std::to_string(options_.router_port);
  std::string contact = "sip:" + options_.register_id + "@" + options_.local_host + ":" +
                        std::to_string(options_.local_port);
  RequestSpec spec;
  spec.method = "REGISTER";
  spec.request_uri = "sip:" + host_port;
  std::uint32_t cseq = ++register_cseq_;
  // REGISTER CSeqs are kept apart from the INVITE dialog's by a high base.
  std::uint32_t key = 1000000 + cseq;
  std::string branch =
      std::string(kBranchMagicCookie) + "r" + options_.tag_seed + "." + std::to_string(++branch_);
  spec.headers = {
      {"Via", format_via("UDP", options_.local_host, options_.local_port, branch)},
      {"Max-Forwards", "70"},
      {"From", "<sip:" + options_.register_id + "@" + host_port + ">;tag=r" + options_.tag_seed},
      {"To", "<sip:" + options_.register_id + "@" + host_port + ">"},
      {"Call-ID", register_call_id_},
      {"CSeq", std::to_string(cseq) + " REGISTER"},
      {"Contact", "<" + contact + ">"},
      {"Expires", std::to_string(expires)},
      {"User-Agent", "cmemu-csta"},
  };
  send_in_transaction(branch, spec, key, now);
  if (expires == 0) unregister_cseq_ = key;
  if (!options_.quiet) print(now, expires == 0 ? "tx REGISTER Expires: 0" : "tx REGISTER");
}

void CtiClient::send_invite(ClientTime now) {
  phase_ = Phase::kInviting;
  csta::Request body = csta::RequestSystemStatus{};
  invite_cseq_ = send_request(
      "INVITE", now, csta::write(body, csta::kEd3Namespace),
      {{"Supported", "timer"}, {"Session-Expires", std::to_string(options_.session_expires)}},
      false);
}

std::uint32_t CtiClient::send_request(std::string method, ClientTime now, std::string body,
                                      std::vector<std::pair<std::string, std::string>> extra,
                                      bool in_dialog) {
  std::uint32_t cseq = ++cseq_;
  RequestSpec spec;
  spec.method = method;
  spec.request_uri = in_dialog ? remote_target_
                               : "sip:" + options_.line + "@" + options_.router_host + ":" +
                                     std::to_string(options_.router_port);
  std::string to = "<sip:" + options_.line + "@" + options_.router_host + ":" +
                   std::to_string(options_.router_port) + ">";
  if (!to_tag_.empty()) to += ";tag=" + to_tag_;
  std::string branch =
      std::string(kBranchMagicCookie) + "c" + options_.tag_seed + "." + std::to_string(++branch_);
  spec.headers = {
      {"Via", format_via("UDP", options_.local_host, options_.local_port, branch)},
      {"Max-Forwards", "70"},
      {"From", "<sip:" + options_.user + "@" + options_.local_host + ">;tag=" + from_tag_},
      {"To", to},
      {"Call-ID", call_id_},
      {"CSeq", std::to_string(cseq) + " " + method},
  };
  if (method == "INVITE" || method == "UPDATE")
    spec.headers.push_back({"Contact", "<sip:" + options_.user + "@" + options_.local_host + ":" +
                                           std::to_string(options_.local_port) + ">"});
  for (auto& [name, value] : extra) spec.headers.push_back({name, value});
  if (method == "INVITE") spec.headers.push_back({"User-Agent", "cmemu-csta"});
  if (!body.empty()) {
    spec.headers.push_back({"Content-Disposition", "signal;handling=required"});
    spec.content_type = std::string(kContentType);
    spec.body = std::move(body);
  }
  send_in_transaction(branch, spec, cseq, now);
  return cseq;
}

void CtiClient::send_in_transaction(const std::string& branch, const RequestSpec& spec,
                                    std::uint32_t key, ClientTime now) {
  auto sent = transactions_.send_request(branch, spec.method, false, now, write_request(spec),
                                         {spec.method, key});
  output_.datagrams.push_back(std::move(sent.send));
}

void CtiClient::answer_request(const Message& request, const ResponseSpec& spec, ClientTime now) {
  auto sent =
      transactions_.respond(request, false, now, spec.status_code, write_response(request, spec));
  output_.datagrams.push_back(std::move(sent.send));
}

void CtiClient::send_ack(std::uint32_t cseq) {
  RequestSpec spec;
  spec.method = "ACK";
  spec.request_uri = remote_target_;
  spec.headers = {
      {"Via", format_via("UDP", options_.local_host, options_.local_port,
                         std::string(kBranchMagicCookie) + "a" + options_.tag_seed + "." +
                             std::to_string(++branch_))},
      {"Max-Forwards", "70"},
      {"From", "<sip:" + options_.user + "@" + options_.local_host + ">;tag=" + from_tag_},
      {"To", "<sip:" + options_.line + "@" + options_.router_host + ":" +
                 std::to_string(options_.router_port) + ">;tag=" + to_tag_},
      {"Call-ID", call_id_},
      {"CSeq", std::to_string(cseq) + " ACK"},
  };
  output_.datagrams.push_back(write_request(spec));
}

std::uint32_t CtiClient::request(const csta::Request& request, ClientTime now) {
  std::string name(csta::element_name(request));
  std::uint32_t cseq = send_request("INFO", now, csta::write(request, csta::kEd3Namespace));
  info_names_[cseq] = name;
  if (!options_.quiet) print(now, "tx " + name);
  return cseq;
}

const RequestAnswer* CtiClient::answer(std::uint32_t cseq) const {
  auto it = answers_.find(cseq);
  return it == answers_.end() ? nullptr : &it->second;
}

void CtiClient::receive(std::string_view datagram, ClientTime now) {
  ParseResult parsed = parse(datagram, Framing::kDatagram);
  if (parsed.status != ParseStatus::kMessage) return;
  if (parsed.message.is_response())
    handle_response(parsed.message, now);
  else
    handle_request(parsed.message, now);
}

void CtiClient::handle_response(const Message& m, ClientTime now) {
  auto match = transactions_.receive_response(m, now);
  if (!match.actions.send.empty()) output_.datagrams.push_back(std::move(match.actions.send));
  if (!match.matched) {
    // A copy of the 2xx to the INVITE, whose transaction ended with the first: ACK it again
    // (RFC 3261 §13.2.2.4).
    auto cseq = m.cseq();
    if (cseq && cseq->method == "INVITE" && m.status_code >= 200 && m.status_code < 300 &&
        m.call_id() == call_id_ && !to_tag_.empty())
      send_ack(cseq->number);
    return;
  }
  if (!match.actions.deliver || m.status_code < 200) return;  // provisional: keep waiting
  const std::string& method = match.context.method;
  std::optional<std::uint32_t> expires = m.expires();
  if (auto contacts = m.contacts(); method == "REGISTER" && contacts && !contacts->empty()) {
    if (auto param = contacts->front().param("expires")) {
      if (auto value = parse_delta_seconds(*param)) expires = value;
    }
  }
  std::optional<std::uint32_t> session;
  if (auto se = m.session_expires()) session = se->delta;
  std::string_view to_tag;
  auto to = m.to();
  if (to) to_tag = to->tag();
  if (method == "INVITE" && m.status_code < 300) {
    if (auto contacts = m.contacts(); contacts && !contacts->empty())
      remote_target_ = std::string(contacts->front().uri.text);
  }
  answered(match.context.cseq, method, m.status_code, std::string(m.body), expires, session, to_tag,
           now);
}

void CtiClient::answered(std::uint32_t cseq, const std::string& method, int status,
                         std::string body, std::optional<std::uint32_t> expires,
                         std::optional<std::uint32_t> session_expires, std::string_view to_tag,
                         ClientTime now) {
  if (method == "REGISTER") {
    if (cseq == unregister_cseq_) {
      print(now, "unregistered " + options_.register_id + " (" + status_line(status) + ")");
      registered_ = false;
      register_refresh_at_.reset();
      finish(outcome_ == Outcome::kNone ? Outcome::kClosed : outcome_);
      return;
    }
    if (status >= 300) {
      print(now, "FAIL REGISTER " + options_.register_id + " answered " + status_line(status));
      if (phase_ == Phase::kRegistering) finish(Outcome::kRefused);
      return;
    }
    register_expires_ = expires.value_or(options_.register_expires);
    if (!registered_ || phase_ == Phase::kRegistering)
      print(now,
            "registered " + options_.register_id + " expires=" + std::to_string(register_expires_));
    registered_ = true;
    if (register_expires_ > 0)
      register_refresh_at_ = now + std::chrono::milliseconds(register_expires_ * 500ULL);
    if (phase_ == Phase::kRegistering) {
      if (closing_requested_) return after_bye(now);  // no session yet: un-REGISTER
      send_invite(now);
    }
    return;
  }
  if (method == "INVITE") {
    if (status >= 300) {
      print(now, "FAIL INVITE answered " + status_line(status));
      outcome_ = Outcome::kRefused;
      return after_bye(now);  // no session: un-REGISTER and end
    }
    if (to_tag_.empty()) to_tag_ = std::string(to_tag);
    send_ack(cseq);
    auto read = csta::read_response(body);
    session_expires_ = session_expires.value_or(options_.session_expires);
    session_refresh_at_ = now + std::chrono::milliseconds(session_expires_ * 500ULL);
    std::string status_text = read.ok() ? describe_response(read.message) : "unreadable body";
    print(now, "session open " + status_text + " expires=" + std::to_string(session_expires_));
    phase_ = Phase::kReady;  // close() from here on sends BYE
    if (read.ok()) {
      const auto* s = std::get_if<csta::RequestSystemStatusResponse>(&read.message);
      if (!s || s->system_status != csta::SystemStatusValue::kNormal) {
        print(now, "FAIL system status is not normal");
        outcome_ = Outcome::kRefused;
        return close(now);
      }
    }
    if (closing_requested_) return close(now);
    session_open(now);
    return;
  }
  if (method == "UPDATE") {
    if (status >= 300) {
      print(now, "UPDATE answered " + status_line(status));
      if (status == 481 || status == 408) finish(Outcome::kEndedByRouter);
      return;
    }
    session_expires_ = session_expires.value_or(session_expires_);
    session_refresh_at_ = now + std::chrono::milliseconds(session_expires_ * 500ULL);
    print(now, "session refreshed expires=" + std::to_string(session_expires_));
    return;
  }
  if (method == "BYE") {
    print(now, "session closed (BYE " + status_line(status) + ")");
    return after_bye(now);
  }
  if (method != "INFO") return;
  RequestAnswer result;
  result.status = status;
  result.body = body;
  std::string name = info_names_.count(cseq) ? info_names_[cseq] : "INFO";
  if (status != 200) {
    print(now, "error SIP " + status_line(status) + " to " + name);
    if (status == 481 || status == 408) finish(Outcome::kEndedByRouter);
  } else {
    auto read = csta::read_response(body);
    if (read.ok()) {
      result.response = read.message;
      track_response(read.message);
      print(now, describe_response(read.message));
      if (cseq == monitor_cseq_) {
        if (const auto* r = std::get_if<csta::MonitorStartResponse>(&read.message))
          monitor_ = r->monitor_cross_ref_id;
      }
    } else {
      print(now, "error unreadable answer to " + name + " (" +
                     std::string(csta::to_string(read.error)) + ")");
    }
  }
  answers_[cseq] = std::move(result);
  if (cseq == monitor_cseq_ && phase_ == Phase::kOpening) {
    if (monitor_.empty()) {
      print(now, "FAIL MonitorStart on " + line_uri_ + " refused");
      outcome_ = Outcome::kRefused;
      return close(now);
    }
    phase_ = Phase::kReady;
    if (closing_requested_) close(now);
  } else if (cseq == monitor_stop_cseq_) {
    after_monitor_stop(now);
  }
}

void CtiClient::session_open(ClientTime now) {
  phase_ = Phase::kOpening;
  features_cseq_ = request(csta::GetCstaFeatures{}, now);
  csta::MonitorStart start;
  start.monitor_object = csta::DeviceId{line_uri_, {}};
  monitor_cseq_ = request(start, now);
}

void CtiClient::close(ClientTime now) {
  closing_requested_ = true;
  switch (phase_) {
    case Phase::kIdle:
      return finish(Outcome::kClosed);
    case Phase::kRegistering:
    case Phase::kInviting:
      return;  // closes once the answer is in (see answered())
    case Phase::kOpening:
      if (answers_.count(monitor_cseq_) == 0) return;
      [[fallthrough]];
    case Phase::kReady:
      phase_ = Phase::kClosing;
      if (!monitor_.empty()) {
        csta::MonitorStop stop;
        stop.monitor_cross_ref_id = monitor_;
        monitor_stop_cseq_ = request(stop, now);
      } else {
        after_monitor_stop(now);
      }
      return;
    case Phase::kClosing:
    case Phase::kDone:
      return;
  }
}

void CtiClient::after_monitor_stop(ClientTime now) {
  session_refresh_at_.reset();
  bye_cseq_ = send_request("BYE", now);
  if (!options_.quiet) print(now, "tx BYE");
}

void CtiClient::after_bye(ClientTime now) {
  session_refresh_at_.reset();
  if (registered_) {
    phase_ = Phase::kClosing;
    register_refresh_at_.reset();
    send_register(0, now);
    return;
  }
  finish(outcome_ == Outcome::kNone
             ? (phase_ == Phase::kInviting ? Outcome::kRefused : Outcome::kClosed)
             : outcome_);
}

void CtiClient::finish(Outcome outcome) {
  phase_ = Phase::kDone;
  if (outcome_ == Outcome::kNone) outcome_ = outcome;
  transactions_.clear();
  session_refresh_at_.reset();
  register_refresh_at_.reset();
}

void CtiClient::handle_request(const Message& m, ClientTime now) {
  ResponseSpec spec;
  auto cseq = m.cseq();
  if (m.method == "ACK") return;
  // A retransmission gets the answer its transaction keeps (RFC 3261 §17.2.2).
  auto match = transactions_.receive_request(m, now);
  if (match.matched) {
    if (!match.send.empty()) output_.datagrams.push_back(std::move(match.send));
    return;
  }
  if (m.call_id() != call_id_ && m.method != "OPTIONS") {
    spec.status_code = 481;
    return answer_request(m, spec, now);
  }
  if (m.method == "INFO") {
    answer_request(m, spec, now);
    if (!cseq || cseq->number <= last_router_cseq_) return;  // a retransmission
    last_router_cseq_ = cseq->number;
    auto read = csta::read_event(m.body);
    if (!read.ok()) {
      print(now,
            "event unreadable (" + std::string(csta::to_string(read.error)) + ") " + read.root);
      return;
    }
    track_event(read.message);
    print(now, "event " + describe_event(read.message));
    events_.push_back({read.message, std::string(csta::element_name(read.message)), now});
    return;
  }
  if (m.method == "BYE") {
    answer_request(m, spec, now);
    if (phase_ == Phase::kDone) return;
    print(now, "session ended by the router (BYE)");
    outcome_ = Outcome::kEndedByRouter;
    monitor_.clear();
    transactions_.clear_client_transactions();
    after_bye(now);
    return;
  }
  if (m.method == "OPTIONS") {
    spec.headers.push_back({"Allow", "INFO, BYE, OPTIONS, ACK"});
    return answer_request(m, spec, now);
  }
  spec.status_code = 501;
  answer_request(m, spec, now);
}

void CtiClient::timed_out(std::uint32_t cseq, const std::string& method, ClientTime now) {
  print(now, "FAIL no answer to " + method +
                 (info_names_.count(cseq) ? " " + info_names_[cseq] : std::string()));
  if (method == "INFO") {
    answers_[cseq] = RequestAnswer{};
    if (cseq == monitor_stop_cseq_) return after_monitor_stop(now);
    if (cseq == monitor_cseq_) {
      phase_ = Phase::kReady;
      return close(now);
    }
    return finish(Outcome::kTimedOut);  // RFC 3261 §12.2.1.2: the dialog is gone
  }
  if (method == "BYE") return after_bye(now);
  if (method == "REGISTER") {
    if (cseq == unregister_cseq_ || phase_ == Phase::kRegistering)
      return finish(Outcome::kTimedOut);
    registered_ =
        false;  // refresh unanswered (docs/decisions.md #25 silences it): keep the session
    return;
  }
  finish(Outcome::kTimedOut);
}

void CtiClient::tick(ClientTime now) {
  while (auto fired = transactions_.fire_due(now)) {
    if (!fired->send.empty()) output_.datagrams.push_back(std::move(fired->send));
    if (!fired->timed_out || !fired->client) continue;
    timed_out(fired->context.cseq, fired->context.method, now);
    if (phase_ == Phase::kDone) return;
  }
  if (session_refresh_at_ && now >= *session_refresh_at_ && phase_ != Phase::kDone) {
    session_refresh_at_.reset();
    send_request("UPDATE", now, {},
                 {{"Supported", "timer"},
                  {"Session-Expires", std::to_string(session_expires_) + ";refresher=uac"}});
    if (!options_.quiet) print(now, "tx UPDATE");
  }
  if (register_refresh_at_ && now >= *register_refresh_at_ && phase_ != Phase::kDone) {
    register_refresh_at_.reset();
    send_register(options_.register_expires, now);
  }
}

std::optional<ClientTime> CtiClient::wake_at() const {
  std::optional<ClientTime> at;
  auto consider = [&](std::optional<ClientTime> t) {
    if (t && (!at || *t < *at)) at = t;
  };
  consider(transactions_.next_deadline());
  consider(session_refresh_at_);
  consider(register_refresh_at_);
  return at;
}

// ---------------------------------------------------------------------------------------------
// Calls

bool CtiClient::is_line(std::string_view device) const {
  return device == line_uri_ || csta::device_number(device) == options_.line;
}

void CtiClient::forget(const std::string& call) {
  if (call.empty()) return;
  for (std::string* tracked : {&current_, &alerting_, &active_, &held_}) {
    if (*tracked == call) tracked->clear();
  }
  if (current_.empty()) current_ = !active_.empty() ? active_ : held_;
}

void CtiClient::track_response(const csta::Response& response) {
  if (const auto* r = std::get_if<csta::MakeCallResponse>(&response)) {
    current_ = active_ = r->calling_device.call_id;
  } else if (const auto* c = std::get_if<csta::ConsultationCallResponse>(&response)) {
    if (!active_.empty()) held_ = active_;
    current_ = active_ = c->initiated_call.call_id;
  }
}

void CtiClient::track_event(const csta::Event& event) {
  const csta::ConnectionId* connection = main_connection(event);
  if (!connection) return;
  const std::string& call = connection->call_id;
  bool mine = is_line(connection->device_id);
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        auto state = local_state(e);
        if constexpr (std::is_same_v<E, csta::ConnectionClearedEvent>) {
          if (mine || state == csta::LocalConnectionState::kNull) forget(call);
          return;
        } else if constexpr (std::is_same_v<E, csta::TransferedEvent>) {
          if (!state || *state == csta::LocalConnectionState::kNull) {
            forget(e.primary_old_call.call_id);
            if (e.secondary_old_call) forget(e.secondary_old_call->call_id);
          }
          return;
        } else if constexpr (std::is_same_v<E, csta::DivertedEvent>) {
          if (mine) forget(call);
          return;
        } else {
          if (!mine) return;
          current_ = call;
          if constexpr (std::is_same_v<E, csta::DeliveredEvent>) {
            if (state == csta::LocalConnectionState::kAlerting) alerting_ = call;
          } else if constexpr (std::is_same_v<E, csta::EstablishedEvent>) {
            if (alerting_ == call) alerting_.clear();
            active_ = call;
            if (held_ == call) held_.clear();
          } else if constexpr (std::is_same_v<E, csta::HeldEvent>) {
            held_ = call;
            if (active_ == call) active_.clear();
          } else if constexpr (std::is_same_v<E, csta::RetrievedEvent>) {
            active_ = call;
            if (held_ == call) held_.clear();
          } else if constexpr (std::is_same_v<E, csta::ServiceInitiatedEvent> ||
                               std::is_same_v<E, csta::OriginatedEvent>) {
            active_ = call;
          }
        }
      },
      event);
}

}  // namespace cmemu::sip
