#include "sccp/station.hpp"

#include <algorithm>
#include <ctime>

#include "runtime/clock.hpp"

namespace cmemu::sccp {

using runtime::CallError;
using runtime::CallEvent;
using runtime::CallEventType;
using runtime::Connection;
using runtime::ConnectionId;
using runtime::ConnectionState;
using runtime::EventCause;

namespace {

constexpr std::uint32_t kAllKeys = 0xFFFFFFFF;
constexpr std::uint32_t kMaxProtocolVersion = 11;  // docs/decisions.md #27
constexpr std::uint32_t kSecondaryKeepAlive = 60;  // as CUCM [CAP]
constexpr std::uint32_t kPriorityNotify = 5;
// Localized prompts (docs/sccp.md §5.1): 0x80 followed by the label number.
const std::string kEnterNumber = "\x80\x20";
const std::string kFrom = "\x80\x17";

constexpr std::uint8_t kDndTemplatePosition = 19;

/// cmemu's soft key template (docs/sccp.md §5.1): positions 1-18 are events 1-18, position 19 DND.
msg::SoftKeyTemplateRes soft_key_template() {
  msg::SoftKeyTemplateRes res;
  for (std::uint32_t event = 1; event <= 18; ++event) {
    res.soft_keys[event - 1].label = std::string{'\x80', static_cast<char>(event)};
    res.soft_keys[event - 1].event = static_cast<SoftKeyEvent>(event);
  }
  res.soft_keys[18].label = std::string{'\x80', '\x3F'};
  res.soft_keys[18].event = SoftKeyEvent::kDnd;
  res.soft_key_count = res.total_soft_key_count = 19;
  return res;
}

msg::SoftKeySetRes soft_key_sets() {
  using E = SoftKeyEvent;
  const std::vector<std::vector<E>> sets = {
      {E::kRedial, E::kNewCall, E::kCFwdAll, E::kDnd},  // 0 OnHook
      {E::kHold, E::kEndCall, E::kTransfer},            // 1 Connected
      {E::kResume, E::kNewCall, E::kEndCall},           // 2 OnHold
      {E::kAnswer, E::kDnd},                            // 3 RingIn
      {E::kRedial, E::kEndCall, E::kCFwdAll},           // 4 OffHook
      {E::kHold, E::kEndCall, E::kTransfer},            // 5 ConnectedTransferable
      {E::kBackSpace, E::kEndCall},                     // 6 DigitsFollowing
      {E::kHold, E::kEndCall},                          // 7 ConnectedConference
      {E::kEndCall, E::kTransfer},                      // 8 RingOut
      {E::kRedial, E::kEndCall},                        // 9 OffHookWithFeatures
      {},                                               // 10 InUseHint
      {},                                               // 11 OnHookStealable
  };
  msg::SoftKeySetRes res;
  for (std::size_t k = 0; k < sets.size(); ++k)
    for (std::size_t j = 0; j < sets[k].size(); ++j) {
      auto event = static_cast<std::uint32_t>(sets[k][j]);
      res.sets[k].template_index[j] =
          sets[k][j] == E::kDnd ? kDndTemplatePosition : static_cast<std::uint8_t>(event);
      res.sets[k].info_index[j] = static_cast<std::uint16_t>(300 + event);
    }
  res.soft_key_set_count = res.total_soft_key_set_count = static_cast<std::uint32_t>(sets.size());
  return res;
}

std::optional<char> keypad_character(KeypadButton button) {
  auto code = static_cast<std::uint32_t>(button);
  if (code <= 9) return static_cast<char>('0' + code);
  if (code >= 10 && code <= 13) return static_cast<char>('A' + (code - 10));
  if (code == 14) return '*';
  if (code == 15) return '#';
  return std::nullopt;
}

}  // namespace

Station::Station(StationHost& host, runtime::CallModel& calls, int socket_number)
    : host_(host), calls_(calls), socket_number_(socket_number) {
  calls_.add_observer(*this);
}

Station::~Station() {
  unregister();
  calls_.remove_observer(*this);
}

int Station::negotiated_version() const {
  return static_cast<int>(
      std::min<std::uint32_t>(registration_.protocol_version, kMaxProtocolVersion));
}

// ---------------------------------------------------------------------------------------------
// Registration (docs/sccp.md §3)

void Station::handle(const Message& message) {
  if (const auto* m = std::get_if<msg::KeepAlive>(&message)) {
    (void)m;
    ++keepalives_;
    send(msg::KeepAliveAck{});
    return;
  }
  if (const auto* m = std::get_if<msg::RegisterReq>(&message)) {
    unregister();
    on_register(*m);
    return;
  }
  if (!registered_) return;  // nothing else means anything before RegisterAck

  std::visit(
      [this](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, msg::ButtonTemplateReq>) {
          send_button_template();
        } else if constexpr (std::is_same_v<T, msg::SoftKeyTemplateReq>) {
          send(soft_key_template());
        } else if constexpr (std::is_same_v<T, msg::SoftKeySetReq>) {
          send(soft_key_sets());
          select_softkeys(0, 0, SoftKeySet::kOnHook);
        } else if constexpr (std::is_same_v<T, msg::LineStatReq>) {
          send_line_status(m.line_number);
        } else if constexpr (std::is_same_v<T, msg::ForwardStatReq>) {
          send_forward_status(m.line_number);
        } else if constexpr (std::is_same_v<T, msg::SpeedDialStatReq>) {
          msg::SpeedDialStatRes res;
          res.speed_dial_number = m.speed_dial_number;
          send(res);
        } else if constexpr (std::is_same_v<T, msg::ConfigStatReq>) {
          msg::ConfigStatRes res;
          res.device_name = registration_.device_name.view();
          res.station_instance = 1;
          res.server_name = "cmemu";
          res.number_of_lines = static_cast<std::uint32_t>(provision_.lines.size());
          send(res);
        } else if constexpr (std::is_same_v<T, msg::TimeDateReq>) {
          send_time();
        } else if constexpr (std::is_same_v<T, msg::VersionReq>) {
          msg::VersionRes res;
          res.version = "cmemu-15.1";
          send(res);
        } else if constexpr (std::is_same_v<T, msg::FeatureStatReq>) {
          msg::FeatureStatRes res;
          res.feature_index = m.feature_index;
          send(res);
        } else if constexpr (std::is_same_v<T, msg::ServiceUrlStatReq>) {
          msg::ServiceUrlStatRes res;
          res.service_url_index = m.service_url_index;
          send(res);
        } else if constexpr (std::is_same_v<T, msg::UnregisterReq>) {
          msg::UnregisterAck ack;
          ack.status = UnregisterStatus::kOk;
          send(ack);
          unregister();
          host_.close(*this, "unregistered");
        } else if constexpr (std::is_same_v<T, msg::OffHook> ||
                             std::is_same_v<T, msg::OffHookWithCallingPartyNumber>) {
          std::uint32_t instance = 0;
          if constexpr (std::is_same_v<T, msg::OffHook>) instance = m.line_instance;
          handset_off_hook_ = true;
          if (const Connection* call = ringing()) {
            calls_.answer(call->id);
          } else if (!active()) {
            off_hook(instance, true);
          }
        } else if constexpr (std::is_same_v<T, msg::OnHook>) {
          handset_off_hook_ = false;
          on_hook(m.call_reference);
        } else if constexpr (std::is_same_v<T, msg::KeypadButton>) {
          if (auto digit = keypad_character(m.kp_button)) keypad(*digit, m.call_reference);
        } else if constexpr (std::is_same_v<T, msg::EnblocCall>) {
          if (!active()) off_hook(0, false);
          if (const Connection* call = active())
            calls_.dial_number(call->id, m.called_party.view());
        } else if constexpr (std::is_same_v<T, msg::SoftKeyEvent>) {
          softkey(m.soft_key_event, m.line_instance, m.call_reference);
        } else if constexpr (std::is_same_v<T, msg::Stimulus>) {
          stimulus(m);
        } else if constexpr (std::is_same_v<T, msg::OpenReceiveChannelAck>) {
          const Connection* call = mine(m.call_reference);
          if (!call) {  // the 7912 omits the call reference: find it by passThruPartyId
            for (ConnectionId id : media_open_)
              if (pass_thru_party_of(id) == m.pass_thru_party_id) call = mine_connection(id);
          }
          if (call && m.media_status == MediaStatus::kOk && media_open_.count(call->id))
            host_.media_ready(*this, call->id, m.ip_address, m.port);
        }
        // Alarm, IpPort, HeadsetStatus, CapabilitiesRes, RegisterAvailableLines, statistics and
        // media acks are accepted silently (docs/sccp.md §3); so is anything unknown.
      },
      message);
}

