#include "cli/output_filter.hpp"

#include <regex>
#include <vector>

namespace cmemu::cli {

std::optional<std::string> apply_output_filter(std::string_view text, FilterKind kind,
                                               std::string_view regex) {
  std::regex pattern;
  try {
    pattern = std::regex(regex.begin(), regex.end());
  } catch (const std::regex_error&) {
    return std::nullopt;
  }
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto eol = text.find('\n');
    lines.push_back(text.substr(0, eol));
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
  }
  auto matches = [&](std::string_view line) {
    return std::regex_search(line.begin(), line.end(), pattern);
  };
  std::string out;
  std::size_t count = 0;
  bool begun = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    switch (kind) {
      case FilterKind::kInclude:
        if (matches(line)) out.append(line).push_back('\n');
        break;
      case FilterKind::kExclude:
        if (!matches(line)) out.append(line).push_back('\n');
        break;
      case FilterKind::kBegin:
        begun = begun || matches(line);
        if (begun) out.append(line).push_back('\n');
        break;
      case FilterKind::kCount:
        if (matches(line)) ++count;
        break;
      case FilterKind::kSection: {
        bool top_level = !line.empty() && line.front() != ' ';
        if (!matches(line)) break;
        out.append(line).push_back('\n');
        if (!top_level) break;
        // A matching top-level line brings its indented children along.
        while (i + 1 < lines.size() && !lines[i + 1].empty() && lines[i + 1].front() == ' ')
          out.append(lines[++i]).push_back('\n');
        break;
      }
    }
  }
  if (kind == FilterKind::kCount)
    out = "Number of lines which match regexp = " + std::to_string(count) + "\n";
  return out;
}

}  // namespace cmemu::cli
