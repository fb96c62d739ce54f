#pragma once
// The number a CSTA device identifier names, for the router and for cmemu-csta alike.
#include <string>
#include <string_view>

namespace cmemu::runtime::csta {

/// The DN a device identifier names (docs/csta.md §5, device identifiers): the user part of a
/// `tel:` or `sip:`/`sips:` URI up to the first ';' or '@', or the text itself; `tel:201;...`,
/// `sip:201@10.0.0.1` and `201` give "201". "" when that is not a dial string (digits, '*', '#',
/// '+'; at most 32 of them), as a DN is.
std::string device_number(std::string_view device_id);

}  // namespace cmemu::runtime::csta
