#include "sip/transaction.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "sip/parser.hpp"
#include "sip/writer.hpp"

using namespace cmemu::sip;
using namespace std::chrono_literals;

namespace {

const TransactionTime t0{};

double seconds(TransactionTime at) {
  return std::chrono::duration<double>(at - t0).count();
}

/// What a machine did while its timers were run from deadline to deadline.
struct Run {
  std::vector<double> sent_at;  // seconds after t0 of each retransmission
  double timed_out_at = -1;
  double terminated_at = -1;
};

/// Follows deadline() until the machine terminates or time passes `until`, calling on_timer()
/// exactly at each deadline (or `late` after it).
template <class Machine>
Run run_timers(Machine& machine, TransactionTime until,
               std::chrono::milliseconds late = std::chrono::milliseconds(0)) {
  Run run;
  while (auto due = machine.deadline()) {
    if (*due > until) break;
    TransactionTime now = *due + late;
    auto actions = machine.on_timer(now);
    if (!actions.send.empty()) run.sent_at.push_back(seconds(now));
    if (actions.timed_out) run.timed_out_at = seconds(now);
    if (actions.terminated) {
      run.terminated_at = seconds(now);
      break;
    }
  }
  return run;
}

const std::vector<double> kRetransmissions = {0.5,  1.5,  3.5,  7.5,  11.5,
                                              15.5, 19.5, 23.5, 27.5, 31.5};

/// Over TCP the answer is never sent again; without an ACK, timer L (2xx) or H ends it at 64*T1.
void check_unacked_over_tcp(InviteServerTransaction& invite) {
  auto run = run_timers(invite, t0 + 60s);
  CHECK(run.sent_at.empty());
  CHECK(run.timed_out_at == doctest::Approx(32.0));
}

}  // namespace

TEST_CASE("INVITE server over UDP: the 2xx is sent again at 0.5, 1.5, 3.5 s ... until 32 s") {
  InviteServerTransaction invite(false);
  auto first = invite.respond(t0, 200, "SIP/2.0 200 OK\r\n\r\n");
  CHECK(first.send == "SIP/2.0 200 OK\r\n\r\n");
  CHECK(invite.state() == InviteServerTransaction::State::kAccepted);
  REQUIRE(invite.deadline());
  CHECK(*invite.deadline() == t0 + 500ms);
  auto run = run_timers(invite, t0 + 60s);
  CHECK(run.sent_at == kRetransmissions);
  CHECK(run.timed_out_at == doctest::Approx(32.0));  // timer L: no ACK
  CHECK(run.terminated_at == doctest::Approx(32.0));
  CHECK(invite.state() == InviteServerTransaction::State::kTerminated);
  CHECK_FALSE(invite.deadline());
}

TEST_CASE("INVITE server: the ACK stops the 2xx retransmissions and is delivered") {
  InviteServerTransaction invite(false);
  invite.respond(t0, 200, "ok");
  auto run = run_timers(invite, t0 + 2s);
  CHECK(run.sent_at == std::vector<double>{0.5, 1.5});
  auto ack = invite.on_ack(t0 + 2s);
  CHECK(ack.deliver);
  CHECK(ack.terminated);
  CHECK(ack.send.empty());
  CHECK_FALSE(invite.deadline());
  CHECK(invite.on_timer(t0 + 4s).send.empty());
}

TEST_CASE("INVITE server: a retransmitted INVITE gets the same answer again") {
  InviteServerTransaction invite(false);
  CHECK(invite.on_request(t0).send.empty());  // nothing answered yet
  invite.respond(t0, 200, "answer");
  CHECK(invite.on_request(t0 + 100ms).send == "answer");
  CHECK(invite.respond(t0 + 200ms, 500, "other").send.empty());  // one final answer only
  CHECK(invite.status() == 200);
}

TEST_CASE("INVITE server over TCP: no retransmission, still timer L without ACK") {
  InviteServerTransaction invite(true);
  CHECK(invite.respond(t0, 200, "ok").send == "ok");
  check_unacked_over_tcp(invite);
}

