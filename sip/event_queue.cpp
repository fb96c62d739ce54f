#include "sip/event_queue.hpp"

namespace cmemu::sip {

std::optional<std::string> EventQueue::push(std::string body) {
  if (!outstanding_) {
    outstanding_ = true;
    return body;
  }
  if (waiting_.size() >= max_waiting_) {
    overflowed_ = true;
    return std::nullopt;
  }
  waiting_.push_back(std::move(body));
  return std::nullopt;
}

std::optional<std::string> EventQueue::answered() {
  if (waiting_.empty()) {
    outstanding_ = false;
    return std::nullopt;
  }
  std::string next = std::move(waiting_.front());
  waiting_.pop_front();
  outstanding_ = true;
  return next;
}

}  // namespace cmemu::sip
