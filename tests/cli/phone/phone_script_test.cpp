// Tests cli/phone/phone_script.hpp: parsing of cmemu-phone actions (and the errors of bad lines)
// and the runner against a SimulatedPhone with an injected clock: the wait rule, expects, timeouts.
#include "cli/phone/phone_script.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "sccp/message_text.hpp"

namespace {

using namespace cmemu::sccp;
using namespace std::chrono_literals;
using Status = ScriptRunner::Status;

const PhoneTime kT0{};

std::vector<ScriptAction> parse_ok(std::string_view text) {
  auto parsed = parse_script(text);
  if (auto* error = std::get_if<ScriptError>(&parsed)) FAIL(error->message);
  return std::get<std::vector<ScriptAction>>(parsed);
}

std::string parse_error(std::string_view text) {
  auto parsed = parse_script(text);
  auto* error = std::get_if<ScriptError>(&parsed);
  REQUIRE(error != nullptr);
  return error->message;
}

std::vector<std::string> texts(const SimulatedPhone::Messages& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(describe(m));
  return out;
}

SimulatedPhone registered_phone() {
  SimulatedPhone phone({.device_name = "SEP001E4A34A35F"});
  phone.start(kT0);
  phone.handle(msg::RegisterAck{.keep_alive_interval = 30}, kT0);
  phone.handle(msg::CapabilitiesReq{}, kT0);
  msg::ButtonTemplateRes b;
  b.button_count = b.total_button_count = 2;
  b.buttons[0] = {1, ButtonDefinition::kLine};
  b.buttons[1] = {2, ButtonDefinition::kLine};
  phone.handle(b, kT0);
  phone.handle(msg::SoftKeyTemplateRes{}, kT0);
  phone.handle(msg::SoftKeySetRes{}, kT0);
  phone.handle(msg::LineStatRes{.line_number = 1, .line_dir_number = "201"}, kT0);
  phone.handle(msg::LineStatRes{.line_number = 2, .line_dir_number = "202"}, kT0);
  REQUIRE(phone.registered());
  return phone;
}

msg::CallState call_state(CallState s, std::uint32_t line, std::uint32_t ref) {
  return msg::CallState{.call_state = s, .line_instance = line, .call_reference = ref};
}

TEST_CASE("parse: separators, comments, arguments") {
  auto actions = parse_ok(
      "# a comment\n"
      "offhook; wait offhook\n"
      "  dial 201#   \n"
      "\n"
      "press Answer; line 2 ; sleep 250\n"
      "wait Connected 0.5\n"
      "expect lamp 1 blink; expect mwi on; expect tone none; expect tone dial\n"
      "expect display Enter number\n"
      "expect forward 203; expect forward off; expect registered; expect line 2 202\n"
      "press 21");
  REQUIRE(actions.size() == 17);
  CHECK(actions[0].kind == ActionKind::kOffHook);
  CHECK(actions[0].source_line == 2);
  CHECK(actions[1].kind == ActionKind::kWait);
  CHECK(actions[1].state == CallState::kOffHook);
  CHECK(actions[1].timeout == 5000ms);
  CHECK(actions[2].kind == ActionKind::kDial);
  CHECK(actions[2].text == "201#");
  CHECK(actions[2].source == "dial 201#");
  CHECK(actions[3].kind == ActionKind::kPress);
  CHECK(actions[3].text == "Answer");
  CHECK(actions[4].kind == ActionKind::kLine);
  CHECK(actions[4].number == 2);
  CHECK(actions[5].kind == ActionKind::kSleep);
  CHECK(actions[5].number == 250);
  CHECK(actions[6].state == CallState::kConnected);
  CHECK(actions[6].timeout == 500ms);
  CHECK(actions[7].kind == ActionKind::kExpectLamp);
  CHECK(actions[7].lamp == LampMode::kBlink);
  CHECK(actions[7].timeout == 2000ms);
  CHECK(actions[8].on);
  CHECK_FALSE(actions[9].tone);
  CHECK(actions[10].tone == Tone::kInsideDialTone);
  CHECK(actions[11].text == "Enter number");
  CHECK(actions[12].on);
  CHECK(actions[12].text == "203");
  CHECK_FALSE(actions[13].on);
  CHECK(actions[14].kind == ActionKind::kExpectRegistered);
  CHECK(actions[15].kind == ActionKind::kExpectLineNumber);
  CHECK(actions[15].number == 2);
  CHECK(actions[15].text == "202");
  CHECK(actions[16].kind == ActionKind::kPress);
  CHECK(actions[16].number == 21);
  CHECK(parse_ok("").empty());
  CHECK(parse_ok("  ;; \n# only comments\n").empty());
}

TEST_CASE("parse: bad lines are rejected with the line and the reason") {
  CHECK(parse_error("offhook\nofhook") ==
        "line 2: \"ofhook\": unknown action \"ofhook\" (offhook onhook dial press line wait "
        "expect sleep reset)");
  CHECK(parse_error("dial 20x") ==
        "line 1: \"dial 20x\": dial: \"x\" is not a key (0-9 * # A-D +)");
  CHECK(parse_error("dial") == "line 1: \"dial\": dial takes 1 argument, got 0");
  CHECK(parse_error("offhook now") == "line 1: \"offhook now\": offhook takes 0 arguments, got 1");
  CHECK(parse_error("wait ringing").find("unknown call state \"ringing\"") != std::string::npos);
  CHECK(parse_error("wait connected soon").find("is not a timeout") != std::string::npos);
  CHECK(parse_error("line 0").find("is not 1-255") != std::string::npos);
  CHECK(parse_error("sleep -1").find("milliseconds") != std::string::npos);
  CHECK(parse_error("expect lamp 1 bright").find("off|on|wink|flash|blink") != std::string::npos);
  CHECK(parse_error("expect mwi maybe").find("on|off") != std::string::npos);
  CHECK(parse_error("expect tone chirp").find("unknown tone") != std::string::npos);
  CHECK(parse_error("expect display").find("TEXT") != std::string::npos);
  CHECK(parse_error("expect weather").find("unknown expect") != std::string::npos);
  CHECK(parse_error("press An-swer").find("not a softkey") != std::string::npos);
  CHECK(parse_error("press 0").find("code 0") != std::string::npos);
  CHECK(parse_error("offhook; onhook; bogus").rfind("line 1:", 0) == 0);
}

TEST_CASE("runner: actions wait for registration, then run in order") {
  SimulatedPhone phone({.device_name = "SEP000000000001"});
  phone.start(kT0);
  ScriptRunner runner(parse_ok("offhook; dial 20"), 10s);
  auto step = runner.step(phone, kT0);
  CHECK(step.status == Status::kRunning);
  CHECK(step.send.empty());
  CHECK(step.wake_at == kT0 + 10s);
  CHECK(runner.step(phone, kT0 + 9s).status == Status::kRunning);
  auto failed = runner.step(phone, kT0 + 10s);
  CHECK(failed.status == Status::kFailed);
  CHECK(failed.failure == "FAIL registration: not registered after 10.0 s (no RegisterAck)");

  SimulatedPhone ok = registered_phone();
  ScriptRunner second(parse_ok("offhook; dial 20"));
  auto done = second.step(ok, kT0);
  CHECK(done.status == Status::kDone);
  REQUIRE(done.started.size() == 2);
  CHECK(done.started[0] == std::pair<std::size_t, std::string>{0, "offhook"});
  CHECK(done.started[1] == std::pair<std::size_t, std::string>{1, "dial 20"});
  CHECK(texts(done.send) == std::vector<std::string>{"OffHook line=1 ref=0",
                                                     "KeypadButton button=2 line=1 ref=0",
                                                     "KeypadButton button=0 line=1 ref=0"});
  CHECK(second.finished());
}

TEST_CASE("runner: a rejected registration fails the script") {
  SimulatedPhone phone({.device_name = "SEP000000000001"});
  phone.handle(msg::RegisterReject{.text = "Unknown device"}, kT0);
  ScriptRunner runner(parse_ok("offhook"));
  auto step = runner.step(phone, kT0);
  CHECK(step.status == Status::kFailed);
  CHECK(step.failure == "FAIL registration rejected: \"Unknown device\"");
}

TEST_CASE("runner: wait uses the call the router opened, and dial follows it") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("offhook; wait offhook; dial 202; wait ringout"));
  auto step = runner.step(phone, kT0);
  CHECK(step.status == Status::kRunning);
  CHECK(texts(step.send) == std::vector<std::string>{"OffHook line=1 ref=0"});
  CHECK(step.wake_at == kT0 + 5s);
  phone.handle(call_state(CallState::kOffHook, 1, 0x01000001), kT0 + 10ms);
  step = runner.step(phone, kT0 + 10ms);
  CHECK(step.status == Status::kRunning);
  CHECK(texts(step.send) == std::vector<std::string>{"KeypadButton button=2 line=1 ref=16777217",
                                                     "KeypadButton button=0 line=1 ref=16777217",
                                                     "KeypadButton button=2 line=1 ref=16777217"});
  CHECK(step.wake_at == kT0 + 10ms + 5s);
  phone.handle(call_state(CallState::kRingOut, 1, 0x01000001), kT0 + 20ms);
  CHECK(runner.step(phone, kT0 + 20ms).status == Status::kDone);
}

