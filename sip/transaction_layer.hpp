#pragma once
// The transaction layer of RFC 3261 §17, shared by the router (SipServer) and cmemu-csta: it
// holds the four machines of sip/transaction.hpp in two bounded tables, matches incoming
// requests and responses to them, and keeps the queue of their deadlines. Sans-I/O: no sockets
// and no clocks; the owner passes the time in, sends what it is handed, and calls fire_due() when
// next_deadline() comes.
//
// Matching:
// - A request belongs to the server transaction of its top Via's branch and sent-by and its method
//   (§17.2.3), an ACK to its INVITE's; CANCEL has its own. The CSeq number is part of the key too,
//   since some clients (SIPp in a loop) reuse a branch for new requests.
// - The ACK of a 2xx is a transaction of its own with a new branch (§17.1.1.3): it belongs to the
//   dialog, and is matched to the INVITE's server transaction by Call-ID, From tag and CSeq
//   number, so that the 2xx stops being sent again (§13.3.1.4, RFC 6026 Accepted).
// - A response belongs to the client transaction of its top Via's branch and CSeq method
//   (§17.1.3). One that matches none is dropped and counted; the owner may still look at it (a copy
//   of an INVITE's 2xx is ACKed again by the UAC core, §13.2.2.4).
// - A non-INVITE client transaction leaves its table with its final answer: timer K would only
//   absorb copies of that answer (§17.1.2.2), and a copy that finds no transaction is dropped all
//   the same. So the client table holds outstanding requests, and its bound limits those.
//
// Each transaction carries a `Context` of the owner's (where to send, which session it serves),
// handed back with whatever the transaction asks of the owner; except a non-INVITE server
// transaction answered over UDP, which only waits for timer J holding its key and response
// (sip/completed_transactions.hpp): it asks nothing more of the owner.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "sip/completed_transactions.hpp"
#include "sip/message.hpp"
#include "sip/transaction.hpp"

