// Tests sip/transaction_layer.hpp on driven time, without a socket: matching of requests, ACKs
// and responses to transactions (RFC 3261 §17.1.3, §17.2.3), the deadline queue across
// transactions, the bounded tables and the counters.
#include "sip/transaction_layer.hpp"

#include <doctest/doctest.h>

#include <string>

#include "sip/parser.hpp"
#include "sip/writer.hpp"
#include "tests/sip/parse_support.hpp"

using namespace cmemu::sip;
using namespace std::chrono_literals;

namespace {

const TransactionTime t0{};

/// What a test keeps with each transaction.
struct Owner {
  std::string peer;
  int session = 0;
};
using Layer = TransactionLayer<Owner>;

/// Messages parsed from text the store keeps alive.
class Wire : public test::KeptMessages {
 public:
  /// A request from 10.0.0.9 (or `sent_by`) with top Via branch `branch`.
  const Message& request(const std::string& method, const std::string& branch, int cseq,
                         const std::string& sent_by = "10.0.0.9:5070",
                         const std::string& to_tag = "") {
    return keep(request_text(method, branch, cseq, sent_by, to_tag));
  }
  static std::string request_text(const std::string& method, const std::string& branch, int cseq,
                                  const std::string& sent_by = "10.0.0.9:5070",
                                  const std::string& to_tag = "") {
    std::string via = branch.empty() ? "" : ";branch=" + branch;
    return method + " sip:201@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP " + sent_by + via +
           "\r\nFrom: <sip:alice@10.0.0.9>;tag=a1\r\nTo: <sip:201@10.0.0.1>" +
           (to_tag.empty() ? "" : ";tag=" + to_tag) +
           "\r\nCall-ID: call1\r\nCSeq: " + std::to_string(cseq) + " " + method +
           "\r\nContent-Length: 0\r\n\r\n";
  }

  /// The answer `status` to `request`.
  const Message& answer(const Message& request, int status) {
    ResponseSpec spec;
    spec.status_code = status;
    spec.to_tag = "b2";
    return keep(write_response(request, spec));
  }
};

/// An INVITE from 10.0.0.9 (branch z9hG4bKv1, CSeq 1) answered "200 OK" at t0 over UDP.
const Message& answered_invite(Wire& wire, Layer& layer, Owner owner = {}) {
  const Message& invite = wire.request("INVITE", "z9hG4bKv1", 1);
  layer.respond(invite, false, t0, 200, "200 OK", std::move(owner));
  return invite;
}

}  // namespace

TEST_CASE("a retransmitted request finds its server transaction and gets the same answer") {
  Wire wire;
  Layer layer;
  const Message& info = wire.request("INFO", "z9hG4bKi1", 2);
  CHECK_FALSE(layer.receive_request(info, t0).matched);  // new: the owner answers it
  auto sent = layer.respond(info, false, t0, 200, "200 to INFO", {"client", 0});
  CHECK(sent.send == "200 to INFO");
  CHECK(sent.error == TransactionError::kNone);
  CHECK(layer.server_transactions() == 1);
  const Message& again = wire.request("INFO", "z9hG4bKi1", 2);
  auto match = layer.receive_request(again, t0 + 1s);
  CHECK(match.matched);
  CHECK(match.send == "200 to INFO");
  // Another sent-by, method or CSeq is another transaction (§17.2.3).
  CHECK_FALSE(
      layer.receive_request(wire.request("INFO", "z9hG4bKi1", 2, "10.0.0.8:5070"), t0).matched);
  CHECK_FALSE(layer.receive_request(wire.request("BYE", "z9hG4bKi1", 2), t0).matched);
  CHECK_FALSE(layer.receive_request(wire.request("INFO", "z9hG4bKi1", 3), t0).matched);
  CHECK(layer.counters().server_created == 1);
  CHECK(layer.counters().requests_matched == 1);
  CHECK(layer.counters().retransmitted == 1);
}

TEST_CASE(
    "timer J: a non-INVITE server transaction is forgotten after 32 s over UDP, at once "
    "over TCP") {
  Wire wire;
  Layer layer;
  const Message& info = wire.request("INFO", "z9hG4bKi1", 2);
  layer.respond(info, false, t0, 200, "ok");
  CHECK(layer.next_deadline() == t0 + 32s);
  CHECK_FALSE(layer.fire_due(t0 + 31s));
  CHECK_FALSE(layer.fire_due(t0 + 32s));  // terminated: nothing for the owner
  CHECK(layer.server_transactions() == 0);
  CHECK_FALSE(layer.next_deadline());
  CHECK_FALSE(layer.receive_request(info, t0 + 33s).matched);

  Layer tcp;
  CHECK(tcp.respond(info, true, t0, 200, "ok").send == "ok");
  CHECK(tcp.server_transactions() == 0);
  CHECK_FALSE(tcp.next_deadline());
}

