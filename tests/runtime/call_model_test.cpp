#include "runtime/call_model.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"

using namespace cmemu::runtime;
using namespace std::chrono_literals;

namespace {

// Lines 201-204 (tags 1-4), plus 2011 so that "201" is also a prefix of a longer number.
Config lab_config(bool with_prefix_clash = false) {
  Config config;
  for (int tag = 1; tag <= 4; ++tag) config.ephone_dns[tag].number = std::to_string(200 + tag);
  config.ephone_dns[2].name = "Bob";
  if (with_prefix_clash) config.ephone_dns[5].number = "2011";
  return config;
}

/// Records every event as one line: "Delivered 2 alerting newCall".
struct Recorder : CallObserver {
  std::vector<std::string> lines;
  CallModel* model = nullptr;
  CallError reentrant = CallError::kNone;
  void on_call_event(const CallEvent& event) override {
    std::string text = std::string(to_string(event.type)) + " " + std::to_string(event.line) + " " +
                       std::string(to_string(event.state));
    if (event.cause != EventCause::kNone) text += " " + std::string(to_string(event.cause));
    if (!event.digits.empty()) text += " " + event.digits;
    if (!event.number.empty()) text += " ->" + event.number;
    lines.push_back(text);
    if (model) reentrant = model->off_hook(4, EventCause::kNewCall);
  }
  std::vector<std::string> take() { return std::exchange(lines, {}); }
};

struct Lab {
  CallModel model;
  Recorder events;
  explicit Lab(bool clash = false) {
    Config empty;
    model.apply(empty, lab_config(clash));
    for (int tag = 1; tag <= 5; ++tag) model.attach(tag);
    model.add_observer(events);
  }
  ConnectionId off_hook(int line) {
    ConnectionId id = 0;
    REQUIRE(model.off_hook(line, EventCause::kNewCall, &id) == CallError::kNone);
    return id;
  }
  /// The alerting connection on `line`.
  ConnectionId ringing(int line) {
    for (ConnectionId id : model.line(line)->connections)
      if (model.connection(id)->state == ConnectionState::kAlerting) return id;
    FAIL("no alerting connection on line ", line);
    return 0;
  }
  /// 201 calls 202 and 202 answers; returns {201's connection, 202's}.
  std::pair<ConnectionId, ConnectionId> connected_call(int from = 1, int to = 2) {
    ConnectionId calling = off_hook(from);
    REQUIRE(model.dial(calling, model.line(to)->number) == CallError::kNone);
    ConnectionId called = ringing(to);
    REQUIRE(model.answer(called) == CallError::kNone);
    events.take();
    return {calling, called};
  }
};

}  // namespace

TEST_CASE("a call from 201 to 202: dialled, delivered, answered, cleared by either side") {
  for (bool caller_hangs_up : {true, false}) {
    Lab lab;
    ConnectionId calling = lab.off_hook(1);
    CHECK(lab.model.dial(calling, "20") == CallError::kNone);
    CHECK(lab.model.connection(calling)->state == ConnectionState::kInitiated);
    CHECK(lab.model.dial(calling, "2") == CallError::kNone);
    CHECK(lab.events.take() ==
          std::vector<std::string>{"ServiceInitiated 1 initiated newCall",
                                   "DigitDialed 1 initiated 2", "DigitDialed 1 initiated 20",
                                   "DigitDialed 1 initiated 202", "Originated 1 connected newCall",
                                   "Delivered 2 alerting newCall"});
    ConnectionId called = lab.ringing(2);
    CHECK(lab.model.connection(called)->call == lab.model.connection(calling)->call);
    const Call* call = lab.model.call(lab.model.connection(calling)->call);
    CHECK(call->calling_number == "201");
    CHECK(call->called_number == "202");
    CHECK(call->called_name == "Bob");
    CHECK(lab.model.peer(calling)->id == called);

    CHECK(lab.model.answer(called) == CallError::kNone);
    CHECK(lab.events.take() == std::vector<std::string>{"Established 2 connected newCall"});
    CHECK(lab.model.answer(called) == CallError::kNoCallToAnswer);

    CHECK(lab.model.clear(caller_hangs_up ? calling : called) == CallError::kNone);
    auto cleared = lab.events.take();
    REQUIRE(cleared.size() == 2);
    CHECK(cleared[0] == (caller_hangs_up ? "ConnectionCleared 1 null normalClearing"
                                         : "ConnectionCleared 2 null normalClearing"));
    CHECK(lab.model.calls().empty());
    CHECK(lab.model.connection_count() == 0);
    CHECK(lab.model.line(1)->connections.empty());
    CHECK(lab.model.clear(calling) == CallError::kUnknownConnection);
  }
}

