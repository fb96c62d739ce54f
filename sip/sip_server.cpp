#include "sip/sip_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <variant>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/csta/codec.hpp"
#include "runtime/csta/device_id.hpp"
#include "sip/event_queue.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {
namespace {

using namespace std::chrono_literals;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::uint16_t kDefaultSipPort = 5060;
constexpr std::uint32_t kMinSessionExpires = 90;        // docs/decisions.md #14
constexpr std::uint32_t kDefaultSessionExpires = 1800;  // docs/decisions.md #14
constexpr auto kTick = 500ms;                           // session and registration expiry
constexpr std::size_t kMaxDialogs = 1000;

bool reliable(const Peer& peer) {
  return peer.transport == TransportKind::kTcp;
}
constexpr const char* kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER";
constexpr const char* kCstaContentType = "application/csta+xml";

/// Whether the body is CSTA XML (the media type compared without its parameters, in any case).
bool carries_csta(const Message& message) {
  auto value = message.value("Content-Type").value_or(std::string_view{});
  return text::iequals(text::trim_right(value.substr(0, value.find(';')), " "), kCstaContentType);
}

std::string peer_text(const Peer& peer) {
  return peer.address + ":" + std::to_string(peer.port) +
         (peer.transport == TransportKind::kUdp ? "/UDP" : "/TCP");
}

bool supports_timer(const Message& request) {
  for (auto value : request.values("Supported"))
    if (iequals(value, "timer")) return true;
  return false;
}

}  // namespace

/// One CTI session's SIP dialog (RFC 3261 §12) as the UAS.
struct SipServer::Dialog {
  int session_id = 0;
  std::string call_id;
  std::string remote_tag, local_tag;
  std::string remote_uri, local_uri;   // From and To of the INVITE, as written
  std::string remote_target;           // the client's Contact
  std::vector<std::string> route_set;  // the INVITE's Record-Route values, in order (§12.1.1)
  Peer peer;
  std::string invite_transaction;  // the last INVITE's server transaction, for 491
  EventQueue events;               // docs/csta.md §1
  std::uint32_t local_cseq = 0;
  std::uint32_t remote_cseq = 0;
  std::uint32_t session_expires = kDefaultSessionExpires;
};

struct SipServer::Timers {
  explicit Timers(boost::asio::io_context& io) : tick(io), transactions(io) {}
  boost::asio::steady_timer tick;
  boost::asio::steady_timer transactions;
};

SipServer::SipServer(boost::asio::io_context& io, std::string fallback_address,
                     std::function<void(const std::string&)> log,
                     std::function<void(const std::string&)> cti_trace, TransactionTimers timers)
    : transactions_(timers),
      transport_(io, *this),
      timers_(std::make_unique<Timers>(io)),
      fallback_address_(std::move(fallback_address)),
      log_(std::move(log)),
      cti_trace_(std::move(cti_trace)) {
  cti_.set_event_sink([this](int id, std::string body) { queue_event(id, std::move(body)); });
  on_tick();
}

void SipServer::trace(int session_id, bool received, std::string_view body) {
  if (!cti_trace_ || body.empty() || (cti_trace_wanted_ && !cti_trace_wanted_())) return;
  std::string text = "CTI session " + std::to_string(session_id) + (received ? " rx: " : " tx: ");
  for (char ch : body) text += (ch == '\r' || ch == '\n') ? ' ' : ch;
  cti_trace_(text);
}

SipServer::~SipServer() {
  timers_->tick.cancel();
  timers_->transactions.cancel();
  transport_.close();
}

void SipServer::apply(const runtime::Config&, const runtime::Config& next) {
  // docs/decisions.md #10: `voice register global` / `source-address A port P`, else 5060 on the
  // router.
  std::string address = fallback_address_;
  std::uint16_t port = kDefaultSipPort;
  if (next.voice_register_global && next.voice_register_global->source_address) {
    address = grammar::format_ipv4(*next.voice_register_global->source_address);
    port = static_cast<std::uint16_t>(
        next.voice_register_global->source_port.value_or(kDefaultSipPort));
  }
  if (address != configured_address_ || port != configured_port_ || !transport_.bound())
    rebind(address, port);
  for (int tag : registrar_.apply(next)) end_tied_sessions(tag);
  for (int id : cti_.apply(next)) end_session(id);  // `cti shutdown`: BYE to every session
  dn_numbers_.clear();
  for (const auto& [tag, dn] : next.ephone_dns)
    if (!dn.number.empty()) dn_numbers_[dn.number] = true;
}

