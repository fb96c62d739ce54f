#include "cli/phone/phone_simulator.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <type_traits>
#include <variant>

#include "grammar/text.hpp"
#include "sccp/message_text.hpp"

namespace cmemu::sccp {
namespace {

bool is_ringing(CallState s) {
  return s == CallState::kRingIn || s == CallState::kCallWaiting;
}
bool is_held(CallState s) {
  return s == CallState::kHold;
}
bool is_active(CallState s) {
  return !is_ringing(s) && !is_held(s);
}

/// The codecs a 7961 offers: G.711 µ-law and A-law, G.729 (A, B, AB), 20-30 ms packets.
msg::CapabilitiesRes capabilities() {
  msg::CapabilitiesRes res;
  const std::pair<Codec, std::uint32_t> offered[] = {
      {Codec::kG711Ulaw, 40}, {Codec::kG711Alaw, 40}, {Codec::kG729, 60},
      {Codec::kG729A, 60},    {Codec::kG729B, 60},    {Codec::kG729AB, 60},
  };
  for (const auto& [codec, frames] : offered) {
    res.capabilities[res.count].payload_capability = codec;
    res.capabilities[res.count].max_frames_per_packet = frames;
    ++res.count;
  }
  return res;
}

}  // namespace

std::optional<std::uint64_t> parse_mac(std::string_view text) {
  std::uint64_t mac = 0;
  int digits = 0;
  for (char c : text) {
    if (c == '.' || c == ':' || c == '-') continue;
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      value = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      value = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    if (++digits > 12) return std::nullopt;
    mac = mac << 4 | static_cast<std::uint64_t>(value);
  }
  if (digits != 12) return std::nullopt;
  return mac;
}

std::string format_mac(std::uint64_t mac) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04X.%04X.%04X", static_cast<unsigned>(mac >> 32 & 0xFFFF),
                static_cast<unsigned>(mac >> 16 & 0xFFFF), static_cast<unsigned>(mac & 0xFFFF));
  return buffer;
}

std::string device_name_for_mac(std::uint64_t mac) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "SEP%012llX",
                static_cast<unsigned long long>(mac & 0xFFFFFFFFFFFFULL));
  return buffer;
}

SimulatedPhone::SimulatedPhone(PhoneSettings settings) : settings_(std::move(settings)) {}

SimulatedPhone::Messages SimulatedPhone::start(PhoneTime) {
  msg::RegisterReq req;
  req.device_name = settings_.device_name;
  req.station_user_id = 0;
  req.station_instance = 1;
  req.station_ip = settings_.ip;
  req.device_type = settings_.device_type;
  req.max_streams = settings_.max_streams;
  req.protocol_version = settings_.protocol_version;
  return {req};
}

SimulatedPhone::Messages SimulatedPhone::request_templates() {
  templates_requested_ = true;
  return {msg::ButtonTemplateReq{}, msg::SoftKeyTemplateReq{}, msg::SoftKeySetReq{}};
}

bool SimulatedPhone::registered() const {
  return acknowledged_ && button_template_ && soft_key_template_ && soft_key_sets_ &&
         lines_requested_ && pending_line_stats_.empty();
}

