#pragma once
// The live view's state (docs/xml-api.md §5): every ephone, DN, call, CTI session and session
// server as one JSON object each, keyed (`p:1`, `d:3`, `c:17`, `s:2`, `r:1`), so that the browser
// gets a full snapshot once and then only the objects that changed. Pure: no sockets, no timers.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/phone_registry.hpp"

namespace cmemu::runtime {
struct Config;
class CallModel;
class CtiEngine;
class RegistrarStatus;
}  // namespace cmemu::runtime

namespace cmemu::http {

struct LiveSources {
  const runtime::Config& config;
  const runtime::CallModel* calls = nullptr;
  std::vector<runtime::PhoneStatus> phones;  // registered
  const runtime::CtiEngine* cti = nullptr;
  const runtime::RegistrarStatus* registrar = nullptr;
};

/// Entity key -> its JSON object.
using LiveState = std::map<std::string, std::string>;

LiveState live_state(const LiveSources& sources);

/// `{"set":{key:object,...},"del":[key,...]}` taking `before` to `after`; "" when they are equal.
std::string live_diff(const LiveState& before, const LiveState& after);
/// `{"set":{every object}}`.
std::string live_snapshot(const LiveState& state);

/// `"text"` with JSON escapes (quotes, backslash, control characters; `<` too, so that no text can
/// close a script element).
std::string json_string(std::string_view text);

/// The page, its style and its script: plain strings compiled in (live_view_page.cpp).
extern const std::string_view kLivePage;

}  // namespace cmemu::http