void SipServer::rebind(const std::string& address, std::uint16_t port) {
  configured_address_ = address;
  configured_port_ = port;
  std::string error = transport_.bind(address, port);
  if (!error.empty() && address != fallback_address_) {
    // docs/decisions.md #11: an address this host does not own is served on --bind-address instead.
    std::string first_error = error;
    error = transport_.bind(fallback_address_, port);
    if (error.empty())
      log_("%SIP-6-BIND: " + address + " is not usable here (" + first_error +
           "); SIP listens on " + fallback_address_ + ":" + std::to_string(port));
  }
  if (!error.empty())
    log_("%SIP-3-BIND: cannot listen on " + address + ":" + std::to_string(port) + ": " + error);
}

std::string SipServer::local_host() const {
  return transport_.local_address() + ":" + std::to_string(transport_.local_port());
}

void SipServer::on_message(const Message& message, const Peer& from) {
  if (!message.is_request()) {
    on_response(message);
    return;
  }
  auto now = runtime::Clock::instance().steady_now();
  // A retransmission is answered again (or absorbed) by its transaction, an ACK ends its INVITE's
  // (RFC 3261 §17.2.3); a late or stray ACK goes no further either.
  auto match = transactions_.receive_request(message, now);
  if (!match.send.empty()) transport_.send(from, std::move(match.send));
  request_key_ = std::move(match.key);
  keyed_request_ = &message;
  if (match.matched || message.method == "ACK") {
    arm_transaction_timer();  // the ACK of a non-2xx starts timer I
    return;
  }
  const auto& from_header = message.from();
  const auto& to_header = message.to();
  if (message.method == "INVITE" && (!to_header || to_header->tag().empty())) {
    answer_invite(message, from);
    return;
  }
  const bool may_be_in_dialog = message.method == "INVITE" || message.method == "INFO" ||
                                message.method == "UPDATE" || message.method == "BYE";
  if (may_be_in_dialog && to_header) {
    const std::string_view call_id = message.call_id();
    const std::string_view remote_tag = from_header ? from_header->tag() : std::string_view();
    std::string& dialog_key = dialog_key_;  // reused: no allocation per request
    dialog_key.assign(call_id).append("|").append(remote_tag);
    auto dialog = dialogs_.find(dialog_key);
    if (dialog != dialogs_.end() && to_header->tag() == dialog->second->local_tag) {
      answer_in_dialog(message, from, *dialog->second);
      return;
    }
  }
  ResponseSpec spec;
  spec.headers.push_back({"Server", "cmemu"});
  if (message.method == "OPTIONS") {
    spec.headers.insert(spec.headers.begin(),
                        {{"Allow", kAllow}, {"Accept", kCstaContentType}, {"Supported", "timer"}});
  } else if (message.method == "REGISTER") {
    auto answer = registrar_.handle_register(message, now);
    for (int tag : answer.ended) end_tied_sessions(tag);
    if (answer.silent) return;
    spec.status_code = answer.status_code;
    spec.headers.insert(spec.headers.begin(), answer.headers.begin(), answer.headers.end());
  } else if (may_be_in_dialog) {
    spec.status_code = 481;  // RFC 3261 §12.2.2: not one of our dialogs
  } else if (message.method == "CANCEL") {
    spec.status_code = 481;  // the INVITE was answered at once: nothing left to cancel
  } else {
    spec.status_code = 405;
    spec.headers.insert(spec.headers.begin(), {"Allow", kAllow});
  }
  reply(message, from, spec.status_code, write_response(message, spec));
}

void SipServer::reply(const Message& request, const Peer& to, int status, std::string response,
                      int session_id) {
  auto now = runtime::Clock::instance().steady_now();
  bool ends_session = request.method == "INVITE" && status >= 200 && status < 300;
  std::string key =
      &request == keyed_request_ ? std::move(request_key_) : server_transaction_key(request);
  keyed_request_ = nullptr;
  auto sent = transactions_.respond(std::move(key), request, reliable(to), now, status,
                                    std::move(response), {to, ends_session ? session_id : 0});
  if (!sent.send.empty()) transport_.send(to, std::move(sent.send));
  arm_transaction_timer();
}

