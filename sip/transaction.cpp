#include "sip/transaction.hpp"

#include <algorithm>

#include "sip/parser.hpp"
#include "sip/writer.hpp"

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

TransactionActions send(std::string bytes) {
  TransactionActions actions;
  actions.send = std::move(bytes);
  return actions;
}

/// Starts a schedule at `now`: given up after 64*T1 (timers B, F, H, L), and over UDP sent
/// again first after T1 (A, E, G).
void begin(RetransmitSchedule& schedule, bool reliable, const TransactionTimers& timers,
           TransactionTime now) {
  schedule.give_up_at = now + 64 * timers.t1;
  if (!reliable) {
    schedule.interval = timers.t1;
    schedule.next = now + schedule.interval;
  }
}

void stop(RetransmitSchedule& schedule) {
  schedule.next.reset();
  schedule.give_up_at.reset();
}

/// The schedule's timers at `now`: past the give-up instant the machine terminates, timed out;
/// else a due retransmission sends `bytes` and moves to the next instant. The interval doubles
/// (when `doubling`) up to `cap` and is counted from when it was due, so that a late owner does
/// not shift the schedule; an owner later than a whole interval gets the next one from `now`
/// instead of a burst.
template <class State>
TransactionActions on_schedule(RetransmitSchedule& schedule, const std::string& bytes,
                               milliseconds cap, bool doubling, State& state, TransactionTime now) {
  TransactionActions actions;
  if (schedule.give_up_at && now >= *schedule.give_up_at) {
    state = State::kTerminated;
    stop(schedule);
    actions.timed_out = true;
    actions.terminated = true;
  } else if (schedule.next && now >= *schedule.next) {
    actions.send = bytes;
    if (doubling) schedule.interval = std::min(schedule.interval * 2, cap);
    *schedule.next += schedule.interval;
    if (*schedule.next <= now) *schedule.next = now + schedule.interval;
  }
  return actions;
}

/// Timer D, I, J or K: at `forget_at` the machine terminates.
template <class State>
TransactionActions forget_when_due(std::optional<TransactionTime>& forget_at, State& state,
                                   TransactionTime now) {
  TransactionActions actions;
  if (forget_at && now >= *forget_at) {
    state = State::kTerminated;
    forget_at.reset();
    actions.terminated = true;
  }
  return actions;
}

/// Ends a machine's active part: over UDP it absorbs copies in `completed` until `at` (timers D,
/// I, J, K), over TCP, where they are 0, it terminates at once.
template <class State>
void complete(bool reliable, State completed, State& state,
              std::optional<TransactionTime>& forget_at, TransactionTime at,
              TransactionActions& actions) {
  if (reliable) {
    state = State::kTerminated;
    actions.terminated = true;
  } else {
    state = completed;
    forget_at = at;
  }
}

/// The ACK of a 3xx-6xx `response` to `invite` (RFC 3261 §17.1.1.3): the INVITE's Request-URI,
/// top Via (so the same branch), Route, From, Call-ID and CSeq number; the answer's To, with its
/// tag.
std::string non_2xx_ack(std::string_view invite_bytes, const Message& response) {
  ParseResult parsed = parse(invite_bytes, Framing::kDatagram);
  const Message& invite = parsed.message;
  const auto& via = invite.top_via();
  const auto& cseq = invite.cseq();
  RequestSpec ack;
  ack.method = "ACK";
  ack.request_uri = std::string(invite.request_uri);
  if (via) ack.headers.push_back({"Via", std::string(via->text)});
  ack.headers.push_back({"Max-Forwards", "70"});
  for (auto route : invite.values("Route")) ack.headers.push_back({"Route", std::string(route)});
  ack.headers.push_back({"From", std::string(invite.value("From").value_or(""))});
  ack.headers.push_back({"To", std::string(response.value("To").value_or(""))});
  ack.headers.push_back({"Call-ID", std::string(invite.call_id())});
  ack.headers.push_back({"CSeq", std::to_string(cseq ? cseq->number : 0) + " ACK"});
  return write_request(ack);
}

}  // namespace

// ---- both clients -----------------------------------------------------------------------------

template <class StateEnum>
TransactionActions ClientTransactionMachine<StateEnum>::start(TransactionTime now) {
  if (this->state_ != initial_ || resend_.give_up_at) return {};
  begin(resend_, this->reliable_, this->timers_, now);
  return send(request_);
}

template class ClientTransactionMachine<InviteClientState>;
template class ClientTransactionMachine<NonInviteClientState>;

// ---- INVITE client ----------------------------------------------------------------------------