TEST_CASE("wait rule: states that came before the wait count, each only once, in order") {
  SimulatedPhone phone = registered_phone();
  // Everything arrives before the script looks.
  phone.handle(call_state(CallState::kOffHook, 1, 1), kT0);
  phone.handle(call_state(CallState::kRingOut, 1, 1), kT0);
  phone.handle(call_state(CallState::kConnected, 1, 1), kT0);
  phone.handle(call_state(CallState::kOnHook, 1, 1), kT0);
  ScriptRunner runner(parse_ok("wait offhook; wait connected; wait onhook"));
  CHECK(runner.step(phone, kT0).status == Status::kDone);

  // A new runner starts at the beginning of the log; its second wait needs a later Connected.
  ScriptRunner again(parse_ok("wait connected; wait connected 1"));
  auto step = again.step(phone, kT0);
  CHECK(step.status == Status::kRunning);
  step = again.step(phone, kT0 + 1s);
  CHECK(step.status == Status::kFailed);
  CHECK(step.failure ==
        "FAIL wait connected 1 (line 1, 1.0 s): line 1 got OnHook ref=1 since the previous wait");
  CHECK(again.step(phone, kT0 + 2s).status == Status::kFailed);
}

TEST_CASE("wait rule: order matters, a state matched earlier than the cursor does not count") {
  SimulatedPhone phone = registered_phone();
  phone.handle(call_state(CallState::kConnected, 1, 1), kT0);
  phone.handle(call_state(CallState::kOffHook, 1, 1), kT0);
  ScriptRunner runner(parse_ok("wait offhook; wait connected 0.2"));
  CHECK(runner.step(phone, kT0).status == Status::kRunning);
  auto step = runner.step(phone, kT0 + 200ms);
  CHECK(step.status == Status::kFailed);
  CHECK(step.failure ==
        "FAIL wait connected 0.2 (line 1, 0.2 s): no CallState for line 1 since "
        "the previous wait");
}