void SipServer::on_response(const Message& response) {
  auto now = runtime::Clock::instance().steady_now();
  auto match = transactions_.receive_response(response, now);
  if (!match.matched) return;  // a stray or late answer
  arm_transaction_timer();
  if (match.actions.deliver && response.status_code >= 200 && match.context.session_id)
    on_event_answer(match.context.session_id, response.status_code);
}

void SipServer::arm_transaction_timer() {
  auto deadline = transactions_.next_deadline();
  if (!deadline || (armed_at_ && *armed_at_ <= *deadline)) return;
  armed_at_ = *deadline;
  auto now = runtime::Clock::instance().steady_now();
  timers_->transactions.expires_after(std::max<std::chrono::steady_clock::duration>(
      *deadline - now, std::chrono::steady_clock::duration::zero()));
  timers_->transactions.async_wait([this](const boost::system::error_code& error) {
    if (!error) on_transaction_timer();
  });
}

void SipServer::on_transaction_timer() {
  armed_at_.reset();
  auto now = runtime::Clock::instance().steady_now();
  std::vector<int> ending, timed_out_events;
  while (auto fired = transactions_.fire_due(now)) {
    if (!fired->send.empty()) transport_.send(fired->context.peer, std::move(fired->send));
    if (!fired->timed_out || !fired->context.session_id) continue;
    // Timer F: no answer to an event INFO. Timer L: a 2xx never acknowledged, and RFC 3261
    // §13.3.1.4 ends the session with BYE.
    (fired->client ? timed_out_events : ending).push_back(fired->context.session_id);
  }
  for (int id : ending) end_session(id);
  for (int id : timed_out_events) on_event_answer(id, 0);
  arm_transaction_timer();
}

