#include "runtime/csta/device_id.hpp"

#include "grammar/text.hpp"

namespace cmemu::runtime::csta {

std::string device_number(std::string_view device_id) {
  std::string_view text = device_id;
  // URI schemes are case-insensitive (RFC 3261 §19.1.4, RFC 3966).
  for (std::string_view scheme : {"tel:", "sip:", "sips:"})
    if (text::istarts_with(text, scheme)) {
      text.remove_prefix(scheme.size());
      break;
    }
  text = text.substr(0, text.find_first_of(";@"));
  if (text.empty() || text.size() > 32) return {};
  for (char ch : text)
    if ((ch < '0' || ch > '9') && ch != '*' && ch != '#' && ch != '+') return {};
  return std::string(text);
}

}  // namespace cmemu::runtime::csta
