#include "sip/sip_server.hpp"

#include "grammar/token_parsers.hpp"
#include "runtime/clock.hpp"
#include "runtime/config.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {
namespace {

constexpr std::uint16_t kDefaultSipPort = 5060;
constexpr std::uint32_t kMinSessionExpires = 90;  // decision 14
constexpr const char* kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER";
constexpr const char* kCstaContentType = "application/csta+xml";

std::string content_type_of(const Message& message) {
  auto value = message.value("Content-Type").value_or(std::string_view{});
  auto semicolon = value.find(';');
  value = value.substr(0, semicolon);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  std::string lower(value);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower;
}

}  // namespace

SipServer::SipServer(boost::asio::io_context& io, std::string fallback_address,
                     std::function<void(const std::string&)> log)
    : transport_(io, *this), fallback_address_(std::move(fallback_address)), log_(std::move(log)) {}

SipServer::~SipServer() {
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

  registrar_.apply(next);
  // Sessions that `cti shutdown` ends will get their BYE from the CTI listener once sessions
  // exist over SIP; until then none can be open.
  for (int id : cti_.apply(next)) cti_.close_session(id);
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

void SipServer::on_message(const Message& message, const Peer& from) {
  if (!message.is_request() || message.method == "ACK") return;
  ResponseSpec spec;
  if (message.method == "OPTIONS") {
    spec.headers = {{"Allow", kAllow}, {"Accept", kCstaContentType}, {"Supported", "timer"}};
  } else if (message.method == "INVITE") {
    answer_invite(message, from);
    return;
  } else if (message.method == "BYE" || message.method == "INFO" || message.method == "UPDATE" ||
             message.method == "CANCEL") {
    spec.status_code = 481;  // no dialog or transaction exists yet for them to belong to
  } else if (message.method == "REGISTER") {
    auto answer = registrar_.handle_register(message, runtime::Clock::instance().steady_now());
    spec.status_code = answer.status_code;
    spec.headers = std::move(answer.headers);
  } else {
    spec.status_code = 405;
    spec.headers = {{"Allow", kAllow}};
  }
  spec.headers.push_back({"Server", "cmemu"});
  transport_.send(from, write_response(message, spec));
}

void SipServer::answer_invite(const Message& request, const Peer& from) {
  ResponseSpec spec;
  spec.headers.push_back({"Server", "cmemu"});
  auto to = request.to();
  std::string line = to ? std::string(to->uri.user) : std::string();
  if (!cti_.open()) {
    spec.status_code = 503;  // decision 12
  } else if (content_type_of(request) != kCstaContentType) {
    spec.status_code = 415;  // decision 15
    spec.headers.push_back({"Accept", kCstaContentType});
  } else if (auto expires = request.session_expires();
             expires && expires->delta < kMinSessionExpires) {
    spec.status_code = 422;  // decision 14
    spec.headers.push_back({"Min-SE", std::to_string(kMinSessionExpires)});
  } else if (!dn_numbers_.count(line)) {
    spec.status_code = 404;  // decision 13: not a line of this router
  } else if (!cti_.watched(line)) {
    spec.status_code = 403;  // decision 13: a line without `cti watch`
  } else {
    spec.status_code = 501;  // CTI sessions are not built yet
  }
  transport_.send(from, write_response(request, spec));
}

}  // namespace cmemu::sip