SimulatedPhone::Messages SimulatedPhone::handle(const Message& message, PhoneTime now) {
  ++received_;
  Messages out;
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, msg::RegisterAck>) {
          acknowledged_ = true;
          acknowledged_at_ = now;
          keep_alive_ = m.keep_alive_interval > 0 ? std::chrono::seconds(m.keep_alive_interval)
                                                  : settings_.default_keep_alive;
          next_keep_alive_ = now + keep_alive_;
          if (capabilities_answered_ && !templates_requested_) out = request_templates();
        } else if constexpr (std::is_same_v<M, msg::RegisterReject>) {
          rejected_ = m.text.str();
        } else if constexpr (std::is_same_v<M, msg::CapabilitiesReq>) {
          capabilities_answered_ = true;
          out.push_back(capabilities());
          if (acknowledged_ && !templates_requested_) {
            for (auto& request : request_templates()) out.push_back(std::move(request));
          }
        } else if constexpr (std::is_same_v<M, msg::ButtonTemplateRes>) {
          button_template_ = true;
          if (m.button_offset == 0) lines_.clear();
          std::size_t count = std::min<std::size_t>(m.button_count, m.buttons.size());
          for (std::size_t i = 0; i < count; ++i) {
            if (m.buttons[i].button_definition == ButtonDefinition::kLine)
              lines_.push_back(m.buttons[i].instance_number);
          }
          // Only the first template starts the line requests; later ones (extension mobility,
          // live changes) come with the router's own LineStatRes (docs/sccp.md §8).
          if (!lines_requested_ && m.button_offset + count >= m.total_button_count) {
            lines_requested_ = true;
            for (std::uint32_t line : lines_) {
              pending_line_stats_.insert(line);
              out.push_back(msg::LineStatReq{.line_number = line});
              out.push_back(msg::ForwardStatReq{.line_number = line});
            }
            out.push_back(msg::RegisterAvailableLines{
                .max_number_of_available_lines = static_cast<std::uint32_t>(lines_.size())});
            out.push_back(msg::TimeDateReq{});
          }
        } else if constexpr (std::is_same_v<M, msg::SoftKeyTemplateRes>) {
          soft_key_template_ = true;
          if (m.soft_key_offset == 0) soft_keys_.clear();
          std::size_t count = std::min<std::size_t>(m.soft_key_count, m.soft_keys.size());
          soft_keys_.insert(soft_keys_.end(), m.soft_keys.begin(), m.soft_keys.begin() + count);
        } else if constexpr (std::is_same_v<M, msg::SoftKeySetRes>) {
          soft_key_sets_ = true;
        } else if constexpr (std::is_same_v<M, msg::LineStatRes>) {
          line_numbers_[m.line_number] = m.line_dir_number.str();
          pending_line_stats_.erase(m.line_number);
        } else if constexpr (std::is_same_v<M, msg::ForwardStatRes>) {
          forwards_[m.line_number] = ForwardStatus{
              .all = m.forward_all_active != 0,
              .all_number = m.forward_all_dir_number.str(),
              .busy = m.forward_busy_active != 0,
              .busy_number = m.forward_busy_dir_number.str(),
              .no_answer = m.forward_no_answer_active != 0,
              .no_answer_number = m.forward_no_answer_dir_number.str(),
          };
        } else if constexpr (std::is_same_v<M, msg::Reset>) {
          reset_ = m.reset_type;
        } else if constexpr (std::is_same_v<M, msg::CallState>) {
          on_call_state(m, now);
        } else if constexpr (std::is_same_v<M, msg::SetLamp>) {
          if (m.stimulus == Stimulus::kLine) {
            lamps_[m.stimulus_instance] = m.lamp_mode;
          } else if (m.stimulus == Stimulus::kVoiceMail) {
            mwi_ = m.lamp_mode;
          }
        } else if constexpr (std::is_same_v<M, msg::StartTone>) {
          tone_ = m.tone;
          tone_line_ = m.line_instance;
        } else if constexpr (std::is_same_v<M, msg::StopTone>) {
          if (m.line_instance == 0 || tone_line_ == 0 || m.line_instance == tone_line_)
            tone_.reset();
        } else if constexpr (std::is_same_v<M, msg::DisplayPromptStatus>) {
          prompt_ = m.prompt_text.str();
        } else if constexpr (std::is_same_v<M, msg::ClearPromptStatus>) {
          prompt_.clear();
        } else if constexpr (std::is_same_v<M, msg::DisplayNotify>) {
          notify_ = m.notify_text.str();
        } else if constexpr (std::is_same_v<M, msg::ClearNotify>) {
          notify_.clear();
        } else if constexpr (std::is_same_v<M, msg::DisplayPriNotify>) {
          priority_notify_ = m.notify_text.str();
        } else if constexpr (std::is_same_v<M, msg::ClearPriNotify>) {
          priority_notify_.clear();
        } else if constexpr (std::is_same_v<M, msg::OpenReceiveChannel>) {
          out.push_back(msg::OpenReceiveChannelAck{
              .media_status = MediaStatus::kOk,
              .ip_address = settings_.ip,
              .port = settings_.media_port_base + 2 * (channels_opened_++ % 8),
              .pass_thru_party_id = m.pass_thru_party_id,
              .call_reference = m.call_reference,
          });
        }
      },
      message);
  return out;
}

