#include "sip/registrar.hpp"

#include "runtime/config/config.hpp"

namespace cmemu::sip {
namespace {

constexpr int kDefaultExpiresMax = 3600;  // `registrar server` defaults (docs/commands.md §3.2)
constexpr int kDefaultExpiresMin = 60;
constexpr std::uint32_t kRequestedDefault = 3600;  // RFC 3261 §10.2.1.1 when none is asked

// The expiry a REGISTER asks for: the Contact's `expires` parameter, else Expires, else default.
std::uint32_t requested_expiry(const Message& request, const NameAddr* contact) {
  if (contact)
    if (auto param = contact->param("expires")) {
      std::uint32_t value = 0;
      for (char ch : *param) {
        if (ch < '0' || ch > '9' || value > 100000000) return kRequestedDefault;
        value = value * 10 + static_cast<std::uint32_t>(ch - '0');
      }
      return value;
    }
  return request.expires().value_or(kRequestedDefault);
}

// Deterministic per registration; only needs to differ between registrations (emulated).
std::uint32_t ref_id_for(std::uint64_t reg_number) {
  return static_cast<std::uint32_t>((reg_number * 2654435761u) ^ 0x9B2783C0u);
}

}  // namespace

std::vector<int> Registrar::apply(const runtime::Config& config) {
  std::map<int, SessionServerEntry> next;
  for (const auto& [tag, server] : config.session_servers) {
    SessionServerEntry entry;
    entry.register_id = server.register_id;
    entry.keepalive = server.keepalive_seconds();
    entry.cti_aware = server.cti_aware;
    auto old = session_servers_.find(tag);
    // A registration survives a change of keepalive (applied at the next refresh), not a
    // change of identity.
    if (old != session_servers_.end() && old->second.register_id == entry.register_id) {
      entry.registration = old->second.registration;
      entry.contact_host = old->second.contact_host;
      entry.contact_port = old->second.contact_port;
      entry.silenced = old->second.silenced;
    }
    next.emplace(tag, std::move(entry));
  }
  std::vector<int> ended;
  for (const auto& [tag, entry] : session_servers_)
    if (entry.registration && !(next.count(tag) && next.at(tag).registration)) ended.push_back(tag);
  session_servers_ = std::move(next);
  registrar_bounds_.reset();
  if (config.voice_service && config.voice_service->sip && config.voice_service->sip->registrar) {
    const auto& registrar = *config.voice_service->sip->registrar;
    registrar_bounds_ = {registrar.expires_min.value_or(kDefaultExpiresMin),
                         registrar.expires_max.value_or(kDefaultExpiresMax)};
  } else {
    plain_.clear();
  }
  return ended;
}

Registrar::Answer Registrar::handle_register(const Message& request, Clock::time_point now) {
  expire(now);
  Answer answer;
  const auto& to = request.to();
  auto contacts = request.contacts();
  if (!to) {
    answer.status_code = 400;
    return answer;
  }
  std::string user(to->uri.user);
  const NameAddr* contact = contacts && !contacts->empty() ? &contacts->front() : nullptr;
  bool remove_all = request.value("Contact") == std::optional<std::string_view>("*");
  std::uint32_t asked = requested_expiry(request, contact);
  std::string contact_text = contact ? std::string(contact->uri.text) : std::string();

  for (auto& [tag, entry] : session_servers_) {
    if (entry.register_id.empty() || entry.register_id != user) continue;
    // docs/decisions.md #23: the session-server gets its keepalive, whatever it asked for.
    if (asked == 0 || remove_all) {
      if (entry.registration) answer.ended.push_back(tag);
      entry.registration.reset();
      entry.silenced = false;
      answer.headers.push_back({"Expires", "0"});
      return answer;
    }
    if (entry.silenced) {  // docs/decisions.md #25: refreshes go unanswered
      answer.silent = true;
      return answer;
    }
    if (!contact) {  // a query: report the binding if there is one
      if (entry.registration)
        answer.headers.push_back({"Contact", "<" + entry.registration->contact + ">"});
      return answer;
    }
    if (!entry.registration || entry.registration->contact != contact_text) {
      entry.registration = runtime::SessionServerRegistration{};
      entry.registration->reg_number = next_reg_number_++;
      entry.registration->ref_id = ref_id_for(entry.registration->reg_number);
      entry.registration->contact = contact_text;
      entry.contact_host = std::string(contact->uri.host);
      entry.contact_port = contact->uri.port.value_or(5060);
    }
    entry.registration->expires_at = now + std::chrono::seconds(entry.keepalive);
    std::string granted = std::to_string(entry.keepalive);
    answer.headers.push_back({"Contact", "<" + contact_text + ">;expires=" + granted});
    answer.headers.push_back({"Expires", granted});
    return answer;
  }

  // docs/decisions.md #24: anyone else is a plain registration, when `registrar server` is
  // configured.
  if (!registrar_bounds_) {
    answer.status_code = 404;
    return answer;
  }
  std::string aor = std::string(to->uri.user) + "@" + std::string(to->uri.host);
  if (asked == 0 || remove_all) {
    plain_.erase(aor);
    answer.headers.push_back({"Expires", "0"});
    return answer;
  }
  if (!contact) {
    if (auto it = plain_.find(aor); it != plain_.end())
      answer.headers.push_back({"Contact", "<" + it->second.contact + ">"});
    return answer;
  }
  auto [min, max] = *registrar_bounds_;
  if (asked < static_cast<std::uint32_t>(min)) {
    answer.status_code = 423;
    answer.headers.push_back({"Min-Expires", std::to_string(min)});
    return answer;
  }
  if (!plain_.count(aor) && plain_.size() >= kMaxPlainRegistrations) {
    answer.status_code = 503;
    return answer;
  }
  std::uint32_t granted = std::min(asked, static_cast<std::uint32_t>(max));
  plain_[aor] = Binding{contact_text, now + std::chrono::seconds(granted)};
  answer.headers.push_back(
      {"Contact", "<" + contact_text + ">;expires=" + std::to_string(granted)});
  answer.headers.push_back({"Expires", std::to_string(granted)});
  return answer;
}

std::vector<int> Registrar::expire(Clock::time_point now) {
  std::vector<int> ended;
  for (auto& [tag, entry] : session_servers_)
    if (entry.registration && entry.registration->expires_at <= now) {
      entry.registration.reset();
      entry.silenced = false;  // silence lasts only while the registration does
      ended.push_back(tag);
    }
  std::erase_if(plain_, [now](const auto& item) { return item.second.expires_at <= now; });
  return ended;
}

std::optional<int> Registrar::session_server_at(std::string_view host, std::uint16_t port) const {
  for (const auto& [tag, entry] : session_servers_)
    if (entry.registration && entry.contact_host == host && entry.contact_port == port) return tag;
  return std::nullopt;
}

bool Registrar::cti_aware(int tag) const {
  auto it = session_servers_.find(tag);
  return it != session_servers_.end() && it->second.cti_aware;
}

std::string Registrar::register_id(int tag) const {
  auto it = session_servers_.find(tag);
  return it == session_servers_.end() ? std::string() : it->second.register_id;
}

void Registrar::set_silenced(int tag, bool silenced) {
  auto it = session_servers_.find(tag);
  if (it == session_servers_.end()) return;
  auto& entry = it->second;
  entry.silenced = silenced && entry.cti_aware && entry.registration.has_value();
}

std::optional<runtime::SessionServerRegistration> Registrar::session_server(int tag) const {
  auto it = session_servers_.find(tag);
  if (it == session_servers_.end()) return std::nullopt;
  return it->second.registration;
}

}  // namespace cmemu::sip
