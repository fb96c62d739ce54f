#include "sccp/station.hpp"

#include <algorithm>
#include <ctime>

#include "runtime/clock.hpp"
#include "sccp/message_text.hpp"

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
constexpr std::uint32_t kConnectedKeys = 0xFFFFFDFF;
constexpr std::uint32_t kMaxProtocolVersion = 11;  // docs/decisions.md #27
// Phones from this protocol version on get localized labels and prompts, older ones ASCII
// (docs/sccp.md §5.1).
constexpr int kLocalizedLabelsFromVersion = 6;
constexpr std::uint32_t kSecondaryKeepAlive = 60;  // as CUCM [CAP]
constexpr std::uint32_t kPriorityNotify = 5;
constexpr std::uint32_t kKeyNotActiveSeconds = 5;  // as chan-sccp (docs/sccp.md §9)

// Phrase numbers of the localized form (docs/sccp.md §5.1: 0x80 then the number).
constexpr std::uint8_t kPhraseYourCurrentOptions = 0x13;
constexpr std::uint8_t kPhraseFrom = 0x17;
constexpr std::uint8_t kPhraseEnterNumber = 0x20;
constexpr std::uint8_t kPhraseKeyIsNotActive = 0x2D;

// Softkeys beyond the standard 1-18 that CUCM 4.1's template had (docs/sccp.md §5.1): shown, not
// modelled, so pressing one gets the Key Is Not Active prompt.
constexpr auto kBarge = static_cast<SoftKeyEvent>(21);
constexpr auto kDirTrfr = static_cast<SoftKeyEvent>(28);
constexpr auto kSelect = static_cast<SoftKeyEvent>(29);
constexpr auto kConfList = static_cast<SoftKeyEvent>(30);
constexpr auto kVidMode = static_cast<SoftKeyEvent>(33);

struct TemplateKey {
  SoftKeyEvent event;
  std::uint8_t phrase;     // localized label: 0x80 then this number
  std::string_view ascii;  // the label to phones below version 6 (CM 3.1's spellings)
};

/// cmemu's soft key template in position order (docs/sccp.md §5.1).
constexpr TemplateKey kTemplate[] = {
    {SoftKeyEvent::kRedial, 0x01, "Redial"},
    {SoftKeyEvent::kNewCall, 0x02, "NewCall"},
    {SoftKeyEvent::kHold, 0x03, "Hold"},
    {SoftKeyEvent::kTransfer, 0x04, "Trnsfer"},
    {SoftKeyEvent::kCFwdAll, 0x05, "CFwdAll"},
    {SoftKeyEvent::kCFwdBusy, 0x06, "CFwdBusy"},
    {SoftKeyEvent::kCFwdNoAnswer, 0x07, "CFwdNoAnswer"},
    {SoftKeyEvent::kBackSpace, 0x08, "<<"},
    {SoftKeyEvent::kEndCall, 0x09, "EndCall"},
    {SoftKeyEvent::kResume, 0x0A, "Resume"},
    {SoftKeyEvent::kAnswer, 0x0B, "Answer"},
    {SoftKeyEvent::kInfo, 0x0C, "Info"},
    {SoftKeyEvent::kConfrn, 0x0D, "Confrn"},
    {SoftKeyEvent::kPark, 0x0E, "Park"},
    {SoftKeyEvent::kJoin, 0x0F, "Join"},
    {SoftKeyEvent::kMeetMe, 0x10, "MeetMe"},
    {SoftKeyEvent::kPickUp, 0x11, "PickUp"},
    {SoftKeyEvent::kGPickUp, 0x12, "GPickUp"},
    {SoftKeyEvent::kDnd, 0x3F, "DND"},
    {kBarge, 0x43, "Barge"},
    {kDirTrfr, 0x4D, "DirTrfr"},
    {kSelect, 0x4E, "Select"},
    {kConfList, 0x4F, "ConfList"},
    {kVidMode, 0x58, "VidMode"},
};