void SimulatedPhone::on_call_state(const msg::CallState& m, PhoneTime now) {
  CallStateRecord record{.sequence = call_state_log_.size(),
                         .state = m.call_state,
                         .line = m.line_instance,
                         .call_reference = m.call_reference};
  call_state_log_.push_back(record);
  auto& calls = calls_[m.line_instance];
  auto it = std::find_if(calls.begin(), calls.end(), [&](const PhoneCall& call) {
    return call.call_reference == m.call_reference;
  });
  if (m.call_state == CallState::kOnHook || m.call_state == CallState::kIdle) {
    if (it != calls.end()) calls.erase(it);
    return;
  }
  if (it == calls.end()) {
    calls.push_back(PhoneCall{m.call_reference, m.call_state, record.sequence});
  } else {
    it->state = m.call_state;
    it->updated = record.sequence;
  }
  if (m.call_state == CallState::kRingIn && settings_.answer_after) {
    bool pending =
        std::any_of(pending_answers_.begin(), pending_answers_.end(), [&](const PendingAnswer& p) {
          return p.line == m.line_instance && p.call_reference == m.call_reference;
        });
    if (!pending)
      pending_answers_.push_back(
          {m.line_instance, m.call_reference, now + *settings_.answer_after});
  }
}

SimulatedPhone::Messages SimulatedPhone::poll(PhoneTime now) {
  Messages out;
  if (acknowledged_ && !templates_requested_ && acknowledged_at_ &&
      now >= *acknowledged_at_ + settings_.capabilities_wait)
    out = request_templates();
  if (next_keep_alive_ && now >= *next_keep_alive_) {
    out.push_back(msg::KeepAlive{});
    // One keepalive per period, even after a long stall.
    while (*next_keep_alive_ <= now) *next_keep_alive_ += keep_alive_;
  }
  for (auto it = pending_answers_.begin(); it != pending_answers_.end();) {
    if (now < it->at) {
      ++it;
      continue;
    }
    // Only a call that still rings: the caller may have given up meanwhile.
    auto calls = calls_.find(it->line);
    bool ringing = calls != calls_.end() &&
                   std::any_of(calls->second.begin(), calls->second.end(), [&](const PhoneCall& c) {
                     return c.call_reference == it->call_reference && c.state == CallState::kRingIn;
                   });
    if (ringing) {
      out.push_back(msg::SoftKeyEvent{
          .soft_key_event = soft_key_code("Answer").value_or(SoftKeyEvent::kAnswer),
          .line_instance = it->line,
          .call_reference = it->call_reference});
      ++answered_;
    }
    it = pending_answers_.erase(it);
  }
  return out;
}

std::optional<PhoneTime> SimulatedPhone::next_deadline() const {
  std::optional<PhoneTime> deadline = next_keep_alive_;
  if (acknowledged_ && !templates_requested_ && acknowledged_at_) {
    PhoneTime fallback = *acknowledged_at_ + settings_.capabilities_wait;
    if (!deadline || fallback < *deadline) deadline = fallback;
  }
  for (const auto& answer : pending_answers_)
    if (!deadline || answer.at < *deadline) deadline = answer.at;
  return deadline;
}

