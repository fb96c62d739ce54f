#pragma once
// Passwords and secrets as IOS keeps them (docs/cli.md §16): type 0 clear text, type 7 the
// reversible Cisco encoding of `service password-encryption`, type 5 MD5-crypt (`$1$salt$...`)
// and type 9 scrypt (`$9$salt$...`), both one-way, computed with libcrypt's crypt_r.
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::runtime::secrets {

/// Type 5: MD5-crypt of `password` with a fresh 4-character salt, as IOS 15.1 stores
/// `enable secret` and `username ... secret` (`$1$mERr$hx5rVt7rPNoS4wqbXKX7m0`).
std::string md5_crypt(std::string_view password);
/// Type 9: scrypt (N=16384, r=1, p=1) with a fresh 14-character salt in Cisco's encoding.
std::string scrypt(std::string_view password);
/// The same with a given salt (for tests and verification).
std::string md5_crypt(std::string_view password, std::string_view salt);
std::string scrypt(std::string_view password, std::string_view salt);

/// True when `answer` is the password a stored secret of `type` (5 or 9) was made from.
bool secret_matches(int type, std::string_view stored, std::string_view answer);

/// Type 7: `password` encoded with a fresh seed (0-15) or the given one.
std::string type7_encode(std::string_view password);
std::string type7_encode(std::string_view password, int seed);
/// The clear text of a type 7 string; nullopt when it is not one.
std::optional<std::string> type7_decode(std::string_view encoded);

/// True when `answer` is the password stored as `type` (0 or 7) `stored`.
bool password_matches(int type, std::string_view stored, std::string_view answer);

}  // namespace cmemu::runtime::secrets