/// The template, its labels localized or ASCII by the phone's protocol version.
msg::SoftKeyTemplateRes soft_key_template(bool localized) {
  msg::SoftKeyTemplateRes res;
  std::size_t position = 0;
  for (const TemplateKey& key : kTemplate) {
    auto& entry = res.soft_keys[position++];
    entry.label =
        localized ? std::string{'\x80', static_cast<char>(key.phrase)} : std::string(key.ascii);
    entry.event = key.event;
  }
  res.soft_key_count = res.total_soft_key_count = static_cast<std::uint32_t>(position);
  return res;
}

std::uint8_t template_position(SoftKeyEvent event) {
  for (std::size_t i = 0; i < std::size(kTemplate); ++i)
    if (kTemplate[i].event == event) return static_cast<std::uint8_t>(i + 1);
  return 0;
}

/// The sets of CUCM 4.1 in its order (docs/sccp.md §5.1), plus DND and the RingOut Transfer.
msg::SoftKeySetRes soft_key_sets() {
  using E = SoftKeyEvent;
  const std::vector<std::vector<E>> sets = {
      {E::kRedial, E::kNewCall, E::kCFwdAll, E::kDnd},  // 0 OnHook
      {E::kHold, E::kEndCall, E::kTransfer, E::kPark, E::kConfrn, kConfList, kSelect, E::kJoin,
       kDirTrfr, kVidMode},                                                         // 1 Connected
      {E::kResume, E::kNewCall, kDirTrfr, kSelect, E::kJoin},                       // 2 OnHold
      {E::kAnswer, E::kDnd},                                                        // 3 RingIn
      {E::kRedial, E::kEndCall, E::kCFwdAll, E::kPickUp, E::kGPickUp, E::kMeetMe},  // 4 OffHook
      {E::kEndCall, E::kTransfer},   // 5 ConnectedTransferable
      {E::kBackSpace, E::kEndCall},  // 6 DigitsFollowing
      {E::kEndCall, E::kConfrn},     // 7 ConnectedConference
      {E::kEndCall, E::kTransfer},   // 8 RingOut
      {E::kRedial, E::kEndCall},     // 9 OffHookWithFeatures
      {kBarge, E::kNewCall},         // 10 InUseHint
  };
  msg::SoftKeySetRes res;
  for (std::size_t k = 0; k < sets.size(); ++k)
    for (std::size_t j = 0; j < sets[k].size(); ++j) {
      res.sets[k].template_index[j] = template_position(sets[k][j]);
      res.sets[k].info_index[j] = static_cast<std::uint16_t>(300 + static_cast<int>(sets[k][j]));
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

bool Station::localized_labels() const {
  return negotiated_version() >= kLocalizedLabelsFromVersion;
}

std::string Station::phrase(std::uint8_t number, std::string_view then) const {
  // Localized: 0x80, the number, then the text as CUCM 4.1 sent "From 1003"; ASCII: the words
  // and a space (docs/sccp.md §5.1).
  if (localized_labels()) return std::string{'\x80', static_cast<char>(number)} + std::string(then);
  std::string text(label_text(number));
  if (!then.empty()) text += ' ' + std::string(then);
  return text;
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
          send(soft_key_template(localized_labels()));
        } else if constexpr (std::is_same_v<T, msg::SoftKeySetReq>) {
          send(soft_key_sets());
          select_softkeys(0, 0, SoftKeySet::kOnHook);
          // The idle prompt follows, as CM 3.x and 4.1 sent it (docs/sccp.md §3).
          show_prompt(phrase(kPhraseYourCurrentOptions), 0, 0);
        } else if constexpr (std::is_same_v<T, msg::LineStatReq>) {
          send_line_status(m.line_number);
        } else if constexpr (std::is_same_v<T, msg::ForwardStatReq>) {
          send_forward_status(m.line_number);
        } else if constexpr (std::is_same_v<T, msg::SpeedDialStatReq>) {
          send(msg::SpeedDialStatRes{.speed_dial_number = m.speed_dial_number});
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
          send(msg::VersionRes{.version = "cmemu-15.1"});
        } else if constexpr (std::is_same_v<T, msg::FeatureStatReq>) {
          send(msg::FeatureStatRes{.feature_index = m.feature_index});
        } else if constexpr (std::is_same_v<T, msg::ServiceUrlStatReq>) {
          send(msg::ServiceUrlStatRes{.service_url_index = m.service_url_index});
        } else if constexpr (std::is_same_v<T, msg::UnregisterReq>) {
          send(msg::UnregisterAck{.status = UnregisterStatus::kOk});
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
  if (const runtime::Line* line = line_at(instance)) {
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
  if (const runtime::Line* line = line_at(instance); line && !line->forward_all.empty()) {
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

const Connection* Station::consultation_of(ConnectionId held_id) const {
  for (int tag : attached_)
    if (const runtime::Line* line = calls_.line(tag))
      for (ConnectionId id : line->connections)
        if (const Connection* call = calls_.connection(id);
            call->consultation && call->consulting == held_id)
          return call;
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

const runtime::Line* Station::line_at(std::uint32_t instance) const {
  const LineAppearance* appearance = provision_.line(static_cast<int>(instance));
  return appearance ? calls_.line(appearance->dn_tag) : nullptr;
}

const LineAppearance* Station::appearance_or_first(std::uint32_t instance) const {
  const LineAppearance* appearance = provision_.line(static_cast<int>(instance));
  if (!appearance && !provision_.lines.empty()) appearance = &provision_.lines.front();
  return appearance;
}

void Station::off_hook(std::uint32_t instance, bool handset) {
  const LineAppearance* line = appearance_or_first(instance);
  if (!line) return;
  handset_off_hook_ = handset;
  calls_.off_hook(line->dn_tag, EventCause::kNewCall);
}

bool Station::on_hook(std::uint32_t call_reference) {
  bool acted = false;
  if (forward_line_) {
    forward_line_.reset();
    msg::StopTone stop;
    send(stop);
    send(msg::ClearPromptStatus{});
    acted = true;
  }
  const Connection* call = mine(call_reference);
  if (!call || call->state == ConnectionState::kHold || call->state == ConnectionState::kAlerting)
    call = active();
  if (call) calls_.clear(call->id);
  return acted || call;
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
      start_tone(Tone::kReorderTone, instance, 0);
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
  if (!softkey_acts(event, instance, call_reference)) key_not_active(instance, call_reference);
}

bool Station::softkey_acts(SoftKeyEvent event, std::uint32_t instance,
                           std::uint32_t call_reference) {
  const Connection* call = mine(call_reference);
  switch (event) {
    case SoftKeyEvent::kNewCall:
      if (active()) return false;
      off_hook(instance, false);
      return true;
    case SoftKeyEvent::kRedial:
      if (last_dialed_.empty() || active()) return false;
      {
        std::string number = last_dialed_;
        off_hook(instance, false);
        if (const Connection* dialing = active()) calls_.dial_number(dialing->id, number);
      }
      return true;
    case SoftKeyEvent::kEndCall:
      return on_hook(call_reference);
    case SoftKeyEvent::kAnswer:
      if (!call || call->state != ConnectionState::kAlerting) call = ringing();
      return call && calls_.answer(call->id) == CallError::kNone;
    case SoftKeyEvent::kHold:
      if (!call) call = active();
      return call && calls_.hold(call->id) == CallError::kNone;
    case SoftKeyEvent::kResume:
      if (!call || call->state != ConnectionState::kHold) call = held();
      return call && calls_.retrieve(call->id) == CallError::kNone;
    case SoftKeyEvent::kTransfer:
      if (!call) call = active();
      return call && transfer_key(call->id);
    case SoftKeyEvent::kCFwdAll: {
      const LineAppearance* line = appearance_or_first(instance);
      if (!line) return false;
      forward_key(line->dn_tag);
      return true;
    }
    case SoftKeyEvent::kDnd:
      toggle_dnd();
      return true;
    case SoftKeyEvent::kBackSpace: {
      msg::BackSpaceRes res;
      res.line_instance = instance;
      res.call_reference = call_reference;
      send(res);
      return true;
    }
    default:
      return false;  // features cmemu does not model
  }
}

void Station::key_not_active(std::uint32_t instance, std::uint32_t call_reference) {
  // A key that cannot act gets a visible answer, never silence (docs/sccp.md §9).
  msg::DisplayPromptStatus prompt;
  prompt.timeout = kKeyNotActiveSeconds;
  prompt.prompt_text = phrase(kPhraseKeyIsNotActive);
  prompt.line_instance = instance;
  prompt.call_reference = mine(call_reference) ? call_reference : 0;
  send(prompt);
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
    case Stimulus::kHold: {
      // The Hold button toggles: pressed again on the held call it resumes (docs/sccp.md §9).
      const Connection* named = mine(message.call_reference);
      bool resume = named ? named->state == ConnectionState::kHold : !active() && held();
      softkey(resume ? SoftKeyEvent::kResume : SoftKeyEvent::kHold, message.stimulus_instance,
              message.call_reference);
      break;
    }
    case Stimulus::kTransfer:
      softkey(SoftKeyEvent::kTransfer, message.stimulus_instance, message.call_reference);
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

bool Station::transfer_key(ConnectionId id) {
  const Connection* call = calls_.connection(id);
  if (!call) return false;
  // The second press completes (docs/sccp.md §9), naming either call: the consultation (connected
  // = consulted transfer, still ringing = blind) or the held original it belongs to.
  if (call->consultation && calls_.connection(call->consulting))
    return calls_.transfer(call->consulting, id) == CallError::kNone;
  if (call->state == ConnectionState::kHold) {
    const Connection* consultation = consultation_of(id);
    return consultation && calls_.transfer(id, consultation->id) == CallError::kNone;
  }
  return call->state == ConnectionState::kConnected &&
         calls_.consult(id, "", nullptr) == CallError::kNone;
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
  int instance = provision_.instance_of(dn_tag);
  show_prompt(phrase(kPhraseEnterNumber), instance, 0);
  start_tone(Tone::kInsideDialTone, instance, 0);
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

void Station::hold_state_last(int line_tag) {
  // A phone applies messages in order, and a line lamp or softkey change can move its held call
  // back to Connected: CallState Hold is repeated after them (docs/sccp.md §9).
  if (const runtime::Line* line = calls_.line(line_tag))
    for (ConnectionId id : line->connections)
      if (calls_.connection(id)->state == ConnectionState::kHold)
        send_call_state(provision_.instance_of(line_tag), call_reference_of(id), CallState::kHold);
}

void Station::send_call_state(int instance, std::uint32_t call_reference, CallState state) {
  msg::CallState message;
  message.call_state = state;
  message.line_instance = static_cast<std::uint32_t>(instance);
  message.call_reference = call_reference;
  message.precedence_level = 4;  // as CUCM 4.1 [CAP]
  send(message);
}

void Station::start_tone(Tone tone, int instance, std::uint32_t call_reference) {
  send(msg::StartTone{.tone = tone,
                      .direction = ToneDirection::kUser,
                      .line_instance = static_cast<std::uint32_t>(instance),
                      .call_reference = call_reference});
}

void Station::show_prompt(const std::string& text, int instance, std::uint32_t call_reference) {
  msg::DisplayPromptStatus prompt;
  prompt.prompt_text = text;
  prompt.line_instance = static_cast<std::uint32_t>(instance);
  prompt.call_reference = call_reference;
  send(prompt);
}

void Station::ringer_off(int instance, std::uint32_t call_reference) {
  send(msg::SetRinger{.ring_mode = RingMode::kRingOff,
                      .ring_duration = RingDuration::kNormal,
                      .line_instance = static_cast<std::uint32_t>(instance),
                      .call_reference = call_reference});
}

void Station::select_softkeys(int instance, std::uint32_t call_reference, SoftKeySet set) {
  msg::SelectSoftKeys keys;
  keys.line_instance = static_cast<std::uint32_t>(instance);
  keys.call_reference = call_reference;
  keys.soft_key_set = set;
  // CUCM 4.1 turned the Connected set's 10th key (VidMode) off (docs/sccp.md §5.1).
  keys.valid_key_mask = set == SoftKeySet::kConnected ? kConnectedKeys : kAllKeys;
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
  ringer_off(0, 0);
  if (speaker) {
    speaker_on_ = true;
    send(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOn});
  }
  set_lamp(instance, LampMode::kOn);
  hold_state_last(connection.line);
  send_call_state(instance, ref, CallState::kOffHook);
  select_softkeys(instance, ref, SoftKeySet::kOffHook);
  show_prompt(phrase(kPhraseEnterNumber), instance, ref);
  send(msg::ActivateCallPlane{.line_instance = static_cast<std::uint32_t>(instance)});
  start_tone(Tone::kInsideDialTone, instance, ref);
}

void Station::show_ring_in(const Connection& connection) {
  int instance = instance_of(connection);
  std::uint32_t ref = call_reference_of(connection.id);
  const runtime::Call* call = calls_.call(connection.call);
  std::string from = phrase(kPhraseFrom, call ? call->calling_number : std::string());
  send_call_state(instance, ref, CallState::kRingIn);
  select_softkeys(instance, ref, SoftKeySet::kRingIn);
  show_prompt(from, instance, ref);
  msg::DisplayPriNotify notify;
  notify.timeout = 10;
  notify.priority = kPriorityNotify;
  notify.notify_text = from;
  send(notify);
  send_call_info(connection);
  set_lamp(instance, LampMode::kBlink);
  hold_state_last(connection.line);
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
  start_tone(Tone::kAlertingTone, instance, ref);
}

void Station::show_connected(const Connection& connection, bool answered_here) {
  int instance = instance_of(connection);
  std::uint32_t ref = call_reference_of(connection.id);
  msg::StopTone stop;
  stop.line_instance = static_cast<std::uint32_t>(instance);
  stop.call_reference = ref;
  if (answered_here) {
    ringer_off(0, 0);
    if (!handset_off_hook_ && !speaker_on_) {
      speaker_on_ = true;
      send(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOn});
    }
    set_lamp(instance, LampMode::kOn);
    hold_state_last(connection.line);
    send_call_state(instance, ref, CallState::kOffHook);
    send(msg::ActivateCallPlane{.line_instance = static_cast<std::uint32_t>(instance)});
    // The ringer stops for this call too before the tone does, as CUCM 4.1 did (docs/sccp.md §9).
    ringer_off(instance, ref);
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

void Station::show_cleared(ConnectionId id, int line_tag, bool transferring) {
  int instance = provision_.instance_of(line_tag);
  std::uint32_t ref = call_reference_of(id);
  tone_stopped_.erase(id);
  msg::StopTone stop;
  stop.line_instance = static_cast<std::uint32_t>(instance);
  stop.call_reference = ref;
  send(stop);
  // A transfer drops the held original next: it is not shown held again.
  const Connection* remaining = nullptr;
  if (const runtime::Line* line = calls_.line(line_tag); line && !transferring)
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
  else if (const Connection* other = held(); other && !transferring) {
    select_softkeys(instance_of(*other), call_reference_of(other->id), SoftKeySet::kOnHold);
    hold_state_last(other->line);
  }
  send_time();
  if (idle && speaker_on_) {
    speaker_on_ = false;
    send(msg::SetSpeakerMode{.speaker_mode = SpeakerMode::kOff});
  }
  ringer_off(0, 0);
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
        start_tone(busy ? Tone::kLineBusyTone : Tone::kReorderTone, instance, ref);
      }
      break;
    case CallEventType::kEstablished:
      if (subject) show_connected(*subject, true);
      for (const Connection* party : others) show_connected(*party, false);
      break;
    case CallEventType::kConnectionCleared:
      if (line_mine)
        show_cleared(event.connection, event.line, event.cause == EventCause::kTransfer);
      break;
    case CallEventType::kHeld:
      if (subject) {
        int instance = instance_of(*subject);
        std::uint32_t ref = call_reference_of(subject->id);
        close_media(subject->id, static_cast<std::uint32_t>(instance));
        // Lamp and softkeys first: CallState Hold is the last word on a held call
        // (docs/sccp.md §9).
        set_lamp(instance, LampMode::kWink);
        select_softkeys(instance, ref, SoftKeySet::kOnHold);
        send_call_state(instance, ref, CallState::kHold);
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
        hold_state_last(subject->line);
        open_media(*subject);
      }
      for (const Connection* party : others) open_media(*party);
      break;
    case CallEventType::kDiverted:
      if (line_mine && event.connection != 0) show_cleared(event.connection, event.line, false);
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
