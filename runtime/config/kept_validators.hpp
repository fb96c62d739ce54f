#pragma once
// Checks of the arguments of checked children (docs/commands.md §3), chosen by the argument's
// `$name` in the syntax: `destination-pattern WORD$dial` takes a dial pattern only.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cmemu::runtime {

/// nullopt when `text` is a valid value for an argument named `name` (or the name has no check),
/// else the offset in `text` of the first character that is not. `canonical` may receive the text
/// IOS prints instead of the typed one (interface names in full, softkeys in their case).
std::optional<std::size_t> validate_argument(std::string_view name, std::string_view text,
                                             std::string& canonical);

/// A dial pattern (`destination-pattern`, CR and the IOS Voice Command Reference): digits, A-D,
/// `* # + . , T % ? ^ $ ( )` and bracketed ranges.
std::optional<std::size_t> check_dial_pattern(std::string_view text);

}  // namespace cmemu::runtime