void SipServer::answer_invite(const Message& request, const Peer& from) {
  ResponseSpec spec;
  spec.headers.push_back({"Server", "cmemu"});
  auto refuse = [&] { reply(request, from, spec.status_code, write_response(request, spec)); };
  const auto& to = request.to();
  const auto& from_header = request.from();
  auto expires = request.session_expires();
  if (!cti_.open()) {
    spec.status_code = 503;  // docs/decisions.md #12
    return refuse();
  }
  if (!carries_csta(request)) {
    spec.status_code = 415;  // docs/decisions.md #15
    spec.headers.push_back({"Accept", kCstaContentType});
    return refuse();
  }
  if (expires && expires->delta < kMinSessionExpires) {
    spec.status_code = 422;  // docs/decisions.md #14
    spec.headers.push_back({"Min-SE", std::to_string(kMinSessionExpires)});
    return refuse();
  }
  // docs/decisions.md #13: the body opens the session; the line is the To user, else MOC's
  // lcs:line.
  auto read = runtime::csta::read_request(request.body);
  bool status_request =
      read.ok() && (std::holds_alternative<runtime::csta::RequestSystemStatus>(read.message) ||
                    std::holds_alternative<runtime::csta::SystemStatus>(read.message));
  if (!status_request || !to || !from_header) {
    spec.status_code = 400;
    spec.reason = "CSTA session request expected";
    return refuse();
  }
  std::string line(to->uri.user);
  if (!dn_numbers_.count(line)) {
    const auto* rss = std::get_if<runtime::csta::RequestSystemStatus>(&read.message);
    if (rss && rss->extensions && rss->extensions->lcs_line)
      line = runtime::csta::device_number(*rss->extensions->lcs_line);
  }
  if (!dn_numbers_.count(line)) {
    spec.status_code = 404;  // docs/decisions.md #13: not a line of this router
    return refuse();
  }
  if (!cti_.watched(line)) {
    spec.status_code = 403;  // docs/decisions.md #13: a line without `cti watch`
    return refuse();
  }
  std::uint32_t granted = expires ? expires->delta : kDefaultSessionExpires;
  auto now = runtime::Clock::instance().steady_now();
  runtime::CtiSession* session =
      dialogs_.size() < kMaxDialogs
          ? cti_.open_session(peer_text(from), std::string(from_header->uri.user), line,
                              now + std::chrono::seconds(granted))
          : nullptr;
  if (!session) {
    spec.status_code = 503;
    spec.headers.push_back({"Retry-After", "60"});
    return refuse();
  }
  // docs/decisions.md #25: a session opened from a registered session-server's Contact shares its
  // fate.
  auto contacts = request.contacts();
  if (contacts && !contacts->empty()) {
    const auto& uri = contacts->front().uri;
    if (auto tag = registrar_.session_server_at(uri.host, uri.port.value_or(5060))) {
      session->session_server = *tag;
      session->session_server_name = registrar_.register_id(*tag);
      registrar_.set_silenced(*tag, false);
    }
  }
  auto dialog = std::make_unique<Dialog>();
  dialog->session_id = session->id;
  dialog->call_id = std::string(request.call_id());
  dialog->remote_tag = std::string(from_header->tag());
  dialog->local_tag = "cm" + std::to_string(next_tag_++);
  dialog->remote_uri = std::string(from_header->text);
  dialog->local_uri = std::string(to->text);
  dialog->remote_target = contacts && !contacts->empty() ? std::string(contacts->front().uri.text)
                                                         : std::string(from_header->uri.text);
  for (auto route : request.values("Record-Route")) dialog->route_set.emplace_back(route);
  dialog->invite_transaction = server_transaction_key(request);
  dialog->peer = from;
  dialog->remote_cseq = request.cseq() ? request.cseq()->number : 0;
  dialog->session_expires = granted;

  trace(session->id, true, request.body);
  auto answer = cti_.handle(session->id, request.body);
  trace(session->id, false, answer.body);
  spec.to_tag = dialog->local_tag;
  spec.headers = {{"Contact", "<sip:" + line + "@" + local_host() + ">"},
                  {"Allow", kAllow},
                  {"Supported", "timer"}};
  if (supports_timer(request)) spec.headers.push_back({"Require", "timer"});
  spec.headers.push_back({"Session-Expires", std::to_string(granted) + ";refresher=uac"});
  spec.headers.push_back({"Content-Disposition", "signal;handling=required"});
  spec.headers.push_back({"Server", "cmemu"});
  spec.content_type = kCstaContentType;
  spec.body = std::move(answer.body);
  spec.copy_record_route = true;  // RFC 3261 §12.1.1
  std::string dialog_key = dialog->call_id + "|" + dialog->remote_tag;
  session_dialogs_[session->id] = dialog_key;
  dialogs_[dialog_key] = std::move(dialog);
  reply(request, from, 200, write_response(request, spec), session->id);
  cti_.flush_events();
}

