#include "sip/sip_server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "grammar/token_parsers.hpp"
#include "runtime/clock.hpp"
#include "runtime/config.hpp"
#include "runtime/csta_codec.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {
namespace {

using namespace std::chrono_literals;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::uint16_t kDefaultSipPort = 5060;
constexpr std::uint32_t kMinSessionExpires = 90;        // decision 14
constexpr std::uint32_t kDefaultSessionExpires = 1800;  // decision 14
constexpr auto kT1 = 500ms;                             // RFC 3261 timer T1
constexpr auto kT2 = 4s;                                // RFC 3261 timer T2
constexpr auto kTimerH = 64 * kT1;                      // wait for the ACK of a 2xx
constexpr auto kTimerF = 64 * kT1;                      // a non-INVITE client transaction's life
constexpr std::size_t kMaxDialogs = 1000;
constexpr std::size_t kMaxClientTransactions = 4096;
constexpr auto kTimerJ = 64 * kT1;  // how long a non-INVITE server transaction stays completed
constexpr std::size_t kMaxCompletedTransactions = 65536;

// The server transaction a request belongs to (RFC 3261 §17.2.3): branch, method, sent-by; and
// the CSeq number, since some clients (SIPp in a loop) reuse a branch for new requests.
std::string transaction_key(const Message& request) {
  auto via = request.top_via();
  auto cseq = request.cseq();
  if (!via || via->branch.empty() || !cseq) return {};
  std::string method = request.method == "ACK" ? "INVITE" : std::string(request.method);
  return std::string(via->branch) + "|" + method + "|" + std::string(via->host) + ":" +
         std::to_string(via->port.value_or(5060)) + "|" + std::to_string(cseq->number);
}
constexpr const char* kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER";
constexpr const char* kCstaContentType = "application/csta+xml";

std::string content_type_of(const Message& message) {
  auto value = message.value("Content-Type").value_or(std::string_view{});
  value = value.substr(0, value.find(';'));
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  std::string lower(value);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower;
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
  std::string remote_uri, local_uri;  // From and To of the INVITE, as written
  std::string remote_target;          // the client's Contact
  Peer peer;
  std::uint32_t local_cseq = 0;
  std::uint32_t remote_cseq = 0;
  // The 2xx to the INVITE is sent again over UDP until its ACK (RFC 3261 §13.3.1.4).
  std::string invite_response;
  bool acked = true;
  SteadyTime next_retransmit{}, give_up{};
  std::chrono::milliseconds interval = kT1;
  std::uint32_t session_expires = kDefaultSessionExpires;
};

struct SipServer::ClientTransaction {
  Peer peer;
  std::string request;
  SteadyTime next_retransmit{}, give_up{};
  std::chrono::milliseconds interval = kT1;
};

struct SipServer::Timers {
  explicit Timers(boost::asio::io_context& io) : tick(io) {}
  boost::asio::steady_timer tick;
};

SipServer::SipServer(boost::asio::io_context& io, std::string fallback_address,
                     std::function<void(const std::string&)> log,
                     std::function<void(const std::string&)> cti_trace)
    : transport_(io, *this),
      timers_(std::make_unique<Timers>(io)),
      fallback_address_(std::move(fallback_address)),
      log_(std::move(log)),
      cti_trace_(std::move(cti_trace)) {
  on_tick();
}

void SipServer::trace(int session_id, bool received, std::string_view body) {
  if (!cti_trace_ || body.empty()) return;
  std::string text = "CTI session " + std::to_string(session_id) + (received ? " rx: " : " tx: ");
  for (char ch : body) text += (ch == '\r' || ch == '\n') ? ' ' : ch;
  cti_trace_(text);
}

SipServer::~SipServer() {
  timers_->tick.cancel();
  transport_.close();
}

void SipServer::apply(const runtime::Config&, const runtime::Config& next) {
  // Decision 10: `voice register global` / `source-address A port P`, else 5060 on the router.
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
    // Decision 11: an address this host does not own is served on --bind-address instead.
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
    // A final answer ends the client transaction of the router's request (its BYE).
    auto via = message.top_via();
    if (via && message.status_code >= 200) client_transactions_.erase(std::string(via->branch));
    return;
  }
  if (message.method != "ACK" && message.method != "INVITE") {
    auto done = completed_.find(transaction_key(message));
    if (done != completed_.end()) {  // a retransmission: the same answer again
      transport_.send(from, done->second.response);
      return;
    }
  }
  auto from_header = message.from();
  auto to_header = message.to();
  std::string key = std::string(message.call_id()) + "|" +
                    (from_header ? std::string(from_header->tag()) : std::string());
  auto dialog = dialogs_.find(key);
  bool in_dialog = dialog != dialogs_.end();

