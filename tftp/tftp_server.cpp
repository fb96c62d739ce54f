#include "tftp/tftp_server.hpp"

#include <array>
#include <boost/asio.hpp>
#include <map>

#include "grammar/text.hpp"
#include "runtime/io/local_port.hpp"
#include "runtime/io/udp_socket.hpp"

namespace cmemu::tftp {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {
// A request is at most kMaxRequestBytes; a larger datagram is read far enough to be refused.
constexpr std::size_t kReceiveBytes = 2048;
}  // namespace

struct TftpServer::Impl : std::enable_shared_from_this<TftpServer::Impl> {
  struct Transfer {
    Transfer(asio::io_context& io, udp::endpoint peer, ServerTransfer machine)
        : socket(io), peer(peer), machine(std::move(machine)), timer(io) {}
    udp::socket socket;
    udp::endpoint peer;
    ServerTransfer machine;
    asio::steady_timer timer;
    std::array<char, kReceiveBytes> buffer{};
    udp::endpoint from;
    bool closed = false;
  };

  Impl(asio::io_context& io, FileSource files, ServerLimits limits)
      : io(io), files(std::move(files)), limits(limits), socket(io) {}

  asio::io_context& io;
  FileSource files;
  ServerLimits limits;
  udp::socket socket;
  std::array<char, kReceiveBytes> buffer{};
  udp::endpoint from;
  std::map<udp::endpoint, std::shared_ptr<Transfer>> transfers;  // by the client's endpoint
  ServerCounters counters;

  void send(udp::socket& on, const udp::endpoint& to, std::string_view bytes) {
    boost::system::error_code ignored;  // UDP: a lost packet is the timer's to repair
    on.send_to(asio::buffer(bytes.data(), bytes.size()), to, 0, ignored);
  }

  void refuse(const udp::endpoint& to, ErrorCode code) {
    ++counters.errors_sent;
    send(socket, to, build_error(code));
  }

  void receive() {
    socket.async_receive_from(
        asio::buffer(buffer), from,
        [this, self = shared_from_this()](boost::system::error_code ec, std::size_t size) {
          if (ec == asio::error::operation_aborted || !socket.is_open()) return;
          if (!ec) on_request(std::string_view(buffer.data(), size), from);
          receive();
        });
  }

  void on_request(std::string_view datagram, const udp::endpoint& client) {
    Packet packet = parse(datagram);
    if (std::holds_alternative<Error>(packet)) return;  // an ERROR is never answered
    const auto* request = std::get_if<Request>(&packet);
    if (!request) return refuse(client, ErrorCode::kIllegalOperation);
    // The router serves its files and takes none (docs/decisions.md #31).
    if (request->write) return refuse(client, ErrorCode::kAccessViolation);
    bool netascii = text::iequals(request->mode, "netascii");
    if (!netascii && !text::iequals(request->mode, "octet"))
      return refuse(client, ErrorCode::kIllegalOperation);
    if (transfers.count(client)) return;  // the client sent its request again: one transfer
    if (transfers.size() >= limits.max_transfers) {
      ++counters.requests_dropped;
      return;
    }
    std::string_view name = request->filename;
    if (name.starts_with('/')) name.remove_prefix(1);
    auto file = files(name);
    if (!file) return refuse(client, ErrorCode::kFileNotFound);
    if (netascii) file = std::make_shared<const std::string>(to_netascii(*file));
    Negotiation negotiation = negotiate(request->options, file->size(), limits.max_block_size);
    auto transfer = std::make_shared<Transfer>(
        io, client, ServerTransfer(std::move(file), std::move(negotiation), limits.timing));
    boost::system::error_code ec;
    transfer->socket.open(client.protocol(), ec);
    if (!ec) transfer->socket.bind(udp::endpoint(socket.local_endpoint().address(), 0), ec);
    if (ec) return refuse(client, ErrorCode::kNotDefined);
    transfers.emplace(client, transfer);
    ++counters.transfers_started;
    send(transfer->socket, client, transfer->machine.start(Clock::now()));
    arm_timer(transfer);  // first deadline: the first packet's
    receive_on(transfer);
  }

  void receive_on(const std::shared_ptr<Transfer>& transfer) {
    transfer->socket.async_receive_from(
        asio::buffer(transfer->buffer), transfer->from,
        [this, self = shared_from_this(), transfer](boost::system::error_code ec,
                                                    std::size_t size) {
          if (transfer->closed || ec == asio::error::operation_aborted) return;
          if (!ec) {
            if (transfer->from != transfer->peer) {
              // RFC 1350 §4: a packet from another port gets ERROR 5, the transfer goes on.
              send(transfer->socket, transfer->from, build_error(ErrorCode::kUnknownTransferId));
            } else {
              auto reply = transfer->machine.on_datagram(
                  std::string_view(transfer->buffer.data(), size), Clock::now());
              if (!after_step(transfer, reply)) return;
            }
          }
          receive_on(transfer);
        });
  }

  void arm_timer(const std::shared_ptr<Transfer>& transfer) {
    transfer->timer.expires_at(transfer->machine.deadline());
    transfer->timer.async_wait(
        [this, self = shared_from_this(), transfer](boost::system::error_code ec) {
          if (transfer->closed || ec == asio::error::operation_aborted) return;
          after_step(transfer, transfer->machine.on_timer(Clock::now()));
        });
  }

  // Sends what the machine handed back; ends a finished transfer. False once it ended.
  bool after_step(const std::shared_ptr<Transfer>& transfer,
                  const std::optional<std::string>& reply) {
    if (reply) send(transfer->socket, transfer->peer, *reply);
    switch (transfer->machine.state()) {
      case TransferState::kRunning:
        arm_timer(transfer);  // the deadline moves with each packet sent
        return true;
      case TransferState::kDone:
        ++counters.transfers_done;
        break;
      case TransferState::kFailed:
        ++counters.transfers_failed;
        break;
    }
    close(*transfer);
    transfers.erase(transfer->peer);
    return false;
  }

  void close(Transfer& transfer) {
    transfer.closed = true;
    boost::system::error_code ignored;
    transfer.timer.cancel();
    transfer.socket.close(ignored);
  }

  void stop() {
    boost::system::error_code ignored;
    socket.close(ignored);
    for (auto& [peer, transfer] : transfers) close(*transfer);
    transfers.clear();
  }
};

TftpServer::TftpServer(asio::io_context& io, FileSource files, ServerLimits limits)
    : impl_(std::make_shared<Impl>(io, std::move(files), limits)) {}

TftpServer::~TftpServer() {
  impl_->stop();
}

std::string TftpServer::listen(const std::string& address, std::uint16_t port) {
  impl_->stop();
  std::string error = runtime::io::open_udp(impl_->socket, address, port);
  if (!error.empty()) return error;
  impl_->receive();
  return {};
}

void TftpServer::stop() {
  impl_->stop();
}

std::uint16_t TftpServer::local_port() const {
  return runtime::io::local_port(impl_->socket);
}

std::size_t TftpServer::transfers() const {
  return impl_->transfers.size();
}

const ServerCounters& TftpServer::counters() const {
  return impl_->counters;
}

}  // namespace cmemu::tftp
