#pragma once
// The router's TFTP server (docs/sccp.md §12, docs/decisions.md #31): read requests on one UDP
// port, each transfer from a port of its own (RFC 1350's transfer IDs), driven by the sans-I/O
// ServerTransfer of tftp/transfer.hpp on the router's event loop. Write requests and malformed
// packets get TFTP's ERROR packets; transfers at once are bounded. Asio stays inside the .cpp.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tftp/transfer.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::tftp {

/// A file by the name a client asked for, or null when there is none.
using FileSource = std::function<std::shared_ptr<const std::string>(std::string_view name)>;

struct ServerLimits {
  std::size_t max_transfers = 64;  // read requests past it are dropped (the client asks again)
  std::size_t max_block_size = kMaxBlockSize;
  Timing timing;
};

/// What the server did since it started (tests, `show`).
struct ServerCounters {
  std::uint64_t transfers_started = 0;
  std::uint64_t transfers_done = 0;
  std::uint64_t transfers_failed = 0;  // timed out, or ended by an ERROR
  std::uint64_t errors_sent = 0;       // ERROR packets answering requests
  std::uint64_t requests_dropped = 0;  // past max_transfers
};

class TftpServer {
 public:
  TftpServer(boost::asio::io_context& io, FileSource files, ServerLimits limits = {});
  ~TftpServer();

  /// Binds `address`:`port` (0: any free port); "" or the reason.
  std::string listen(const std::string& address, std::uint16_t port);
  /// Closes the port and ends every transfer.
  void stop();
  /// The bound port, 0 when not listening.
  std::uint16_t local_port() const;
  std::size_t transfers() const;
  const ServerCounters& counters() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace cmemu::tftp
