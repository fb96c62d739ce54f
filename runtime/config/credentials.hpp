#pragma once
// Checking a typed password against the configuration (docs/cli.md §16): the local users of
// `username`, and the enable secret or password. The vty logins, `enable` and the web server's
// basic authentication all ask here.
#include <string_view>

#include "runtime/config/config.hpp"

namespace cmemu::runtime {

/// The user NAME whose password or secret is PASSWORD (or who has `nopassword`), else null.
const LocalUser* find_local_user(const Config& config, std::string_view name,
                                 std::string_view password);

/// `answer` is the enable secret (type 5 or 9) when there is one, else the enable password (0 or
/// 7); true when neither is set.
bool enable_answer_matches(const Config& config, std::string_view answer);

}  // namespace cmemu::runtime
