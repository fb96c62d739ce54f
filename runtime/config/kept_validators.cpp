#include "runtime/config/kept_validators.hpp"

#include <algorithm>
#include <array>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::runtime {
namespace {

using Check = std::optional<std::size_t> (*)(std::string_view text, std::string& canonical);

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Softkey names of the ephone-template `softkeys` commands (CR), spelt as IOS prints them.
constexpr std::array kSccpSoftkeys = {
    "Acct",    "Answer",  "Barge",  "cBarge",   "Callback", "Cfwdall", "ConfList", "Confrn",
    "Dnd",     "Endcall", "Flash",  "Gpickup",  "HLog",     "Hold",    "iDivert",  "Join",
    "LiveRcd", "Login",   "Meetme", "Mobility", "Newcall",  "Park",    "Pickup",   "Redial",
    "Resume",  "RmLstC",  "Select", "TrnsfVM",  "Trnsfer"};
// The SIP phones' ones (voice register template `softkeys`, CR), where DND is in capitals.
constexpr std::array kSipSoftkeys = {
    "Answer",  "Barge",  "cBarge", "Cfwdall", "ConfList", "Confrn",   "DND",     "Endcall",
    "Gpickup", "HLog",   "Hold",   "iDivert", "LiveRcd",  "Mobility", "Newcall", "Park",
    "Pickup",  "Redial", "Resume", "RmLstC",  "Select",   "TrnsfVM",  "Trnsfer"};

// The words of `text`, each one of `names` (in any case) and each once, appended to `canonical`
// as `names` spells them, at most `most` of them; a `!` word ends the list (a trailing comment).
// The offset of the first bad word, else nullopt.
template <std::size_t N>
std::optional<std::size_t> distinct_names(std::string_view text, std::string& canonical,
                                          const std::array<const char*, N>& names,
                                          std::size_t most) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text::is_blank(text[i])) ++i;
    if (i == text.size()) break;
    std::size_t start = i;
    while (i < text.size() && !text::is_blank(text[i])) ++i;
    std::string_view word = text.substr(start, i - start);
    if (word.front() == '!') break;
    auto found = std::find_if(names.begin(), names.end(),
                              [&](const char* name) { return text::iequals(name, word); });
    if (found == names.end() || ++count > most ||
        (" " + canonical + " ").find(std::string(" ") + *found + " ") != std::string::npos)
      return start;
    if (!canonical.empty()) canonical += ' ';
    canonical += *found;
  }
  return std::nullopt;
}

// A `softkeys STATE` list: 1 to 16 softkeys, each once.
template <std::size_t N>
std::optional<std::size_t> softkeys(std::string_view text, std::string& canonical,
                                    const std::array<const char*, N>& names) {
  std::size_t before = canonical.size();
  if (auto bad = distinct_names(text, canonical, names, 16)) return bad;
  if (canonical.size() == before) return 0;
  return std::nullopt;
}

std::optional<std::size_t> sccp_softkeys(std::string_view text, std::string& canonical) {
  return softkeys(text, canonical, kSccpSoftkeys);
}

std::optional<std::size_t> sip_softkeys(std::string_view text, std::string& canonical) {
  return softkeys(text, canonical, kSipSoftkeys);
}

// The further methods of `dtmf-relay` (VCR): each once, after the first.
std::optional<std::size_t> dtmf_methods(std::string_view text, std::string& canonical) {
  constexpr std::array kMethods = {"cisco-rtp", "digit-drop", "h245-alphanumeric", "h245-signal",
                                   "rtp-nte",   "sip-info",   "sip-kpml",          "sip-notify"};
  return distinct_names(text, canonical, kMethods, kMethods.size());
}

std::optional<std::size_t> dial_pattern(std::string_view text, std::string&) {
  return check_dial_pattern(text);
}

// A number of a DN, hunt-group list member or pilot: digits, `* # .`, A-D and a leading `+`.
std::optional<std::size_t> extension(std::string_view text, std::string&) {
  if (text.size() > 32) return 32;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (digit(c) || c == '*' || c == '#' || c == '.' || (c == '+' && i == 0)) continue;
    char upper = text::ascii_upper(c);
    if (upper >= 'A' && upper <= 'D') continue;
    return i;
  }
  return std::nullopt;
}