  if (message.method == "ACK") {
    if (in_dialog) dialog->second->acked = true;
    return;
  }
  if (message.method == "INVITE" && (!to_header || to_header->tag().empty())) {
    if (in_dialog) {  // a retransmission of the INVITE that made this dialog
      transport_.send(from, dialog->second->invite_response);
      return;
    }
    answer_invite(message, from);
    return;
  }
  ResponseSpec spec;
  spec.headers.push_back({"Server", "cmemu"});
  if (message.method == "OPTIONS") {
    spec.headers.insert(spec.headers.begin(),
                        {{"Allow", kAllow}, {"Accept", kCstaContentType}, {"Supported", "timer"}});
  } else if (message.method == "REGISTER") {
    auto answer = registrar_.handle_register(message, runtime::Clock::instance().steady_now());
    for (int tag : answer.ended) end_tied_sessions(tag);
    if (answer.silent) return;
    spec.status_code = answer.status_code;
    spec.headers.insert(spec.headers.begin(), answer.headers.begin(), answer.headers.end());
  } else if (message.method == "INVITE" || message.method == "INFO" || message.method == "UPDATE" ||
             message.method == "BYE") {
    if (in_dialog && to_header && to_header->tag() == dialog->second->local_tag) {
      answer_in_dialog(message, from, *dialog->second);
      return;
    }
    spec.status_code = 481;  // RFC 3261 §12.2.2
  } else if (message.method == "CANCEL") {
    spec.status_code = 481;  // the INVITE was answered at once: nothing left to cancel
  } else {
    spec.status_code = 405;
    spec.headers.insert(spec.headers.begin(), {"Allow", kAllow});
  }
  reply(message, from, write_response(message, spec));
}

void SipServer::reply(const Message& request, const Peer& to, std::string response) {
  if (request.method != "INVITE" && completed_.size() < kMaxCompletedTransactions) {
    auto key = transaction_key(request);
    if (!key.empty())
      completed_[key] = {to, response, runtime::Clock::instance().steady_now() + kTimerJ};
  }
  transport_.send(to, std::move(response));
}

void SipServer::answer_invite(const Message& request, const Peer& from) {
  ResponseSpec spec;
  spec.headers.push_back({"Server", "cmemu"});
  auto reply = [&] { transport_.send(from, write_response(request, spec)); };
  auto to = request.to();
  auto from_header = request.from();
  auto expires = request.session_expires();
  if (!cti_.open()) {
    spec.status_code = 503;  // decision 12
    return reply();
  }
  if (content_type_of(request) != kCstaContentType) {
    spec.status_code = 415;  // decision 15
    spec.headers.push_back({"Accept", kCstaContentType});
    return reply();
  }
  if (expires && expires->delta < kMinSessionExpires) {
    spec.status_code = 422;  // decision 14
    spec.headers.push_back({"Min-SE", std::to_string(kMinSessionExpires)});
    return reply();
  }
  // Decision 13: the body opens the session; the line is the To user, else MOC's lcs:line.
  auto read = runtime::csta::read_request(request.body);
  bool status_request =
      read.ok() && (std::holds_alternative<runtime::csta::RequestSystemStatus>(read.message) ||
                    std::holds_alternative<runtime::csta::SystemStatus>(read.message));
  if (!status_request || !to || !from_header) {
    spec.status_code = 400;
    spec.reason = "CSTA session request expected";
    return reply();
  }
  std::string line(to->uri.user);
  if (!dn_numbers_.count(line)) {
    const auto* rss = std::get_if<runtime::csta::RequestSystemStatus>(&read.message);
    if (rss && rss->extensions && rss->extensions->lcs_line)
      line = runtime::CtiEngine::device_number(*rss->extensions->lcs_line);
  }
  if (!dn_numbers_.count(line)) {
    spec.status_code = 404;  // decision 13: not a line of this router
    return reply();
  }
  if (!cti_.watched(line)) {
    spec.status_code = 403;  // decision 13: a line without `cti watch`
    return reply();
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
    return reply();
  }
  // Decision 25: a session opened from a registered session-server's Contact shares its fate.
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
  spec.body = answer.body;
  dialog->invite_response = write_response(request, spec);
  if (from.transport == TransportKind::kUdp) {
    dialog->acked = false;
    dialog->next_retransmit = now + kT1;
    dialog->give_up = now + kTimerH;
  }
  transport_.send(from, dialog->invite_response);
  dialogs_[dialog->call_id + "|" + dialog->remote_tag] = std::move(dialog);
}