TEST_CASE("busy, unknown number, out of service and DND fail the call on the calling side") {
  Lab lab;
  lab.connected_call(1, 2);
  ConnectionId calling = lab.off_hook(3);
  CHECK(lab.model.dial(calling, "202") == CallError::kNone);
  CHECK(lab.events.take().back() == "Failed 3 fail busy");
  CHECK(lab.model.clear(calling) == CallError::kNone);
  lab.events.take();

  calling = lab.off_hook(3);
  CHECK(lab.model.dial(calling, "29") == CallError::kNone);  // nothing starts with 29
  CHECK(lab.events.take().back() == "Failed 3 fail destNotObtainable");
  CHECK(lab.model.dial(calling, "1") == CallError::kInvalidConnectionState);
  lab.model.clear(calling);

  lab.model.detach(4);
  calling = lab.off_hook(3);
  lab.model.dial(calling, "204");
  CHECK(lab.events.take().back() == "Failed 3 fail destNotObtainable");
  lab.model.clear(calling);
  CHECK(lab.model.off_hook(4, EventCause::kNewCall) == CallError::kOutOfService);

  lab.model.attach(4);
  CHECK(lab.model.set_do_not_disturb(4, true) == CallError::kNone);
  lab.events.take();
  calling = lab.off_hook(3);
  lab.model.dial(calling, "204");
  CHECK(lab.events.take().back() == "Failed 3 fail doNotDisturb");
  CHECK(lab.model.line(4)->connections.empty());
}

TEST_CASE("a number that prefixes another waits for more digits, # or the interdigit timeout") {
  Clock::instance().freeze(Clock::WallTime{} + 1000s);
  {
    Lab lab(true);
    ConnectionId calling = lab.off_hook(3);
    lab.model.dial(calling, "201");
    CHECK(lab.model.connection(calling)->state == ConnectionState::kInitiated);
    lab.model.dial(calling, "#");
    CHECK(lab.events.take().back() == "Delivered 1 alerting newCall");
  }
  {
    Lab lab(true);
    ConnectionId calling = lab.off_hook(3);
    lab.model.dial(calling, "201");
    Clock::instance().advance(9999ms);
    lab.model.tick(Clock::instance().steady_now());
    CHECK(lab.model.connection(calling)->state == ConnectionState::kInitiated);
    Clock::instance().advance(1ms);
    lab.model.tick(Clock::instance().steady_now());
    CHECK(lab.events.take().back() == "Delivered 1 alerting newCall");
  }
  {
    Lab lab;
    ConnectionId calling = lab.off_hook(3);  // no digit at all: reorder after the timeout
    Clock::instance().advance(10s);
    lab.model.tick(Clock::instance().steady_now());
    CHECK(lab.events.take().back() == "Failed 3 fail destNotObtainable");
    CHECK(lab.model.dial(calling, "x") == CallError::kInvalidConnectionState);
  }
}

TEST_CASE("bad digits and a second off-hook are refused without changing anything") {
  Lab lab;
  ConnectionId calling = lab.off_hook(1);
  lab.events.take();
  CHECK(lab.model.dial(calling, "2a") == CallError::kInvalidDigits);
  CHECK(lab.model.connection(calling)->dialed.empty());
  CHECK(lab.model.off_hook(1, EventCause::kNewCall) == CallError::kDeviceBusy);
  CHECK(lab.model.off_hook(99, EventCause::kNewCall) == CallError::kUnknownLine);
  CHECK(lab.model.dial(999, "1") == CallError::kUnknownConnection);
  CHECK(lab.events.take().empty());
}

TEST_CASE("hold and resume") {
  Lab lab;
  auto [calling, called] = lab.connected_call();
  CHECK(lab.model.retrieve(calling) == CallError::kNoHeldCall);
  CHECK(lab.model.hold(calling) == CallError::kNone);
  CHECK(lab.model.connection(calling)->state == ConnectionState::kHold);
  CHECK(lab.model.connection(called)->state == ConnectionState::kConnected);
  CHECK(lab.model.hold(calling) == CallError::kInvalidConnectionState);
  CHECK(lab.model.retrieve(calling) == CallError::kNone);
  CHECK(lab.events.take() ==
        std::vector<std::string>{"Held 1 hold normal", "Retrieved 1 connected normal"});
}