TEST_CASE("wait rule: per line, following `line N`") {
  SimulatedPhone phone = registered_phone();
  phone.handle(call_state(CallState::kRingIn, 2, 9), kT0);
  ScriptRunner line1(parse_ok("wait ringin 1"));
  CHECK(line1.step(phone, kT0).status == Status::kRunning);
  CHECK(line1.step(phone, kT0 + 1s).status == Status::kFailed);
  ScriptRunner line2(parse_ok("line 2; wait ringin; press Answer"));
  auto step = line2.step(phone, kT0);
  CHECK(step.status == Status::kDone);
  CHECK(texts(step.send) == std::vector<std::string>{"SoftKeyEvent event=Answer line=2 ref=9"});
  CHECK(line2.selected_line() == 2);
}

TEST_CASE("runner: Answer while another call is connected answers the ringing call") {
  SimulatedPhone phone = registered_phone();
  phone.handle(call_state(CallState::kConnected, 1, 100), kT0);
  phone.handle(call_state(CallState::kRingIn, 1, 200), kT0);
  ScriptRunner runner(parse_ok("wait ringin; press Answer; press EndCall"));
  auto step = runner.step(phone, kT0);
  CHECK(texts(step.send) == std::vector<std::string>{"SoftKeyEvent event=Answer line=1 ref=200",
                                                     "SoftKeyEvent event=EndCall line=1 ref=100"});
}