namespace cmemu::sip {

/// The bounds of the two tables.
struct TransactionLimits {
  /// Server transactions held at once, most of them completed for timer J; past it a request is
  /// answered without one, and a retransmission of it is handled as new.
  std::size_t max_server = 65536;
  /// Outstanding requests; past it a request is refused (TransactionError::kTableFull).
  std::size_t max_client = 16384;
};

/// Why no transaction was made; the message is then the owner's to send once, untracked.
enum class TransactionError {
  kNone,
  kTableFull,    // the table is at its bound (TransactionLimits)
  kUnmatchable,  // no Via branch or no CSeq: nothing to match a retransmission or answer by
  kExists,       // a transaction with the same key is in the table
};
std::string_view to_string(TransactionError error);

/// What the layer did since it was made, for `show` commands and tests.
struct TransactionCounters {
  std::uint64_t server_created = 0;
  std::uint64_t client_created = 0;
  std::uint64_t requests_matched = 0;   // retransmitted requests and ACKs that found theirs
  std::uint64_t responses_matched = 0;  // answers that found their client transaction
  std::uint64_t retransmitted = 0;      // sent again: on a timer (A, E, G, 2xx), or for a copy
  std::uint64_t timed_out = 0;          // timers B, F, H, L
  std::uint64_t stray_responses = 0;    // answers matching no client transaction, dropped
  std::uint64_t refused_full = 0;       // messages given no transaction for the bound
};

/// The server transaction key of `request` (§17.2.3; an ACK gets its INVITE's): branch, method,
/// sent-by and CSeq number. "" when it has no branch or no CSeq.
std::string server_transaction_key(const Message& request);
/// The key the ACK of a 2xx finds its INVITE by: Call-ID, From tag, CSeq number.
std::string ack_match_key(const Message& message);
/// The client transaction key (§17.1.3): the branch of the request's top Via and its method.
std::string client_transaction_key(std::string_view branch, std::string_view method);

namespace transaction_detail {

using ServerMachine = std::variant<InviteServerTransaction, NonInviteServerTransaction>;
using ClientMachine = std::variant<InviteClientTransaction, NonInviteClientTransaction>;

ServerMachine server_machine(std::string_view method, bool reliable,
                             const TransactionTimers& timers);
ClientMachine client_machine(std::string_view method, bool reliable, std::string request,
                             const TransactionTimers& timers);
TransactionActions respond(ServerMachine& machine, TransactionTime now, int status,
                           std::string response);
/// The ACK of an INVITE server transaction (absorbed by a non-INVITE one).
TransactionActions on_ack(ServerMachine& machine, TransactionTime now);
bool awaiting_ack(const ServerMachine& machine);
TransactionActions on_response(ClientMachine& machine, TransactionTime now,
                               const Message& response);
/// A non-INVITE client transaction that has its final answer (see the top of this file).
bool answered(const ClientMachine& machine);
/// The client transaction key of `response` (§17.1.3); "" without a Via branch or a CSeq.
std::string response_key(const Message& response);

template <class Machine>
std::optional<TransactionTime> deadline(const Machine& machine) {
  return std::visit([](const auto& one) { return one.deadline(); }, machine);
}
template <class Machine>
TransactionActions on_timer(Machine& machine, TransactionTime now) {
  return std::visit([&](auto& one) { return one.on_timer(now); }, machine);
}

}  // namespace transaction_detail

template <class Context>
class TransactionLayer {
 public:
  /// What the owner sends for a new transaction (or, refused, once untracked), and why refused.
  struct Sent {
    std::string send;
    TransactionError error = TransactionError::kNone;
  };
  /// A request that found its server transaction: a retransmission, answered with `send` (when not
  /// empty) to where it came from, or an ACK. Either way the owner does nothing more with it.
  struct RequestMatch {
    bool matched = false;
    std::string send;
    /// The request's server transaction key (server_transaction_key()): unmatched, the owner
    /// hands it to respond() so that it is not made again.
    std::string key;
  };
  /// A response that found its client transaction, and what the transaction asks: `deliver` it to
  /// the owner (an answer, not a copy), `send` an ACK (3xx-6xx to an INVITE) to its peer.
  struct ResponseMatch {
    bool matched = false;
    Context context{};
    TransactionActions actions;
  };
  /// A timer of a transaction wants something of the owner: `send` to the transaction's peer, or
  /// it `timed_out` (B, F with no answer; H, L with no ACK).
  struct Fired {
    bool client = false;
    Context context{};
    std::string send;
    bool timed_out = false;
  };

  explicit TransactionLayer(TransactionTimers timers = {}, TransactionLimits limits = {})
      : timers_(timers), limits_(limits) {}
  // Timer slots point at the tables' keys: a copy would point at the original's.
  TransactionLayer(const TransactionLayer&) = delete;
  TransactionLayer& operator=(const TransactionLayer&) = delete;

  // ---- server transactions (§17.2) ----

  /// Matches a request that arrived to its server transaction. Unmatched (a new request, a stray
  /// ACK): the owner handles it, and answers it with respond().
  RequestMatch receive_request(const Message& request, TransactionTime now) {
    std::string key = server_transaction_key(request);
    auto it = key.empty() ? servers_.end() : servers_.find(key);
    if (it == servers_.end() && !key.empty() && request.method != "ACK") {
      if (auto response = completed_.find(key)) {
        // Completed (§17.2.2): the retransmission gets the same answer.
        ++counters_.requests_matched;
        ++counters_.retransmitted;
        return {true, std::string(*response), {}};
      }
    }
    if (request.method == "ACK") {
      if (it == servers_.end()) {
        auto alias = invite_by_ack_.find(ack_match_key(request));
        if (alias != invite_by_ack_.end()) it = servers_.find(alias->second);
      }
      if (it == servers_.end()) return {};
      ++counters_.requests_matched;
      acknowledge(it, now);
      return {true, {}, {}};
    }
    if (it == servers_.end()) return {false, {}, std::move(key)};
    ++counters_.requests_matched;
    auto actions =
        std::visit([&](auto& machine) { return machine.on_request(now); }, it->second.machine);
    if (!actions.send.empty()) ++counters_.retransmitted;
    return {true, std::move(actions.send), {}};
  }