void Station::on_register(const msg::RegisterReq& request) {
  auto admission = host_.admit(*this, request);
  if (auto* reason = std::get_if<std::string>(&admission)) {
    msg::RegisterReject reject;
    reject.text = *reason;
    send(reject);
    host_.close(*this, *reason);
    return;
  }
  registration_ = request;
  provision_ = std::get<Provision>(std::move(admission));
  registered_ = true;
  keepalives_ = 0;
  msg::RegisterAck ack;
  ack.keep_alive_interval = static_cast<std::uint32_t>(provision_.keepalive_seconds);
  ack.date_template = "M/D/Y";
  ack.secondary_keep_alive_interval = kSecondaryKeepAlive;
  ack.max_protocol_version = static_cast<std::uint8_t>(negotiated_version());
  send(ack);
  send(msg::CapabilitiesReq{});
  attach_lines();
  bool waiting = false;
  for (const LineAppearance& line : provision_.lines)
    if (const runtime::Line* dn = calls_.line(line.dn_tag))
      waiting = waiting || dn->message_waiting;
  if (waiting) {
    msg::SetLamp lamp;
    lamp.stimulus = Stimulus::kVoiceMail;
    lamp.lamp_mode = LampMode::kOn;
    send(lamp);
  }
}

void Station::attach_lines() {
  for (const LineAppearance& line : provision_.lines)
    if (attached_.insert(line.dn_tag).second) calls_.attach(line.dn_tag);
}

