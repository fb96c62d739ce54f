#include "http/live_view.hpp"

#include <chrono>
#include <cstdio>

#include "http/xml_api.hpp"
#include "runtime/call_model.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/cti_engine.hpp"
#include "runtime/registrar_status.hpp"

namespace cmemu::http {
namespace {

using runtime::ConnectionState;

/// One JSON object written field by field.
class Json {
 public:
  Json& field(std::string_view key, std::string_view value) { return raw(key, json_string(value)); }
  Json& field(std::string_view key, const char* value) {
    return field(key, std::string_view(value));
  }
  Json& field(std::string_view key, const std::string& value) {
    return field(key, std::string_view(value));
  }
  Json& field(std::string_view key, long value) { return raw(key, std::to_string(value)); }
  Json& field(std::string_view key, int value) { return raw(key, std::to_string(value)); }
  Json& field(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }
  Json& raw(std::string_view key, std::string_view value) {
    text_ += text_.size() > 1 ? "," : "";
    text_ += json_string(key);
    text_ += ':';
    text_ += value;
    return *this;
  }
  std::string done() { return text_ + "}"; }

 private:
  std::string text_ = "{";
};

std::string array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) out += (out.size() > 1 ? "," : "") + item;
  return out + "]";
}

std::string_view lamp_of(std::string_view state) {
  if (state == "connected" || state == "dialing") return "on";
  if (state == "ringing") return "blink";
  if (state == "hold") return "wink";
  return "off";
}

/// What a phone shows, from the call model: its call state and its prompt line.
std::pair<std::string, std::string> phone_activity(const runtime::CallModel* calls,
                                                   const std::vector<int>& dns) {
  if (!calls) return {"idle", ""};
  std::pair<std::string, std::string> best{"idle", ""};
  int best_rank = 0;
  for (int dn : dns) {
    const auto* line = calls->line(dn);
    if (!line) continue;
    for (auto id : line->connections) {
      const auto* c = calls->connection(id);
      if (!c) continue;
      const auto* peer = calls->peer(id);
      const auto* call = calls->call(c->call);
      std::string far = call ? (c->originating ? call->called_number : call->calling_number) : "";
      int rank = 0;
      std::pair<std::string, std::string> shown;
      switch (c->state) {
        case ConnectionState::kConnected:
          if (peer && peer->state == ConnectionState::kAlerting) {
            rank = 4, shown = {"ringout", "Ring Out " + far};
          } else {
            rank = 6, shown = {"connected", "Connected " + far};
          }
          break;
        case ConnectionState::kAlerting:
          rank = 5, shown = {"ringing", "From " + far};
          break;
        case ConnectionState::kHold:
          rank = 3, shown = {"hold", "On Hold " + far};
          break;
        case ConnectionState::kInitiated:
          rank = 2, shown = {"offhook", c->dialed.empty() ? "Enter number" : c->dialed};
          break;
        case ConnectionState::kFail:
          rank = 1, shown = {"failed", "Busy"};
          break;
        case ConnectionState::kNull:
          break;
      }
      if (rank > best_rank) best_rank = rank, best = shown;
    }
  }
  return best;
}

void add_phones(const LiveSources& s, LiveState& state) {
  std::map<int, const runtime::PhoneStatus*> registered;
  for (const auto& phone : s.phones) registered[phone.ephone_tag] = &phone;
  for (const auto& [tag, ephone] : s.config.ephones) {
    auto found = registered.find(tag);
    const runtime::PhoneStatus* phone = found == registered.end() ? nullptr : found->second;
    std::vector<std::string> buttons;
    std::vector<int> dns;
    // A registered phone shows what it was provisioned with (an EM login may differ from the
    // `button` lines); an unregistered one its configured buttons.
    auto add_button = [&](int button, const std::vector<int>& tags) {
      for (int dn : tags) {
        auto dn_config = s.config.ephone_dns.find(dn);
        std::string number = dn_config == s.config.ephone_dns.end() ? "" : dn_config->second.number;
        auto line_state_text = line_state(s.calls, dn);
        buttons.push_back(Json()
                              .field("button", button)
                              .field("dn", dn)
                              .field("number", number)
                              .field("lamp", phone ? lamp_of(line_state_text) : "off")
                              .field("state", line_state_text)
                              .done());
        dns.push_back(dn);
      }
    };
    if (phone)
      for (const auto& b : phone->buttons) add_button(b.button, b.dn_tags);
    else
      for (const auto& b : ephone.buttons) add_button(b.button, b.dns);
    auto [activity, prompt] = phone_activity(phone ? s.calls : nullptr, dns);
    if (phone && activity == "idle") prompt = s.config.hostname;
    Json json;
    json.field("kind", "phone")
        .field("tag", tag)
        .field("name", ephone.mac ? device_name(*ephone.mac) : std::string())
        .field("type", ephone.type)
        .field("model", phone ? phone->model_name : std::string())
        .field("registered", phone != nullptr)
        .field("ip", phone ? phone->ip : std::string())
        .field("prompt", prompt)
        .field("activity", activity)
        .raw("buttons", array(buttons));
    state["p:" + std::to_string(tag)] = json.done();
  }
}