  /// Answers a new `request` with `response` (status `status`) in a server transaction of its
  /// own, which sends it again or keeps it for retransmissions of the request as its machine says.
  Sent respond(const Message& request, bool reliable, TransactionTime now, int status,
               std::string response, Context context = {}) {
    return respond(server_transaction_key(request), request, reliable, now, status,
                   std::move(response), std::move(context));
  }
  /// The same, with the request's server transaction key (RequestMatch::key) made already.
  Sent respond(std::string key, const Message& request, bool reliable, TransactionTime now,
               int status, std::string response, Context context = {}) {
    auto error = refusal(key, servers_, limits_.max_server);
    if (error != TransactionError::kNone) return {std::move(response), error};
    ++counters_.server_created;
    if (!reliable && status >= 200 && request.method != "INVITE") {
      // §17.2.2: a final answer puts the non-INVITE server transaction in Completed for timer J
      // (64*T1) over UDP, where it only answers retransmissions with that answer.
      completed_.add(key, response, now + 64 * timers_.t1);
      return {std::move(response)};
    }
    ServerEntry entry{transaction_detail::server_machine(request.method, reliable, timers_),
                      std::move(context),
                      {}};
    auto actions = transaction_detail::respond(entry.machine, now, status, std::move(response));
    if (actions.terminated) return {std::move(actions.send)};  // TCP: a non-INVITE one is done
    if (request.method == "INVITE") {
      entry.ack_key = ack_match_key(request);
      if (!entry.ack_key.empty()) invite_by_ack_[entry.ack_key] = key;
    }
    auto it = servers_.emplace(std::move(key), std::move(entry)).first;
    it->second.timer_slot = take_timer_slot(false, it->first);
    schedule(it->second.timer_slot, transaction_detail::deadline(it->second.machine));
    return {std::move(actions.send)};
  }

  /// Whether the INVITE server transaction `key` sent a 2xx and awaits its ACK.
  bool awaiting_ack(const std::string& key) const {
    auto it = servers_.find(key);
    return it != servers_.end() && transaction_detail::awaiting_ack(it->second.machine);
  }
  /// As if the ACK of the INVITE server transaction `key` came (absent: nothing happens).
  void acknowledge(const std::string& key, TransactionTime now) {
    if (auto it = servers_.find(key); it != servers_.end()) acknowledge(it, now);
  }

  // ---- client transactions (§17.1) ----

  /// Sends `request` (method `method`, top Via branch `branch`) in a new client transaction: an
  /// INVITE or a non-INVITE one.
  Sent send_request(std::string_view branch, std::string_view method, bool reliable,
                    TransactionTime now, std::string request, Context context = {}) {
    std::string key = branch.empty() ? std::string() : client_transaction_key(branch, method);
    auto error = refusal(key, clients_, limits_.max_client);
    if (error != TransactionError::kNone) return {std::move(request), error};
    ++counters_.client_created;
    ClientEntry entry{
        transaction_detail::client_machine(method, reliable, std::move(request), timers_),
        std::move(context)};
    auto actions = std::visit([&](auto& machine) { return machine.start(now); }, entry.machine);
    auto it = clients_.emplace(std::move(key), std::move(entry)).first;
    it->second.timer_slot = take_timer_slot(true, it->first);
    schedule(it->second.timer_slot, transaction_detail::deadline(it->second.machine));
    return {std::move(actions.send)};
  }

