#include "cli/csta/cti_client_script.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "grammar/text.hpp"
#include "sip/message.hpp"

namespace cmemu::sip {
namespace {

constexpr std::array<std::string_view, 14> kEventNames{
    "ServiceInitiatedEvent",  "OriginatedEvent",    "DeliveredEvent",       "EstablishedEvent",
    "ConnectionClearedEvent", "HeldEvent",          "RetrievedEvent",       "DivertedEvent",
    "TransferedEvent",        "FailedEvent",        "DigitsGeneratedEvent", "DoNotDisturbEvent",
    "ForwardingEvent",        "MessageWaitingEvent"};

using text::trim;
using text::words;

csta::ConnectionId connection(const CtiClient& client, const std::string& call) {
  return {call, client.line_uri()};
}

const std::string& first_of(const std::string& a, const std::string& b) {
  return a.empty() ? b : a;
}

std::string tel(const std::string& number) {
  return number.find(':') == std::string::npos ? "tel:" + number : number;
}

}  // namespace

std::optional<std::string> event_name(std::string_view word) {
  std::string w(word);
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w.size() > 5 && w.ends_with("event")) w.resize(w.size() - 5);
  if (w == "transferred") w = "transfered";
  for (std::string_view name : kEventNames) {
    std::string_view stem = name.substr(0, name.size() - 5);
    if (iequals(stem, w)) return std::string(name);
  }
  return std::nullopt;
}

std::variant<std::vector<CtiAction>, CtiScriptError> parse_cti_script(std::string_view text) {
  std::vector<CtiAction> actions;
  std::size_t line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != ';') continue;
    std::string_view item = trim(text.substr(start, i - start));
    std::size_t item_line = line;
    if (i < text.size() && text[i] == '\n') ++line;
    start = i + 1;
    if (item.empty() || item.front() == '#') continue;
    auto w = words(item);
    auto error = [&](std::string message) {
      return CtiScriptError{item_line, "line " + std::to_string(item_line) + ": " + message};
    };
    CtiAction action;
    action.source_line = item_line;
    action.source = std::string(item);
    std::string name(w[0]);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto arg = [&](std::size_t n) -> std::string_view { return n < w.size() ? w[n] : ""; };
    auto keyword = [&](std::size_t n) {
      std::string k(arg(n));
      for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return k;
    };
    auto simple = [&](CtiActionKind kind) -> std::optional<CtiScriptError> {
      if (w.size() != 1) return error("\"" + name + "\" takes no argument");
      action.kind = kind;
      return std::nullopt;
    };
    auto with_number = [&](CtiActionKind kind) -> std::optional<CtiScriptError> {
      if (w.size() != 2) return error("\"" + name + "\" needs one number");
      action.kind = kind;
      action.text = std::string(w[1]);
      return std::nullopt;
    };
    std::optional<CtiScriptError> problem;
    if (name == "makecall") {
      // `prompt` rings the calling phone first (the ECMA-269 default); without it, doNotPrompt.
      if (w.size() == 3 && keyword(2) == "prompt") {
        action.kind = CtiActionKind::kMakeCall;
        action.text = std::string(w[1]);
        action.prompt = true;
      } else if (w.size() == 3) {
        problem = error("\"makecall\" takes NUMBER [prompt]");
      } else {
        problem = with_number(CtiActionKind::kMakeCall);
      }
    } else if (name == "answer") {
      problem = simple(CtiActionKind::kAnswer);
    } else if (name == "clear") {
      problem = simple(CtiActionKind::kClear);
    } else if (name == "hold") {
      problem = simple(CtiActionKind::kHold);
    } else if (name == "retrieve") {
      problem = simple(CtiActionKind::kRetrieve);
    } else if (name == "deflect") {
      problem = with_number(CtiActionKind::kDeflect);
    } else if (name == "sstransfer") {
      problem = with_number(CtiActionKind::kSingleStepTransfer);
    } else if (name == "consult") {
      problem = with_number(CtiActionKind::kConsult);
    } else if (name == "transfer") {
      problem = simple(CtiActionKind::kTransfer);
    } else if (name == "alternate") {
      problem = simple(CtiActionKind::kAlternate);
    } else if (name == "reconnect") {
      problem = simple(CtiActionKind::kReconnect);
    } else if (name == "snapshot") {
      problem = simple(CtiActionKind::kSnapshot);
    } else if (name == "digits") {
      problem = with_number(CtiActionKind::kDigits);
    } else if (name == "dnd") {
      std::string k = keyword(1);
      if (w.size() != 2 || (k != "on" && k != "off" && k != "get"))
        problem = error("\"dnd\" needs on, off or get");
      else
        action.kind = k == "on"    ? CtiActionKind::kDndOn
                      : k == "off" ? CtiActionKind::kDndOff
                                   : CtiActionKind::kDndGet;
    } else if (name == "forward") {
      std::string k = keyword(1);
      if (k == "on" && w.size() == 3) {
        action.kind = CtiActionKind::kForwardOn;
        action.text = std::string(w[2]);
      } else if ((k == "off" || k == "get") && w.size() == 2) {
        action.kind = k == "off" ? CtiActionKind::kForwardOff : CtiActionKind::kForwardGet;
      } else {
        problem = error("\"forward\" needs on NUMBER, off or get");
      }
    } else if (name == "mwi") {
      std::string k = keyword(1);
      if (w.size() != 2 || (k != "on" && k != "off"))
        problem = error("\"mwi\" needs on or off");
      else
        action.kind = k == "on" ? CtiActionKind::kMwiOn : CtiActionKind::kMwiOff;
    } else if (name == "wait") {
      action.kind = CtiActionKind::kWait;
      action.duration = kDefaultEventTimeout;
      auto event = w.size() >= 2 ? event_name(w[1]) : std::nullopt;
      if (w.size() < 2 || w.size() > 3) {
        problem = error("\"wait\" needs EVENT [TIMEOUT_S]");
      } else if (!event) {
        problem = error("unknown event \"" + std::string(w[1]) + "\"");
      } else {
        action.text = *event;
        if (w.size() == 3) {
          auto timeout = text::parse_seconds(w[2]);
          if (!timeout)
            problem = error("bad timeout \"" + std::string(w[2]) + "\"");
          else
            action.duration = *timeout;
        }
      }
    } else if (name == "expect") {
      std::string k = keyword(1);
      if (w.size() < 3 || (k != "response" && k != "error")) {
        problem = error("\"expect\" needs response TEXT or error NAME");
      } else {
        action.kind =
            k == "response" ? CtiActionKind::kExpectResponse : CtiActionKind::kExpectError;
        std::string_view rest = trim(item.substr(item.find(w[1]) + w[1].size()));
        action.text = std::string(rest);
        if (action.kind == CtiActionKind::kExpectError && w.size() != 3)
          problem = error("\"expect error\" needs one NAME");
      }
    } else if (name == "sleep") {
      auto ms = w.size() == 2 ? text::unsigned_number(w[1]) : std::nullopt;
      if (!ms || *ms > 86400000)
        problem = error("\"sleep\" needs milliseconds");
      else {
        action.kind = CtiActionKind::kSleep;
        action.duration = std::chrono::milliseconds(*ms);
      }
    } else {
      problem = error("unknown action \"" + std::string(w[0]) + "\"");
    }
    if (problem) return *problem;
    actions.push_back(std::move(action));
  }
  return actions;
}

