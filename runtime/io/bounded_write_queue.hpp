#pragma once
// The bytes a connection has yet to write, bounded (docs/architecture.md: every size has a
// bound). Shared by the vty, SIP TCP and SCCP servers; free of Asio, so only the transports that
// own a socket include it. The server writes next_write() (one write at a time), calls
// write_done() when that write completes, and decides itself what a refused push means: each one
// drops the connection of a peer that does not read.
#include <algorithm>
#include <cstddef>
#include <deque>

namespace cmemu::runtime::io {

/// `Buffer`: a contiguous byte container (std::string, std::vector<std::uint8_t>).
template <typename Buffer>
class BoundedWriteQueue {
 public:
  /// `max_bytes`: what the queue may hold at the most, the write in flight included.
  explicit BoundedWriteQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// Queues `bytes` as a write of their own (a whole message). False, with nothing queued, when
  /// the queue would then hold more than its bound.
  [[nodiscard]] bool push(Buffer bytes) {
    if (!fits(bytes.size())) return false;
    held_ += bytes.size();
    buffers_.push_back(std::move(bytes));
    return true;
  }

  /// Adds `bytes` to the end of the last write not yet started, so that many small pieces go
  /// out in one write. False, with nothing queued, past the bound as for push().
  template <typename Bytes>
  [[nodiscard]] bool append(const Bytes& bytes) {
    if (!fits(bytes.size())) return false;
    if (buffers_.empty() || (writing_ && buffers_.size() == 1)) buffers_.emplace_back();
    buffers_.back().insert(buffers_.back().end(), bytes.begin(), bytes.end());
    held_ += bytes.size();
    return true;
  }

  /// The buffer to write now, which stays queued until write_done(); null while a write is in
  /// flight or when nothing waits.
  const Buffer* next_write() {
    if (writing_ || buffers_.empty()) return nullptr;
    writing_ = true;
    return &buffers_.front();
  }

  /// The write of next_write()'s buffer ended (sent, or failed): its bytes leave the queue.
  void write_done() {
    if (!writing_) return;
    writing_ = false;
    held_ -= buffers_.front().size();
    buffers_.pop_front();
  }

  bool writing() const { return writing_; }
  /// Nothing waits and nothing is in flight.
  bool empty() const { return buffers_.empty(); }
  /// Bytes held, the write in flight included.
  std::size_t bytes() const { return held_; }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  bool fits(std::size_t more) const { return more <= max_bytes_ - held_; }

  std::deque<Buffer> buffers_;  // the front one is in flight while writing_
  std::size_t held_ = 0;        // never above max_bytes_
  std::size_t max_bytes_;
  bool writing_ = false;
};

}  // namespace cmemu::runtime::io