void SipServer::answer_in_dialog(const Message& request, const Peer& from, Dialog& dialog) {
  const auto& cseq = request.cseq();
  std::uint32_t number = cseq ? cseq->number : 0;
  ResponseSpec spec;
  if (number <= dialog.remote_cseq) {
    spec.status_code = 500;  // RFC 3261 §12.2.2: out of order
    reply(request, from, spec.status_code, write_response(request, spec));
    return;
  }
  dialog.remote_cseq = number;
  dialog.peer = from;
  auto now = runtime::Clock::instance().steady_now();
  bool awaiting_ack = transactions_.awaiting_ack(dialog.invite_transaction);
  if (awaiting_ack && request.method != "INVITE") {
    // A later request in the dialog carries our To tag, so the client has the INVITE's 2xx: its
    // ACK was lost. The 2xx stops being sent again, and the session is not ended for want of it.
    transactions_.acknowledge(dialog.invite_transaction, now);
  }
  if (request.method == "INVITE") {
    if (awaiting_ack) {
      // docs/decisions.md #15: a re-INVITE while the dialog's last INVITE awaits its ACK.
      spec.status_code = 491;
      spec.headers.push_back({"Retry-After", "1"});
      spec.headers.push_back({"Server", "cmemu"});
      reply(request, from, spec.status_code, write_response(request, spec));
      return;
    }
    dialog.invite_transaction = server_transaction_key(request);
  }
  runtime::CtiSession* session = cti_.session(dialog.session_id);
  if (request.method == "BYE") {
    int id = dialog.session_id;
    reply(request, from, spec.status_code, write_response(request, spec));
    session_dialogs_.erase(id);
    dialogs_.erase(dialog.call_id + "|" + dialog.remote_tag);  // `dialog` is gone
    close_session(id);
    return;
  }
  // At most Content-Disposition or Accept, Session-Expires, Require and Server.
  spec.headers.reserve(4);
  bool refresh = request.method == "UPDATE" || request.method == "INVITE";
  if (request.method == "INFO" || request.method == "INVITE") {
    if (!carries_csta(request)) {
      spec.status_code = 415;  // docs/decisions.md #15
      spec.headers.push_back({"Accept", kCstaContentType});
      refresh = false;
    } else {
      trace(dialog.session_id, true, request.body);
      auto answer = cti_.handle(dialog.session_id, request.body);
      trace(dialog.session_id, false, answer.body);
      spec.status_code = answer.sip_status;
      if (answer.sip_status == 200) {
        spec.content_type = kCstaContentType;
        spec.body = std::move(answer.body);
        spec.headers.push_back({"Content-Disposition", "signal;handling=required"});
      }
    }
  }
  if (refresh && spec.status_code == 200) {
    // RFC 4028: a refresh restarts the session timer with the interval it asks for.
    auto expires = request.session_expires();
    if (expires && expires->delta < kMinSessionExpires) {
      spec = ResponseSpec{};
      spec.status_code = 422;
      spec.headers.push_back({"Min-SE", std::to_string(kMinSessionExpires)});
    } else {
      if (expires) dialog.session_expires = expires->delta;
      if (session) session->expires_at = now + std::chrono::seconds(dialog.session_expires);
      spec.headers.push_back(
          {"Session-Expires", std::to_string(dialog.session_expires) + ";refresher=uac"});
      if (supports_timer(request)) spec.headers.push_back({"Require", "timer"});
    }
  }
  spec.headers.push_back({"Server", "cmemu"});
  reply(request, from, spec.status_code, write_response(request, spec), dialog.session_id);
  cti_.flush_events();  // the events a request caused follow its answer
}

RequestSpec SipServer::in_dialog_request(Dialog& dialog, const std::string& method,
                                         std::string& branch) {
  RequestSpec request;
  request.method = method;
  request.request_uri = dialog.remote_target;
  std::vector<std::string> routes = dialog.route_set;
  if (!routes.empty() && routes.front().find(";lr") == std::string::npos) {
    // A strict router (RFC 3261 §12.2.1.1): it becomes the Request-URI, the target the last Route.
    std::string first = routes.front();
    auto open = first.find('<'), close = first.find('>');
    request.request_uri = open != std::string::npos && close > open
                              ? first.substr(open + 1, close - open - 1)
                              : first;
    routes.erase(routes.begin());
    routes.push_back("<" + dialog.remote_target + ">");
  }
  std::string_view transport = dialog.peer.transport == TransportKind::kUdp ? "UDP" : "TCP";
  branch = std::string(kBranchMagicCookie) + "cm" + method + std::to_string(next_tag_++);
  // Fields made in place, in a vector with room for the ones the callers add (Contact,
  // Content-Disposition, Server): an event's INFO is built per event.
  auto& headers = request.headers;
  headers.reserve(routes.size() + 9);
  headers.push_back(
      {"Via", format_via(transport, transport_.local_address(), transport_.local_port(), branch)});
  headers.push_back({"Max-Forwards", "70"});
  for (auto& route : routes) headers.push_back({"Route", std::move(route)});
  std::string from = dialog.local_uri;
  from.append(";tag=").append(dialog.local_tag);
  headers.push_back({"From", std::move(from)});
  headers.push_back({"To", dialog.remote_uri});
  headers.push_back({"Call-ID", dialog.call_id});
  headers.push_back({"CSeq", std::to_string(++dialog.local_cseq) + " " + method});
  return request;
}

void SipServer::send_bye(Dialog& dialog) {
  std::string branch;
  RequestSpec bye = in_dialog_request(dialog, "BYE", branch);
  bye.headers.push_back({"Server", "cmemu"});
  send_request(dialog.peer, branch, bye);
}

