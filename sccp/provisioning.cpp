#include "sccp/provisioning.hpp"

#include <algorithm>

#include "grammar/text.hpp"

namespace cmemu::sccp {

const LineAppearance* Provision::line(int instance) const {
  for (const LineAppearance& appearance : lines)
    if (appearance.instance == instance) return &appearance;
  return nullptr;
}

int Provision::instance_of(int dn_tag) const {
  for (const LineAppearance& appearance : lines)
    if (appearance.dn_tag == dn_tag) return appearance.instance;
  return 0;
}

std::optional<std::uint64_t> device_mac(std::string_view name) {
  if (name.size() != 15) return std::nullopt;
  if (!text::istarts_with(name, "SEP")) return std::nullopt;
  std::uint64_t mac = 0;
  for (char ch : name.substr(3)) {
    int digit;
    if (ch >= '0' && ch <= '9')
      digit = ch - '0';
    else if (ch >= 'a' && ch <= 'f')
      digit = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F')
      digit = ch - 'A' + 10;
    else
      return std::nullopt;
    mac = mac << 4 | static_cast<std::uint64_t>(digit);
  }
  return mac;
}

EphonesByMac::EphonesByMac(const runtime::Config& config) {
  tags_.reserve(config.ephones.size());
  for (const auto& [tag, ephone] : config.ephones)  // ascending tags: the first (lowest) stays
    if (ephone.mac) tags_.emplace(*ephone.mac, tag);
}

std::optional<int> EphonesByMac::find(std::string_view device_name) const {
  auto mac = device_mac(device_name);
  if (!mac) return std::nullopt;
  auto it = tags_.find(*mac);
  if (it == tags_.end()) return std::nullopt;
  return it->second;
}

std::optional<int> ephone_for_device(const runtime::Config& config, std::string_view name) {
  return EphonesByMac(config).find(name);
}

int model_button_count(std::string_view type) {
  auto is = [&](std::initializer_list<std::string_view> models) {
    return std::any_of(models.begin(), models.end(),
                       [&](std::string_view model) { return type.starts_with(model); });
  };
  if (is({"7940", "7941", "7942", "7945"})) return 2;
  if (is({"7970", "7971", "7975"})) return 8;
  if (is({"7910"})) return 1;
  return 6;
}

Provision provision_for(const runtime::Config& config, int tag,
                        const std::map<int, int>& em_logins) {
  Provision result;
  result.ephone_tag = tag;
  const runtime::Ephone& ephone = config.ephones.at(tag);
  result.expected_type = ephone.type;
  if (config.telephony) result.keepalive_seconds = config.telephony->keepalive_seconds();

  auto dn_of_number = [&](const std::string& number) {
    for (const auto& [dn_tag, dn] : config.ephone_dns)
      if (dn.number == number) return dn_tag;
    return 0;
  };
  const runtime::Profile* profile = nullptr;
  if (ephone.logout_profile) {
    auto login = em_logins.find(tag);
    if (login != em_logins.end()) {
      auto user = config.user_profiles.find(login->second);
      if (user != config.user_profiles.end()) profile = &user->second;
    }
    if (!profile) {
      auto logout = config.logout_profiles.find(*ephone.logout_profile);
      if (logout != config.logout_profiles.end()) profile = &logout->second;
    }
  }
  if (profile) {
    int instance = 1;
    for (const runtime::ProfileNumber& number : profile->numbers) {
      int dn_tag = dn_of_number(number.number);
      if (dn_tag == 0) continue;
      char separator = number.type == "silent-ring" ? 's' : number.type == "beep-ring" ? 'b' : ':';
      result.lines.push_back({instance++, dn_tag, separator});
    }
  } else {
    for (const runtime::ButtonEntry& entry : ephone.buttons) {
      if (entry.dns.empty() || !config.ephone_dns.count(entry.dns.front())) continue;
      result.lines.push_back({entry.button, entry.dns.front(), entry.separator});
    }
  }
  for (const LineAppearance& line : result.lines)
    result.button_count = std::max(result.button_count, line.instance);
  return result;
}

}  // namespace cmemu::sccp
