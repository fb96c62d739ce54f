#include "http/http_auth.hpp"

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/credentials.hpp"

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
  if (config.ip_http.authentication == "local") {
    const runtime::LocalUser* user =
        runtime::find_local_user(config, credentials.user, credentials.password);
    if (!user) return std::nullopt;
    return user->privilege.value_or(1);
  }
  // Nothing to check against: no access (docs/xml-api.md §3).
  if (!config.enable_secret && !config.enable_password) return std::nullopt;
  if (!runtime::enable_answer_matches(config, credentials.password)) return std::nullopt;
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