  /// Matches a response that arrived to its client transaction.
  ResponseMatch receive_response(const Message& response, TransactionTime now) {
    auto it = clients_.find(transaction_detail::response_key(response));
    if (it == clients_.end()) {
      ++counters_.stray_responses;
      return {};
    }
    ++counters_.responses_matched;
    auto& entry = it->second;
    auto before = transaction_detail::deadline(entry.machine);
    ResponseMatch match{true, {}, transaction_detail::on_response(entry.machine, now, response)};
    if (!match.actions.send.empty() && !match.actions.deliver) ++counters_.retransmitted;  // ACK
    if (match.actions.terminated || transaction_detail::answered(entry.machine)) {
      match.context = std::move(entry.context);
      forget(it);
    } else {
      match.context = entry.context;
      reschedule(entry.timer_slot, before, transaction_detail::deadline(entry.machine));
    }
    return match;
  }

  // ---- timers ----

  /// The earliest deadline of any transaction; nullopt when none is pending.
  std::optional<TransactionTime> next_deadline() const {
    // Stale ones (their transaction ended or has another deadline) are dropped on the way.
    while (!deadlines_.empty() && stale(deadlines_.top())) deadlines_.pop();
    auto completed = completed_.next_expiry();
    if (deadlines_.empty()) return completed;
    if (completed && *completed < deadlines_.top().at) return completed;
    return deadlines_.top().at;
  }

  /// Runs the timers due at `now`, up to the first that wants something of the owner, which is
  /// returned; nullopt when no more is due. Call it until nullopt: the owner may start and answer
  /// transactions between the calls.
  std::optional<Fired> fire_due(TransactionTime now) {
    completed_.expire(now);  // timer J: nothing for the owner
    while (!deadlines_.empty() && deadlines_.top().at <= now) {
      Deadline due = deadlines_.top();
      deadlines_.pop();
      auto fired =
          timer_slots_[due.slot].client ? fire(clients_, due, now) : fire(servers_, due, now);
      if (fired) return fired;
    }
    return std::nullopt;
  }

  // ---- tables ----

  /// Forgets every transaction (the owner's session is over).
  void clear() {
    servers_.clear();
    completed_.clear();
    clients_.clear();
    invite_by_ack_.clear();
    deadlines_ = {};
    timer_slots_.clear();
    free_timer_slots_.clear();
  }
  /// Forgets the client transactions: their requests are not sent again, nor time out.
  void clear_client_transactions() {
    for (auto& [key, entry] : clients_) release_timer_slot(entry.timer_slot);
    clients_.clear();
  }

  std::size_t server_transactions() const { return servers_.size() + completed_.size(); }
  std::size_t client_transactions() const { return clients_.size(); }
  const TransactionLimits& limits() const { return limits_; }
  const TransactionCounters& counters() const { return counters_; }

 private:
  struct ServerEntry {
    transaction_detail::ServerMachine machine;
    Context context;
    std::string ack_key;  // INVITE: its entry in invite_by_ack_
    std::uint32_t timer_slot = 0;
  };
  struct ClientEntry {
    transaction_detail::ClientMachine machine;
    Context context;
    std::uint32_t timer_slot = 0;
  };
  /// A transaction's place for its deadlines: the queue names the slot, not the key, so that a
  /// deadline is small to move in the heap and its staleness is one comparison (a busy router
  /// drops a stale deadline per event it sends: the transaction was answered before timer E).
  /// The generation changes whenever the transaction's deadline does and when it ends.
  struct TimerSlot {
    std::uint64_t generation = 0;
    const std::string* key = nullptr;  // the table's own key (an unordered_map's key stays put)
    bool client = false;
  };
  /// A transaction's deadline as queued; stale once its slot's generation moved on.
  struct Deadline {
    TransactionTime at;
    std::uint32_t slot;
    std::uint64_t generation;
    bool operator>(const Deadline& other) const { return at > other.at; }
  };
  using Servers = std::unordered_map<std::string, ServerEntry>;
  using Clients = std::unordered_map<std::string, ClientEntry>;

