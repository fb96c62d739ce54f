#pragma once
// The four transaction machines of RFC 3261 §17, as pure state machines: INVITE client
// (§17.1.1), non-INVITE client (§17.1.2), INVITE server (§17.2.1, with RFC 6026's Accepted state)
// and non-INVITE server (§17.2.2). Each machine takes the time and an event and returns what its
// owner must do; timers are deadlines the owner reads with deadline() and reports with
// on_timer(). No sockets, no clocks, no sleeps: tests drive time by hand. Matching messages to
// machines, the queue of their deadlines and the tables that hold them are the transaction layer's
// (sip/transaction_layer.hpp).
//
// Over UDP ("unreliable") responses and requests are sent again on the RFC timers; over TCP
// ("reliable") they are sent once and the absorbing states last no time (timers D, I, J, K are 0,
// §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "sip/message.hpp"

namespace cmemu::sip {

using TransactionTime = std::chrono::steady_clock::time_point;

/// RFC 3261 timer values (§17.1.1.1, Table 4).
struct TransactionTimers {
  std::chrono::milliseconds t1{500};   // round-trip estimate
  std::chrono::milliseconds t2{4000};  // longest retransmission interval
  std::chrono::milliseconds t4{5000};  // how long a message may stay in the network
};

/// A message sent again until an answer (timers A, E, G and the 2xx's, from T1 doubling) and the
/// instant it is given up at (B, F, H, L): part of the machines that retransmit.
struct RetransmitSchedule {
  std::optional<TransactionTime> next;  // unset over TCP, and once answered
  std::chrono::milliseconds interval{};
  std::optional<TransactionTime> give_up_at;
};

/// What a transaction asks of its owner after an event.
struct TransactionActions {
  /// Bytes to send now to the transaction's peer; "" when nothing.
  std::string send;
  /// The event's message goes up to the transaction user: the ACK of an INVITE's 2xx, or an
  /// answer of a client transaction that is not a copy it absorbs.
  bool deliver = false;
  /// Timer H or L (no ACK) or B or F (no final answer) ran out.
  bool timed_out = false;
  /// The transaction is over: the owner forgets it.
  bool terminated = false;
};

enum class InviteClientState { kCalling, kProceeding, kCompleted, kTerminated };
enum class NonInviteClientState { kTrying, kProceeding, kCompleted, kTerminated };
enum class InviteServerState { kProceeding, kAccepted, kCompleted, kConfirmed, kTerminated };
enum class NonInviteServerState { kTrying, kProceeding, kCompleted, kTerminated };

/// What the machines below share: whether their transport is reliable (TCP), their timers, their
/// state, and the final status they sent or delivered (0 before one).
template <class StateEnum>
class TransactionMachine {
 public:
  using State = StateEnum;
  State state() const { return state_; }
  int status() const { return status_; }

 protected:
  TransactionMachine(bool reliable, TransactionTimers timers, State initial)
      : reliable_(reliable), timers_(timers), state_(initial) {}

  bool reliable_;
  TransactionTimers timers_;
  State state_;
  int status_ = 0;
};

/// What both server transactions keep: the last response, sent again when the request comes
/// again, and when a finished transaction is forgotten.
template <class StateEnum>
class ServerTransactionMachine : public TransactionMachine<StateEnum> {
 protected:
  using TransactionMachine<StateEnum>::TransactionMachine;

  /// Takes `response` (status `status`) as the one to send and send again.
  void keep(int status, std::string response) {
    this->status_ = status;
    response_ = std::move(response);
  }

  std::string response_;
  std::optional<TransactionTime> forget_at_;  // timer I (INVITE) or J (non-INVITE)
};

/// What both client transactions share: the request, sent by start() and again on their
/// schedules, the schedule itself, and when a finished transaction is forgotten.
template <class StateEnum>
class ClientTransactionMachine : public TransactionMachine<StateEnum> {
 public:
  /// Sends the request (once: later calls do nothing); over UDP it is sent again at T1, 2*T1,
  /// ... as each machine's on_timer() says, until 64*T1 gives up (timer B or F).
  TransactionActions start(TransactionTime now);

 protected:
  ClientTransactionMachine(bool reliable, TransactionTimers timers, StateEnum initial,
                           std::string request)
      : TransactionMachine<StateEnum>(reliable, timers, initial),
        initial_(initial),
        request_(std::move(request)) {}

  StateEnum initial_;
  std::string request_;
  RetransmitSchedule resend_;
  std::optional<TransactionTime> forget_at_;  // timer D (INVITE) or K (non-INVITE)
};

/// An INVITE server transaction (RFC 3261 §17.2.1 with RFC 6026's Accepted state), including the
/// UAS core's retransmission of its 2xx until the ACK (§13.3.1.4). cmemu answers every INVITE at
/// once, so the machine starts in Proceeding and the owner calls respond() straight away.
class InviteServerTransaction : public ServerTransactionMachine<InviteServerState> {
 public:
  explicit InviteServerTransaction(bool reliable, TransactionTimers timers = {})
      : ServerTransactionMachine(reliable, timers, State::kProceeding) {}

