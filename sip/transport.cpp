#include "sip/transport.hpp"

#include <sys/socket.h>
#include <array>
#include <boost/asio.hpp>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>

#include "runtime/io/bounded_write_queue.hpp"
#include "runtime/io/udp_socket.hpp"
#include "sip/parser.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

namespace {
constexpr std::size_t kDatagramSize = 65535;
constexpr std::size_t kReadChunk = 16384;
// Datagrams handed to the kernel in one sendmmsg, and taken from it in one recvmmsg.
constexpr std::size_t kBatch = 16;
// recvmmsg calls in one turn of the loop before the other sockets and timers get theirs.
constexpr int kReceiveRounds = 4;
}  // namespace

struct Transport::Impl : std::enable_shared_from_this<Transport::Impl> {
  struct Connection {
    tcp::socket socket;
    std::string buffer;
    runtime::io::BoundedWriteQueue<std::string> queue;  // whole messages; past it, dropped
    std::array<char, kReadChunk> chunk{};
    std::string address;
    std::uint16_t port = 0;
    Connection(tcp::socket s, std::size_t max_send_queue)
        : socket(std::move(s)), queue(max_send_queue) {}
  };

  Impl(asio::io_context& io, MessageSink& sink, TransportLimits limits)
      : io(io), sink(sink), limits(limits), udp_socket(io), acceptor(io) {}

  asio::io_context& io;
  MessageSink& sink;
  TransportLimits limits;
  udp::socket udp_socket;
  tcp::acceptor acceptor;
  // kBatch datagrams' room (only the pages that datagrams reach are ever touched).
  std::vector<char> datagrams = std::vector<char>(kBatch * kDatagramSize);
  std::array<udp::endpoint, kBatch> senders;
  // While a datagram is handled, the datagrams it causes (an answer, the events that follow it)
  // wait here and leave together, in order, in one sendmmsg when it is done.
  bool batching = false;
  std::vector<std::pair<udp::endpoint, std::string>> outgoing;
  std::map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::uint64_t next_connection = 1;
  Counters counters;
  // Bumped on every bind/close so that handlers of closed sockets know they are stale. Handlers
  // hold the Impl alive, so one that runs after the Transport is gone finds a stale generation.
  std::uint64_t generation = 0;
  // Texts and addresses made once rather than per datagram (inet_ntop and inet_pton are not
  // free): the bound endpoint, the last sender's address and the last destination's.
  std::string local_address;
  std::uint16_t local_port = 0;
  udp::endpoint last_from;
  std::string last_from_text;
  std::string last_to_text;
  asio::ip::address last_to;

  const std::string& address_text(const udp::endpoint& from) {
    if (from.address() != last_from.address() || last_from_text.empty()) {
      last_from = from;
      last_from_text = from.address().to_string();
    }
    return last_from_text;
  }

  std::optional<asio::ip::address> address_of(const std::string& text) {
    if (text != last_to_text || last_to_text.empty()) {
      boost::system::error_code ec;
      auto address = asio::ip::make_address(text, ec);
      if (ec) return std::nullopt;
      last_to = address;
      last_to_text = text;
    }
    return last_to;
  }

  // Datagrams are taken in batches (recvmmsg) when the socket is readable, and the answers and
  // events of a batch leave in one sendmmsg: at full rate one turn of the loop carries several
  // requests instead of one epoll_wait, recvfrom and sendmmsg each (bench/README.md).
  void receive_datagram() {
    udp_socket.async_wait(udp::socket::wait_read, [this, self = shared_from_this(),
                                                   gen = generation](boost::system::error_code ec) {
      if (gen != generation || ec == asio::error::operation_aborted) return;
      receive_ready(gen);
    });
  }

  void receive_ready(std::uint64_t gen) {
    for (int round = 0; round < kReceiveRounds; ++round) {
      int taken = receive_batch(gen);
      if (gen != generation) return;  // closed while handling
      if (taken == 0) {
        // Drained: each datagram that comes now wakes the wait. A short batch is not enough to
        // go and wait: at full rate more came while it was handled, and taking them now spares
        // re-arming the wait (an epoll_ctl in Asio) and the epoll_wait that would report them.
        receive_datagram();
        return;
      }
    }
    // More may be waiting: they are taken once the loop's other sockets and timers have had
    // their turn.
    asio::post(io, [this, self = shared_from_this(), gen] {
      if (gen == generation) receive_ready(gen);
    });
  }