// `1001,1002,1003`: numbers separated by commas.
// Numbers separated by commas, a blank allowed after each comma (`list 101, 102, *`).
std::optional<std::size_t> number_list(std::string_view text, std::string& canonical) {
  std::size_t start = 0;
  while (true) {
    while (start < text.size() && text::is_blank(text[start])) ++start;
    auto comma = text.find(',', start);
    std::string_view item = text::trim_right(
        text.substr(start, comma == std::string_view::npos ? comma : comma - start), text::kBlanks);
    if (item.empty()) return start;
    std::string ignored;
    if (auto bad = extension(item, ignored)) return start + *bad;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  (void)canonical;
  return std::nullopt;
}

std::optional<std::size_t> host_port(std::string_view text, std::size_t base) {
  // NAME[:PORT] or A.B.C.D[:PORT]; the port 1-65535.
  auto colon = text.rfind(':');
  std::string_view host = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (host.empty()) return base;
  for (std::size_t i = 0; i < host.size(); ++i) {
    char c = host[i];
    if (!(digit(c) || (text::ascii_lower(c) >= 'a' && text::ascii_lower(c) <= 'z') || c == '.' ||
          c == '-' || c == '_'))
      return base + i;
  }
  if (colon != std::string_view::npos &&
      !grammar::parse_number_in_range(text.substr(colon + 1), 1, 65535))
    return base + colon + 1;
  return std::nullopt;
}

// `session target` and the SIP addresses of sip-ua (IOS Voice Command Reference): ipv4:A.B.C.D[:P],
// ipv6:[X], dns:NAME[:P], enum:N, loopback:{rtp | compressed | uncompressed}, mailto:,
// settlement:N, and the words sip-server, registrar, ras.
std::optional<std::size_t> session_target(std::string_view text, std::string&) {
  for (const char* word : {"sip-server", "registrar", "ras"})
    if (text::iequals(text, word)) return std::nullopt;
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return 0;
  std::string_view scheme = text.substr(0, colon), rest = text.substr(colon + 1);
  if (text::iequals(scheme, "ipv4")) {
    auto port = rest.find(':');
    if (!grammar::parse_ipv4(rest.substr(0, port))) return colon + 1;
    if (port != std::string_view::npos &&
        !grammar::parse_number_in_range(rest.substr(port + 1), 1, 65535))
      return colon + 2 + port;
    return std::nullopt;
  }
  if (text::iequals(scheme, "dns")) return host_port(rest, colon + 1);
  if (text::iequals(scheme, "ipv6"))
    return rest.starts_with('[') ? std::nullopt : std::optional<std::size_t>(colon + 1);
  if (text::iequals(scheme, "loopback")) {
    for (const char* kind : {"rtp", "compressed", "uncompressed"})
      if (text::iequals(rest, kind)) return std::nullopt;
    return colon + 1;
  }
  if (text::iequals(scheme, "enum") || text::iequals(scheme, "settlement"))
    return grammar::parse_number_in_range(rest, 0, 2147483647)
               ? std::nullopt
               : std::optional<std::size_t>(colon + 1);
  if (text::iequals(scheme, "mailto") || text::iequals(scheme, "sip") ||
      text::iequals(scheme, "tel"))
    return rest.empty() ? std::optional<std::size_t>(colon + 1) : std::nullopt;
  return 0;
}

// `/^1234/`: a translation-rule expression between slashes.
std::optional<std::size_t> slashed(std::string_view text, std::string&) {
  if (text.size() < 2 || text.front() != '/') return 0;
  if (text.back() != '/') return text.size() - 1;
  return std::nullopt;
}

std::optional<std::size_t> interface_name(std::string_view text, std::string& canonical) {
  auto name = canonical_interface_name(text, {});
  if (!name) return 0;
  canonical = *name;
  return std::nullopt;
}

std::optional<std::size_t> voice_port(std::string_view text, std::string& canonical) {
  auto name = canonical_voice_port(text);
  if (!name) return 0;
  canonical = *name;
  return std::nullopt;
}

struct Named {
  std::string_view name;
  Check check;
};

constexpr Named kChecks[] = {
    {"dial", dial_pattern},       {"dtmf", dtmf_methods},      {"ext", extension},
    {"extlist", number_list},     {"sipaddr", session_target}, {"regex", slashed},
    {"ifname", interface_name},   {"vport", voice_port},       {"keylist", sccp_softkeys},
    {"sipkeylist", sip_softkeys},
};

}  // namespace

std::optional<std::size_t> check_dial_pattern(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char upper = text::ascii_upper(c);
    if (digit(c) || (upper >= 'A' && upper <= 'D') || upper == 'T') continue;
    switch (c) {
      case '*':
      case '#':
      case '+':
      case '.':
      case ',':
      case '%':
      case '?':
      case '$':
      case '^':
      case '(':
      case ')':
        continue;
      case '[':
        if (depth++ > 0) return i;
        continue;
      case ']':
        if (--depth < 0) return i;
        continue;
      case '-':
        if (depth == 0) return i;
        continue;
      default:
        return i;
    }
  }
  if (depth != 0) return text.size() - 1;
  return std::nullopt;
}

std::optional<std::size_t> validate_argument(std::string_view name, std::string_view text,
                                             std::string& canonical) {
  for (const auto& named : kChecks)
    if (named.name == name) return named.check(text, canonical);
  return std::nullopt;
}

}  // namespace cmemu::runtime