  /// Sends `response` (status `status`). 1xx: stays in Proceeding. 2xx: Accepted, sent again
  /// over UDP at T1, 2*T1, ... capped at T2 until the ACK or 64*T1 (timer L: timed out).
  /// 3xx-6xx: Completed, sent again the same way (timer G) until the ACK or 64*T1 (timer H).
  /// Ignored once a final response was sent.
  TransactionActions respond(TransactionTime now, int status, std::string response);
  /// The INVITE came again: the last response is sent again (nothing before one was sent).
  TransactionActions on_request(TransactionTime now);
  /// The ACK. Accepted: delivered, terminated. Completed: Confirmed, absorbing retransmitted ACKs
  /// for T4 over UDP (timer I), terminated at once over TCP. Otherwise absorbed.
  TransactionActions on_ack(TransactionTime now);
  /// Call when `now` reaches deadline(); earlier calls do nothing.
  TransactionActions on_timer(TransactionTime now);

  /// When on_timer() next has something to do; nullopt when nothing is pending.
  std::optional<TransactionTime> deadline() const;

 private:
  RetransmitSchedule resend_;  // timer G or the 2xx's (UDP); H or L
};

/// A non-INVITE server transaction (RFC 3261 §17.2.2): Trying, Proceeding, Completed. It starts
/// in Trying when the request arrives; the owner hands the request up and calls respond().
class NonInviteServerTransaction : public ServerTransactionMachine<NonInviteServerState> {
 public:
  explicit NonInviteServerTransaction(bool reliable, TransactionTimers timers = {})
      : ServerTransactionMachine(reliable, timers, State::kTrying) {}

  /// Sends `response`. 1xx: Proceeding. Final: Completed for 64*T1 over UDP (timer J, so that a
  /// retransmitted request gets the same answer), terminated at once over TCP. Ignored once a
  /// final response was sent.
  TransactionActions respond(TransactionTime now, int status, std::string response);
  /// The request came again: Trying absorbs it; Proceeding and Completed send the last response.
  TransactionActions on_request(TransactionTime now);
  /// Call when `now` reaches deadline(): timer J ends Completed.
  TransactionActions on_timer(TransactionTime now);

  std::optional<TransactionTime> deadline() const;
};

/// An INVITE client transaction (RFC 3261 §17.1.1): Calling, Proceeding, Completed. A 2xx ends
/// it at once (§17.1.1.2): the UAC core ACKs the 2xx in a transaction of its own, and ACKs again
/// any copy of it, which finds no transaction (§13.2.2.4). A 3xx-6xx is ACKed by the transaction
/// itself (§17.1.1.3), again for each copy until timer D.
/// start() sends the INVITE again at T1, 2*T1, 4*T1, ... (timer A, not capped at T2).
class InviteClientTransaction : public ClientTransactionMachine<InviteClientState> {
 public:
  InviteClientTransaction(bool reliable, std::string invite, TransactionTimers timers = {})
      : ClientTransactionMachine(reliable, timers, State::kCalling, std::move(invite)) {}
  /// An answer. 1xx: Proceeding (no more retransmissions, no timer B), delivered. 2xx in Calling
  /// or Proceeding: delivered, terminated. 3xx-6xx in Calling or Proceeding: delivered and ACKed;
  /// Completed for 64*T1 over UDP (timer D, 32 s with the default T1: each copy of the answer is
  /// ACKed again), terminated at once over TCP. A copy in Completed: ACKed again, not delivered.
  TransactionActions on_response(TransactionTime now, const Message& response);
  /// Call when `now` reaches deadline(): timer A sends again, B times out, D terminates.
  TransactionActions on_timer(TransactionTime now);

  std::optional<TransactionTime> deadline() const;

 private:
  std::string ack_;  // the ACK of a 3xx-6xx, once one came
};

/// A non-INVITE client transaction (RFC 3261 §17.1.2): the router's BYE and event INFOs, the
/// CSTA client's INFO, UPDATE, BYE and REGISTER. start() sends the request again at T1, 2*T1, ...
/// capped at T2 (timer E).
class NonInviteClientTransaction : public ClientTransactionMachine<NonInviteClientState> {
 public:
  NonInviteClientTransaction(bool reliable, std::string request, TransactionTimers timers = {})
      : ClientTransactionMachine(reliable, timers, State::kTrying, std::move(request)) {}
  /// An answer with status `status`. 1xx in Trying: Proceeding (retransmissions every T2),
  /// delivered. Final in Trying or Proceeding: delivered, Completed for T4 over UDP (timer K,
  /// absorbing retransmitted answers), terminated at once over TCP. Anything else is absorbed.
  TransactionActions on_response(TransactionTime now, int status);
  /// Call when `now` reaches deadline(): timer E sends again, F times out, K terminates.
  TransactionActions on_timer(TransactionTime now);

  std::optional<TransactionTime> deadline() const;
};

}  // namespace cmemu::sip