TEST_CASE("INVITE server: the 2xx is sent again (G rules) until timer L, which names the owner") {
  Wire wire;
  Layer layer;
  const Message& invite = answered_invite(wire, layer, {"client", 7});
  CHECK(layer.awaiting_ack(server_transaction_key(invite)));
  std::vector<double> sent_at;
  std::optional<Layer::Fired> timed_out;
  while (auto at = layer.next_deadline()) {
    while (auto fired = layer.fire_due(*at)) {
      CHECK(fired->context.peer == "client");
      if (!fired->send.empty()) sent_at.push_back(std::chrono::duration<double>(*at - t0).count());
      if (fired->timed_out) timed_out = fired;
    }
  }
  CHECK(sent_at == std::vector<double>{0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5});
  REQUIRE(timed_out);
  CHECK(timed_out->context.session == 7);
  CHECK_FALSE(timed_out->client);
  CHECK(layer.server_transactions() == 0);
  CHECK(layer.counters().retransmitted == 10);
  CHECK(layer.counters().timed_out == 1);
}

TEST_CASE("the ACK of a 2xx finds its INVITE by dialog, that of a non-2xx by branch (§17.1.1.3)") {
  Wire wire;
  Layer layer;
  answered_invite(wire, layer);
  // The ACK of a 2xx has a branch of its own.
  CHECK(layer.receive_request(wire.request("ACK", "z9hG4bKack", 1, "10.0.0.9:5070", "b2"), t0)
            .matched);
  CHECK(layer.server_transactions() == 0);  // Accepted ends with the ACK
  CHECK_FALSE(layer.next_deadline());
  CHECK_FALSE(layer.receive_request(wire.request("ACK", "z9hG4bKack", 1), t0).matched);  // stray

  const Message& second = wire.request("INVITE", "z9hG4bKv2", 2);
  layer.respond(second, false, t0, 486, "486 Busy Here");
  CHECK_FALSE(layer.awaiting_ack(server_transaction_key(second)));
  CHECK(layer.receive_request(wire.request("ACK", "z9hG4bKv2", 2), t0 + 1s).matched);
  CHECK(layer.next_deadline() == t0 + 1s + 5s);  // timer I: T4 absorbing ACK copies
  CHECK(layer.receive_request(wire.request("ACK", "z9hG4bKv2", 2), t0 + 2s).send.empty());
  CHECK_FALSE(layer.fire_due(t0 + 6s));
  CHECK(layer.server_transactions() == 0);
}

TEST_CASE("timer G and H: a non-2xx without ACK is sent again, then times out") {
  Wire wire;
  Layer layer;
  layer.respond(wire.request("INVITE", "z9hG4bKv1", 1), false, t0, 404, "404", {"client", 0});
  auto first = layer.fire_due(t0 + 500ms);
  REQUIRE(first);
  CHECK(first->send == "404");
  CHECK(layer.next_deadline() == t0 + 1500ms);
  auto last = layer.fire_due(t0 + 32s);  // H wins over a retransmission due as well
  REQUIRE(last);
  CHECK(last->timed_out);
  CHECK(last->send.empty());
  CHECK(layer.server_transactions() == 0);
}

TEST_CASE("a CANCEL is a transaction of its own, not a retransmission of its INVITE") {
  Wire wire;
  Layer layer;
  answered_invite(wire, layer);
  const Message& cancel = wire.request("CANCEL", "z9hG4bKv1", 1);
  CHECK_FALSE(layer.receive_request(cancel, t0).matched);
  layer.respond(cancel, false, t0, 481, "481");
  CHECK(layer.server_transactions() == 2);
  CHECK(layer.receive_request(cancel, t0).send == "481");
}