std::uint32_t SimulatedPhone::latest_call(std::uint32_t line, bool (*pick)(CallState)) const {
  auto it = calls_.find(line);
  if (it == calls_.end()) return 0;
  const PhoneCall* best = nullptr;
  for (const auto& call : it->second) {
    if (pick(call.state) && (!best || call.updated > best->updated)) best = &call;
  }
  return best ? best->call_reference : 0;
}

std::uint32_t SimulatedPhone::current_call(std::uint32_t line) const {
  if (auto ref = latest_call(line, is_active)) return ref;
  if (auto ref = latest_call(line, is_held)) return ref;
  return latest_call(line, is_ringing);
}

std::uint32_t SimulatedPhone::ringing_call(std::uint32_t line) const {
  return latest_call(line, is_ringing);
}

std::uint32_t SimulatedPhone::held_call(std::uint32_t line) const {
  return latest_call(line, is_held);
}

std::vector<PhoneCall> SimulatedPhone::calls(std::uint32_t line) const {
  auto it = calls_.find(line);
  return it == calls_.end() ? std::vector<PhoneCall>{} : it->second;
}

std::optional<std::string> SimulatedPhone::line_number(std::uint32_t line) const {
  auto it = line_numbers_.find(line);
  if (it == line_numbers_.end()) return std::nullopt;
  return it->second;
}

LampMode SimulatedPhone::lamp(std::uint32_t line) const {
  auto it = lamps_.find(line);
  return it == lamps_.end() ? LampMode::kOff : it->second;
}

ForwardStatus SimulatedPhone::forward(std::uint32_t line) const {
  auto it = forwards_.find(line);
  return it == forwards_.end() ? ForwardStatus{} : it->second;
}

SimulatedPhone::Messages SimulatedPhone::off_hook(std::uint32_t line) const {
  return {msg::OffHook{.line_instance = line, .call_reference = ringing_call(line)}};
}

SimulatedPhone::Messages SimulatedPhone::on_hook(std::uint32_t line) const {
  return {msg::OnHook{.line_instance = line, .call_reference = current_call(line)}};
}

SimulatedPhone::Messages SimulatedPhone::dial(std::uint32_t line, std::string_view digits) const {
  Messages out;
  std::uint32_t ref = current_call(line);
  for (char c : digits) {
    if (auto key = keypad_button(c)) {
      out.push_back(
          msg::KeypadButton{.kp_button = *key, .line_instance = line, .call_reference = ref});
    }
  }
  return out;
}

SimulatedPhone::Messages SimulatedPhone::press(std::uint32_t line, SoftKeyEvent code,
                                               bool on_held) const {
  std::uint32_t ref = 0;
  // Codes 1-18 mean the same on every router (docs/sccp.md §5.1).
  SoftKeyEvent meaning = code;
  if (on_held) {
    ref = held_call(line);
  } else if (meaning == SoftKeyEvent::kAnswer) {
    ref = ringing_call(line);
    if (ref == 0) ref = current_call(line);
  } else if (meaning == SoftKeyEvent::kResume) {
    ref = held_call(line);
    if (ref == 0) ref = current_call(line);
  } else if (meaning != SoftKeyEvent::kNewCall) {
    ref = current_call(line);
  }
  return {msg::SoftKeyEvent{.soft_key_event = code, .line_instance = line, .call_reference = ref}};
}

std::optional<SoftKeyEvent> SimulatedPhone::soft_key_code(std::string_view name) const {
  for (const auto& key : soft_keys_) {
    std::string_view label = key.label.view();
    bool match = false;
    if (label.size() == 2 && static_cast<unsigned char>(label[0]) == 0x80) {
      auto number = static_cast<unsigned char>(label[1]);
      std::string_view standard = soft_key_event_name(static_cast<SoftKeyEvent>(number));
      match = text::iequals(standard, name) || text::iequals(label_text(number), name);
    } else {
      match = text::iequals(label, name);
    }
    if (match) return key.event;
  }
  return soft_key_event_from_name(name);
}

}  // namespace cmemu::sccp