TEST_CASE("a held call leaves the line free to dial; alternate and reconnect swap calls") {
  Lab lab;
  auto [first, far] = lab.connected_call(1, 2);
  CHECK(lab.model.hold(first) == CallError::kNone);
  ConnectionId second = lab.off_hook(1);
  lab.model.dial(second, "203");
  ConnectionId third = lab.ringing(3);
  lab.model.answer(third);
  lab.events.take();
  CHECK(lab.model.retrieve(first) == CallError::kInvalidConnectionState);
  CHECK(lab.model.alternate(first, second) == CallError::kNone);
  CHECK(lab.events.take() ==
        std::vector<std::string>{"Held 1 hold alternate", "Retrieved 1 connected alternate"});
  CHECK(lab.model.reconnect(first, second) == CallError::kNone);
  auto events = lab.events.take();
  CHECK(events.back() == "Retrieved 1 connected normal");
  CHECK(lab.model.connection(first) == nullptr);
  CHECK(lab.model.connection(second)->state == ConnectionState::kConnected);
  CHECK(lab.model.peer(second)->line == 3);
  (void)far;
}

TEST_CASE("consultative transfer joins the far parties; the consultation callID carries on") {
  Lab lab;
  auto [calling, called] = lab.connected_call(1, 2);
  ConnectionId consultation = 0;
  CHECK(lab.model.consult(called, "", &consultation) == CallError::kNone);
  CHECK(lab.events.take() == std::vector<std::string>{"Held 2 hold consultation",
                                                      "ServiceInitiated 2 initiated consultation"});
  lab.model.dial(consultation, "203");
  ConnectionId target = lab.ringing(3);
  lab.model.answer(target);
  lab.events.take();
  CallId survivor = lab.model.connection(consultation)->call;
  CHECK(lab.model.transfer(consultation, called) == CallError::kNoHeldCall);
  CHECK(lab.model.transfer(called, consultation) == CallError::kNone);
  CHECK(lab.events.take() == std::vector<std::string>{"Transferred 1 connected transfer",
                                                      "ConnectionCleared 2 null transfer",
                                                      "ConnectionCleared 2 null transfer"});
  CHECK(lab.model.connection(calling)->call == survivor);
  CHECK(lab.model.peer(calling)->id == target);
  CHECK(lab.model.line(2)->connections.empty());
  const Call* joined = lab.model.call(survivor);
  CHECK(joined->calling_number == "201");
  CHECK(joined->called_number == "203");
  CHECK(lab.model.calls().size() == 1);
}

TEST_CASE("transfer while the target still rings is blind: the transferee hears it ring") {
  Lab lab;
  auto [calling, called] = lab.connected_call(1, 2);
  ConnectionId consultation = 0;
  lab.model.consult(called, "203", &consultation);
  ConnectionId target = lab.ringing(3);
  lab.events.take();
  CHECK(lab.model.transfer(called, consultation) == CallError::kNone);
  lab.events.take();
  CHECK(lab.model.peer(calling)->id == target);
  CHECK(lab.model.answer(target) == CallError::kNone);
  CHECK(lab.model.connection(calling)->state == ConnectionState::kConnected);
}