void Station::detach_lines() {
  for (int tag : attached_) calls_.detach(tag);
  attached_.clear();
}

void Station::unregister() {
  if (!registered_) return;
  registered_ = false;
  // The phone is gone: its calls clear (docs/decisions.md #28), its media with them.
  std::vector<ConnectionId> calls;
  for (int tag : attached_)
    if (const runtime::Line* line = calls_.line(tag))
      calls.insert(calls.end(), line->connections.begin(), line->connections.end());
  for (ConnectionId id : media_open_) host_.media_closed(id);
  media_open_.clear();
  detach_lines();
  for (ConnectionId id : calls)
    if (calls_.connection(id)) calls_.clear(id);
  forward_line_.reset();
}

void Station::reprovision(const Provision& provision) {
  if (!registered_) return;
  // Calls on lines the phone no longer shows end.
  std::vector<ConnectionId> ending;
  for (int tag : attached_) {
    bool kept = std::any_of(provision.lines.begin(), provision.lines.end(),
                            [&](const LineAppearance& line) { return line.dn_tag == tag; });
    if (!kept)
      if (const runtime::Line* line = calls_.line(tag))
        ending.insert(ending.end(), line->connections.begin(), line->connections.end());
  }
  for (ConnectionId id : ending)
    if (calls_.connection(id)) calls_.clear(id);
  detach_lines();
  provision_ = provision;
  attach_lines();
  send_button_template();
  for (const LineAppearance& line : provision_.lines)
    send_line_status(static_cast<std::uint32_t>(line.instance));
}

void Station::send_button_template() {
  msg::ButtonTemplateRes res;
  int count = std::min<int>(provision_.button_count, msg::ButtonTemplateRes::kMaxButtons);
  for (int slot = 0; slot < count; ++slot) {
    if (provision_.line(slot + 1))
      res.buttons[slot] = {static_cast<std::uint8_t>(slot + 1), ButtonDefinition::kLine};
    else
      res.buttons[slot] = {0, ButtonDefinition::kUndefined};
  }
  res.button_count = res.total_button_count = static_cast<std::uint32_t>(count);
  send(res);
}

void Station::send_line_status(std::uint32_t instance) {
  msg::LineStatRes res;
  res.line_number = instance;
  const LineAppearance* appearance = provision_.line(static_cast<int>(instance));
  const runtime::Line* line = appearance ? calls_.line(appearance->dn_tag) : nullptr;
  if (line) {
    res.line_dir_number = line->number;
    res.line_fully_qualified_display_name =
        line->description.empty() ? line->number : line->description;
    res.line_text_label = line->label.empty() ? line->number : line->label;
    res.line_display_options = kDisplayOriginalDialedNumber | kDisplayCallingPartyName;
  }
  send(res);
}

void Station::send_forward_status(std::uint32_t instance) {
  msg::ForwardStatRes res;
  res.line_number = instance;
  const LineAppearance* appearance = provision_.line(static_cast<int>(instance));
  const runtime::Line* line = appearance ? calls_.line(appearance->dn_tag) : nullptr;
  if (line && !line->forward_all.empty()) {
    res.active_forward = 1;
    res.forward_all_active = 1;
    res.forward_all_dir_number = line->forward_all;
  }
  send(res);
}

void Station::send_time() {
  auto now = runtime::Clock::instance().wall_now();
  auto since_epoch = now.time_since_epoch();
  std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  msg::DefineTimeDate res;
  res.year = static_cast<std::uint32_t>(parts.tm_year + 1900);
  res.month = static_cast<std::uint32_t>(parts.tm_mon + 1);
  res.day_of_week = static_cast<std::uint32_t>(parts.tm_wday);
  res.day = static_cast<std::uint32_t>(parts.tm_mday);
  res.hour = static_cast<std::uint32_t>(parts.tm_hour);
  res.minute = static_cast<std::uint32_t>(parts.tm_min);
  res.second = static_cast<std::uint32_t>(parts.tm_sec);
  res.milliseconds = static_cast<std::uint32_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000);
  res.system_time = static_cast<std::uint32_t>(seconds);
  send(res);
}

