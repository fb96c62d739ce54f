#pragma once
// Text helpers the unit tests share: looking for parts of an answer, and reading an indented
// example or answer on one line.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace cmemu::test {

inline bool has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

/// Checks that `text` holds every one of `parts`: a check each, so a failure names its part.
inline void check_has_all(std::string_view text, const std::vector<std::string_view>& parts) {
  for (std::string_view part : parts) {
    CAPTURE(part);
    CHECK(has(text, part));
  }
}

/// The text without its line breaks and the indentation that follows them.
inline std::string compact(std::string_view text) {
  std::string out;
  bool line_start = false;
  for (const char c : text) {
    if (c == '\n') {
      line_start = true;
      continue;
    }
    if (line_start && c == ' ') continue;
    line_start = false;
    out += c;
  }
  return out;
}

}  // namespace cmemu::test