TEST_CASE("INVITE server, non-2xx: timer G until the ACK, then timer I absorbs ACKs for T4") {
  InviteServerTransaction invite(false);
  invite.respond(t0, 404, "404");
  CHECK(invite.state() == InviteServerTransaction::State::kCompleted);
  auto run = run_timers(invite, t0 + 4s);
  CHECK(run.sent_at == std::vector<double>{0.5, 1.5, 3.5});
  auto ack = invite.on_ack(t0 + 4s);
  CHECK_FALSE(ack.deliver);  // the ACK of a non-2xx stays in the transaction
  CHECK_FALSE(ack.terminated);
  CHECK(invite.state() == InviteServerTransaction::State::kConfirmed);
  CHECK(invite.on_ack(t0 + 5s).send.empty());
  CHECK(invite.on_request(t0 + 5s).send.empty());
  auto rest = run_timers(invite, t0 + 60s);
  CHECK(rest.sent_at.empty());
  CHECK(rest.timed_out_at < 0);
  CHECK(rest.terminated_at == doctest::Approx(9.0));  // 4 s + T4
}

TEST_CASE("INVITE server, non-2xx over TCP: the ACK ends it at once; no ACK times out (H)") {
  InviteServerTransaction acked(true);
  acked.respond(t0, 486, "486");
  CHECK(run_timers(acked, t0 + 10s).sent_at.empty());
  CHECK(acked.on_ack(t0 + 10s).terminated);
  InviteServerTransaction silent(true);
  silent.respond(t0, 486, "486");
  check_unacked_over_tcp(silent);
}

TEST_CASE("INVITE server: a late owner keeps the schedule and gets no burst") {
  InviteServerTransaction invite(false);
  invite.respond(t0, 200, "ok");
  auto run = run_timers(invite, t0 + 8s, 100ms);  // every timer seen 100 ms late
  CHECK(run.sent_at == std::vector<double>{0.6, 1.6, 3.6, 7.6});
  InviteServerTransaction asleep(false);
  asleep.respond(t0, 200, "ok");
  CHECK(asleep.on_timer(t0 + 10s).send == "ok");  // several instants missed: sent once
  CHECK(asleep.on_timer(t0 + 10s).send.empty());
  REQUIRE(asleep.deadline());
  CHECK(*asleep.deadline() > t0 + 10s);
}

TEST_CASE("non-INVITE server over UDP: Completed answers retransmissions until timer J (32 s)") {
  NonInviteServerTransaction info(false);
  CHECK(info.state() == NonInviteServerTransaction::State::kTrying);
  CHECK(info.on_request(t0).send.empty());  // Trying absorbs a retransmission
  auto answer = info.respond(t0, 200, "200 with body");
  CHECK(answer.send == "200 with body");
  CHECK_FALSE(answer.terminated);
  CHECK(info.state() == NonInviteServerTransaction::State::kCompleted);
  for (int i = 0; i < 3; ++i) CHECK(info.on_request(t0 + 31s).send == "200 with body");
  CHECK(info.respond(t0 + 1s, 500, "another").send.empty());
  auto run = run_timers(info, t0 + 60s);
  CHECK(run.sent_at.empty());  // a server never sends a final answer again on its own
  CHECK(run.terminated_at == doctest::Approx(32.0));
  CHECK(info.on_request(t0 + 33s).send.empty());
}

TEST_CASE("non-INVITE server: a provisional answer is repeated, then the final one") {
  NonInviteServerTransaction bye(false);
  bye.respond(t0, 100, "100");
  CHECK(bye.state() == NonInviteServerTransaction::State::kProceeding);
  CHECK_FALSE(bye.deadline());
  CHECK(bye.on_request(t0 + 1s).send == "100");
  bye.respond(t0 + 2s, 200, "200");
  CHECK(bye.on_request(t0 + 3s).send == "200");
  REQUIRE(bye.deadline());
  CHECK(*bye.deadline() == t0 + 2s + 32s);
}

TEST_CASE("non-INVITE server over TCP: timer J is 0") {
  NonInviteServerTransaction info(true);
  auto answer = info.respond(t0, 200, "ok");
  CHECK(answer.send == "ok");
  CHECK(answer.terminated);
  CHECK_FALSE(info.deadline());
}

TEST_CASE("non-INVITE client over UDP: timer E at 0.5, 1.5, 3.5 s ..., timer F at 32 s") {
  NonInviteClientTransaction bye(false, "BYE");
  CHECK(bye.start(t0).send == "BYE");
  CHECK(bye.start(t0).send.empty());  // started once
  auto run = run_timers(bye, t0 + 60s);
  CHECK(run.sent_at == kRetransmissions);
  CHECK(run.timed_out_at == doctest::Approx(32.0));
  CHECK(run.terminated_at == doctest::Approx(32.0));
  CHECK(bye.status() == 0);
}

