#include "runtime/csta/device_id.hpp"

namespace cmemu::runtime::csta {

std::string device_number(std::string_view device_id) {
  std::string_view text = device_id;
  if (text.starts_with("tel:"))
    text.remove_prefix(4);
  else if (text.starts_with("sip:") || text.starts_with("sips:"))
    text.remove_prefix(text.find(':') + 1);
  text = text.substr(0, text.find_first_of(";@"));
  if (text.empty() || text.size() > 32) return {};
  for (char ch : text)
    if ((ch < '0' || ch > '9') && ch != '*' && ch != '#' && ch != '+') return {};
  return std::string(text);
}

}  // namespace cmemu::runtime::csta