TEST_CASE("single-step transfer, deflect and forward all redirect the call") {
  Lab lab;
  auto [calling, called] = lab.connected_call(1, 2);
  CHECK(lab.model.single_step_transfer(called, "299") == CallError::kInvalidDestination);
  ConnectionId moved = 0;
  CHECK(lab.model.single_step_transfer(called, "203", &moved) == CallError::kNone);
  CHECK(moved == calling);
  CHECK(lab.events.take() ==
        std::vector<std::string>{"Transferred 1 connected singleStepTransfer ->203",
                                 "ConnectionCleared 2 null singleStepTransfer",
                                 "Delivered 3 alerting singleStepTransfer"});
  ConnectionId ringing = lab.ringing(3);
  CHECK(lab.model.deflect(calling, "204") == CallError::kInvalidConnectionState);
  CHECK(lab.model.deflect(ringing, "204") == CallError::kNone);
  CHECK(lab.events.take() == std::vector<std::string>{"Diverted 3 null redirected ->204",
                                                      "Delivered 4 alerting redirected"});
  const Call* call = lab.model.call(lab.model.connection(calling)->call);
  CHECK(call->original_called_number == "203");
  CHECK(call->called_number == "204");
  lab.model.clear(calling);
  lab.events.take();

  CHECK(lab.model.set_forward_all(2, "2") == CallError::kInvalidDestination);
  CHECK(lab.model.set_forward_all(2, "202") == CallError::kInvalidDestination);
  CHECK(lab.model.set_forward_all(2, "203") == CallError::kNone);
  ConnectionId caller = lab.off_hook(1);
  lab.model.dial(caller, "202");
  CHECK(lab.events.take() ==
        std::vector<std::string>{"Forwarding 2 null ->203", "ServiceInitiated 1 initiated newCall",
                                 "DigitDialed 1 initiated 2", "DigitDialed 1 initiated 20",
                                 "DigitDialed 1 initiated 202", "Originated 1 connected newCall",
                                 "Diverted 2 null callForwardImmediate ->203",
                                 "Delivered 3 alerting callForwardImmediate"});
  CHECK(lab.model.call(lab.model.connection(caller)->call)->original_called_number == "202");
}

TEST_CASE("forward loops stop after the hop limit; a caller is never forwarded to itself") {
  Lab lab;
  lab.model.set_forward_all(2, "203");
  lab.model.set_forward_all(3, "202");
  lab.events.take();
  ConnectionId caller = lab.off_hook(1);
  lab.model.dial(caller, "202");
  auto events = lab.events.take();
  CHECK(events.back().starts_with("Delivered"));
  CHECK(lab.model.connection_count() == 2);
}

TEST_CASE("DND, MWI, digits, and an operation from inside an observer is refused") {
  Lab lab;
  auto [calling, called] = lab.connected_call();
  CHECK(lab.model.generate_digits(calling, "12#") == CallError::kNone);
  CHECK(lab.model.generate_digits(calling, "12x") == CallError::kInvalidDigits);
  CHECK(lab.model.set_message_waiting(2, true) == CallError::kNone);
  CHECK(lab.model.set_message_waiting(9, true) == CallError::kUnknownLine);
  CHECK(lab.events.take() ==
        std::vector<std::string>{"DigitsGenerated 1 connected 12#", "MessageWaiting 2 null"});
  CHECK(lab.model.line(2)->message_waiting);
  lab.events.model = &lab.model;
  lab.model.set_do_not_disturb(3, true);
  CHECK(lab.events.reentrant == CallError::kBusyElsewhere);
  CHECK(lab.model.line(4)->connections.empty());
  (void)called;
}

TEST_CASE("removing a DN from the config clears its calls; forwarding follows the config") {
  Lab lab;
  auto [calling, called] = lab.connected_call(1, 2);
  Config before = lab_config();
  Config after = before;
  after.ephone_dns.erase(2);
  after.ephone_dns[3].call_forward_all = "201";
  lab.model.apply(before, after);
  auto events = lab.events.take();
  CHECK(events == std::vector<std::string>{"ConnectionCleared 2 null normalClearing",
                                           "ConnectionCleared 1 null normalClearing",
                                           "Forwarding 3 null ->201"});
  CHECK(lab.model.line(2) == nullptr);
  CHECK(lab.model.line_by_number("202") == nullptr);
  CHECK(lab.model.line(3)->forward_all == "201");
  CHECK(lab.model.line(1)->endpoints == 1);  // registrations survive a reconfiguration
  (void)calling;
  (void)called;
}

TEST_CASE("MakeCall dials a number no line has, which fails; an undiallable one is refused") {
  Lab lab;
  ConnectionId calling = 0;
  CHECK(lab.model.make_call(1, "2x", false, &calling) == CallError::kInvalidDestination);
  CHECK(lab.model.make_call(1, "", true, &calling) == CallError::kInvalidDestination);
  CHECK(lab.events.take().empty());
  CHECK(lab.model.make_call(1, "999", false, &calling) == CallError::kNone);
  CHECK(lab.events.take() == std::vector<std::string>{"ServiceInitiated 1 initiated makeCall",
                                                      "DigitDialed 1 initiated 999",
                                                      "Failed 1 fail destNotObtainable"});
  CHECK(lab.model.connection(calling)->state == ConnectionState::kFail);
}
