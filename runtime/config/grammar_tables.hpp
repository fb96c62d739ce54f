#pragma once
// Internal to runtime/config: the tables of the checked modes (docs/commands.md §3), split by
// family group, and the checked top-level families.
#include <span>

#include "runtime/config/kept_children.hpp"
#include "runtime/config/modes.hpp"

namespace cmemu::runtime {

std::span<const ChildSpec> cme_children(grammar::ModeId mode);   // grammar_cme.cpp
std::span<const ChildSpec> voip_children(grammar::ModeId mode);  // grammar_voip.cpp

}  // namespace cmemu::runtime