  template <class Table>
  TransactionError refusal(const std::string& key, const Table& table, std::size_t bound) {
    if (key.empty()) return TransactionError::kUnmatchable;
    constexpr bool kServers = std::is_same_v<Table, Servers>;
    if (table.size() + (kServers ? completed_.size() : 0) >= bound) {
      ++counters_.refused_full;
      return TransactionError::kTableFull;
    }
    if constexpr (kServers)
      if (completed_.find(key)) return TransactionError::kExists;
    return table.count(key) ? TransactionError::kExists : TransactionError::kNone;
  }

  std::uint32_t take_timer_slot(bool client, const std::string& key) {
    std::uint32_t slot;
    if (!free_timer_slots_.empty()) {
      slot = free_timer_slots_.back();
      free_timer_slots_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(timer_slots_.size());
      timer_slots_.emplace_back();
    }
    timer_slots_[slot].key = &key;
    timer_slots_[slot].client = client;
    return slot;
  }
  void release_timer_slot(std::uint32_t slot) {
    ++timer_slots_[slot].generation;  // its queued deadlines are stale
    timer_slots_[slot].key = nullptr;
    free_timer_slots_.push_back(slot);
  }
  /// The transaction's deadline is now `deadline`: the queued ones go stale.
  void schedule(std::uint32_t slot, std::optional<TransactionTime> deadline) {
    const std::uint64_t generation = ++timer_slots_[slot].generation;
    if (deadline) deadlines_.push({*deadline, slot, generation});
  }
  void reschedule(std::uint32_t slot, std::optional<TransactionTime> before,
                  std::optional<TransactionTime> after) {
    if (after != before) schedule(slot, after);
  }

  bool stale(const Deadline& due) const {
    return timer_slots_[due.slot].generation != due.generation;
  }

  void acknowledge(typename Servers::iterator it, TransactionTime now) {
    auto before = transaction_detail::deadline(it->second.machine);
    auto actions = transaction_detail::on_ack(it->second.machine, now);
    if (actions.terminated)
      forget(it);
    else
      reschedule(it->second.timer_slot, before, transaction_detail::deadline(it->second.machine));
  }

  void forget(typename Servers::iterator it) {
    if (!it->second.ack_key.empty()) invite_by_ack_.erase(it->second.ack_key);
    release_timer_slot(it->second.timer_slot);
    servers_.erase(it);
  }
  void forget(typename Clients::iterator it) {
    release_timer_slot(it->second.timer_slot);
    clients_.erase(it);
  }

  template <class Table>
  std::optional<Fired> fire(Table& table, Deadline& due, TransactionTime now) {
    if (stale(due)) return std::nullopt;  // a slot reused by the other table is stale too
    const bool client = timer_slots_[due.slot].client;
    auto it = table.find(*timer_slots_[due.slot].key);
    if (it == table.end() || transaction_detail::deadline(it->second.machine) != due.at)
      return std::nullopt;  // stale
    auto actions = transaction_detail::on_timer(it->second.machine, now);
    if (!actions.send.empty()) ++counters_.retransmitted;
    if (actions.timed_out) ++counters_.timed_out;
    std::optional<Fired> fired;
    if (!actions.send.empty() || actions.timed_out)
      fired = Fired{client, {}, std::move(actions.send), actions.timed_out};
    if (actions.terminated) {
      if (fired) fired->context = std::move(it->second.context);
      forget(it);
    } else {
      if (fired) fired->context = it->second.context;
      schedule(due.slot, transaction_detail::deadline(it->second.machine));
    }
    return fired;
  }

  TransactionTimers timers_;
  TransactionLimits limits_;
  TransactionCounters counters_;
  Servers servers_;  // INVITE ones, and the rest until they complete over UDP
  CompletedTransactions completed_;
  Clients clients_;
  std::unordered_map<std::string, std::string> invite_by_ack_;  // ack_match_key -> server key
  /// Earliest first. Stale entries are dropped when they reach the top (mutable for that: the
  /// pending deadlines are the same with or without them).
  mutable std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
  std::vector<TimerSlot> timer_slots_;
  std::vector<std::uint32_t> free_timer_slots_;
};

}  // namespace cmemu::sip
