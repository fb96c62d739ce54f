#include "grammar/token_parsers.hpp"

#include <boost/spirit/home/x3.hpp>
#include <cstdio>

namespace cmemu::grammar {
namespace x3 = boost::spirit::x3;

namespace {

template <typename Parser, typename Attribute>
bool parse_whole(std::string_view token, const Parser& parser, Attribute& attribute) {
  auto first = token.begin();
  return x3::parse(first, token.end(), parser, attribute) && first == token.end();
}

// Octets and groups are bounded by digit count, so no value can overflow before range checks.
const x3::uint_parser<unsigned, 10, 1, 3> octet;
const x3::uint_parser<unsigned, 16, 1, 4> hex_group;
const x3::uint_parser<unsigned, 10, 1, 2> two_digits;

}  // namespace

std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view token) {
  std::vector<unsigned> parts;
  if (!parse_whole(token, octet >> '.' >> octet >> '.' >> octet >> '.' >> octet, parts))
    return std::nullopt;
  std::array<std::uint8_t, 4> address{};
  for (std::size_t i = 0; i < 4; ++i) {
    if (parts[i] > 255) return std::nullopt;
    address[i] = static_cast<std::uint8_t>(parts[i]);
  }
  return address;
}

std::optional<std::uint64_t> parse_mac(std::string_view token) {
  std::vector<unsigned> groups;
  if (!parse_whole(token, hex_group >> '.' >> hex_group >> '.' >> hex_group, groups))
    return std::nullopt;
  return (std::uint64_t{groups[0]} << 32) | (std::uint64_t{groups[1]} << 16) | groups[2];
}

std::optional<int> parse_time_of_day(std::string_view token) {
  std::vector<unsigned> parts;
  if (!parse_whole(token, two_digits >> ':' >> two_digits, parts)) return std::nullopt;
  if (parts[0] > 24 || parts[1] > 59 || (parts[0] == 24 && parts[1] != 0)) return std::nullopt;
  return static_cast<int>(parts[0] * 60 + parts[1]);
}

std::optional<std::int64_t> parse_number_in_range(std::string_view token, std::int64_t lo,
                                                  std::int64_t hi) {
  // At most 18 digits: every accepted value fits an int64 without overflow. No `+` sign: IOS
  // refuses one, and Args::number (std::from_chars) would read it as 0.
  if (!token.empty() && token.front() == '+') return std::nullopt;
  std::size_t digits = token.size() - (!token.empty() && token.front() == '-' ? 1 : 0);
  if (digits == 0 || digits > 18) return std::nullopt;
  std::int64_t value = 0;
  if (!parse_whole(token, x3::int64, value)) return std::nullopt;
  if (value < lo || value > hi) return std::nullopt;
  return value;
}

std::string format_mac(std::uint64_t mac) {
  char text[16];
  std::snprintf(text, sizeof text, "%04X.%04X.%04X", static_cast<unsigned>((mac >> 32) & 0xFFFF),
                static_cast<unsigned>((mac >> 16) & 0xFFFF), static_cast<unsigned>(mac & 0xFFFF));
  return text;
}

std::string format_ipv4(const std::array<std::uint8_t, 4>& address) {
  char text[16];
  std::snprintf(text, sizeof text, "%u.%u.%u.%u", address[0], address[1], address[2], address[3]);
  return text;
}

}  // namespace cmemu::grammar
