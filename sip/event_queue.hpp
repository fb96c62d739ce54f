#pragma once
// The order of a CTI session's event INFOs (docs/csta.md §1): at most one is outstanding per
// session, later events wait behind it in order, so that order survives UDP retransmission. Pure
// data: the CTI listener sends what this returns and reports the answers.
#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace cmemu::sip {

class EventQueue {
 public:
  /// At most `max_waiting` events wait behind the outstanding one (docs/architecture.md: every
  /// count has a bound). A client that cannot keep up past that is ended by its owner (BYE).
  explicit EventQueue(std::size_t max_waiting = 256) : max_waiting_(max_waiting) {}

  /// A new event body. Returns it when nothing is outstanding: the caller sends it now, and it is
  /// outstanding until answered(). Otherwise it waits (nullopt); when `max_waiting` events already
  /// wait it is dropped instead and overflowed() turns true for good.
  std::optional<std::string> push(std::string body);
  /// The outstanding INFO got its final answer (or gave up): the next event to send now, which
  /// becomes outstanding; nullopt when none waits.
  std::optional<std::string> answered();

  bool outstanding() const { return outstanding_; }
  std::size_t waiting() const { return waiting_.size(); }
  bool overflowed() const { return overflowed_; }

 private:
  std::size_t max_waiting_;
  bool outstanding_ = false;
  bool overflowed_ = false;
  std::deque<std::string> waiting_;
};

}  // namespace cmemu::sip
