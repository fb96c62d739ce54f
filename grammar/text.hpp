#pragma once
// Small text helpers for every layer: ASCII case, trimming, words. Header-only and free of
// dependencies, so that the message libraries and the test tools can use them without linking the
// grammar. ASCII whatever the locale: IOS keywords and protocol tokens are ASCII.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cmemu::text {

/// Space and tab: the blanks between IOS words and SIP's WSP.
inline constexpr std::string_view kBlanks = " \t";
/// Blanks and the CR of a CRLF line end: what a config line may end with.
inline constexpr std::string_view kLineEndBlanks = " \t\r";
/// What std::isspace accepts in the "C" locale.
inline constexpr std::string_view kWhitespace = " \t\n\v\f\r";

constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

/// One of kBlanks.
constexpr bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

/// `text` without the leading characters that are in `set` (the view stays inside `text`).
constexpr std::string_view trim_left(std::string_view text, std::string_view set = kWhitespace) {
  text.remove_prefix(std::min(text.find_first_not_of(set), text.size()));
  return text;
}

/// `text` without the trailing characters that are in `set` (the view stays inside `text`).
constexpr std::string_view trim_right(std::string_view text, std::string_view set = kWhitespace) {
  auto last = text.find_last_not_of(set);
  text.remove_suffix(last == std::string_view::npos ? text.size() : text.size() - last - 1);
  return text;
}

constexpr std::string_view trim(std::string_view text, std::string_view set = kWhitespace) {
  return trim_right(trim_left(text, set), set);
}

/// Equal ignoring ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

/// `text` begins with `prefix`, ignoring ASCII case.
constexpr bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

inline std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// The words of `text`: the runs of characters not in `separators`.
inline std::vector<std::string_view> words(std::string_view text,
                                           std::string_view separators = kWhitespace) {
  std::vector<std::string_view> out;
  for (text = trim_left(text, separators); !text.empty(); text = trim_left(text, separators)) {
    std::size_t end = std::min(text.find_first_of(separators), text.size());
    out.push_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return out;
}

/// What follows the first `count` words of `text`, trimmed.
inline std::string_view after_words(std::string_view text, std::size_t count,
                                    std::string_view separators = kWhitespace) {
  for (std::size_t word = 0; word < count; ++word) {
    text = trim_left(text, separators);
    text.remove_prefix(std::min(text.find_first_of(separators), text.size()));
  }
  return trim(text, separators);
}

/// `HOST[:PORT]` as the test tools take their router's address; `default_port` when no port is
/// given. Nothing when the host is empty or the port is not a number in 1..65535.
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
inline std::optional<HostPort> split_host_port(const std::string& text,
                                               std::uint16_t default_port) {
  std::size_t colon = text.rfind(':');
  HostPort result{text.substr(0, colon), default_port};
  if (result.host.empty()) return std::nullopt;
  if (colon == std::string::npos) return result;
  try {
    std::size_t used = 0;
    unsigned long value = std::stoul(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || value == 0 || value > 65535) return std::nullopt;
    result.port = static_cast<std::uint16_t>(value);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return result;
}

/// A whole unsigned decimal number that fits T ("0", "42"); nothing for a sign, blanks or other
/// characters.
template <class T = std::uint64_t>
std::optional<T> unsigned_number(std::string_view text) {
  T value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// Seconds with an optional fraction of up to three digits ("5", "0.5", "2.25") as milliseconds,
/// at most a day (86,400 s): the waits and timeouts of the test tools' scripts.
inline std::optional<std::chrono::milliseconds> parse_seconds(std::string_view text) {
  std::size_t dot = text.find('.');
  auto whole = unsigned_number(text.substr(0, dot));
  if (!whole || *whole > 86400) return std::nullopt;
  std::uint64_t ms = *whole * 1000;
  if (dot != std::string_view::npos) {
    std::string_view fraction = text.substr(dot + 1);
    auto digits = unsigned_number(fraction);
    if (fraction.size() > 3 || !digits) return std::nullopt;
    for (std::size_t i = fraction.size(); i < 3; ++i) *digits *= 10;
    ms += *digits;
  }
  return std::chrono::milliseconds(ms);
}

}  // namespace cmemu::text
