#include "sccp/messages.hpp"

#include <utility>

#include "grammar/text.hpp"

namespace cmemu::sccp {

std::string Ipv4Address::to_string() const {
  std::string text;
  for (std::size_t i = 0; i < octets.size(); ++i) {
    if (i > 0) text += '.';
    text += std::to_string(octets[i]);
  }
  return text;
}

namespace {

constexpr std::pair<char, KeypadButton> kKeypad[] = {
    {'0', KeypadButton::k0},     {'1', KeypadButton::k1},    {'2', KeypadButton::k2},
    {'3', KeypadButton::k3},     {'4', KeypadButton::k4},    {'5', KeypadButton::k5},
    {'6', KeypadButton::k6},     {'7', KeypadButton::k7},    {'8', KeypadButton::k8},
    {'9', KeypadButton::k9},     {'A', KeypadButton::kA},    {'B', KeypadButton::kB},
    {'C', KeypadButton::kC},     {'D', KeypadButton::kD},    {'*', KeypadButton::kStar},
    {'#', KeypadButton::kPound}, {'+', KeypadButton::kPlus},
};

constexpr std::pair<char, Tone> kDtmf[] = {
    {'0', Tone::kDtmf0}, {'1', Tone::kDtmf1}, {'2', Tone::kDtmf2},    {'3', Tone::kDtmf3},
    {'4', Tone::kDtmf4}, {'5', Tone::kDtmf5}, {'6', Tone::kDtmf6},    {'7', Tone::kDtmf7},
    {'8', Tone::kDtmf8}, {'9', Tone::kDtmf9}, {'A', Tone::kDtmfA},    {'B', Tone::kDtmfB},
    {'C', Tone::kDtmfC}, {'D', Tone::kDtmfD}, {'*', Tone::kDtmfStar}, {'#', Tone::kDtmfPound},
};

constexpr std::pair<DeviceType, std::string_view> kModels[] = {
    {DeviceType::k7910, "7910"},     {DeviceType::k7960, "7960"},
    {DeviceType::k7940, "7940"},     {DeviceType::k7935, "7935"},
    {DeviceType::kAta186, "ATA186"}, {DeviceType::kAta188, "ATA188"},
    {DeviceType::k7941, "7941"},     {DeviceType::k7971, "7971"},
    {DeviceType::k7914, "7914"},     {DeviceType::k7985, "7985"},
    {DeviceType::k7911, "7911"},     {DeviceType::k7961GE, "7961GE"},
    {DeviceType::k7941GE, "7941GE"}, {DeviceType::k7931, "7931"},
    {DeviceType::k7921, "7921"},     {DeviceType::k7906, "7906"},
    {DeviceType::k7962, "7962"},     {DeviceType::k7937, "7937"},
    {DeviceType::k7942, "7942"},     {DeviceType::k7945, "7945"},
    {DeviceType::k7965, "7965"},     {DeviceType::k7975, "7975"},
    {DeviceType::k7925, "7925"},     {DeviceType::k6921, "6921"},
    {DeviceType::k6941, "6941"},     {DeviceType::k6961, "6961"},
    {DeviceType::k7905, "7905"},     {DeviceType::k7920, "7920"},
    {DeviceType::k7970, "7970"},     {DeviceType::k7912, "7912"},
    {DeviceType::k7902, "7902"},     {DeviceType::kCipc, "CIPC"},
    {DeviceType::k7961, "7961"},     {DeviceType::k7936, "7936"},
};

}  // namespace

std::optional<Tone> dtmf_tone(char digit) {
  for (const auto& [c, tone] : kDtmf) {
    if (c == text::ascii_upper(digit)) return tone;
  }
  return std::nullopt;
}

char keypad_char(KeypadButton button) {
  for (const auto& [c, key] : kKeypad) {
    if (key == button) return c;
  }
  return '\0';
}

std::optional<KeypadButton> keypad_button(char digit) {
  for (const auto& [c, key] : kKeypad) {
    if (c == text::ascii_upper(digit)) return key;
  }
  return std::nullopt;
}

std::optional<DeviceType> device_type_for_model(std::string_view model) {
  for (const auto& [type, name] : kModels) {
    if (text::iequals(name, model)) return type;
  }
  return std::nullopt;
}

std::string_view device_model_name(DeviceType type) {
  for (const auto& [t, name] : kModels) {
    if (t == type) return name;
  }
  return {};
}

}  // namespace cmemu::sccp