// ---------------------------------------------------------------------------------------------
// Phone input -> call model

const Connection* Station::mine_connection(ConnectionId id) const {
  const Connection* call = calls_.connection(id);
  return call && attached_.count(call->line) ? call : nullptr;
}

const Connection* Station::mine(std::uint32_t call_reference) const {
  if (call_reference <= 0x01000000u) return nullptr;
  return mine_connection(call_reference - 0x01000000u);
}

const Connection* Station::active() const {
  for (int tag : attached_)
    if (const runtime::Line* line = calls_.line(tag))
      for (ConnectionId id : line->connections) {
        const Connection* call = calls_.connection(id);
        if (call->state == ConnectionState::kInitiated || call->state == ConnectionState::kFail ||
            call->state == ConnectionState::kConnected)
          return call;
      }
  return nullptr;
}

const Connection* Station::ringing() const {
  for (int tag : attached_)
    if (const runtime::Line* line = calls_.line(tag))
      for (ConnectionId id : line->connections)
        if (calls_.connection(id)->state == ConnectionState::kAlerting)
          return calls_.connection(id);
  return nullptr;
}

const Connection* Station::held() const {
  for (int tag : attached_)
    if (const runtime::Line* line = calls_.line(tag))
      for (ConnectionId id : line->connections)
        if (calls_.connection(id)->state == ConnectionState::kHold) return calls_.connection(id);
  return nullptr;
}

int Station::instance_of(const Connection& connection) const {
  return provision_.instance_of(connection.line);
}

bool Station::has_other_calls(ConnectionId except) const {
  for (int tag : attached_)
    if (const runtime::Line* line = calls_.line(tag))
      for (ConnectionId id : line->connections)
        if (id != except) return true;
  return false;
}

void Station::off_hook(std::uint32_t instance, bool handset) {
  const LineAppearance* line = provision_.line(static_cast<int>(instance));
  if (!line && !provision_.lines.empty()) line = &provision_.lines.front();
  if (!line) return;
  handset_off_hook_ = handset;
  calls_.off_hook(line->dn_tag, EventCause::kNewCall);
}

void Station::on_hook(std::uint32_t call_reference) {
  if (forward_line_) {
    forward_line_.reset();
    msg::StopTone stop;
    send(stop);
    send(msg::ClearPromptStatus{});
  }
  const Connection* call = mine(call_reference);
  if (!call || call->state == ConnectionState::kHold || call->state == ConnectionState::kAlerting)
    call = active();
  if (call) calls_.clear(call->id);
}

void Station::keypad(char digit, std::uint32_t call_reference) {
  if (forward_line_) {
    int tag = *forward_line_;
    if (digit != '#') forward_digits_ += digit;
    bool complete = digit == '#' || (calls_.line_by_number(forward_digits_) &&
                                     !calls_.number_prefix(forward_digits_));
    bool hopeless =
        !calls_.line_by_number(forward_digits_) && !calls_.number_prefix(forward_digits_);
    if (!complete && !hopeless && forward_digits_.size() < 24) return;
    forward_line_.reset();
    int instance = provision_.instance_of(tag);
    msg::StopTone stop;
    stop.line_instance = static_cast<std::uint32_t>(instance);
    send(stop);
    msg::ClearPromptStatus clear;
    clear.line_instance = static_cast<std::uint32_t>(instance);
    send(clear);
    if (calls_.set_forward_all(tag, forward_digits_) != CallError::kNone) {
      msg::StartTone reorder;
      reorder.tone = Tone::kReorderTone;
      reorder.line_instance = static_cast<std::uint32_t>(instance);
      send(reorder);
    }
    return;
  }
  const Connection* call = mine(call_reference);
  if (!call) call = active();
  if (!call) return;
  if (call->state == ConnectionState::kInitiated)
    calls_.dial(call->id, std::string(1, digit));
  else if (call->state == ConnectionState::kConnected)
    calls_.generate_digits(call->id, std::string(1, digit));
}