  // One recvmmsg and the handling of what it took: the number taken, 0 when none was waiting,
  // -1 after an error (a socket error is reported once, and datagrams may wait behind it).
  int receive_batch(std::uint64_t gen) {
    std::array<mmsghdr, kBatch> headers{};
    std::array<iovec, kBatch> data{};
    for (std::size_t i = 0; i < kBatch; ++i) {
      data[i] = {datagrams.data() + i * kDatagramSize, kDatagramSize};
      headers[i].msg_hdr.msg_iov = &data[i];
      headers[i].msg_hdr.msg_iovlen = 1;
      headers[i].msg_hdr.msg_name = senders[i].data();
      headers[i].msg_hdr.msg_namelen = static_cast<socklen_t>(senders[i].capacity());
    }
    int taken =
        ::recvmmsg(udp_socket.native_handle(), headers.data(), kBatch, MSG_DONTWAIT, nullptr);
    if (taken < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
    batching = true;
    for (int i = 0; i < taken && gen == generation; ++i) {
      senders[i].resize(headers[i].msg_hdr.msg_namelen);
      const udp::endpoint& from = senders[i];
      Peer peer{TransportKind::kUdp, address_text(from), from.port(), 0};
      handle(std::string_view(datagrams.data() + i * kDatagramSize, headers[i].msg_len),
             Framing::kDatagram, peer);
    }
    batching = false;
    send_outgoing();  // also what a batch that rebound the socket sent through the new one
    return taken;
  }

  void send_outgoing() {
    std::size_t done = 0;
    while (done < outgoing.size()) {
      std::array<mmsghdr, kBatch> headers{};
      std::array<iovec, kBatch> data{};
      std::size_t count = std::min(kBatch, outgoing.size() - done);
      for (std::size_t i = 0; i < count; ++i) {
        auto& [to, bytes] = outgoing[done + i];
        data[i] = {bytes.data(), bytes.size()};
        headers[i].msg_hdr.msg_iov = &data[i];
        headers[i].msg_hdr.msg_iovlen = 1;
        headers[i].msg_hdr.msg_name = to.data();
        headers[i].msg_hdr.msg_namelen = static_cast<socklen_t>(to.size());
      }
      int sent = udp_socket.is_open() ? ::sendmmsg(udp_socket.native_handle(), headers.data(),
                                                   static_cast<unsigned>(count), 0)
                                      : -1;
      if (sent > 0) {
        done += static_cast<std::size_t>(sent);
        continue;
      }
      // The kernel took none (a full send buffer, an unreachable address): this one goes the
      // ordinary way, which waits for room, or is counted dropped.
      auto& [to, bytes] = outgoing[done++];
      send_now(to, bytes);
    }
    outgoing.clear();
  }

  void send_now(const udp::endpoint& to, const std::string& bytes) {
    boost::system::error_code ec;
    if (udp_socket.is_open()) udp_socket.send_to(asio::buffer(bytes), to, 0, ec);
    if (ec || !udp_socket.is_open()) ++counters.dropped;
  }

  // Parses what arrived; returns the bytes used (stream) so the caller can keep the rest.
  std::size_t handle(std::string_view bytes, Framing framing, const Peer& peer) {
    std::size_t used = 0;
    for (;;) {
      auto rest = bytes.substr(used);
      if (rest.empty()) return used;
      auto result = parse(rest, framing);
      switch (result.status) {
        case ParseStatus::kNeedMore:
          return used;
        case ParseStatus::kKeepAlive:
          if (result.ping && framing == Framing::kStream) send(peer, "\r\n");
          used += result.consumed;
          break;
        case ParseStatus::kMessage:
          ++counters.received;
          sink.on_message(result.message, peer);
          used += result.consumed;
          break;
        case ParseStatus::kError:
          ++counters.parse_errors;
          if (result.answerable) {
            ResponseSpec spec;
            spec.status_code = result.status_code;
            spec.reason = result.reason;
            send(peer, write_response(result.message, spec));
          }
          if (framing == Framing::kDatagram) return bytes.size();
          if (result.consumed == 0) {
            close_connection(peer.connection);
            return bytes.size();
          }
          used += result.consumed;
          break;
      }
      if (framing == Framing::kDatagram) return bytes.size();
    }
  }

  void accept() {
    acceptor.async_accept([this, self = shared_from_this(), gen = generation](
                              boost::system::error_code ec, tcp::socket s) {
      if (gen != generation || ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (connections.size() >= limits.max_tcp_connections) {
          ++counters.dropped;
          boost::system::error_code ignored;
          s.close(ignored);
        } else {
          auto id = next_connection++;
          auto connection = std::make_shared<Connection>(std::move(s), limits.max_send_queue);
          boost::system::error_code e1, e2;
          auto remote = connection->socket.remote_endpoint(e1);
          if (!e1) {
            connection->address = remote.address().to_string();
            connection->port = remote.port();
          }
          connection->socket.set_option(tcp::no_delay(true), e2);
          connections[id] = connection;
          read(id, connection);
        }
      }
      accept();
    });
  }

  void read(std::uint64_t id, const std::shared_ptr<Connection>& connection) {
    connection->socket.async_read_some(
        asio::buffer(connection->chunk),
        [this, self = shared_from_this(), id, connection, gen = generation](
            boost::system::error_code ec, std::size_t size) {
          if (gen != generation || ec == asio::error::operation_aborted) return;
          if (ec) {
            close_connection(id);
            return;
          }
          connection->buffer.append(connection->chunk.data(), size);
          Peer peer{TransportKind::kTcp, connection->address, connection->port, id};
          std::size_t used = handle(connection->buffer, Framing::kStream, peer);
          if (!connections.count(id)) return;  // closed while handling
          connection->buffer.erase(0, used);
          if (connection->buffer.size() > limits.max_tcp_buffer) {
            ++counters.dropped;
            close_connection(id);
            return;
          }
          read(id, connection);
        });
  }

  void close_connection(std::uint64_t id) {
    auto it = connections.find(id);
    if (it == connections.end()) return;
    boost::system::error_code ignored;
    it->second->socket.close(ignored);
    connections.erase(it);
  }

  void send(const Peer& to, std::string bytes) {
    ++counters.sent;
    if (to.transport == TransportKind::kUdp) {
      auto address = address_of(to.address);
      if (!address || !udp_socket.is_open()) {
        ++counters.dropped;
        return;
      }
      // A datagram is handed to the kernel at once, or with the others of the batch being
      // handled right after it: it never waits for the loop, and it keeps the order of sends,
      // also for the BYEs of a shutdown sent just before the loop stops.
      if (batching)
        outgoing.emplace_back(udp::endpoint(*address, to.port), std::move(bytes));
      else
        send_now(udp::endpoint(*address, to.port), bytes);
      return;
    }
    auto it = connections.find(to.connection);
    if (it == connections.end()) {
      ++counters.dropped;
      return;
    }
    auto& connection = it->second;
    if (!connection->queue.push(std::move(bytes))) {
      ++counters.dropped;
      close_connection(to.connection);
      return;
    }
    write(to.connection, connection);
  }

  void write(std::uint64_t id, const std::shared_ptr<Connection>& connection) {
    const std::string* next = connection->queue.next_write();
    if (!next) return;
    asio::async_write(connection->socket, asio::buffer(*next),
                      [this, self = shared_from_this(), id, connection, gen = generation](
                          boost::system::error_code ec, std::size_t) {
                        if (gen != generation || ec == asio::error::operation_aborted) return;
                        if (ec) {
                          close_connection(id);
                          return;
                        }
                        connection->queue.write_done();
                        write(id, connection);
                      });
  }

  void close() {
    send_outgoing();  // a batch that closes the socket: its answers leave first, as one by one
    ++generation;
    local_address.clear();
    local_port = 0;
    boost::system::error_code ignored;
    udp_socket.close(ignored);
    acceptor.close(ignored);
    for (auto& [id, connection] : connections) connection->socket.close(ignored);
    connections.clear();
  }
};

Transport::Transport(asio::io_context& io, MessageSink& sink, TransportLimits limits)
    : impl_(std::make_shared<Impl>(io, sink, limits)) {}

Transport::~Transport() {
  impl_->close();
}

std::string Transport::bind(const std::string& address, std::uint16_t port) {
  // Port 0 asks the kernel for a UDP port, and TCP must take the same number, which something
  // else may hold: then ask again, a bounded number of times.
  constexpr int kKernelPortTries = 16;
  std::string error;
  for (int attempt = 0; attempt < (port == 0 ? kKernelPortTries : 1); ++attempt) {
    error = bind_once(address, port);
    if (error.empty()) break;
  }
  return error;
}

std::string Transport::bind_once(const std::string& address, std::uint16_t port) {
  impl_->close();
  // A deep receive queue rides out bursts (SIPp at full rate) instead of dropping datagrams.
  std::string error = runtime::io::open_udp(impl_->udp_socket, address, port, 4 << 20);
  if (!error.empty()) {
    impl_->close();
    return error;
  }
  // The TCP side takes the same port as UDP (also when port 0 asked the kernel for one).
  auto bound = impl_->udp_socket.local_endpoint();
  tcp::endpoint tcp_endpoint(bound.address(), bound.port());
  boost::system::error_code ec;
  impl_->acceptor.open(tcp_endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(tcp_endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    impl_->close();
    return ec.message();
  }
  auto local = impl_->udp_socket.local_endpoint(ec);
  if (!ec) {
    impl_->local_address = local.address().to_string();
    impl_->local_port = local.port();
  }
  impl_->receive_datagram();
  impl_->accept();
  return {};
}

void Transport::close() {
  impl_->close();
}

bool Transport::bound() const {
  return impl_->udp_socket.is_open();
}

const std::string& Transport::local_address() const {
  return impl_->local_address;
}

std::uint16_t Transport::local_port() const {
  return impl_->local_port;
}

void Transport::send(const Peer& to, std::string bytes) {
  impl_->send(to, std::move(bytes));
}

const Transport::Counters& Transport::counters() const {
  return impl_->counters;
}

}  // namespace cmemu::sip