TransactionActions InviteClientTransaction::on_response(TransactionTime now,
                                                        const Message& response) {
  int status = response.status_code;
  if (state_ == State::kCompleted)
    return send(status >= 300 ? ack_ : std::string());  // a copy of the final answer
  if (state_ != State::kCalling && state_ != State::kProceeding) return {};
  TransactionActions actions;
  actions.deliver = true;
  stop(resend_);  // any answer ends timers A and B (§17.1.1.2)
  if (status < 200) {
    state_ = State::kProceeding;
    return actions;
  }
  status_ = status;
  if (status < 300) {
    state_ = State::kTerminated;
    actions.terminated = true;
    return actions;
  }
  ack_ = non_2xx_ack(request_, response);
  actions.send = ack_;
  complete(reliable_, State::kCompleted, state_, forget_at_, now + 64 * timers_.t1, actions);
  return actions;
}

TransactionActions InviteClientTransaction::on_timer(TransactionTime now) {
  if (state_ == State::kCompleted) return forget_when_due(forget_at_, state_, now);
  if (state_ != State::kCalling) return {};
  // Timer A doubles without the T2 cap; timer B (64*T1) comes first.
  return on_schedule(resend_, request_, 64 * timers_.t1, true, state_, now);
}

std::optional<TransactionTime> InviteClientTransaction::deadline() const {
  return earliest({resend_.next, resend_.give_up_at, forget_at_});
}

// ---- INVITE server ----------------------------------------------------------------------------

TransactionActions InviteServerTransaction::respond(TransactionTime now, int status,
                                                    std::string response) {
  if (state_ != State::kProceeding) return {};
  keep(status, std::move(response));
  if (status >= 200) {
    state_ = status < 300 ? State::kAccepted : State::kCompleted;
    begin(resend_, reliable_, timers_, now);
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
    stop(resend_);
    actions.deliver = true;
    actions.terminated = true;
  } else if (state_ == State::kCompleted) {
    stop(resend_);
    complete(reliable_, State::kConfirmed, state_, forget_at_, now + timers_.t4, actions);
  }
  return actions;
}

TransactionActions InviteServerTransaction::on_timer(TransactionTime now) {
  if (state_ == State::kConfirmed) return forget_when_due(forget_at_, state_, now);
  if (state_ != State::kAccepted && state_ != State::kCompleted) return {};
  return on_schedule(resend_, response_, timers_.t2, true, state_, now);
}

std::optional<TransactionTime> InviteServerTransaction::deadline() const {
  return earliest({resend_.next, resend_.give_up_at, forget_at_});
}

// ---- non-INVITE server ------------------------------------------------------------------------

TransactionActions NonInviteServerTransaction::respond(TransactionTime now, int status,
                                                       std::string response) {
  if (state_ != State::kTrying && state_ != State::kProceeding) return {};
  keep(status, std::move(response));
  TransactionActions actions = send(response_);
  if (status < 200)
    state_ = State::kProceeding;
  else
    complete(reliable_, State::kCompleted, state_, forget_at_, now + 64 * timers_.t1, actions);
  return actions;
}

TransactionActions NonInviteServerTransaction::on_request(TransactionTime) {
  if (state_ == State::kProceeding || state_ == State::kCompleted) return send(response_);
  return {};
}

TransactionActions NonInviteServerTransaction::on_timer(TransactionTime now) {
  if (state_ != State::kCompleted) return {};
  return forget_when_due(forget_at_, state_, now);
}

std::optional<TransactionTime> NonInviteServerTransaction::deadline() const {
  return forget_at_;
}

// ---- non-INVITE client ------------------------------------------------------------------------

TransactionActions NonInviteClientTransaction::on_response(TransactionTime now, int status) {
  TransactionActions actions;
  if (state_ != State::kTrying && state_ != State::kProceeding) return actions;
  if (status < 200) {
    if (state_ == State::kTrying) {
      state_ = State::kProceeding;
      actions.deliver = true;
      // §17.1.2.2: in Proceeding the request is sent again every T2.
      if (resend_.next) {
        resend_.interval = timers_.t2;
        resend_.next = std::max(*resend_.next, now);
      }
    }
    return actions;
  }
  status_ = status;
  stop(resend_);
  actions.deliver = true;
  complete(reliable_, State::kCompleted, state_, forget_at_, now + timers_.t4, actions);
  return actions;
}

TransactionActions NonInviteClientTransaction::on_timer(TransactionTime now) {
  if (state_ == State::kCompleted) return forget_when_due(forget_at_, state_, now);
  if (state_ != State::kTrying && state_ != State::kProceeding) return {};
  return on_schedule(resend_, request_, timers_.t2, state_ == State::kTrying, state_, now);
}

std::optional<TransactionTime> NonInviteClientTransaction::deadline() const {
  return earliest({resend_.next, resend_.give_up_at, forget_at_});
}

}  // namespace cmemu::sip