void Station::softkey(SoftKeyEvent event, std::uint32_t instance, std::uint32_t call_reference) {
  const Connection* call = mine(call_reference);
  switch (event) {
    case SoftKeyEvent::kNewCall:
      if (!active()) off_hook(instance, false);
      break;
    case SoftKeyEvent::kRedial:
      if (!last_dialed_.empty() && !active()) {
        std::string number = last_dialed_;
        off_hook(instance, false);
        if (const Connection* dialing = active()) calls_.dial_number(dialing->id, number);
      }
      break;
    case SoftKeyEvent::kEndCall:
      on_hook(call_reference);
      break;
    case SoftKeyEvent::kAnswer:
      if (!call || call->state != ConnectionState::kAlerting) call = ringing();
      if (call) calls_.answer(call->id);
      break;
    case SoftKeyEvent::kHold:
      if (!call) call = active();
      if (call) calls_.hold(call->id);
      break;
    case SoftKeyEvent::kResume:
      if (!call || call->state != ConnectionState::kHold) call = held();
      if (call) calls_.retrieve(call->id);
      break;
    case SoftKeyEvent::kTransfer:
      if (!call) call = active();
      if (call) transfer_key(call->id);
      break;
    case SoftKeyEvent::kCFwdAll: {
      const LineAppearance* line = provision_.line(static_cast<int>(instance));
      if (!line && !provision_.lines.empty()) line = &provision_.lines.front();
      if (line) forward_key(line->dn_tag);
      break;
    }
    case SoftKeyEvent::kDnd:
      toggle_dnd();
      break;
    case SoftKeyEvent::kBackSpace: {
      msg::BackSpaceRes res;
      res.line_instance = instance;
      res.call_reference = call_reference;
      send(res);
      break;
    }
    default:
      break;  // features cmemu does not model
  }
}

void Station::stimulus(const msg::Stimulus& message) {
  switch (message.stimulus) {
    case Stimulus::kLine: {
      const LineAppearance* line = provision_.line(static_cast<int>(message.stimulus_instance));
      if (const Connection* call = ringing(); call && (!line || call->line == line->dn_tag))
        calls_.answer(call->id);
      else if (!active())
        off_hook(message.stimulus_instance, false);
      break;
    }
    case Stimulus::kHold:
      softkey(SoftKeyEvent::kHold, 0, message.call_reference);
      break;
    case Stimulus::kTransfer:
      softkey(SoftKeyEvent::kTransfer, 0, message.call_reference);
      break;
    case Stimulus::kForwardAll:
      softkey(SoftKeyEvent::kCFwdAll, message.stimulus_instance, 0);
      break;
    case Stimulus::kDoNotDisturb:
      toggle_dnd();
      break;
    case Stimulus::kNewCall:
      softkey(SoftKeyEvent::kNewCall, message.stimulus_instance, 0);
      break;
    case Stimulus::kEndCall:
      on_hook(message.call_reference);
      break;
    case Stimulus::kLastNumberRedial:
      softkey(SoftKeyEvent::kRedial, message.stimulus_instance, 0);
      break;
    default:
      break;
  }
}

void Station::transfer_key(ConnectionId id) {
  const Connection* call = calls_.connection(id);
  if (!call) return;
  // The second press completes (docs/sccp.md §9): consultation connected = consultative transfer,
  // still ringing = blind.
  if (call->consultation && calls_.connection(call->consulting)) {
    calls_.transfer(call->consulting, id);
    return;
  }
  if (call->state == ConnectionState::kConnected) calls_.consult(id, "", nullptr);
}

void Station::forward_key(int dn_tag) {
  const runtime::Line* line = calls_.line(dn_tag);
  if (!line) return;
  if (!line->forward_all.empty()) {
    calls_.set_forward_all(dn_tag, "");
    return;
  }
  // Collect the target's digits (docs/sccp.md §6): dial tone and the "Enter number" prompt.
  forward_line_ = dn_tag;
  forward_digits_.clear();
  auto instance = static_cast<std::uint32_t>(provision_.instance_of(dn_tag));
  msg::DisplayPromptStatus prompt;
  prompt.prompt_text = kEnterNumber;
  prompt.line_instance = instance;
  send(prompt);
  msg::StartTone tone;
  tone.tone = Tone::kInsideDialTone;
  tone.line_instance = instance;
  send(tone);
}

void Station::toggle_dnd() {
  bool on = true;
  for (const LineAppearance& line : provision_.lines)
    if (const runtime::Line* dn = calls_.line(line.dn_tag); dn && dn->dnd) on = false;
  for (const LineAppearance& line : provision_.lines) calls_.set_do_not_disturb(line.dn_tag, on);
}

// ---------------------------------------------------------------------------------------------
// Call model -> phone

void Station::set_lamp(int instance, LampMode mode) {
  msg::SetLamp lamp;
  lamp.stimulus = Stimulus::kLine;
  lamp.stimulus_instance = static_cast<std::uint32_t>(instance);
  lamp.lamp_mode = mode;
  send(lamp);
}

void Station::send_call_state(int instance, std::uint32_t call_reference, CallState state) {
  msg::CallState message;
  message.call_state = state;
  message.line_instance = static_cast<std::uint32_t>(instance);
  message.call_reference = call_reference;
  message.precedence_level = 4;  // as CUCM 4.1 [CAP]
  send(message);
}

void Station::select_softkeys(int instance, std::uint32_t call_reference, SoftKeySet set) {
  msg::SelectSoftKeys keys;
  keys.line_instance = static_cast<std::uint32_t>(instance);
  keys.call_reference = call_reference;
  keys.soft_key_set = set;
  keys.valid_key_mask = kAllKeys;
  send(keys);
}

