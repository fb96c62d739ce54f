#pragma once
// Argument token parsers: pure functions of one typed token (Spirit X3 behind them).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::grammar {

/// A dotted IPv4 address, four octets 0-255 (`A.B.C.D`).
std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view token);

/// A MAC address in Cisco's dotted triple (`H.H.H`, 1-4 hex digits per group, any case).
std::optional<std::uint64_t> parse_mac(std::string_view token);

/// A time of day `H:MM`, `HH:MM` or the guide's `1:0`; hours 0-24, minutes 0-59. Minutes since
/// 0:00.
std::optional<int> parse_time_of_day(std::string_view token);

/// A decimal integer (optional leading '-') inside [lo, hi].
std::optional<std::int64_t> parse_number_in_range(std::string_view token, std::int64_t lo,
                                                  std::int64_t hi);

/// Renders a MAC as IOS does: `001E.4A34.A35F`.
std::string format_mac(std::uint64_t mac);

/// Renders an IPv4 address as dotted decimal.
std::string format_ipv4(const std::array<std::uint8_t, 4>& address);

}  // namespace cmemu::grammar
