#pragma once
// One TFTP transfer on each side, sans-I/O (docs/sccp.md §12): the server's sending of a file to
// one client and the client's receiving of one file, each a state machine that takes the
// datagrams of its peer and the time, and hands back what to send. Lock-step per RFC 1350: one
// packet outstanding, sent again when its timeout passes, the transfer given up after a number of
// tries. The owner keeps the socket and the peer's transfer ID (its port).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tftp/packet.hpp"

namespace cmemu::tftp {

using Clock = std::chrono::steady_clock;

/// Retransmission (docs/decisions.md #31).
struct Timing {
  std::chrono::milliseconds timeout{1000};  // RFC 2349 `timeout` replaces it when negotiated
  int max_retries = 5;                      // sends of one packet beyond the first
};

/// What the server agreed to (RFC 2347-2349): the option acknowledgement to send (empty: none,
/// DATA 1 starts the transfer) and the values in force.
struct Negotiation {
  std::vector<Option> acknowledged;
  std::size_t block_size = kDefaultBlockSize;
  std::optional<std::chrono::seconds> timeout;
};

/// The server's answer to a read request's options for a file of `file_size` bytes: blksize
/// 8-65464 (capped at `max_block_size`), tsize (its value becomes the size), timeout 1-255
/// seconds; a bad value or an unknown option is left out of the OACK (RFC 2347: ignored).
Negotiation negotiate(const std::vector<Option>& requested, std::size_t file_size,
                      std::size_t max_block_size);

enum class TransferState { kRunning, kDone, kFailed };

/// What both sides share: lock-step with one packet outstanding, its deadline and tries, and how
/// the transfer ended.
class LockStep {
 public:
  /// Sends the outstanding packet again once its deadline passed, or gives up after max_retries.
  std::optional<std::string> on_timer(Clock::time_point now);
  TransferState state() const { return state_; }
  Clock::time_point deadline() const { return deadline_; }
  /// Why the transfer failed ("" otherwise).
  const std::string& failure() const { return failure_; }

 protected:
  explicit LockStep(Timing timing) : timing_(timing) {}
  /// Makes `packet` the outstanding one, due again after the timeout; returns it to send.
  std::string arm(std::string packet, Clock::time_point now);
  /// Ends the transfer as failed; returns `send` (an ERROR for the peer, or nothing).
  std::optional<std::string> fail(std::string why, std::optional<std::string> send = {});
  /// The datagram as a packet, or nullopt once the transfer ended.
  std::optional<Packet> take(std::string_view datagram) const;

  Timing timing_;
  TransferState state_ = TransferState::kRunning;

 private:
  std::string packet_;
  int retries_ = 0;
  Clock::time_point deadline_{};
  std::string failure_;
};

/// The server side of one read request.
class ServerTransfer : public LockStep {
 public:
  ServerTransfer(std::shared_ptr<const std::string> file, Negotiation negotiation, Timing timing);

  /// The first packet (OACK, or DATA 1 when no option was acknowledged).
  std::string start(Clock::time_point now);
  /// A datagram from the client; returns the packet to send, if any.
  std::optional<std::string> on_datagram(std::string_view datagram, Clock::time_point now);
  std::size_t block_size() const { return block_size_; }

 private:
  std::string send_block(std::uint64_t index, Clock::time_point now);
  bool last_block_sent() const;

  std::shared_ptr<const std::string> file_;
  std::vector<Option> acknowledged_;
  std::size_t block_size_;
  std::uint64_t sent_ = 0;  // index of the block outstanding (0: the OACK)
};

struct ClientRequest {
  std::string filename;
  std::size_t block_size = kDefaultBlockSize;  // asked with blksize when not 512
  bool ask_size = true;                        // tsize 0
  std::size_t max_file_bytes = 1 << 20;        // a longer file fails the transfer
  Timing timing;
};

/// The client side of one read request (octet mode).
class ClientTransfer : public LockStep {
 public:
  explicit ClientTransfer(ClientRequest request);

  /// The RRQ.
  std::string start(Clock::time_point now);
  std::optional<std::string> on_datagram(std::string_view datagram, Clock::time_point now);

  /// The file received so far (whole once kDone).
  const std::string& content() const { return content_; }
  /// The server's ERROR (code kNotDefined with "" when the failure was not the server's).
  const Error& error() const { return error_; }
  /// The size the server announced with tsize.
  std::optional<std::size_t> announced_size() const { return announced_size_; }

 private:
  std::optional<std::string> on_data(const Data& data, Clock::time_point now);
  std::optional<std::string> on_option_ack(const OptionAck& oack, Clock::time_point now);

  ClientRequest request_;
  std::size_t block_size_ = kDefaultBlockSize;
  std::uint64_t received_ = 0;  // blocks received
  bool answered_ = false;       // the server answered the RRQ
  std::string content_;
  Error error_;
  std::optional<std::size_t> announced_size_;
};

}  // namespace cmemu::tftp