TEST_CASE("non-INVITE client: the final answer stops timer E; timer K absorbs repeats for T4") {
  NonInviteClientTransaction info(false, "INFO");
  info.start(t0);
  CHECK(run_timers(info, t0 + 2s).sent_at == std::vector<double>{0.5, 1.5});
  auto answer = info.on_response(t0 + 2s, 200);
  CHECK(answer.deliver);
  CHECK_FALSE(answer.terminated);
  CHECK(info.status() == 200);
  CHECK(info.state() == NonInviteClientTransaction::State::kCompleted);
  CHECK_FALSE(info.on_response(t0 + 3s, 200).deliver);  // a retransmitted answer
  auto run = run_timers(info, t0 + 60s);
  CHECK(run.sent_at.empty());
  CHECK(run.timed_out_at < 0);
  CHECK(run.terminated_at == doctest::Approx(7.0));  // 2 s + T4
}

TEST_CASE("non-INVITE client: a provisional answer slows retransmissions to every T2") {
  NonInviteClientTransaction info(false, "INFO");
  info.start(t0);
  run_timers(info, t0 + 600ms);  // sent again at 0.5 s
  auto provisional = info.on_response(t0 + 1s, 100);
  CHECK(provisional.deliver);
  CHECK(info.state() == NonInviteClientTransaction::State::kProceeding);
  CHECK_FALSE(info.on_response(t0 + 1100ms, 180).deliver);
  auto run = run_timers(info, t0 + 60s);
  CHECK(run.sent_at == std::vector<double>{1.5, 5.5, 9.5, 13.5, 17.5, 21.5, 25.5, 29.5});
  CHECK(run.timed_out_at == doctest::Approx(32.0));
}

TEST_CASE("non-INVITE client over TCP: sent once, answer ends it, silence times out at 32 s") {
  NonInviteClientTransaction answered(true, "INFO");
  CHECK(answered.start(t0).send == "INFO");
  CHECK(run_timers(answered, t0 + 10s).sent_at.empty());
  auto answer = answered.on_response(t0 + 10s, 481);
  CHECK(answer.deliver);
  CHECK(answer.terminated);
  CHECK(answered.status() == 481);
  NonInviteClientTransaction silent(true, "INFO");
  silent.start(t0);
  auto run = run_timers(silent, t0 + 60s);
  CHECK(run.sent_at.empty());
  CHECK(run.timed_out_at == doctest::Approx(32.0));
}

TEST_CASE("shorter timers (T1 100 ms, T2 400 ms) scale every instant") {
  TransactionTimers fast{100ms, 400ms, 1000ms};
  NonInviteClientTransaction info(false, "INFO", fast);
  info.start(t0);
  auto run = run_timers(info, t0 + 60s);
  CHECK(run.sent_at.size() == 17);  // 0.1, 0.3, 0.7, then every 0.4 s to 6.3
  CHECK(run.sent_at.front() == doctest::Approx(0.1));
  CHECK(run.sent_at.back() == doctest::Approx(6.3));
  CHECK(run.timed_out_at == doctest::Approx(6.4));
}

namespace {

/// An INVITE as a client sends it (through a proxy: a Route).
const std::string kInvite =
    "INVITE sip:201@10.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKinv1\r\n"
    "Max-Forwards: 70\r\n"
    "Route: <sip:proxy.example;lr>\r\n"
    "From: <sip:alice@10.0.0.9>;tag=a1\r\n"
    "To: <sip:201@10.0.0.1>\r\n"
    "Call-ID: call1@10.0.0.9\r\n"
    "CSeq: 7 INVITE\r\n"
    "Content-Length: 0\r\n\r\n";

/// The answer `status` to kInvite, with a To tag; parsed from `storage`, which it views.
Message answer_to_invite(int status, std::string& storage) {
  ParseResult invite = parse(kInvite, Framing::kDatagram);
  REQUIRE(invite.status == ParseStatus::kMessage);
  ResponseSpec spec;
  spec.status_code = status;
  spec.to_tag = "b2";
  storage = write_response(invite.message, spec);
  ParseResult parsed = parse(storage, Framing::kDatagram);
  REQUIRE(parsed.status == ParseStatus::kMessage);
  return parsed.message;
}

}  // namespace

TEST_CASE("INVITE client over UDP: timer A at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s, timer B at 32 s") {
  InviteClientTransaction invite(false, kInvite);
  CHECK(invite.start(t0).send == kInvite);
  CHECK(invite.start(t0).send.empty());  // started once
  CHECK(invite.state() == InviteClientTransaction::State::kCalling);
  auto run = run_timers(invite, t0 + 60s);
  CHECK(run.sent_at == std::vector<double>{0.5, 1.5, 3.5, 7.5, 15.5, 31.5});  // no T2 cap
  CHECK(run.timed_out_at == doctest::Approx(32.0));
  CHECK(run.terminated_at == doctest::Approx(32.0));
  CHECK(invite.status() == 0);
}