std::optional<csta::Request> build_request(const CtiAction& action, const CtiClient& client) {
  const std::string& line = client.line_uri();
  const std::string& current = client.current_call();
  const std::string& active = first_of(client.active_call(), current);
  const std::string& held = client.held_call();
  switch (action.kind) {
    case CtiActionKind::kMakeCall:
      return csta::MakeCall{.calling_device = {line, {}},
                            .called_directory_number = {tel(action.text), {}},
                            .auto_originate = action.prompt ? csta::AutoOriginate::kPrompt
                                                            : csta::AutoOriginate::kDoNotPrompt};
    case CtiActionKind::kAnswer:
      return csta::AnswerCall{connection(client, first_of(client.alerting_call(), current)), {}};
    case CtiActionKind::kClear:
      return csta::ClearConnection{.connection_to_be_cleared = connection(client, current)};
    case CtiActionKind::kHold:
      return csta::HoldCall{.call_to_be_held = connection(client, active)};
    case CtiActionKind::kRetrieve:
      return csta::RetrieveCall{connection(client, first_of(held, current)), {}};
    case CtiActionKind::kDeflect:
      return csta::DeflectCall{connection(client, first_of(client.alerting_call(), current)),
                               {tel(action.text), {}},
                               {}};
    case CtiActionKind::kSingleStepTransfer:
      return csta::SingleStepTransferCall{.active_call = connection(client, active),
                                          .transferred_to = {tel(action.text), {}}};
    case CtiActionKind::kConsult:
      return csta::ConsultationCall{.existing_call = connection(client, active),
                                    .consulted_device = {tel(action.text), {}}};
    case CtiActionKind::kTransfer:
      return csta::TransferCall{connection(client, held), connection(client, active), {}};
    case CtiActionKind::kAlternate:
      return csta::AlternateCall{.held_call = connection(client, held),
                                 .active_call = connection(client, active)};
    case CtiActionKind::kReconnect:
      return csta::ReconnectCall{connection(client, active), connection(client, held), {}};
    case CtiActionKind::kDigits:
      return csta::GenerateDigits{.connection_to_send_digits = connection(client, active),
                                  .characters_to_send = action.text};
    case CtiActionKind::kDndOn:
    case CtiActionKind::kDndOff:
      return csta::SetDoNotDisturb{{line, {}}, action.kind == CtiActionKind::kDndOn, {}};
    case CtiActionKind::kDndGet:
      return csta::GetDoNotDisturb{{line, {}}, {}};
    case CtiActionKind::kForwardOn:
    case CtiActionKind::kForwardOff: {
      csta::SetForwarding m;
      m.device = {line, {}};
      m.forwarding_type = csta::ForwardingType::kForwardImmediate;
      m.activate_forward = action.kind == CtiActionKind::kForwardOn;
      if (m.activate_forward) m.forward_dn = csta::DeviceId{tel(action.text), {}};
      return m;
    }
    case CtiActionKind::kForwardGet:
      return csta::GetForwarding{{line, {}}, {}};
    case CtiActionKind::kMwiOn:
    case CtiActionKind::kMwiOff:
      return csta::SetMessageWaitingIndicator{
          .device = {line, {}}, .message_waiting_on = action.kind == CtiActionKind::kMwiOn};
    case CtiActionKind::kSnapshot:
      return csta::SnapshotDevice{{line, {}}, {}};
    case CtiActionKind::kWait:
    case CtiActionKind::kExpectResponse:
    case CtiActionKind::kExpectError:
    case CtiActionKind::kSleep:
      return std::nullopt;
  }
  return std::nullopt;
}

