#include "runtime/config/command_set.hpp"

#include <charconv>

#include "grammar/text.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::runtime {

const grammar::MatchedToken* Args::find(std::string_view name) const {
  for (const auto& token : tokens_)
    if (token.node->token.name == name) return &token;
  return nullptr;
}

std::string_view Args::get(std::string_view name) const {
  const auto* token = find(name);
  return token ? token->text : std::string_view{};
}

std::int64_t Args::number(std::string_view name, std::int64_t fallback) const {
  auto text = get(name);
  std::int64_t value = fallback;
  if (!text.empty()) std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string_view Args::rest(std::string_view name) const {
  const auto* token = find(name);
  if (!token) return {};
  return text::trim_right(line_.substr(token->offset), text::kBlanks);
}

std::size_t Args::offset(std::string_view name) const {
  const auto* token = find(name);
  return token ? token->offset : 0;
}

std::string caret_error(std::size_t column) {
  return std::string(column, ' ') + "^\n% Invalid input detected at '^' marker.\n\n";
}

namespace {
struct ModeInfo {
  Mode id;
  const char* name;
  const char* header;
  Mode parent;
  const char* exit_help;
};

// Prompts from docs/cli.md §1 (docs/decisions.md #1); headers from docs/cli.md §6 where published,
// else emulated. `exit` help: the voice-service text is published (VCR, docs/cli.md §6), the others
// follow IOS's `Exit from interface configuration mode` pattern (emulated).
constexpr ModeInfo kModes[] = {
    {kUserExec, "", "Exec commands:", kModeCount, ""},
    {kPrivilegedExec, "", "Exec commands:", kModeCount, ""},
    {kGlobalConfig, "config", "Configure commands:", kModeCount, "Exit from configure mode"},
    {kVoiceService, "conf-voi-serv", "VOICE SERVICE configuration commands:", kGlobalConfig,
     "Exit from voice service configuration mode"},
    {kVoiceServiceSip, "conf-serv-sip", "SIP configuration commands:", kVoiceService,
     "Exit from SIP configuration mode"},
    {kVoiceRegisterGlobal, "config-register-global",
     "Voice register global configuration commands:", kGlobalConfig,
     "Exit from voice register global configuration mode"},
    {kSessionServer, "config-register-fs", "Session server configuration commands:", kGlobalConfig,
     "Exit from session server configuration mode"},
    {kLogoutProfile, "config-logout-profile", "Logout profile configuration commands:",
     kGlobalConfig, "Exit from logout profile configuration mode"},
    {kUserProfile, "config-user-profile", "Logout profile configuration commands:", kGlobalConfig,
     "Exit from user profile configuration mode"},
    {kEphoneDn, "config-ephone-dn", "Ephone-dn configuration commands:", kGlobalConfig,
     "Exit from ephone-dn configuration mode"},
    {kEphoneDnTemplate, "config-ephone-dn-template", "Ephone Dn template configuration commands:",
     kGlobalConfig, "Exit from ephone-dn template configuration mode"},
    {kEphone, "config-ephone", "Ephone configuration commands:", kGlobalConfig,
     "Exit from ephone configuration mode"},
    {kTelephonyService, "config-telephony", "Telephony-service configuration commands:",
     kGlobalConfig, "Exit from telephony-service configuration mode"},
    {kInterface, "config-if", "Interface configuration commands:", kGlobalConfig,
     "Exit from interface configuration mode"},
    {kDhcpPool, "dhcp-config", "DHCP pool configuration commands:", kGlobalConfig,
     "Exit from DHCP pool configuration mode"},
    {kLine, "config-line", "Line configuration commands:", kGlobalConfig,
     "Exit from line configuration mode"},
    {kArchive, "config-archive", "Archive configuration commands:", kGlobalConfig,
     "Exit from archive configuration mode"},
    {kArchiveLog, "config-archive-log-cfg", "Archive log configuration commands:", kArchive,
     "Exit from archive log configuration mode"},
    {kIxiTransport, "conf-xml-trans", "XML transport configuration commands:", kGlobalConfig,
     "Exit from XML transport configuration mode"},
    {kIxiApplication, "conf-xml-app", "XML application configuration commands:", kGlobalConfig,
     "Exit from XML application configuration mode"},
    {kControlPlane, "config-cp", "Control Plane configuration commands:", kGlobalConfig,
     "Exit from control plane configuration mode"},
    {kVoicePort, "config-voiceport", "Voice-port configuration commands:", kGlobalConfig,
     "Exit from voice-port configuration mode"},
    {kVoiceCard, "config-voicecard", "Voice-card configuration commands:", kGlobalConfig,
     "Exit from voice-card configuration mode"},
    {kSipUa, "config-sip-ua", "SIP UA configuration commands:", kGlobalConfig,
     "Exit from SIP UA configuration mode"},
    {kVoiceServiceH323, "conf-serv-h323", "H323 configuration commands:", kVoiceService,
     "Exit from H323 configuration mode"},
    {kVoiceServiceStun, "conf-serv-stun", "STUN configuration commands:", kVoiceService,
     "Exit from STUN configuration mode"},
    {kIpTrustList, "cfg-iptrust-list", "IP trusted list configuration commands:", kVoiceService,
     "Exit from IP trusted list configuration mode"},
    {kVoiceServicePots, "conf-voi-serv", "VOICE SERVICE configuration commands:", kGlobalConfig,
     "Exit from voice service configuration mode"},
    {kVoiceClassCodec, "config-class", "Voice class configuration commands:", kGlobalConfig,
     "Exit from voice class configuration mode"},
    {kVoiceClassH323, "config-class", "Voice class configuration commands:", kGlobalConfig,
     "Exit from voice class configuration mode"},
    {kVoiceClassSip, "config-class", "Voice class configuration commands:", kGlobalConfig,
     "Exit from voice class configuration mode"},
    {kVoiceClassUri, "config-voice-uri-class", "Voice URI class configuration commands:",
     kGlobalConfig, "Exit from voice URI class configuration mode"},
    {kTranslationRule, "cfg-translation-rule", "Voice translation rule configuration commands:",
     kGlobalConfig, "Exit from voice translation rule configuration mode"},
    {kTranslationProfile, "cfg-translation-profile",
     "Voice translation profile configuration commands:", kGlobalConfig,
     "Exit from voice translation profile configuration mode"},
    {kVoiceRegisterDn, "config-register-dn", "Voice register dn configuration commands:",
     kGlobalConfig, "Exit from voice register dn configuration mode"},
    {kVoiceRegisterPool, "config-register-pool", "Voice register pool configuration commands:",
     kGlobalConfig, "Exit from voice register pool configuration mode"},
    {kVoiceRegisterTemplate, "config-register-temp",
     "Voice register template configuration commands:", kGlobalConfig,
     "Exit from voice register template configuration mode"},
    {kVoiceHuntGroup, "config-voice-hunt-group", "Voice hunt-group configuration commands:",
     kGlobalConfig, "Exit from voice hunt-group configuration mode"},
    {kEphoneTemplate, "config-ephone-template", "Ephone template configuration commands:",
     kGlobalConfig, "Exit from ephone template configuration mode"},
    {kEphoneHunt, "config-ephone-hunt", "Ephone hunt configuration commands:", kGlobalConfig,
     "Exit from ephone-hunt configuration mode"},
    {kEphoneType, "config-ephone-type", "Ephone type configuration commands:", kGlobalConfig,
     "Exit from ephone-type configuration mode"},
    {kDialPeer, "config-dial-peer", "Dial-peer configuration commands:", kGlobalConfig,
     "Exit from dial-peer configuration mode"},
    {kDspfarmProfile, "config-dspfarm-profile", "DSP farm profile configuration commands:",
     kGlobalConfig, "Exit from DSP farm profile configuration mode"},
    {kPresence, "config-presence", "Presence configuration commands:", kGlobalConfig,
     "Exit from presence configuration mode"},
    {kApplication, "config-app", "Application configuration commands:", kGlobalConfig,
     "Exit from application configuration mode"},
    {kAppService, "config-app-param", "Application service configuration commands:", kApplication,
     "Exit from application service configuration mode"},
    {kAppPackage, "config-app-param", "Application package configuration commands:", kApplication,
     "Exit from application package configuration mode"},
    {kCallManagerFallback, "config-cm-fallback", "Call-manager-fallback configuration commands:",
     kGlobalConfig, "Exit from call-manager-fallback configuration mode"},
    {kOpaqueBlock, "config", "Configuration commands:", kGlobalConfig,
     "Exit from the current configuration mode"},
};
static_assert(std::size(kModes) == kModeCount);

}  // namespace

CommandSet::CommandSet() {
  register_modes();
  register_config_commands(*this);
}

void CommandSet::register_modes() {
  for (const auto& info : kModes) {
    grammar::ModeId parent = info.parent;
    if (info.parent == kModeCount) parent = grammar::kNoMode;
    grammar::ModeSpec spec{info.name, info.header, parent, info.exit_help};
    tree_.add_mode(std::move(spec));
  }
}

grammar::CommandId CommandSet::add(grammar::ModeId mode, std::string_view syntax,
                                   const std::vector<std::string>& help, Handler handler,
                                   bool hidden) {
  auto id = tree_.add_command(mode, syntax, help, hidden);
  if (handlers_.size() <= id) handlers_.resize(id + 1);
  handlers_[id] = std::move(handler);
  return id;
}

void CommandSet::add_config(const ConfigCommand& command) {
  auto row = command.row;
  auto handler = command.handler;
  Handler wrapped = [row, handler](CommandContext& c) {
    std::size_t depth = c.session.modes.size();
    handler(c);
    if (!c.reject_at && row) {
      c.session.render_row = row;
      c.session.render_mode = c.session.modes.size() > depth ? c.session.mode() : grammar::kNoMode;
    }
  };
  add(command.mode, command.syntax, command.help, wrapped, command.hidden);
  if (!command.no_form) return;
  const std::string& no_syntax = command.no_syntax.empty() ? command.syntax : command.no_syntax;
  std::vector<std::string> help = command.no_help.empty() ? command.help : command.no_help;
  std::vector<std::string> no_help{"Negate a command or set its defaults"};
  no_help.insert(no_help.end(), help.begin(), help.end());
  add(command.mode, "no " + no_syntax, no_help, wrapped, command.hidden);
  no_help.front() = "Set a command to its defaults";
  add(command.mode, "default " + no_syntax, no_help, wrapped, command.hidden);
}

std::string CommandSet::prompt(const CommandSession& session, std::string_view hostname) const {
  const ModeFrame& frame = session.modes.back();
  std::string text(hostname);
  if (frame.mode == kUserExec) return text + (session.privilege > 1 ? "#" : ">");
  if (frame.mode == kPrivilegedExec) return text + "#";
  const std::string& name = frame.prompt.empty() ? tree_.mode(frame.mode).name : frame.prompt;
  return text + "(" + name + ")#";
}

LineResult CommandSet::execute(CommandSession& session, ConfigStore& store, std::string_view line,
                               std::string& output, std::size_t caret_base, Config* config) {
  LineResult result;
  auto tokens = grammar::tokenize(line);
  if (tokens.empty()) return result;
  std::size_t top = session.modes.size() - 1;
  bool opaque = session.modes[top].mode == kOpaqueBlock;
  // `!` starts a comment line in every mode, typed or loaded (docs/cli.md §9); only a banner's
  // text keeps it (its frame key starts with the delimiter).
  bool banner_text = opaque && !session.modes[top].key.starts_with('\n');
  if (tokens.front().text.front() == '!' && !banner_text) return result;

  // Fall-through (docs/decisions.md #3): the current mode first, then the modes below it on the
  // stack down to global configuration. A line typed in full that fits an outer mode wins over an
  // abbreviation that fits an inner one (`ephone-dn 2` inside ephone-dn is not the template).
  // Inside a kept block (docs/decisions.md #6b) a line read from a file is a child when indented;
  // any other line is a child unless the block's own commands (`exit`, `end`, `do`) or an outer
  // mode take it as a whole command. An outer mode that finds the line ambiguous or incomplete
  // does not take it (`network ...` under `router ospf` is not the start of a global command).
  std::size_t lowest = top;
  if (is_config_mode(session.modes[top].mode))
    while (lowest > 0 && is_config_mode(session.modes[lowest - 1].mode)) --lowest;
  if (opaque && session.loading && (line.front() == ' ' || line.front() == '\t')) lowest = top;
  std::vector<std::size_t> frames;
  for (std::size_t k = top + 1; k-- > lowest;) frames.push_back(k);
  std::vector<grammar::MatchResult> matches;
  matches.reserve(frames.size());
  for (std::size_t k : frames)
    matches.push_back(grammar::match_line(tree_, session.modes[k].mode, line));
  auto is_child_line = [&](std::size_t i) {
    return opaque && i == 0 && matches[i].status == grammar::MatchStatus::kOk &&
           matches[i].tokens.front().node->token.kind == grammar::TokenKind::kLine;
  };
  std::optional<std::size_t> chosen;
  for (std::size_t i = 0; i < matches.size() && !chosen; ++i)
    if (matches[i].status == grammar::MatchStatus::kOk && matches[i].exact && !is_child_line(i))
      chosen = i;
  for (std::size_t i = 0; i < matches.size() && !chosen; ++i) {
    auto status = matches[i].status;
    if (status == grammar::MatchStatus::kInvalid || is_child_line(i)) continue;
    if (status == grammar::MatchStatus::kOk) {
      chosen = i;
      break;
    }
    if (is_child_line(0)) break;
    result.outcome = LineOutcome::kError;
    if (status == grammar::MatchStatus::kIncomplete)
      output += "% Incomplete command.\n\n";
    else
      output += "% Ambiguous command:  \"" + std::string(text::trim(line, text::kBlanks)) + "\"\n";
    return result;
  }
  if (!chosen && is_child_line(0)) chosen = 0;
  if (!chosen) {
    // Every mode refused the line: report the error whose caret went furthest.
    result.outcome = LineOutcome::kError;
    std::size_t offset = 0;
    for (const auto& m : matches) offset = std::max(offset, m.error_offset);
    const auto& first = tokens.front();
    bool in_first_word = offset < first.offset + first.text.size();
    // At `>`, a privileged command gets a caret under its first letter, not a host lookup.
    if (session.mode() == kUserExec && in_first_word) {
      auto privileged = grammar::match_line(tree_, kPrivilegedExec, line);
      if (privileged.status != grammar::MatchStatus::kInvalid ||
          privileged.error_offset >= first.offset + first.text.size()) {
        output += caret_error(caret_base + first.offset);
        return result;
      }
    }
    if (!is_config_mode(session.mode()) && in_first_word) {
      std::string word(first.text);
      if (store.running().ip_domain_lookup)
        output += "Translating \"" + word + "\"...domain server (255.255.255.255)\n";
      else
        output += "Translating \"" + word + "\"\n";
      output += "% Unknown command or computer name, or unable to find computer address\n";
      return result;
    }
    output += caret_error(caret_base + offset);
    return result;
  }

  const auto& m = matches[*chosen];
  std::size_t frame = frames[*chosen];
  // Fall-through leaves the inner modes; a refused line must leave the session where it was.
  std::vector<ModeFrame> left_modes(std::make_move_iterator(session.modes.begin() + frame + 1),
                                    std::make_move_iterator(session.modes.end()));
  session.modes.resize(frame + 1);
  Args args(line, m.tokens);
  bool config_line = is_config_mode(session.modes[frame].mode);
  std::optional<Config> working;
  Config* target = config;
  if (config_line && !target) {
    working = store.running();
    target = &*working;
  }
  CommandContext ctx{session, store, config_line ? target : nullptr, args, output, {}, {}};
  ctx.caret_base = caret_base;
  if (!left_modes.empty()) ctx.fell_from = left_modes.front().mode;
  handlers_.at(m.command)(ctx);
  if (ctx.reject_at) {
    session.modes.resize(frame + 1);
    for (auto& mode : left_modes) session.modes.push_back(std::move(mode));
    output += caret_error(caret_base + *ctx.reject_at);
    result.outcome = LineOutcome::kError;
    return result;
  }
  if (ctx.error_printed) result.outcome = LineOutcome::kError;
  if (working && ctx.config_changed) store.commit(std::move(*working), session.origin);
  result.question = std::move(ctx.question);
  result.stop_loading = ctx.stop_loading;
  return result;
}

}  // namespace cmemu::runtime