void SipServer::queue_event(int session_id, std::string body) {
  auto found = session_dialogs_.find(session_id);
  if (found == session_dialogs_.end()) return;
  auto it = dialogs_.find(found->second);
  if (it == dialogs_.end()) return;
  Dialog& dialog = *it->second;
  if (auto now = dialog.events.push(std::move(body))) {
    send_info(dialog, std::move(*now));
  } else if (dialog.events.overflowed()) {
    log_("%CTI-4-EVENTS: CTI session " + std::to_string(session_id) + " has " +
         std::to_string(dialog.events.waiting()) + " events unanswered; it is ended");
    end_session(session_id);
  }
}

void SipServer::send_info(Dialog& dialog, std::string body) {
  trace(dialog.session_id, false, body);
  std::string branch;
  RequestSpec info = in_dialog_request(dialog, "INFO", branch);
  if (const auto* session = cti_.session(dialog.session_id))
    info.headers.push_back({"Contact", "<sip:" + session->line + "@" + local_host() + ">"});
  info.headers.push_back({"Content-Disposition", "signal;handling=required"});
  info.headers.push_back({"Server", "cmemu"});
  info.content_type = kCstaContentType;
  info.body = std::move(body);
  if (send_request(dialog.peer, branch, info, dialog.session_id) == TransactionError::kTableFull)
    end_session(dialog.session_id);  // no room to follow its answer
}

void SipServer::on_event_answer(int session_id, int status) {
  auto found = session_dialogs_.find(session_id);
  if (found == session_dialogs_.end()) return;  // ended meanwhile
  if (status == 481) {  // the client knows no such dialog: nothing to say BYE to
    dialogs_.erase(found->second);
    session_dialogs_.erase(found);
    close_session(session_id);
    return;
  }
  if (status == 0 || status == 408) {
    end_session(session_id);
    return;
  }
  auto it = dialogs_.find(found->second);
  if (it == dialogs_.end()) return;
  if (auto next = it->second->events.answered()) send_info(*it->second, std::move(*next));
}

TransactionError SipServer::send_request(const Peer& to, const std::string& branch,
                                         const RequestSpec& request, int event_session) {
  auto now = runtime::Clock::instance().steady_now();
  auto sent = transactions_.send_request(branch, request.method, reliable(to), now,
                                         write_request(request), {to, event_session});
  if (sent.error == TransactionError::kTableFull && event_session) return sent.error;
  transport_.send(to, std::move(sent.send));
  arm_transaction_timer();
  return sent.error;
}

bool SipServer::end_session(int id) {
  auto found = session_dialogs_.find(id);
  if (found == session_dialogs_.end()) return false;
  auto it = dialogs_.find(found->second);
  session_dialogs_.erase(found);
  if (it != dialogs_.end()) {
    send_bye(*it->second);
    dialogs_.erase(it);
  }
  close_session(id);
  return true;
}

void SipServer::close_session(int id) {
  const auto* session = cti_.session(id);
  auto tag = session ? session->session_server : std::nullopt;
  cti_.close_session(id);
  if (!tag) return;
  for (const auto& [other, remaining] : cti_.sessions())
    if (remaining.session_server == tag) return;
  registrar_.set_silenced(*tag, true);
}

void SipServer::end_tied_sessions(int tag) {
  if (!registrar_.cti_aware(tag)) return;
  std::vector<int> tied;
  for (const auto& [id, session] : cti_.sessions())
    if (session.session_server == tag) tied.push_back(id);
  for (int id : tied) end_session(id);
}

void SipServer::end_all_sessions() {
  while (!session_dialogs_.empty()) end_session(session_dialogs_.begin()->first);
}

// Session and registration expiry (docs/decisions.md #14, #24), every half second.
void SipServer::on_tick() {
  auto now = runtime::Clock::instance().steady_now();
  for (int id : cti_.expired(now)) end_session(id);
  for (int tag : registrar_.expire(now)) end_tied_sessions(tag);
  timers_->tick.expires_after(kTick);
  timers_->tick.async_wait([this](const boost::system::error_code& error) {
    if (!error) on_tick();
  });
}

}  // namespace cmemu::sip