TEST_CASE("a response finds its client transaction by branch and method; a stray is counted") {
  Wire wire;
  Layer layer;
  std::string bye_text = Wire::request_text("BYE", "z9hG4bKb1", 3);
  auto sent = layer.send_request("z9hG4bKb1", "BYE", false, t0, bye_text, {"router", 4});
  CHECK(sent.send == bye_text);
  CHECK(layer.client_transactions() == 1);
  const Message& bye = wire.keep(bye_text);
  // The same branch with another CSeq method is another transaction (§17.1.3).
  const Message& wrong = wire.keep(Wire::request_text("INFO", "z9hG4bKb1", 3));
  CHECK_FALSE(layer.receive_response(wire.answer(wrong, 200), t0).matched);
  CHECK_FALSE(
      layer.receive_response(wire.answer(wire.request("BYE", "z9hG4bKzz", 3), 200), t0).matched);
  CHECK(layer.counters().stray_responses == 2);

  auto trying = layer.receive_response(wire.answer(bye, 100), t0 + 100ms);
  CHECK(trying.matched);
  CHECK(trying.actions.deliver);
  CHECK(trying.context.session == 4);
  auto ok = layer.receive_response(wire.answer(bye, 200), t0 + 200ms);
  CHECK(ok.matched);
  CHECK(ok.actions.deliver);
  CHECK(ok.context.peer == "router");
  // Answered: the transaction leaves the table, a copy of the answer is a stray.
  CHECK(layer.client_transactions() == 0);
  CHECK_FALSE(layer.next_deadline());
  CHECK_FALSE(layer.receive_response(wire.answer(bye, 200), t0 + 300ms).matched);
  CHECK(layer.counters().responses_matched == 2);
  CHECK(layer.counters().stray_responses == 3);
}

TEST_CASE("timers E and F over UDP: sent again, then timed out with the owner's context") {
  Layer layer;
  layer.send_request("z9hG4bKi1", "INFO", false, t0, "INFO", {"router", 9});
  std::vector<double> sent_at;
  std::optional<Layer::Fired> timed_out;
  while (auto at = layer.next_deadline()) {
    while (auto fired = layer.fire_due(*at)) {
      if (!fired->send.empty()) sent_at.push_back(std::chrono::duration<double>(*at - t0).count());
      if (fired->timed_out) timed_out = fired;
    }
  }
  CHECK(sent_at == std::vector<double>{0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5});
  REQUIRE(timed_out);
  CHECK(timed_out->client);
  CHECK(timed_out->context.session == 9);
  CHECK(layer.client_transactions() == 0);
}

TEST_CASE("timers E, F, K over TCP: sent once, F still times out, the answer ends it at once") {
  Wire wire;
  Layer layer;
  layer.send_request("z9hG4bKi1", "INFO", true, t0, "INFO", {"router", 9});
  CHECK(layer.next_deadline() == t0 + 32s);  // F only
  auto fired = layer.fire_due(t0 + 32s);
  REQUIRE(fired);
  CHECK(fired->timed_out);
  CHECK(fired->send.empty());

  std::string text = Wire::request_text("INFO", "z9hG4bKi2", 4);
  layer.send_request("z9hG4bKi2", "INFO", true, t0, text);
  auto answer = layer.receive_response(wire.answer(wire.keep(text), 200), t0 + 1s);
  CHECK(answer.actions.terminated);
  CHECK(layer.client_transactions() == 0);
}

TEST_CASE("INVITE client through the layer: timer A, the ACK of a non-2xx and timer D") {
  Wire wire;
  Layer layer;
  std::string text = Wire::request_text("INVITE", "z9hG4bKc1", 1);
  layer.send_request("z9hG4bKc1", "INVITE", false, t0, text, {"router", 1});
  auto again = layer.fire_due(t0 + 500ms);
  REQUIRE(again);
  CHECK(again->send == text);
  CHECK(layer.next_deadline() == t0 + 1500ms);  // doubling
  const Message& busy = wire.answer(wire.keep(text), 486);
  auto answer = layer.receive_response(busy, t0 + 1s);
  CHECK(answer.actions.deliver);
  CHECK(parse(answer.actions.send, Framing::kDatagram).message.method == "ACK");
  CHECK(layer.client_transactions() == 1);  // Completed: timer D
  auto copy = layer.receive_response(busy, t0 + 2s);
  CHECK_FALSE(copy.actions.deliver);
  CHECK(copy.actions.send == answer.actions.send);
  CHECK(layer.counters().retransmitted == 2);  // the INVITE on timer A, the ACK for the copy
  CHECK(layer.next_deadline() == t0 + 33s);
  CHECK_FALSE(layer.fire_due(t0 + 33s));
  CHECK(layer.client_transactions() == 0);

  std::string second = Wire::request_text("INVITE", "z9hG4bKc2", 2);
  layer.send_request("z9hG4bKc2", "INVITE", false, t0, second);
  const Message& ok = wire.answer(wire.keep(second), 200);
  CHECK(layer.receive_response(ok, t0 + 1s).actions.terminated);
  CHECK_FALSE(layer.receive_response(ok, t0 + 2s).matched);  // a 2xx copy is the UAC core's
  CHECK_FALSE(layer.next_deadline());
}

