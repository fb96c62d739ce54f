#pragma once
// HTTP basic authentication for the router's web server (docs/xml-api.md §3): the XML API's
// `xml user`, and `ip http authentication {enable | local}` for the live view.
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::runtime {
struct Config;
}

namespace cmemu::http {

struct Credentials {
  std::string user;
  std::string password;
};

/// The user and password of an `Authorization: Basic ...` header; nullopt for any other form.
std::optional<Credentials> basic_credentials(std::string_view authorization);

/// The privilege level `ip http authentication` grants (enable: the enable secret or password,
/// any user name, level 15; local: a `username` line's password and privilege); nullopt when the
/// credentials are wrong or no password is configured to check them against.
std::optional<int> http_login(const runtime::Config& config, const Credentials& credentials);

/// The level the XML API grants: the telephony-service `xml user`'s level when it names these
/// credentials; without an `xml user`, what http_login grants.
std::optional<int> xml_login(const runtime::Config& config, const Credentials& credentials);

}  // namespace cmemu::http