void Station::send_call_info(const Connection& connection) {
  const runtime::Call* call = calls_.call(connection.call);
  if (!call) return;
  msg::CallInfo info;
  info.calling_party_name = call->calling_name;
  info.calling_party = call->calling_number;
  info.called_party_name = call->called_name;
  info.called_party = call->called_number;
  info.line_instance = static_cast<std::uint32_t>(instance_of(connection));
  info.call_reference = call_reference_of(connection.id);
  bool redirected = !call->original_called_number.empty();
  info.call_type = connection.originating ? CallType::kOutbound
                   : redirected           ? CallType::kForward
                                          : CallType::kInbound;
  info.original_called_party = redirected ? call->original_called_number : call->called_number;
  info.original_called_party_name = redirected ? call->original_called_name : call->called_name;
  info.last_redirecting_party = call->redirecting_number;
  info.call_instance = 1;
  send(info);
}

void Station::show_off_hook(const Connection& connection, bool speaker) {
  int instance = instance_of(connection);
  std::uint32_t ref = call_reference_of(connection.id);
  msg::SetRinger ringer;
  ringer.ring_mode = RingMode::kRingOff;
  ringer.ring_duration = RingDuration::kNormal;
  send(ringer);
  if (speaker) {
    speaker_on_ = true;
    send(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOn});
  }
  set_lamp(instance, LampMode::kOn);
  send_call_state(instance, ref, CallState::kOffHook);
  select_softkeys(instance, ref, SoftKeySet::kOffHook);
  msg::DisplayPromptStatus prompt;
  prompt.prompt_text = kEnterNumber;
  prompt.line_instance = static_cast<std::uint32_t>(instance);
  prompt.call_reference = ref;
  send(prompt);
  send(msg::ActivateCallPlane{.line_instance = static_cast<std::uint32_t>(instance)});
  msg::StartTone tone;
  tone.tone = Tone::kInsideDialTone;
  tone.direction = ToneDirection::kUser;
  tone.line_instance = static_cast<std::uint32_t>(instance);
  tone.call_reference = ref;
  send(tone);
}

void Station::show_ring_in(const Connection& connection) {
  int instance = instance_of(connection);
  std::uint32_t ref = call_reference_of(connection.id);
  const runtime::Call* call = calls_.call(connection.call);
  std::string from = kFrom + (call ? call->calling_number : std::string());
  send_call_state(instance, ref, CallState::kRingIn);
  select_softkeys(instance, ref, SoftKeySet::kRingIn);
  msg::DisplayPromptStatus prompt;
  prompt.prompt_text = from;
  prompt.line_instance = static_cast<std::uint32_t>(instance);
  prompt.call_reference = ref;
  send(prompt);
  msg::DisplayPriNotify notify;
  notify.timeout = 10;
  notify.priority = kPriorityNotify;
  notify.notify_text = from;
  send(notify);
  send_call_info(connection);
  set_lamp(instance, LampMode::kBlink);
  const LineAppearance* appearance = provision_.line(instance);
  char separator = appearance ? appearance->separator : ':';
  if (separator == 's') return;  // silent ring: lamp only
  msg::SetRinger ringer;
  ringer.ring_mode = separator == 'b'   ? RingMode::kFlashOnly
                     : separator == 'f' ? RingMode::kFeatureRing
                                        : RingMode::kInsideRing;
  ringer.ring_duration = RingDuration::kNormal;
  ringer.line_instance = static_cast<std::uint32_t>(instance);
  ringer.call_reference = ref;
  send(ringer);
}

void Station::show_ring_out(const Connection& connection) {
  int instance = instance_of(connection);
  std::uint32_t ref = call_reference_of(connection.id);
  send_call_state(instance, ref, CallState::kRingOut);
  select_softkeys(instance, ref, SoftKeySet::kRingOut);
  msg::StartTone tone;
  tone.tone = Tone::kAlertingTone;
  tone.line_instance = static_cast<std::uint32_t>(instance);
  tone.call_reference = ref;
  send(tone);
}

void Station::show_connected(const Connection& connection, bool answered_here) {
  int instance = instance_of(connection);
  std::uint32_t ref = call_reference_of(connection.id);
  msg::StopTone stop;
  stop.line_instance = static_cast<std::uint32_t>(instance);
  stop.call_reference = ref;
  if (answered_here) {
    msg::SetRinger ringer;
    ringer.ring_mode = RingMode::kRingOff;
    ringer.ring_duration = RingDuration::kNormal;
    send(ringer);
    if (!handset_off_hook_ && !speaker_on_) {
      speaker_on_ = true;
      send(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOn});
    }
    set_lamp(instance, LampMode::kOn);
    send_call_state(instance, ref, CallState::kOffHook);
    send(msg::ActivateCallPlane{.line_instance = static_cast<std::uint32_t>(instance)});
    send(stop);
    open_media(connection);
  } else {
    send(stop);
  }
  send_call_state(instance, ref, CallState::kConnected);
  select_softkeys(instance, ref, SoftKeySet::kConnected);
  if (answered_here)
    send_call_info(connection);
  else
    open_media(connection);
}

