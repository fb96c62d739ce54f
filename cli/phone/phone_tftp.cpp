#include "cli/phone/phone_tftp.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <pugixml.hpp>

#include "cli/phone/phone_client.hpp"
#include "cli/phone/phone_simulator.hpp"
#include "grammar/text.hpp"

namespace cmemu::sccp {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;
using boost::system::error_code;

// One read request over UDP: the first answer's port is the server's transfer ID (RFC 1350 §4).
class FetchRun {
 public:
  FetchRun(asio::io_context& io, udp::endpoint server, tftp::ClientRequest request)
      : socket_(io), timer_(io), server_(server), machine_(std::move(request)) {}

  TftpFetch run(asio::io_context& io) {
    error_code ec;
    socket_.open(server_.protocol(), ec);
    if (ec) return {std::nullopt, {}, ec.message()};
    send(server_, machine_.start(tftp::Clock::now()));
    arm();
    receive();
    io.run();
    TftpFetch result;
    if (machine_.state() == tftp::TransferState::kDone) result.content = machine_.content();
    result.error = machine_.error();
    result.failure = machine_.failure();
    return result;
  }

 private:
  void send(const udp::endpoint& to, std::string_view bytes) {
    error_code ignored;
    socket_.send_to(asio::buffer(bytes.data(), bytes.size()), to, 0, ignored);
  }

  void after(const std::optional<std::string>& reply) {
    if (reply) send(peer_ ? *peer_ : server_, *reply);
    if (machine_.state() != tftp::TransferState::kRunning) {
      error_code ignored;
      timer_.cancel();
      socket_.close(ignored);
      return;
    }
    arm();
  }

  void arm() {
    timer_.expires_at(machine_.deadline());
    timer_.async_wait([this](error_code ec) {
      if (ec || !socket_.is_open()) return;
      after(machine_.on_timer(tftp::Clock::now()));
    });
  }

  void receive() {
    socket_.async_receive_from(asio::buffer(buffer_), from_, [this](error_code ec, std::size_t n) {
      if (ec == asio::error::operation_aborted || !socket_.is_open()) return;
      if (!ec) {
        if (!peer_ && from_.address() == server_.address()) peer_ = from_;
        if (peer_ && from_ == *peer_) {
          after(machine_.on_datagram(std::string_view(buffer_.data(), n), tftp::Clock::now()));
          if (!socket_.is_open()) return;
        } else {
          send(from_, tftp::build_error(tftp::ErrorCode::kUnknownTransferId));
        }
      }
      receive();
    });
  }

  udp::socket socket_;
  asio::steady_timer timer_;
  udp::endpoint server_;
  std::optional<udp::endpoint> peer_;
  tftp::ClientTransfer machine_;
  std::array<char, tftp::kMaxBlockSize + 4> buffer_{};
  udp::endpoint from_;
};

}  // namespace

std::optional<CallManagerAddress> call_manager_from_cnf(std::string_view xml) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size())) return std::nullopt;
  std::optional<CallManagerAddress> best;
  long best_priority = 0;
  for (const auto& found : document.select_nodes("//callManagerGroup/members/member")) {
    pugi::xml_node member = found.node();
    long priority = member.attribute("priority").as_int(0);
    pugi::xml_node manager = member.child("callManager");
    std::string host = std::string(text::trim(manager.child_value("processNodeName")));
    if (host.empty() || (best && priority >= best_priority)) continue;
    CallManagerAddress address{host, 2000};
    auto port = text::unsigned_number<std::uint16_t>(
        text::trim(manager.child("ports").child_value("ethernetPhonePort")));
    if (port && *port > 0) address.port = *port;
    best = address;
    best_priority = priority;
  }
  return best;
}

TftpFetch tftp_fetch(const std::string& host, std::uint16_t port, tftp::ClientRequest request) {
  asio::io_context io;
  error_code ec;
  udp::resolver resolver(io);
  auto endpoints = resolver.resolve(udp::v4(), host, std::to_string(port), ec);
  if (ec || endpoints.empty()) return {std::nullopt, {}, "cannot resolve " + host};
  FetchRun run(io, *endpoints.begin(), std::move(request));
  return run.run(io);
}

std::optional<CallManagerAddress> boot_from_tftp(const std::string& host, std::uint16_t port,
                                                 const std::string& device_name,
                                                 std::ostream& out) {
  // A phone asks for its own file first and takes the shared one when there is none.
  for (std::string name : {device_name + ".cnf.xml", std::string("XMLDefault.cnf.xml")}) {
    tftp::ClientRequest request;
    request.filename = name;
    request.block_size = 1024;
    TftpFetch fetched = tftp_fetch(host, port, request);
    if (!fetched.content) {
      out << "tftp " << name << ": " << fetched.failure << "\n";
      if (fetched.error.code == tftp::ErrorCode::kFileNotFound) continue;
      return std::nullopt;
    }
    out << "tftp " << name << ": " << fetched.content->size() << " bytes\n";
    auto manager = call_manager_from_cnf(*fetched.content);
    if (!manager) out << "tftp " << name << ": names no call manager\n";
    return manager;
  }
  return std::nullopt;
}

int tftp_boot(const std::string& tftp, const std::string& mac, bool fleet, std::string& router,
              std::ostream& out, std::ostream& err) {
  constexpr int kExitUsage = 4;
  if (tftp.empty()) {
    if (!router.empty()) return 0;
    err << "cmemu-phone: --router or --tftp is required\n";
    return kExitUsage;
  }
  if (fleet) {
    err << "cmemu-phone: --tftp boots one phone; a fleet takes --router\n";
    return kExitUsage;
  }
  auto server = text::split_host_port(tftp, 69);
  auto parsed_mac = parse_mac(mac);
  if (!server || !parsed_mac) {
    err << "cmemu-phone: --tftp needs HOST[:PORT] and --mac 12 hex digits (001E.4A34.A35F)\n";
    return kExitUsage;
  }
  auto manager = boot_from_tftp(server->host, server->port, device_name_for_mac(*parsed_mac), out);
  if (!manager) return kExitDisconnected;
  router = manager->host + ":" + std::to_string(manager->port);
  return 0;
}

}  // namespace cmemu::sccp