TEST_CASE("runner: press resolves names through the template; unknown names fail") {
  SimulatedPhone phone = registered_phone();
  msg::SoftKeyTemplateRes t;
  t.soft_keys[0] = {"\x80\x3F", static_cast<SoftKeyEvent>(19)};
  t.soft_key_count = t.total_soft_key_count = 1;
  phone.handle(t, kT0);
  ScriptRunner runner(parse_ok("press DND; press Hold; press 33"));
  auto step = runner.step(phone, kT0);
  CHECK(texts(step.send) == std::vector<std::string>{"SoftKeyEvent event=19 line=1 ref=0",
                                                     "SoftKeyEvent event=Hold line=1 ref=0",
                                                     "SoftKeyEvent event=33 line=1 ref=0"});
  ScriptRunner bad(parse_ok("press Barge"));
  auto failed = bad.step(phone, kT0);
  CHECK(failed.status == Status::kFailed);
  CHECK(failed.failure.find("FAIL press Barge: no softkey \"Barge\"") == 0);
}

TEST_CASE("expects wait up to 2 s for the condition and say what they saw") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("expect lamp 1 blink; expect tone busy; expect mwi on"));
  auto step = runner.step(phone, kT0);
  CHECK(step.status == Status::kRunning);
  CHECK(step.wake_at == kT0 + 2s);
  phone.handle(
      msg::SetLamp{
          .stimulus = Stimulus::kLine, .stimulus_instance = 1, .lamp_mode = LampMode::kBlink},
      kT0 + 1s);
  step = runner.step(phone, kT0 + 1s);
  CHECK(step.status == Status::kRunning);
  CHECK(step.wake_at == kT0 + 3s);  // expect tone started at 1 s
  phone.handle(msg::StartTone{.tone = Tone::kAlertingTone, .line_instance = 1}, kT0 + 2s);
  step = runner.step(phone, kT0 + 3s);
  CHECK(step.status == Status::kFailed);
  CHECK(step.failure == "FAIL expect tone busy (line 1, 2.0 s): tone is AlertingTone");
}

TEST_CASE("expect display, forward, line, registered, mwi off, tone none") {
  SimulatedPhone phone = registered_phone();
  phone.handle(msg::DisplayPromptStatus{.prompt_text = "\x80\x17"
                                                       "201"},
               kT0);
  phone.handle(msg::DisplayNotify{.notify_text = "Forwarded to 203"}, kT0);
  phone.handle(msg::ForwardStatRes{.active_forward = 1,
                                   .line_number = 1,
                                   .forward_all_active = 1,
                                   .forward_all_dir_number = "203"},
               kT0);
  ScriptRunner runner(parse_ok(
      "expect display From 201; expect display <From>201; expect display Forwarded to 203\n"
      "expect forward 203; expect line 1 201; expect line 2 202; expect registered\n"
      "expect mwi off; expect tone none; line 2; expect forward off"));
  CHECK(runner.step(phone, kT0).status == Status::kDone);

  ScriptRunner display(parse_ok("expect display Busy"));
  CHECK(display.step(phone, kT0).status == Status::kRunning);
  auto step = display.step(phone, kT0 + 2s);
  CHECK(step.status == Status::kFailed);
  CHECK(step.failure ==
        "FAIL expect display Busy (line 1, 2.0 s): prompt=\"<From>201\" "
        "notify=\"Forwarded to 203\" prinotify=\"\"");

  ScriptRunner forward(parse_ok("expect forward 204"));
  forward.step(phone, kT0);
  CHECK(forward.step(phone, kT0 + 2s).failure ==
        "FAIL expect forward 204 (line 1, 2.0 s): line 1 forwards all to \"203\"");
  ScriptRunner number(parse_ok("expect line 3 203"));
  number.step(phone, kT0);
  CHECK(number.step(phone, kT0 + 2s).failure ==
        "FAIL expect line 3 203 (line 1, 2.0 s): no LineStatRes for line 3");
}

TEST_CASE("sleep waits on the injected clock; append runs more actions") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("sleep 300; offhook"));
  auto step = runner.step(phone, kT0);
  CHECK(step.status == Status::kRunning);
  CHECK(step.send.empty());
  CHECK(step.wake_at == kT0 + 300ms);
  CHECK(runner.step(phone, kT0 + 299ms).status == Status::kRunning);
  step = runner.step(phone, kT0 + 300ms);
  CHECK(step.status == Status::kDone);
  CHECK(step.send.size() == 1);
  runner.append(parse_ok("onhook"));
  CHECK_FALSE(runner.finished());
  step = runner.step(phone, kT0 + 400ms);
  CHECK(step.status == Status::kDone);
  CHECK(texts(step.send) == std::vector<std::string>{"OnHook line=1 ref=0"});
}