void Station::open_media(const Connection& connection) {
  if (media_open_.count(connection.id)) return;
  media_open_.insert(connection.id);
  msg::OpenReceiveChannel open;
  open.conference_id = call_reference_of(connection.id);
  open.pass_thru_party_id = pass_thru_party_of(connection.id);
  open.ms_packet_size = 20;
  open.compression_type = Codec::kG711Ulaw;
  open.call_reference = call_reference_of(connection.id);
  open.rfc2833_payload_type = 101;
  send(open);
}

void Station::close_media(ConnectionId id, std::uint32_t) {
  if (!media_open_.erase(id)) return;
  std::uint32_t ref = call_reference_of(id);
  msg::CloseReceiveChannel close;
  close.conference_id = ref;
  close.pass_thru_party_id = pass_thru_party_of(id);
  close.call_reference = ref;
  send(close);
  msg::StopMediaTransmission stop;
  stop.conference_id = ref;
  stop.pass_thru_party_id = pass_thru_party_of(id);
  stop.call_reference = ref;
  send(stop);
  host_.media_closed(id);
}

void Station::show_cleared(ConnectionId id, int line_tag) {
  int instance = provision_.instance_of(line_tag);
  std::uint32_t ref = call_reference_of(id);
  tone_stopped_.erase(id);
  msg::StopTone stop;
  stop.line_instance = static_cast<std::uint32_t>(instance);
  stop.call_reference = ref;
  send(stop);
  const Connection* remaining = nullptr;
  if (const runtime::Line* line = calls_.line(line_tag))
    for (ConnectionId other : line->connections)
      if (other != id) remaining = calls_.connection(other);
  set_lamp(instance, remaining && remaining->state == ConnectionState::kHold ? LampMode::kWink
                     : remaining                                             ? LampMode::kOn
                                                                             : LampMode::kOff);
  msg::ClearPromptStatus clear;
  clear.line_instance = static_cast<std::uint32_t>(instance);
  clear.call_reference = ref;
  send(clear);
  close_media(id, static_cast<std::uint32_t>(instance));
  send_call_state(instance, ref, CallState::kOnHook);
  bool idle = !has_other_calls(id);
  if (idle)
    select_softkeys(0, 0, SoftKeySet::kOnHook);
  else if (const Connection* other = held())
    select_softkeys(instance_of(*other), call_reference_of(other->id), SoftKeySet::kOnHold);
  send_time();
  if (idle && speaker_on_) {
    speaker_on_ = false;
    send(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOff});
  }
  msg::SetRinger ringer;
  ringer.ring_mode = RingMode::kRingOff;
  ringer.ring_duration = RingDuration::kNormal;
  send(ringer);
}

