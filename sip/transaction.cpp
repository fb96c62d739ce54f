#include "sip/transaction.hpp"

#include <algorithm>

namespace cmemu::sip {
namespace {

using std::chrono::milliseconds;

/// The earliest of the deadlines that are set.
std::optional<TransactionTime> earliest(std::initializer_list<std::optional<TransactionTime>> all) {
  std::optional<TransactionTime> first;
  for (const auto& one : all)
    if (one && (!first || *one < *first)) first = one;
  return first;
}

/// The next retransmission instant after the one at `due`: the interval doubles up to T2, and is
/// counted from when it was due, so that a late owner does not shift the schedule; an owner that
/// is later than a whole interval gets the next one from `now` instead of a burst.
void step(std::optional<TransactionTime>& due, milliseconds& interval, milliseconds t2,
          TransactionTime now, bool doubling = true) {
  if (doubling) interval = std::min(interval * 2, t2);
  *due += interval;
  if (*due <= now) *due = now + interval;
}

TransactionActions send(std::string bytes) {
  TransactionActions actions;
  actions.send = std::move(bytes);
  return actions;
}

}  // namespace

// ---- INVITE server ----------------------------------------------------------------------------

InviteServerTransaction::InviteServerTransaction(bool reliable, TransactionTimers timers)
    : reliable_(reliable), timers_(timers) {}

TransactionActions InviteServerTransaction::respond(TransactionTime now, int status,
                                                    std::string response) {
  if (state_ != State::kProceeding) return {};
  status_ = status;
  response_ = std::move(response);
  if (status >= 200) {
    state_ = status < 300 ? State::kAccepted : State::kCompleted;
    give_up_at_ = now + 64 * timers_.t1;
    if (!reliable_) {
      interval_ = timers_.t1;
      retransmit_at_ = now + interval_;
    }
  }
  return send(response_);
}

TransactionActions InviteServerTransaction::on_request(TransactionTime) {
  if (state_ == State::kProceeding || state_ == State::kAccepted || state_ == State::kCompleted)
    return send(response_);  // "" in Proceeding before a provisional answer
  return {};
}

TransactionActions InviteServerTransaction::on_ack(TransactionTime now) {
  TransactionActions actions;
  if (state_ == State::kAccepted) {
    state_ = State::kTerminated;
    retransmit_at_.reset();
    give_up_at_.reset();
    actions.deliver = true;
    actions.terminated = true;
  } else if (state_ == State::kCompleted) {
    retransmit_at_.reset();
    give_up_at_.reset();
    if (reliable_) {
      state_ = State::kTerminated;
      actions.terminated = true;
    } else {
      state_ = State::kConfirmed;
      forget_at_ = now + timers_.t4;
    }
  }
  return actions;
}

TransactionActions InviteServerTransaction::on_timer(TransactionTime now) {
  TransactionActions actions;
  if (state_ == State::kConfirmed) {
    if (forget_at_ && now >= *forget_at_) {
      state_ = State::kTerminated;
      forget_at_.reset();
      actions.terminated = true;
    }
    return actions;
  }
  if (state_ != State::kAccepted && state_ != State::kCompleted) return actions;
  if (give_up_at_ && now >= *give_up_at_) {
    state_ = State::kTerminated;
    retransmit_at_.reset();
    give_up_at_.reset();
    actions.timed_out = true;
    actions.terminated = true;
    return actions;
  }
  if (retransmit_at_ && now >= *retransmit_at_) {
    actions.send = response_;
    step(retransmit_at_, interval_, timers_.t2, now);
  }
  return actions;
}

std::optional<TransactionTime> InviteServerTransaction::deadline() const {
  return earliest({retransmit_at_, give_up_at_, forget_at_});
}

// ---- non-INVITE server ------------------------------------------------------------------------

NonInviteServerTransaction::NonInviteServerTransaction(bool reliable, TransactionTimers timers)
    : reliable_(reliable), timers_(timers) {}

TransactionActions NonInviteServerTransaction::respond(TransactionTime now, int status,
                                                       std::string response) {
  if (state_ != State::kTrying && state_ != State::kProceeding) return {};
  response_ = std::move(response);
  TransactionActions actions = send(response_);
  if (status < 200) {
    state_ = State::kProceeding;
  } else if (reliable_) {
    state_ = State::kTerminated;  // timer J is 0 over TCP
    actions.terminated = true;
  } else {
    state_ = State::kCompleted;
    forget_at_ = now + 64 * timers_.t1;
  }
  return actions;
}

TransactionActions NonInviteServerTransaction::on_request(TransactionTime) {
  if (state_ == State::kProceeding || state_ == State::kCompleted) return send(response_);
  return {};
}

TransactionActions NonInviteServerTransaction::on_timer(TransactionTime now) {
  TransactionActions actions;
  if (state_ == State::kCompleted && forget_at_ && now >= *forget_at_) {
    state_ = State::kTerminated;
    forget_at_.reset();
    actions.terminated = true;
  }
  return actions;
}

std::optional<TransactionTime> NonInviteServerTransaction::deadline() const {
  return forget_at_;
}

// ---- non-INVITE client ------------------------------------------------------------------------

NonInviteClientTransaction::NonInviteClientTransaction(bool reliable, std::string request,
                                                       TransactionTimers timers)
    : reliable_(reliable), timers_(timers), request_(std::move(request)) {}

TransactionActions NonInviteClientTransaction::start(TransactionTime now) {
  if (state_ != State::kTrying || give_up_at_) return {};
  give_up_at_ = now + 64 * timers_.t1;
  if (!reliable_) {
    interval_ = timers_.t1;
    retransmit_at_ = now + interval_;
  }
  return send(request_);
}

TransactionActions NonInviteClientTransaction::on_response(TransactionTime now, int status) {
  TransactionActions actions;
  if (state_ != State::kTrying && state_ != State::kProceeding) return actions;
  if (status < 200) {
    if (state_ == State::kTrying) {
      state_ = State::kProceeding;
      actions.deliver = true;
      // §17.1.2.2: in Proceeding the request is sent again every T2.
      if (retransmit_at_) {
        interval_ = timers_.t2;
        retransmit_at_ = std::max(*retransmit_at_, now);
      }
    }
    return actions;
  }
  status_ = status;
  retransmit_at_.reset();
  give_up_at_.reset();
  actions.deliver = true;
  if (reliable_) {
    state_ = State::kTerminated;  // timer K is 0 over TCP
    actions.terminated = true;
  } else {
    state_ = State::kCompleted;
    forget_at_ = now + timers_.t4;
  }
  return actions;
}

TransactionActions NonInviteClientTransaction::on_timer(TransactionTime now) {
  TransactionActions actions;
  if (state_ == State::kCompleted) {
    if (forget_at_ && now >= *forget_at_) {
      state_ = State::kTerminated;
      forget_at_.reset();
      actions.terminated = true;
    }
    return actions;
  }
  if (state_ != State::kTrying && state_ != State::kProceeding) return actions;
  if (give_up_at_ && now >= *give_up_at_) {
    state_ = State::kTerminated;
    retransmit_at_.reset();
    give_up_at_.reset();
    actions.timed_out = true;
    actions.terminated = true;
    return actions;
  }
  if (retransmit_at_ && now >= *retransmit_at_) {
    actions.send = request_;
    step(retransmit_at_, interval_, timers_.t2, now, state_ == State::kTrying);
  }
  return actions;
}

std::optional<TransactionTime> NonInviteClientTransaction::deadline() const {
  return earliest({retransmit_at_, give_up_at_, forget_at_});
}

}  // namespace cmemu::sip
