#pragma once
// `show ... | include/exclude/begin/section/count REGEX` (docs/cli.md §14).
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::cli {

enum class FilterKind { kInclude, kExclude, kBegin, kSection, kCount };

/// Applies the filter to `text` (lines ending in '\n'). Returns nullopt when `regex` is not a
/// valid regular expression.
std::optional<std::string> apply_output_filter(std::string_view text, FilterKind kind,
                                               std::string_view regex);

}  // namespace cmemu::cli
