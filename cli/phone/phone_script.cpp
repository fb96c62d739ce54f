#include "cli/phone/phone_script.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <utility>

#include "grammar/text.hpp"
#include "sccp/message_text.hpp"

namespace cmemu::sccp {
namespace {

using text::lower;
using text::trim;
using text::words;

std::string quote(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

struct ItemError {
  std::string message;
};

std::variant<ScriptAction, ItemError> parse_item(std::string_view item) {
  std::vector<std::string_view> w = words(item);
  ScriptAction a;
  std::string name = lower(w[0]);
  auto args = [&](std::size_t n) -> std::optional<ItemError> {
    if (w.size() - 1 == n) return std::nullopt;
    return ItemError{name + " takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                     ", got " + std::to_string(w.size() - 1)};
  };
  if (name == "offhook" || name == "onhook") {
    if (auto e = args(0)) return *e;
    a.kind = name == "offhook" ? ActionKind::kOffHook : ActionKind::kOnHook;
  } else if (name == "dial") {
    if (auto e = args(1)) return *e;
    for (char c : w[1]) {
      if (!keypad_button(c))
        return ItemError{"dial: " + quote(std::string(1, c)) + " is not a key (0-9 * # A-D +)"};
    }
    a.kind = ActionKind::kDial;
    a.text = w[1];
  } else if (name == "press") {
    // `press SOFTKEY held`: the key names the held call (a Transfer completing on the original).
    bool on_held = w.size() == 3 && lower(w[2]) == "held";
    if (on_held) w.pop_back();
    if (auto e = args(1)) return *e;
    a.on_held = on_held;
    bool word = std::all_of(w[1].begin(), w[1].end(),
                            [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
    if (!word) return ItemError{"press: " + quote(w[1]) + " is not a softkey name or code"};
    a.kind = ActionKind::kPress;
    a.text = w[1];
    if (auto code = text::unsigned_number<std::uint32_t>(w[1])) {
      if (*code == 0) return ItemError{"press: softkey code 0 does not exist"};
      a.number = *code;
    }
  } else if (name == "line") {
    if (auto e = args(1)) return *e;
    auto n = text::unsigned_number<std::uint32_t>(w[1]);
    if (!n || *n == 0 || *n > 255) return ItemError{"line: " + quote(w[1]) + " is not 1-255"};
    a.kind = ActionKind::kLine;
    a.number = *n;
  } else if (name == "reset") {
    if (auto e = args(0)) return *e;
    a.kind = ActionKind::kReset;
  } else if (name == "sleep") {
    if (auto e = args(1)) return *e;
    auto n = text::unsigned_number<std::uint32_t>(w[1]);
    if (!n) return ItemError{"sleep: " + quote(w[1]) + " is not a number of milliseconds"};
    a.kind = ActionKind::kSleep;
    a.number = *n;
  } else if (name == "wait") {
    if (w.size() != 2 && w.size() != 3) return ItemError{"wait takes STATE [TIMEOUT_S]"};
    auto state = call_state_from_name(w[1]);
    if (!state) {
      return ItemError{"wait: unknown call state " + quote(w[1]) +
                       " (offhook onhook ringout ringin connected busy congestion hold "
                       "callwaiting calltransfer callpark proceed invalidnumber ...)"};
    }
    a.kind = ActionKind::kWait;
    a.state = *state;
    a.timeout = kDefaultWaitTimeout;
    if (w.size() == 3) {
      auto timeout = text::parse_seconds(w[2]);
      if (!timeout) return ItemError{"wait: " + quote(w[2]) + " is not a timeout in seconds"};
      a.timeout = *timeout;
    }
  } else if (name == "expect") {
    if (w.size() < 2)
      return ItemError{"expect what? (registered lamp mwi tone display forward line)"};
    std::string what = lower(w[1]);
    a.timeout = kExpectTimeout;
    if (what == "registered") {
      if (w.size() != 2) return ItemError{"expect registered takes no argument"};
      a.kind = ActionKind::kExpectRegistered;
    } else if (what == "lamp") {
      if (w.size() != 4) return ItemError{"expect lamp takes LINE off|on|wink|flash|blink"};
      auto n = text::unsigned_number<std::uint32_t>(w[2]);
      auto mode = lamp_mode_from_name(w[3]);
      if (!n) return ItemError{"expect lamp: " + quote(w[2]) + " is not a line number"};
      if (!mode)
        return ItemError{"expect lamp: " + quote(w[3]) + " is not off|on|wink|flash|blink"};
      a.kind = ActionKind::kExpectLamp;
      a.number = *n;
      a.lamp = *mode;
    } else if (what == "mwi") {
      std::string v = w.size() == 3 ? lower(w[2]) : "";
      if (v != "on" && v != "off") return ItemError{"expect mwi takes on|off"};
      a.kind = ActionKind::kExpectMwi;
      a.on = v == "on";
    } else if (what == "tone") {
      if (w.size() != 3)
        return ItemError{"expect tone takes NAME (dial busy alerting reorder none ...)"};
      a.kind = ActionKind::kExpectTone;
      if (lower(w[2]) != "none") {
        a.tone = tone_from_name(w[2]);
        if (!a.tone) {
          return ItemError{"expect tone: unknown tone " + quote(w[2]) +
                           " (dial outsidedial busy alerting ringback reorder callwaiting hold "
                           "confirmation silence zip zipzip none, or a docs/sccp.md name)"};
        }
      }
    } else if (what == "display") {
      std::string_view text = text::after_words(item, 2);
      if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
      if (text.empty()) return ItemError{"expect display takes TEXT"};
      a.kind = ActionKind::kExpectDisplay;
      a.text = text;
    } else if (what == "forward") {
      if (w.size() != 3) return ItemError{"expect forward takes NUMBER|off"};
      a.kind = ActionKind::kExpectForward;
      a.on = lower(w[2]) != "off";
      if (a.on) a.text = w[2];
    } else if (what == "line") {
      if (w.size() != 4) return ItemError{"expect line takes N NUMBER"};
      auto n = text::unsigned_number<std::uint32_t>(w[2]);
      if (!n) return ItemError{"expect line: " + quote(w[2]) + " is not a line number"};
      a.kind = ActionKind::kExpectLineNumber;
      a.number = *n;
      a.text = w[3];
    } else {
      return ItemError{"unknown expect " + quote(w[1]) +
                       " (registered lamp mwi tone display forward line)"};
    }
  } else {
    return ItemError{"unknown action " + quote(w[0]) +
                     " (offhook onhook dial press line wait expect sleep reset)"};
  }
  return a;
}

std::string seconds_text(std::chrono::milliseconds ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return buffer;
}

std::string name_or_number(std::string_view name, std::uint32_t value) {
  return name.empty() ? std::to_string(value) : std::string(name);
}

std::string state_text(CallState s) {
  return name_or_number(call_state_name(s), static_cast<std::uint32_t>(s));
}

}  // namespace

std::variant<std::vector<ScriptAction>, ScriptError> parse_script(std::string_view text) {
  std::vector<ScriptAction> actions;
  std::size_t line_number = 0;
  while (!text.empty() || line_number == 0) {
    ++line_number;
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    while (true) {
      std::size_t semi = line.find(';');
      std::string_view item = trim(line.substr(0, semi));
      if (!item.empty() && item.front() != '#') {
        auto parsed = parse_item(item);
        if (auto* error = std::get_if<ItemError>(&parsed)) {
          return ScriptError{line_number, "line " + std::to_string(line_number) + ": " +
                                              quote(item) + ": " + error->message};
        }
        auto action = std::get<ScriptAction>(std::move(parsed));
        action.source_line = line_number;
        action.source = item;
        actions.push_back(std::move(action));
      }
      if (semi == std::string_view::npos) break;
      line = line.substr(semi + 1);
    }
    if (text.empty()) break;
  }
  return actions;
}

ScriptRunner::ScriptRunner(std::vector<ScriptAction> actions,
                           std::chrono::milliseconds registration_timeout)
    : actions_(std::move(actions)), registration_timeout_(registration_timeout) {}

void ScriptRunner::append(std::vector<ScriptAction> actions) {
  for (auto& action : actions) actions_.push_back(std::move(action));
}

bool ScriptRunner::check(const ScriptAction& a, const SimulatedPhone& phone, std::string& seen) {
  switch (a.kind) {
    case ActionKind::kWait: {
      const auto& log = phone.call_state_log();
      std::size_t& cursor = cursors_[line_];
      std::string states;
      for (std::size_t i = cursor; i < log.size(); ++i) {
        if (log[i].line != line_) continue;
        if (log[i].state == a.state) {
          cursor = i + 1;
          return true;
        }
        if (!states.empty()) states += ", ";
        states += state_text(log[i].state) + " ref=" + std::to_string(log[i].call_reference);
      }
      seen = states.empty()
                 ? "no CallState for line " + std::to_string(line_) + " since the previous wait"
                 : "line " + std::to_string(line_) + " got " + states + " since the previous wait";
      return false;
    }
    case ActionKind::kExpectRegistered:
      seen = phone.acknowledged() ? "RegisterAck received, template answers missing"
                                  : "no RegisterAck";
      return phone.registered();
    case ActionKind::kExpectLamp: {
      LampMode mode = phone.lamp(a.number);
      seen = "lamp " + std::to_string(a.number) + " is " +
             name_or_number(lamp_mode_name(mode), static_cast<std::uint32_t>(mode));
      return mode == a.lamp;
    }
    case ActionKind::kExpectMwi: {
      LampMode mode = phone.mwi();
      seen =
          "MWI lamp is " + name_or_number(lamp_mode_name(mode), static_cast<std::uint32_t>(mode));
      return (mode != LampMode::kOff) == a.on;
    }
    case ActionKind::kExpectTone: {
      auto tone = phone.tone();
      seen = tone ? "tone is " + name_or_number(tone_name(*tone), static_cast<std::uint32_t>(*tone))
                  : "no tone";
      return tone == a.tone;
    }
    case ActionKind::kExpectDisplay: {
      seen = "prompt=" + quoted_text(phone.prompt()) + " notify=" + quoted_text(phone.notify()) +
             " prinotify=" + quoted_text(phone.priority_notify());
      for (const std::string* text : {&phone.prompt(), &phone.notify(), &phone.priority_notify()}) {
        std::string quoted = quoted_text(*text);
        if (text->find(a.text) != std::string::npos ||
            display_text(*text).find(a.text) != std::string::npos ||
            quoted.find(a.text) != std::string::npos)
          return true;
      }
      return false;
    }
    case ActionKind::kExpectForward: {
      ForwardStatus f = phone.forward(line_);
      seen = f.all ? "line " + std::to_string(line_) + " forwards all to " + quote(f.all_number)
                   : "line " + std::to_string(line_) + " forward all is off";
      return a.on ? f.all && f.all_number == a.text : !f.all;
    }
    case ActionKind::kExpectLineNumber: {
      auto number = phone.line_number(a.number);
      seen = number ? "line " + std::to_string(a.number) + " number is " + quote(*number)
                    : "no LineStatRes for line " + std::to_string(a.number);
      return number == a.text;
    }
    default:
      return true;
  }
}

ScriptRunner::Step ScriptRunner::step(const SimulatedPhone& phone, PhoneTime now) {
  Step out;
  if (!first_step_) first_step_ = now;
  if (failed_) {
    out.status = Status::kFailed;
    return out;
  }
  auto fail = [&](std::string text) {
    out.failure = "FAIL " + std::move(text);
    if (registered_ && next_iteration(true)) {
      out.wake_at = now;  // the next iteration runs on the next step
      return out;
    }
    failed_ = true;
    out.status = Status::kFailed;
    return out;
  };
  if (!registered_) {
    if (phone.rejected()) return fail("registration rejected: " + quoted_text(*phone.rejected()));
    if (!phone.registered()) {
      PhoneTime deadline = *first_step_ + registration_timeout_;
      if (now >= deadline) {
        return fail("registration: not registered after " + seconds_text(registration_timeout_) +
                    (phone.acknowledged() ? " (RegisterAck received, template answers missing)"
                                          : " (no RegisterAck)"));
      }
      out.wake_at = deadline;
      return out;
    }
    registered_ = true;
  }
  while (next_ < actions_.size()) {
    const ScriptAction& a = actions_[next_];
    if (!action_started_) {
      action_started_ = now;
      out.started.emplace_back(out.send.size(), a.source);
    }
    auto append = [&](SimulatedPhone::Messages messages) {
      for (auto& m : messages) out.send.push_back(std::move(m));
    };
    switch (a.kind) {
      case ActionKind::kOffHook:
        append(phone.off_hook(line_));
        break;
      case ActionKind::kOnHook:
        append(phone.on_hook(line_));
        break;
      case ActionKind::kDial:
        append(phone.dial(line_, a.text));
        break;
      case ActionKind::kPress: {
        // A numeric softkey (`press 21`) goes out as that code.
        std::optional<SoftKeyEvent> code = a.number != 0
                                               ? std::optional(static_cast<SoftKeyEvent>(a.number))
                                               : phone.soft_key_code(a.text);
        if (!code) {
          return fail(a.source + ": no softkey " + quote(a.text) +
                      " in the router's SoftKeyTemplateRes nor among the standard keys");
        }
        append(phone.press(line_, *code, a.on_held));
        break;
      }
      case ActionKind::kLine:
        line_ = a.number;
        break;
      case ActionKind::kReset:
        next_ = actions_.size();  // nothing runs after the connection is gone
        action_started_.reset();
        out.status = Status::kReset;
        return out;
      case ActionKind::kSleep: {
        PhoneTime until = *action_started_ + std::chrono::milliseconds(a.number);
        if (now < until) {
          out.wake_at = until;
          return out;
        }
        break;
      }
      default: {
        std::string seen;
        if (!check(a, phone, seen)) {
          PhoneTime deadline = *action_started_ + a.timeout;
          if (now >= deadline)
            return fail(a.source + " (line " + std::to_string(line_) + ", " +
                        seconds_text(a.timeout) + "): " + seen);
          out.wake_at = deadline;
          return out;
        }
        break;
      }
    }
    ++next_;
    action_started_.reset();
    if (next_ == actions_.size() && next_iteration(false)) {
      // Yield between iterations, so that a script of instant actions cannot spin here.
      out.wake_at = now;
      return out;
    }
  }
  if (failures() > 0) {
    failed_ = true;
    out.status = Status::kFailed;
    return out;
  }
  out.status = Status::kDone;
  return out;
}

bool ScriptRunner::next_iteration(bool failed) {
  bool another = count_iteration(failed, !actions_.empty());
  if (another) {
    next_ = 0;
    action_started_.reset();
    line_ = 1;
  }
  return another;
}

}  // namespace cmemu::sccp