CtiScriptRunner::CtiScriptRunner(std::vector<CtiAction> actions) : actions_(std::move(actions)) {}

CtiScriptRunner::Step CtiScriptRunner::step(CtiClient& client, ClientTime now) {
  // Counts the iteration that just ended; true when another one starts from the first action.
  auto next_iteration = [&](bool failed) {
    bool another = count_iteration(failed, !actions_.empty());
    if (another) {
      next_ = 0;
      started_.reset();
      awaiting_.reset();
    }
    return another;
  };
  bool iteration_ended = false;
  while (!failed_ && next_ < actions_.size()) {
    // Yield between iterations (wake at once), so that instant actions cannot spin here.
    if (iteration_ended) return {Status::kRunning, now};
    const CtiAction& action = actions_[next_];
    if (!started_) {
      started_ = now;
      client.print(now, "do " + action.source);
      if (auto request = build_request(action, client)) awaiting_ = client.request(*request, now);
    }
    auto done = [&] {
      ++next_;
      started_.reset();
      awaiting_.reset();
      if (next_ == actions_.size()) iteration_ended = next_iteration(false);
    };
    auto fail = [&](const std::string& why) {
      client.print(now, "FAIL " + action.source + ": " + why);
      if (next_iteration(true))
        iteration_ended = true;
      else
        failed_ = true;
    };
    if (awaiting_) {
      const RequestAnswer* answer = client.answer(*awaiting_);
      if (!answer) return {Status::kRunning, std::nullopt};  // the answer wakes us
      last_answer_ = *answer;
      done();
      continue;
    }
    switch (action.kind) {
      case CtiActionKind::kWait: {
        const auto& events = client.events();
        std::size_t i = cursor_;
        while (i < events.size() && events[i].name != action.text) ++i;
        if (i < events.size()) {
          cursor_ = i + 1;
          done();
          continue;
        }
        ClientTime deadline = *started_ + action.duration;
        if (now >= deadline) {
          std::string seen;
          for (std::size_t j = cursor_; j < events.size(); ++j)
            seen += (seen.empty() ? "" : ", ") + events[j].name;
          fail("no " + action.text + " within " + std::to_string(action.duration.count()) +
               " ms; unmatched events: " + (seen.empty() ? "none" : seen));
          break;
        }
        return {Status::kRunning, deadline};
      }
      case CtiActionKind::kSleep: {
        ClientTime until = *started_ + action.duration;
        if (now < until) return {Status::kRunning, until};
        done();
        continue;
      }
      case CtiActionKind::kExpectResponse: {
        if (!last_answer_) {
          fail("no request answered yet");
          break;
        }
        if (last_answer_->body.find(action.text) == std::string::npos) {
          fail("the last answer was: " + last_answer_->body);
          break;
        }
        done();
        continue;
      }
      case CtiActionKind::kExpectError: {
        const csta::CstaErrorCode* error =
            last_answer_ && last_answer_->response
                ? std::get_if<csta::CstaErrorCode>(&*last_answer_->response)
                : nullptr;
        std::string text = error ? describe_response(*last_answer_->response).substr(6) : "";
        std::string value =
            text.substr(text.find('/') == std::string::npos ? 0 : text.find('/') + 1);
        if (!error || !(iequals(value, action.text) || iequals(text, action.text))) {
          fail("the last answer was: " + (last_answer_ ? last_answer_->body : std::string("none")));
          break;
        }
        done();
        continue;
      }
      default:
        done();  // a request whose answer already came
        continue;
    }
  }
  if (failures() > 0) failed_ = true;
  if (failed_) return {Status::kFailed, std::nullopt};
  return {Status::kDone, std::nullopt};
}

}  // namespace cmemu::sip