TEST_CASE("INVITE client over TCP: sent once, timer B still gives up at 32 s") {
  InviteClientTransaction invite(true, kInvite);
  invite.start(t0);
  auto run = run_timers(invite, t0 + 60s);
  CHECK(run.sent_at.empty());
  CHECK(run.timed_out_at == doctest::Approx(32.0));
}

TEST_CASE("INVITE client: a provisional answer ends timers A and B; the 2xx ends the transaction") {
  std::string storage100, storage200;
  InviteClientTransaction invite(false, kInvite);
  invite.start(t0);
  CHECK(run_timers(invite, t0 + 1s).sent_at == std::vector<double>{0.5});
  auto trying = invite.on_response(t0 + 1s, answer_to_invite(180, storage100));
  CHECK(trying.deliver);
  CHECK(trying.send.empty());
  CHECK(invite.state() == InviteClientTransaction::State::kProceeding);
  CHECK_FALSE(invite.deadline());  // Proceeding waits for the final answer
  CHECK(invite.on_response(t0 + 2s, answer_to_invite(180, storage100)).deliver);
  auto ok = invite.on_response(t0 + 40s, answer_to_invite(200, storage200));
  CHECK(ok.deliver);
  CHECK(ok.terminated);
  CHECK(ok.send.empty());  // the ACK of a 2xx is the UAC core's, not the transaction's
  CHECK(invite.status() == 200);
  CHECK(invite.state() == InviteClientTransaction::State::kTerminated);
}

TEST_CASE("INVITE client, non-2xx over UDP: ACKed with the INVITE's branch, again per copy (D)") {
  std::string storage;
  InviteClientTransaction invite(false, kInvite);
  invite.start(t0);
  Message busy = answer_to_invite(486, storage);
  auto final_answer = invite.on_response(t0 + 1s, busy);
  CHECK(final_answer.deliver);
  CHECK_FALSE(final_answer.terminated);
  CHECK(invite.state() == InviteClientTransaction::State::kCompleted);
  ParseResult ack = parse(final_answer.send, Framing::kDatagram);
  REQUIRE(ack.status == ParseStatus::kMessage);
  CHECK(ack.message.method == "ACK");
  CHECK(ack.message.request_uri == "sip:201@10.0.0.1");
  CHECK(ack.message.top_via()->branch == "z9hG4bKinv1");
  CHECK(ack.message.value("Route") == std::optional<std::string_view>("<sip:proxy.example;lr>"));
  CHECK(ack.message.from()->tag() == "a1");
  CHECK(ack.message.to()->tag() == "b2");
  CHECK(ack.message.call_id() == "call1@10.0.0.9");
  CHECK(ack.message.cseq()->number == 7);
  CHECK(ack.message.cseq()->method == "ACK");
  auto copy = invite.on_response(t0 + 2s, busy);
  CHECK_FALSE(copy.deliver);
  CHECK(copy.send == final_answer.send);
  auto run = run_timers(invite, t0 + 60s);
  CHECK(run.sent_at.empty());  // no retransmission of the INVITE after its answer
  CHECK(run.timed_out_at < 0);
  CHECK(run.terminated_at == doctest::Approx(33.0));  // timer D: 1 s + 32 s
}

TEST_CASE("INVITE client, non-2xx over TCP: ACKed, and timer D is 0") {
  std::string storage;
  InviteClientTransaction invite(true, kInvite);
  invite.start(t0);
  auto final_answer = invite.on_response(t0 + 1s, answer_to_invite(603, storage));
  CHECK(final_answer.deliver);
  CHECK(final_answer.terminated);
  CHECK(parse(final_answer.send, Framing::kDatagram).message.method == "ACK");
  CHECK_FALSE(invite.deadline());
}

TEST_CASE("INVITE client: a late owner gets one retransmission, then the next on schedule") {
  InviteClientTransaction invite(false, kInvite);
  invite.start(t0);
  CHECK(invite.on_timer(t0 + 5s).send == kInvite);  // 0.5, 1.5 and 3.5 missed: sent once
  CHECK(invite.on_timer(t0 + 5s).send.empty());
  REQUIRE(invite.deadline());
  CHECK(*invite.deadline() > t0 + 5s);
}
