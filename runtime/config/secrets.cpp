#include "runtime/config/secrets.hpp"

#include <crypt.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

namespace cmemu::runtime::secrets {
namespace {

// The crypt alphabet; Cisco's type 9 uses it too, in base64's big-endian bit order.
constexpr std::string_view kItoa64 =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// The public key of the type 7 encoding.
constexpr std::string_view kType7Key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";

std::string random_salt(std::size_t length) {
  static std::random_device device;
  std::uniform_int_distribution<std::size_t> pick(0, kItoa64.size() - 1);
  std::string salt;
  for (std::size_t i = 0; i < length; ++i) salt += kItoa64[pick(device)];
  return salt;
}

std::string crypt_text(std::string_view password, const std::string& setting) {
  crypt_data data{};
  const char* hashed = crypt_r(std::string(password).c_str(), setting.c_str(), &data);
  // crypt_r marks a failure with a string starting with '*'.
  if (!hashed || hashed[0] == '*') return {};
  return hashed;
}

int index_of(char c) {
  auto at = kItoa64.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// libcrypt's `$7$` hash text: little-endian 24-bit groups, low 6 bits first.
std::vector<std::uint8_t> decode_crypt64(std::string_view text) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    auto group = text.substr(i, 4);
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < group.size(); ++k)
      value |= static_cast<std::uint32_t>(index_of(group[k])) << (6 * k);
    for (std::size_t k = 0; k + 1 < group.size(); ++k)
      bytes.push_back(static_cast<std::uint8_t>(value >> (8 * k)));
  }
  return bytes;
}

// Cisco's type 9 hash text: base64's bit order over the crypt alphabet, no padding.
std::string encode_cisco64(const std::vector<std::uint8_t>& bytes) {
  std::string text;
  std::uint32_t bits = 0;
  int count = 0;
  for (std::uint8_t byte : bytes) {
    bits = (bits << 8) | byte;
    count += 8;
    while (count >= 6) {
      count -= 6;
      text += kItoa64[(bits >> count) & 0x3f];
    }
  }
  if (count > 0) text += kItoa64[(bits << (6 - count)) & 0x3f];
  return text;
}

}  // namespace

std::string md5_crypt(std::string_view password, std::string_view salt) {
  return crypt_text(password, "$1$" + std::string(salt));
}

std::string md5_crypt(std::string_view password) {
  return md5_crypt(password, random_salt(4));
}

std::string scrypt(std::string_view password, std::string_view salt) {
  // libcrypt's `$7$`: N = 2^14 ('C'), r = 1 and p = 1 (30-bit little-endian each), the salt
  // text itself as scrypt's salt, as Cisco's type 9 takes it.
  std::string hashed = crypt_text(password, "$7$C/..../...." + std::string(salt));
  auto dollar = hashed.rfind('$');
  if (hashed.empty() || dollar == std::string::npos) return {};
  return "$9$" + std::string(salt) + "$" +
         encode_cisco64(decode_crypt64(std::string_view(hashed).substr(dollar + 1)));
}

std::string scrypt(std::string_view password) {
  return scrypt(password, random_salt(14));
}

bool secret_matches(int type, std::string_view stored, std::string_view answer) {
  std::string computed;
  if (type == 5 && stored.starts_with("$1$")) {
    auto end = stored.find('$', 3);
    if (end == std::string_view::npos) return false;
    computed = md5_crypt(answer, stored.substr(3, end - 3));
  } else if (type == 9 && stored.starts_with("$9$")) {
    auto end = stored.find('$', 3);
    if (end == std::string_view::npos) return false;
    computed = scrypt(answer, stored.substr(3, end - 3));
  } else {
    return false;  // type 8 (PBKDF2) and others: kept, never matched (docs/cli.md §16)
  }
  return !computed.empty() && computed == stored;
}

std::string type7_encode(std::string_view password, int seed) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text = {static_cast<char>('0' + seed / 10), static_cast<char>('0' + seed % 10)};
  for (std::size_t i = 0; i < password.size(); ++i) {
    auto byte = static_cast<std::uint8_t>(password[i]) ^
                static_cast<std::uint8_t>(kType7Key[(seed + i) % kType7Key.size()]);
    text += kHex[byte >> 4];
    text += kHex[byte & 0xf];
  }
  return text;
}

std::string type7_encode(std::string_view password) {
  static std::random_device device;
  return type7_encode(password, std::uniform_int_distribution<int>(0, 15)(device));
}

std::optional<std::string> type7_decode(std::string_view encoded) {
  if (encoded.size() < 2 || encoded.size() % 2 != 0) return std::nullopt;
  auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : -1; };
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  int tens = digit(encoded[0]), ones = digit(encoded[1]);
  if (tens < 0 || ones < 0) return std::nullopt;
  std::size_t seed = static_cast<std::size_t>(tens * 10 + ones);
  if (seed >= kType7Key.size()) return std::nullopt;
  std::string clear;
  for (std::size_t i = 2; i < encoded.size(); i += 2) {
    int high = nibble(encoded[i]), low = nibble(encoded[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    auto byte = static_cast<std::uint8_t>(high * 16 + low);
    clear += static_cast<char>(
        byte ^ static_cast<std::uint8_t>(kType7Key[(seed + (i - 2) / 2) % kType7Key.size()]));
  }
  return clear;
}

bool password_matches(int type, std::string_view stored, std::string_view answer) {
  if (type == 7) {
    auto clear = type7_decode(stored);
    return clear && *clear == answer;
  }
  return stored == answer;
}

}  // namespace cmemu::runtime::secrets
