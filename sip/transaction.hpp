#pragma once
// RFC 3261 §17 transactions as pure state machines (STYLE.md: transaction state is data). Each
// machine takes the time and an event and returns what its owner must do; timers are deadlines
// the owner reads with deadline() and reports with on_timer(). No sockets, no clocks, no sleeps:
// tests drive time by hand.
//
// Over UDP ("unreliable") responses and requests are sent again on the RFC timers; over TCP
// ("reliable") they are sent once and the absorbing states last no time (timers I, J, K are 0).
#include <chrono>
#include <optional>
#include <string>

namespace cmemu::sip {

using TransactionTime = std::chrono::steady_clock::time_point;

/// RFC 3261 timer values (§17.1.1.1, Table 4).
struct TransactionTimers {
  std::chrono::milliseconds t1{500};   // round-trip estimate
  std::chrono::milliseconds t2{4000};  // longest retransmission interval
  std::chrono::milliseconds t4{5000};  // how long a message may stay in the network
};

/// What a transaction asks of its owner after an event.
struct TransactionActions {
  /// Bytes to send now to the transaction's peer; "" when nothing.
  std::string send;
  /// The event's message goes up to the transaction user: the ACK of an INVITE, or the first
  /// answer (provisional or final) of a client transaction.
  bool deliver = false;
  /// Timer H or L (no ACK) or F (no final answer) ran out.
  bool timed_out = false;
  /// The transaction is over: the owner forgets it.
  bool terminated = false;
};

/// An INVITE server transaction (RFC 3261 §17.2.1 with RFC 6026's Accepted state), including the
/// UAS core's retransmission of its 2xx until the ACK (§13.3.1.4). cmemu answers every INVITE at
/// once, so the machine starts in Proceeding and the owner calls respond() straight away.
class InviteServerTransaction {
 public:
  enum class State { kProceeding, kAccepted, kCompleted, kConfirmed, kTerminated };

  explicit InviteServerTransaction(bool reliable, TransactionTimers timers = {});

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
  State state() const { return state_; }
  int status() const { return status_; }

 private:
  bool reliable_;
  TransactionTimers timers_;
  State state_ = State::kProceeding;
  int status_ = 0;
  std::string response_;
  std::optional<TransactionTime> retransmit_at_;  // timer G / 2xx retransmission (UDP)
  std::chrono::milliseconds interval_{};
  std::optional<TransactionTime> give_up_at_;  // timer H / L
  std::optional<TransactionTime> forget_at_;   // timer I
};

/// A non-INVITE server transaction (RFC 3261 §17.2.2): Trying, Proceeding, Completed. It starts
/// in Trying when the request arrives; the owner hands the request up and calls respond().
class NonInviteServerTransaction {
 public:
  enum class State { kTrying, kProceeding, kCompleted, kTerminated };

  explicit NonInviteServerTransaction(bool reliable, TransactionTimers timers = {});

  /// Sends `response`. 1xx: Proceeding. Final: Completed for 64*T1 over UDP (timer J, so that a
  /// retransmitted request gets the same answer), terminated at once over TCP. Ignored once a
  /// final response was sent.
  TransactionActions respond(TransactionTime now, int status, std::string response);
  /// The request came again: Trying absorbs it; Proceeding and Completed send the last response.
  TransactionActions on_request(TransactionTime now);
  /// Call when `now` reaches deadline(): timer J ends Completed.
  TransactionActions on_timer(TransactionTime now);

  std::optional<TransactionTime> deadline() const;
  State state() const { return state_; }

 private:
  bool reliable_;
  TransactionTimers timers_;
  State state_ = State::kTrying;
  std::string response_;
  std::optional<TransactionTime> forget_at_;  // timer J
};

/// A non-INVITE client transaction (RFC 3261 §17.1.2): the router's BYE and event INFOs.
class NonInviteClientTransaction {
 public:
  enum class State { kTrying, kProceeding, kCompleted, kTerminated };

  NonInviteClientTransaction(bool reliable, std::string request, TransactionTimers timers = {});

  /// Sends the request: over UDP again at T1, 2*T1, ... capped at T2 (timer E); timer F gives up
  /// after 64*T1.
  TransactionActions start(TransactionTime now);
  /// An answer with status `status`. 1xx in Trying: Proceeding (retransmissions every T2),
  /// delivered. Final in Trying or Proceeding: delivered, Completed for T4 over UDP (timer K,
  /// absorbing retransmitted answers), terminated at once over TCP. Anything else is absorbed.
  TransactionActions on_response(TransactionTime now, int status);
  /// Call when `now` reaches deadline(): timer E sends again, F times out, K terminates.
  TransactionActions on_timer(TransactionTime now);

  std::optional<TransactionTime> deadline() const;
  State state() const { return state_; }
  /// The final status delivered, 0 before one.
  int status() const { return status_; }

 private:
  bool reliable_;
  TransactionTimers timers_;
  State state_ = State::kTrying;
  int status_ = 0;
  std::string request_;
  std::optional<TransactionTime> retransmit_at_;  // timer E
  std::chrono::milliseconds interval_{};
  std::optional<TransactionTime> give_up_at_;  // timer F
  std::optional<TransactionTime> forget_at_;   // timer K
};

}  // namespace cmemu::sip