void Station::on_call_event(const CallEvent& event) {
  if (!registered_) return;
  bool line_mine = event.line != 0 && attached_.count(event.line) > 0;
  const Connection* subject = line_mine ? calls_.connection(event.connection) : nullptr;
  // This phone's other parties in the same call (the far end of what changed).
  std::vector<const Connection*> others;
  if (const runtime::Call* call = calls_.call(event.call))
    for (ConnectionId id : call->parties)
      if (id != event.connection)
        if (const Connection* party = mine_connection(id)) others.push_back(party);

  switch (event.type) {
    case CallEventType::kServiceInitiated:
      if (subject) {
        bool handset = handset_off_hook_ && event.cause == EventCause::kNewCall;
        show_off_hook(*subject, !handset && !speaker_on_);
      }
      break;
    case CallEventType::kDigitDialed:
      if (subject && tone_stopped_.insert(subject->id).second) {
        int instance = instance_of(*subject);
        msg::StopTone stop;
        stop.line_instance = static_cast<std::uint32_t>(instance);
        stop.call_reference = call_reference_of(subject->id);
        send(stop);
        select_softkeys(instance, call_reference_of(subject->id), SoftKeySet::kDigitsFollowing);
      }
      break;
    case CallEventType::kOriginated:
      if (subject) {
        const runtime::Call* call = calls_.call(subject->call);
        msg::DialedNumber dialed;
        dialed.dialed_number = call ? call->called_number : std::string();
        dialed.line_instance = static_cast<std::uint32_t>(instance_of(*subject));
        dialed.call_reference = call_reference_of(subject->id);
        send(dialed);
        if (call) last_dialed_ = call->called_number;
        send_call_info(*subject);
      }
      break;
    case CallEventType::kDelivered:
      if (subject) show_ring_in(*subject);
      for (const Connection* party : others)
        if (party->originating) {
          if (event.cause != EventCause::kNewCall) send_call_info(*party);
          show_ring_out(*party);
        }
      break;
    case CallEventType::kFailed:
      if (subject) {
        int instance = instance_of(*subject);
        std::uint32_t ref = call_reference_of(subject->id);
        bool busy = event.cause != EventCause::kDestNotObtainable;
        if (busy) {
          send_call_state(instance, ref, CallState::kBusy);
        }
        msg::StartTone tone;
        tone.tone = busy ? Tone::kLineBusyTone : Tone::kReorderTone;
        tone.line_instance = static_cast<std::uint32_t>(instance);
        tone.call_reference = ref;
        send(tone);
      }
      break;
    case CallEventType::kEstablished:
      if (subject) show_connected(*subject, true);
      for (const Connection* party : others) show_connected(*party, false);
      break;
    case CallEventType::kConnectionCleared:
      if (line_mine) show_cleared(event.connection, event.line);
      break;
    case CallEventType::kHeld:
      if (subject) {
        int instance = instance_of(*subject);
        std::uint32_t ref = call_reference_of(subject->id);
        close_media(subject->id, static_cast<std::uint32_t>(instance));
        send_call_state(instance, ref, CallState::kHold);
        select_softkeys(instance, ref, SoftKeySet::kOnHold);
        set_lamp(instance, LampMode::kWink);
      }
      for (const Connection* party : others)
        close_media(party->id, static_cast<std::uint32_t>(instance_of(*party)));
      break;
    case CallEventType::kRetrieved:
      if (subject) {
        int instance = instance_of(*subject);
        std::uint32_t ref = call_reference_of(subject->id);
        send_call_state(instance, ref, CallState::kConnected);
        select_softkeys(instance, ref, SoftKeySet::kConnected);
        set_lamp(instance, LampMode::kOn);
        open_media(*subject);
      }
      for (const Connection* party : others) open_media(*party);
      break;
    case CallEventType::kDiverted:
      if (line_mine && event.connection != 0) show_cleared(event.connection, event.line);
      break;
    case CallEventType::kTransferred:
      // The parties that stay: a fresh CallInfo, then talk (or hear the target ring).
      if (const runtime::Call* call = calls_.call(event.call))
        for (ConnectionId id : call->parties) {
          const Connection* party = mine_connection(id);
          if (!party || id == event.connection) continue;
          int instance = instance_of(*party);
          close_media(id, static_cast<std::uint32_t>(instance));
          send_call_info(*party);
          const Connection* far = calls_.peer(id);
          if (party->state == ConnectionState::kConnected && far &&
              far->state == ConnectionState::kAlerting) {
            show_ring_out(*party);
          } else if (party->state == ConnectionState::kConnected) {
            send_call_state(instance, call_reference_of(id), CallState::kConnected);
            select_softkeys(instance, call_reference_of(id), SoftKeySet::kConnected);
            if (far && far->state == ConnectionState::kConnected) open_media(*party);
          }
        }
      break;
    case CallEventType::kDigitsGenerated:
      if (subject)
        for (char digit : event.digits)
          if (auto tone = dtmf_tone(digit)) {
            msg::StartTone start;
            start.tone = *tone;
            start.direction = ToneDirection::kNetwork;
            start.line_instance = static_cast<std::uint32_t>(instance_of(*subject));
            start.call_reference = call_reference_of(subject->id);
            send(start);
            msg::StopTone stop;
            stop.line_instance = start.line_instance;
            stop.call_reference = start.call_reference;
            send(stop);
          }
      break;
    case CallEventType::kDoNotDisturb:
      if (line_mine) {
        if (event.on) {
          msg::DisplayPriNotify notify;
          notify.priority = kPriorityNotify;
          notify.notify_text = "Do Not Disturb is active";
          send(notify);
        } else {
          send(msg::ClearPriNotify{.priority = kPriorityNotify});
        }
      }
      break;
    case CallEventType::kForwarding:
      if (line_mine) {
        send_forward_status(static_cast<std::uint32_t>(provision_.instance_of(event.line)));
        if (event.on) {
          msg::DisplayNotify notify;
          notify.timeout = 10;
          notify.notify_text = "Forwarded to " + event.number;
          send(notify);
        } else {
          send(msg::ClearNotify{});
        }
      }
      break;
    case CallEventType::kMessageWaiting:
      if (line_mine) {
        msg::SetLamp lamp;
        lamp.stimulus = Stimulus::kVoiceMail;
        lamp.lamp_mode = event.on ? LampMode::kOn : LampMode::kOff;
        send(lamp);
      }
      break;
  }
}

}  // namespace cmemu::sccp
