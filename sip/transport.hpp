#pragma once
// SIP over UDP and TCP on one address and port (docs/decisions.md #10). Bytes in, parsed messages
// out to a MessageSink; a request the parser refuses is answered here with the parser's status.
// Asio stays in transport.cpp.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sip/message.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::sip {

enum class TransportKind { kUdp, kTcp };

/// Where a message came from, and so where its answer goes.
struct Peer {
  TransportKind transport = TransportKind::kUdp;
  std::string address;
  std::uint16_t port = 0;
  std::uint64_t connection = 0;  // TCP: the connection it arrived on; 0 for UDP
};

/// Receives every message that parses. `message` views the receive buffer: copy what you keep.
class MessageSink {
 public:
  virtual ~MessageSink() = default;
  virtual void on_message(const Message& message, const Peer& from) = 0;
};

/// Bounds of the transport (docs/architecture.md: every size has a bound).
struct TransportLimits {
  std::size_t max_tcp_connections = 256;
  std::size_t max_tcp_buffer = 131072;  // unparsed bytes held per connection
  std::size_t max_send_queue = 262144;  // bytes waiting to be written per connection
};

class Transport {
 public:
  Transport(boost::asio::io_context& io, MessageSink& sink, TransportLimits limits = {});
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// Closes what is open and listens on `address`:`port` (UDP and TCP on the same number; port 0:
  /// one the kernel picks that both can take). Returns "" or why not.
  std::string bind(const std::string& address, std::uint16_t port);
  /// Stops listening and closes every connection.
  void close();
  bool bound() const;
  /// Where it listens ("" and 0 when it does not).
  const std::string& local_address() const;
  std::uint16_t local_port() const;

  /// Sends `bytes` to `to` (on its TCP connection when it has one). Dropped when that is gone.
  void send(const Peer& to, std::string bytes);

  /// Counters for `show` commands and tests.
  struct Counters {
    std::uint64_t received = 0, sent = 0, parse_errors = 0, dropped = 0;
  };
  const Counters& counters() const;

 private:
  std::string bind_once(const std::string& address, std::uint16_t port);

  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace cmemu::sip
