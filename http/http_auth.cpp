#include "http/http_auth.hpp"

#include <crypt.h>

#include <charconv>
#include <vector>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::http {
namespace {

std::optional<std::string> base64_decode(std::string_view text) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    auto at = kAlphabet.find(c);
    if (at == std::string_view::npos) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

/// A stored password against a typed one: type 5 is an MD5-crypt hash, the others compare as
/// typed (docs/xml-api.md §3).
bool password_matches(int type, const std::string& stored, std::string_view typed) {
  if (type == 5) {
    crypt_data data{};
    const char* hashed = crypt_r(std::string(typed).c_str(), stored.c_str(), &data);
    return hashed && stored == hashed;
  }
  return typed == stored;
}

/// `username NAME [privilege N] {password | secret} [0 | 5 | 7] VALUE`, kept verbatim.
std::optional<int> local_user(const runtime::Config& config, const Credentials& credentials) {
  for (const auto& placed : config.opaque_blocks) {
    auto words = text::words(placed.block.line);
    if (words.size() < 4 || words[0] != "username" || words[1] != credentials.user) continue;
    int level = 1;
    std::size_t at = 2;
    if (words[at] == "privilege" && at + 2 < words.size()) {
      std::from_chars(words[at + 1].data(), words[at + 1].data() + words[at + 1].size(), level);
      at += 2;
    }
    if (words[at] != "password" && words[at] != "secret") continue;
    int type = 0;  // a secret typed without a type is kept as typed, so it compares as typed
    ++at;
    if (at + 1 < words.size() && (words[at] == "0" || words[at] == "5" || words[at] == "7")) {
      type = words[at][0] - '0';
      ++at;
    }
    if (at >= words.size()) continue;
    // The rest of the line is the password (a password may hold blanks).
    std::string stored(text::after_words(placed.block.line, at));
    if (password_matches(type, stored, credentials.password)) return level;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Credentials> basic_credentials(std::string_view authorization) {
  authorization = text::trim(authorization);
  if (!text::istarts_with(authorization, "basic ")) return std::nullopt;
  auto decoded = base64_decode(text::trim(authorization.substr(6)));
  if (!decoded) return std::nullopt;
  auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::optional<int> http_login(const runtime::Config& config, const Credentials& credentials) {
  if (config.ip_http.authentication == "local") return local_user(config, credentials);
  const auto& secret = config.enable_secret ? config.enable_secret : config.enable_password;
  if (!secret) return std::nullopt;  // nothing to check against: no access
  if (!password_matches(secret->type, secret->value, credentials.password)) return std::nullopt;
  return 15;
}

std::optional<int> xml_login(const runtime::Config& config, const Credentials& credentials) {
  const auto* user =
      config.telephony && config.telephony->xml_user ? &*config.telephony->xml_user : nullptr;
  if (!user) return http_login(config, credentials);
  if (credentials.user == user->name && credentials.password == user->password) return user->level;
  return std::nullopt;
}

}  // namespace cmemu::http