TEST_CASE("repeat: the list runs again from its first action on line 1, waits go on in order") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("line 2; offhook; wait offhook; onhook"));
  runner.set_repeat(3);
  auto step = runner.step(phone, kT0);
  CHECK(texts(step.send) == std::vector<std::string>{"OffHook line=2 ref=0"});
  phone.handle(call_state(CallState::kOffHook, 2, 7), kT0);
  step = runner.step(phone, kT0);
  // The first iteration ends; the runner yields before the next one.
  CHECK(step.status == Status::kRunning);
  CHECK(step.wake_at == kT0);
  CHECK(texts(step.send) == std::vector<std::string>{"OnHook line=2 ref=7"});
  CHECK(runner.iterations() == 1);
  CHECK_FALSE(runner.finished());
  // The second iteration needs a new OffHook: the first one was matched.
  step = runner.step(phone, kT0 + 1s);
  CHECK(step.status == Status::kRunning);
  REQUIRE(step.started.size() == 3);
  CHECK(step.started[0].second == "line 2");
  CHECK(step.wake_at == kT0 + 6s);
  phone.handle(call_state(CallState::kOnHook, 2, 7), kT0 + 1s);
  phone.handle(call_state(CallState::kOffHook, 2, 8), kT0 + 2s);
  CHECK(runner.step(phone, kT0 + 2s).status == Status::kRunning);
  CHECK(runner.iterations() == 2);
  runner.step(phone, kT0 + 3s);
  phone.handle(call_state(CallState::kOffHook, 2, 9), kT0 + 3s);
  step = runner.step(phone, kT0 + 3s);
  CHECK(step.status == Status::kDone);
  CHECK(runner.iterations() == 3);
  CHECK(runner.failures() == 0);
  CHECK(runner.finished());
}

TEST_CASE("repeat: a failed iteration is counted and the next one starts; the run then fails") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("offhook; wait connected 1"));
  runner.set_repeat(2);
  runner.step(phone, kT0);
  auto step = runner.step(phone, kT0 + 1s);
  CHECK(step.status == Status::kRunning);
  CHECK(step.failure.starts_with("FAIL wait connected 1 (line 1, 1.0 s): "));
  CHECK(runner.iterations() == 1);
  CHECK(runner.failures() == 1);
  step = runner.step(phone, kT0 + 1s);
  CHECK(texts(step.send) == std::vector<std::string>{"OffHook line=1 ref=0"});
  phone.handle(call_state(CallState::kConnected, 1, 5), kT0 + 1500ms);
  step = runner.step(phone, kT0 + 1500ms);
  CHECK(step.status == Status::kFailed);
  CHECK(step.failure.empty());
  CHECK(runner.iterations() == 2);
  CHECK(runner.failures() == 1);
}

TEST_CASE("repeat 0 runs until stop_repeating; the current iteration ends first") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("offhook; sleep 100"));
  runner.set_repeat(0);
  PhoneTime now = kT0;
  for (int i = 0; i < 50; ++i) {
    auto step = runner.step(phone, now);
    REQUIRE(step.status == Status::kRunning);
    now = *step.wake_at;
  }
  CHECK(runner.iterations() == 25);
  runner.step(phone, now);  // starts iteration 26: offhook, sleep
  runner.stop_repeating();
  CHECK(runner.step(phone, now + 50ms).status == Status::kRunning);
  CHECK(runner.step(phone, now + 100ms).status == Status::kDone);
  CHECK(runner.iterations() == 26);
  // An empty list does not spin.
  ScriptRunner empty(parse_ok(""));
  empty.set_repeat(0);
  CHECK(empty.step(phone, kT0).status == Status::kDone);
}

TEST_CASE("reset ends the script: later actions never run") {
  SimulatedPhone phone = registered_phone();
  ScriptRunner runner(parse_ok("offhook; reset; onhook"));
  auto step = runner.step(phone, kT0);
  CHECK(step.status == Status::kReset);
  CHECK(texts(step.send) == std::vector<std::string>{"OffHook line=1 ref=0"});
  REQUIRE(step.started.size() == 2);
  CHECK(step.started[1].second == "reset");
  CHECK(parse_error("reset now") == "line 1: \"reset now\": reset takes 0 arguments, got 1");
}

}  // namespace