TEST_CASE("timer B: an unanswered INVITE times out after 32 s") {
  Layer layer;
  layer.send_request("z9hG4bKc1", "INVITE", false, t0, "INVITE", {"router", 1});
  std::optional<Layer::Fired> last;
  while (auto at = layer.next_deadline())
    while (auto fired = layer.fire_due(*at)) last = fired;
  REQUIRE(last);
  CHECK(last->timed_out);
  CHECK(layer.counters().retransmitted == 6);
  CHECK(layer.counters().timed_out == 1);
}

TEST_CASE("the deadline queue runs the earliest timer first across transactions") {
  Wire wire;
  Layer layer;
  layer.send_request("z9hG4bKa", "INFO", false, t0 + 300ms, "A", {"a", 1});
  layer.send_request("z9hG4bKb", "INFO", false, t0, "B", {"b", 2});
  layer.respond(wire.request("INVITE", "z9hG4bKv", 1), false, t0 + 100ms, 200, "OK", {"c", 3});
  CHECK(layer.next_deadline() == t0 + 500ms);
  std::vector<std::string> order;
  while (auto fired = layer.fire_due(t0 + 900ms)) order.push_back(fired->send);
  CHECK(order == std::vector<std::string>{"B", "OK", "A"});
  CHECK(layer.next_deadline() == t0 + 1500ms);  // B's next
}

TEST_CASE("a full table refuses with kTableFull and counts it; the message is sent untracked") {
  Wire wire;
  Layer layer({}, TransactionLimits{2, 1});
  layer.respond(wire.request("INFO", "z9hG4bK1", 1), false, t0, 200, "1");
  layer.respond(wire.request("INFO", "z9hG4bK2", 2), false, t0, 200, "2");
  const Message& third = wire.request("INFO", "z9hG4bK3", 3);
  auto refused = layer.respond(third, false, t0, 200, "3");
  CHECK(refused.error == TransactionError::kTableFull);
  CHECK(refused.send == "3");
  CHECK(layer.server_transactions() == 2);
  CHECK_FALSE(layer.receive_request(third, t0).matched);  // handled as new again

  CHECK(layer.send_request("z9hG4bKc1", "BYE", false, t0, "BYE 1").error ==
        TransactionError::kNone);
  auto full = layer.send_request("z9hG4bKc2", "BYE", false, t0, "BYE 2");
  CHECK(full.error == TransactionError::kTableFull);
  CHECK(full.send == "BYE 2");
  CHECK(layer.client_transactions() == 1);
  CHECK(layer.counters().refused_full == 2);
  CHECK(to_string(TransactionError::kTableFull) == "transaction table full");
}

TEST_CASE("a request without a branch gets no transaction; a second one with a key is refused") {
  Wire wire;
  Layer layer;
  const Message& old = wire.request("OPTIONS", "", 1);
  CHECK(layer.respond(old, false, t0, 200, "ok").error == TransactionError::kUnmatchable);
  CHECK(layer.server_transactions() == 0);
  const Message& info = wire.request("INFO", "z9hG4bK1", 1);
  layer.respond(info, false, t0, 200, "ok");
  CHECK(layer.respond(info, false, t0, 500, "again").error == TransactionError::kExists);
  CHECK(layer.send_request("", "INFO", false, t0, "INFO").error == TransactionError::kUnmatchable);
  layer.send_request("z9hG4bK9", "INFO", false, t0, "INFO");
  CHECK(layer.send_request("z9hG4bK9", "INFO", false, t0, "INFO").error ==
        TransactionError::kExists);
  CHECK(layer.counters().refused_full == 0);
}

TEST_CASE("acknowledge() stands for a lost ACK: the 2xx stops; clear() forgets everything") {
  Wire wire;
  Layer layer;
  const Message& invite = answered_invite(wire, layer);
  std::string key = server_transaction_key(invite);
  CHECK(layer.awaiting_ack(key));
  layer.acknowledge(key, t0 + 100ms);
  CHECK_FALSE(layer.awaiting_ack(key));
  CHECK_FALSE(layer.next_deadline());
  CHECK_FALSE(layer.fire_due(t0 + 1s));

  layer.respond(wire.request("INFO", "z9hG4bK2", 2), false, t0, 200, "ok");
  layer.send_request("z9hG4bKc", "BYE", false, t0, "BYE");
  layer.clear_client_transactions();
  CHECK(layer.client_transactions() == 0);
  CHECK(layer.next_deadline() == t0 + 32s);  // the INFO's timer J only
  layer.clear();
  CHECK(layer.server_transactions() == 0);
  CHECK_FALSE(layer.next_deadline());
}