void add_lines(const LiveSources& s, LiveState& state) {
  for (const auto& [tag, dn] : s.config.ephone_dns) {
    const runtime::Line* line = s.calls ? s.calls->line(tag) : nullptr;
    Json json;
    json.field("kind", "dn")
        .field("tag", tag)
        .field("number", dn.number)
        .field("name", dn.name)
        .field("label", dn.label)
        .field("state", line_state(s.calls, tag))
        .field("phones", line ? line->endpoints : 0)
        .field("dnd", line && line->dnd)
        .field("forward", line ? line->forward_all : dn.call_forward_all)
        .field("watch", dn.cti_watch);
    state["d:" + std::to_string(tag)] = json.done();
  }
}

void add_calls(const LiveSources& s, LiveState& state) {
  if (!s.calls) return;
  for (const auto& [id, call] : s.calls->calls()) {
    std::vector<std::string> parties;
    for (auto party : call.parties) {
      const auto* c = s.calls->connection(party);
      if (!c) continue;
      const auto* line = s.calls->line(c->line);
      parties.push_back(Json()
                            .field("connection", static_cast<long>(party))
                            .field("dn", c->line)
                            .field("number", line ? line->number : std::string())
                            .field("state", runtime::to_string(c->state))
                            .done());
    }
    Json json;
    json.field("kind", "call")
        .field("id", static_cast<long>(id))
        .field("calling", call.calling_number)
        .field("called", call.called_number)
        .raw("parties", array(parties));
    state["c:" + std::to_string(id)] = json.done();
  }
}

void add_cti(const LiveSources& s, LiveState& state) {
  auto now = runtime::Clock::instance().steady_now();
  if (s.cti) {
    for (const auto& [id, session] : s.cti->sessions()) {
      std::vector<std::string> monitors;
      for (const auto& m : session.monitors)
        monitors.push_back(
            Json().field("id", m.cross_ref_id).field("device", m.device_number).done());
      Json json;
      json.field("kind", "session")
          .field("id", id)
          .field("user", session.user)
          .field("line", session.line)
          .field("peer", session.peer)
          .field("server", session.session_server_name)
          .raw("monitors", array(monitors));
      state["s:" + std::to_string(id)] = json.done();
    }
  }
  for (const auto& [tag, server] : s.config.session_servers) {
    auto registration = s.registrar ? s.registrar->session_server(tag) : std::nullopt;
    long expires = 0;
    if (registration)
      expires = static_cast<long>(
          std::chrono::duration_cast<std::chrono::seconds>(registration->expires_at - now).count());
    Json json;
    json.field("kind", "server")
        .field("tag", tag)
        .field("id", server.register_id)
        .field("registered", registration.has_value())
        .field("contact", registration ? registration->contact : std::string())
        .field("expires", expires > 0 ? expires : 0L);
    state["r:" + std::to_string(tag)] = json.done();
  }
}

}  // namespace

LiveState live_state(const LiveSources& sources) {
  LiveState state;
  add_phones(sources, state);
  add_lines(sources, state);
  add_calls(sources, state);
  add_cti(sources, state);
  Json global;
  global.field("kind", "router")
      .field("hostname", sources.config.hostname)
      .field("registered", static_cast<long>(sources.phones.size()))
      .field("ephones", static_cast<long>(sources.config.ephones.size()));
  state["g:router"] = global.done();
  return state;
}

std::string live_diff(const LiveState& before, const LiveState& after) {
  std::string set, del;
  auto b = before.begin();
  auto a = after.begin();
  auto put = [&](const std::string& key, const std::string& value) {
    set += (set.empty() ? "" : ",") + json_string(key) + ":" + value;
  };
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      del += (del.empty() ? "" : ",") + json_string(b->first);
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      put(a->first, a->second);
      ++a;
    } else {
      if (a->second != b->second) put(a->first, a->second);
      ++a, ++b;
    }
  }
  if (set.empty() && del.empty()) return {};
  return "{\"set\":{" + set + "},\"del\":[" + del + "]}";
}

std::string live_snapshot(const LiveState& state) {
  return live_diff({}, state);
}

namespace {

/// The length of the valid UTF-8 sequence at `at`, 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  std::size_t length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length == 0 || lead >= 0xf5 || at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
  if (lead == 0xe0 && byte(at + 1) < 0xa0) return 0;   // overlong
  if (lead == 0xed && byte(at + 1) >= 0xa0) return 0;  // surrogates
  if (lead == 0xf0 && byte(at + 1) < 0x90) return 0;
  if (lead == 0xf4 && byte(at + 1) >= 0x90) return 0;
  return length;
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t at = 0; at < text.size(); ++at) {
    char ch = text[at];
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      // A WebSocket text frame must be UTF-8: a byte that starts no valid sequence prints as
      // U+FFFD.
      std::size_t length = utf8_length(text, at);
      if (length == 0) {
        out += "\\ufffd";
      } else {
        out += text.substr(at, length);
        at += length - 1;
      }
      continue;
    }
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '<':
        out += "\\u003c";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", c);
          out += escape;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

}  // namespace cmemu::http
