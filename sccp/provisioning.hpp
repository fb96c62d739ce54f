#pragma once
// What a phone gets from the running-config (docs/sccp.md §8, docs/decisions.md #27 and #30): which
// ephone a device name is, and its line buttons (from `button`, or from the extension-mobility
// profile).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/config/config.hpp"

namespace cmemu::sccp {

struct LineAppearance {
  int instance = 0;  // the line instance the phone uses (button number)
  int dn_tag = 0;
  char separator = ':';  // `s` silent ring, `b` beep...
  bool operator==(const LineAppearance&) const = default;
};

struct Provision {
  int ephone_tag = 0;
  std::vector<LineAppearance> lines;  // by instance
  int button_count = 0;               // ButtonTemplateRes slots to fill: the highest line instance
  int keepalive_seconds = 30;
  std::string expected_type;  // the ephone's `type`
  /// The line appearance of instance `n`, or nullptr.
  const LineAppearance* line(int instance) const;
  /// The instance showing DN `dn_tag`, or 0.
  int instance_of(int dn_tag) const;
  bool operator==(const Provision&) const = default;
};

/// "SEP001E4A34A35F" -> the MAC as configured; nullopt for any other form.
std::optional<std::uint64_t> device_mac(std::string_view device_name);
/// The ephones of a configuration by `mac-address`, so that a registering device finds its ephone
/// without walking every ephone (the controller keeps one per running config).
class EphonesByMac {
 public:
  explicit EphonesByMac(const runtime::Config& config);
  /// The ephone whose `mac-address` the device name carries; the lowest tag when two ephones
  /// name the same MAC. nullopt for an unknown device.
  std::optional<int> find(std::string_view device_name) const;

 private:
  std::unordered_map<std::uint64_t, int> tags_;
};
/// The same for one lookup.
std::optional<int> ephone_for_device(const runtime::Config& config, std::string_view device_name);
/// Line buttons of ephone `tag` (which must exist): its `button` entries, or with
/// `logout-profile` the numbers of the logged-in user-profile (`em_logins`) or of the
/// logout-profile, one instance each, in order (docs/decisions.md #30).
Provision provision_for(const runtime::Config& config, int tag,
                        const std::map<int, int>& em_logins);
/// Line buttons a model has (docs/sccp.md §8): 7960/61/62/65 6, 7940/41/42/45 2, 7970/71/75 8,
/// 7910 1.
int model_button_count(std::string_view type);

}  // namespace cmemu::sccp