void SipServer::answer_in_dialog(const Message& request, const Peer& from, Dialog& dialog) {
  auto cseq = request.cseq();
  std::uint32_t number = cseq ? cseq->number : 0;
  ResponseSpec spec;
  if (number <= dialog.remote_cseq) {
    spec.status_code = 500;  // RFC 3261 §12.2.2: out of order
    reply(request, from, write_response(request, spec));
    return;
  }
  dialog.remote_cseq = number;
  dialog.peer = from;
  auto now = runtime::Clock::instance().steady_now();
  runtime::CtiSession* session = cti_.session(dialog.session_id);
  if (request.method == "BYE") {
    close_session(dialog.session_id);
    reply(request, from, write_response(request, spec));
    dialogs_.erase(dialog.call_id + "|" + dialog.remote_tag);
    return;
  }
  bool refresh = request.method == "UPDATE" || request.method == "INVITE";
  if (request.method == "INFO" || request.method == "INVITE") {
    if (content_type_of(request) != kCstaContentType) {
      spec.status_code = 415;  // decision 15
      spec.headers.push_back({"Accept", kCstaContentType});
      refresh = false;
    } else {
      trace(dialog.session_id, true, request.body);
      auto answer = cti_.handle(dialog.session_id, request.body);
      trace(dialog.session_id, false, answer.body);
      spec.status_code = answer.sip_status;
      if (answer.sip_status == 200) {
        spec.content_type = kCstaContentType;
        spec.body = answer.body;
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
  std::string response = write_response(request, spec);
  if (request.method == "INVITE") {
    dialog.invite_response = response;
    transport_.send(from, std::move(response));
  } else {
    reply(request, from, std::move(response));
  }
}

void SipServer::send_bye(Dialog& dialog) {
  RequestSpec bye;
  bye.method = "BYE";
  bye.request_uri = dialog.remote_target;
  std::string transport = dialog.peer.transport == TransportKind::kUdp ? "UDP" : "TCP";
  std::string host = transport_.local_address();
  std::string branch = std::string(kBranchMagicCookie) + "bye" + std::to_string(next_tag_++);
  bye.headers = {{"Via", format_via(transport, host, transport_.local_port(), branch)},
                 {"Max-Forwards", "70"},
                 {"From", dialog.local_uri + ";tag=" + dialog.local_tag},
                 {"To", dialog.remote_uri},
                 {"Call-ID", dialog.call_id},
                 {"CSeq", std::to_string(++dialog.local_cseq) + " BYE"},
                 {"Server", "cmemu"}};
  send_request(dialog.peer, branch, write_request(bye));
}

void SipServer::send_request(const Peer& to, const std::string& branch, std::string request) {
  if (client_transactions_.size() < kMaxClientTransactions) {
    auto now = runtime::Clock::instance().steady_now();
    client_transactions_[branch] = ClientTransaction{to, request, now + kT1, now + kTimerF, kT1};
  }
  transport_.send(to, std::move(request));
}

bool SipServer::end_session(int id) {
  for (auto it = dialogs_.begin(); it != dialogs_.end(); ++it) {
    if (it->second->session_id != id) continue;
    send_bye(*it->second);
    dialogs_.erase(it);
    close_session(id);
    return true;
  }
  return false;
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
  while (!dialogs_.empty()) end_session(dialogs_.begin()->second->session_id);
}

// Every T1: the 2xx retransmissions of unacknowledged INVITEs, and session expiry (decision 14).
void SipServer::on_tick() {
  auto now = runtime::Clock::instance().steady_now();
  std::vector<int> ending;
  for (auto& [key, dialog] : dialogs_) {
    if (!dialog->acked) {
      if (now >= dialog->give_up) {
        ending.push_back(dialog->session_id);  // no ACK: RFC 3261 §13.3.1.4 ends the dialog
      } else if (now >= dialog->next_retransmit) {
        transport_.send(dialog->peer, dialog->invite_response);
        dialog->interval = std::min<std::chrono::milliseconds>(dialog->interval * 2, kT2);
        dialog->next_retransmit = now + dialog->interval;
      }
    }
  }
  for (int id : cti_.expired(now)) ending.push_back(id);
  for (int id : ending) end_session(id);
  for (int tag : registrar_.expire(now)) end_tied_sessions(tag);
  std::erase_if(completed_, [now](const auto& item) { return item.second.forget_at <= now; });
  for (auto it = client_transactions_.begin(); it != client_transactions_.end();) {
    auto& transaction = it->second;
    if (now >= transaction.give_up) {  // timer F: no answer, the request is given up
      it = client_transactions_.erase(it);
      continue;
    }
    if (transaction.peer.transport == TransportKind::kUdp && now >= transaction.next_retransmit) {
      transport_.send(transaction.peer, transaction.request);  // timer E
      transaction.interval = std::min<std::chrono::milliseconds>(transaction.interval * 2, kT2);
      transaction.next_retransmit = now + transaction.interval;
    }
    ++it;
  }
  timers_->tick.expires_after(kT1);
  timers_->tick.async_wait([this](const boost::system::error_code& error) {
    if (!error) on_tick();
  });
}

}  // namespace cmemu::sip
