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
};

// Prompts from docs/cli.md §1 (docs/decisions.md #1); headers from docs/cli.md §6 where published,
// else emulated.
constexpr ModeInfo kModes[] = {
    {kUserExec, "", "Exec commands:", kModeCount},
    {kPrivilegedExec, "", "Exec commands:", kModeCount},
    {kGlobalConfig, "config", "Configure commands:", kModeCount},
    {kVoiceService, "conf-voi-serv", "VOICE SERVICE configuration commands:", kGlobalConfig},
    {kVoiceServiceSip, "conf-serv-sip", "SIP configuration commands:", kVoiceService},
    {kVoiceRegisterGlobal, "config-register-global",
     "Voice register global configuration commands:", kGlobalConfig},
    {kSessionServer, "config-register-fs", "Session server configuration commands:", kGlobalConfig},
    {kLogoutProfile, "config-logout-profile",
     "Logout profile configuration commands:", kGlobalConfig},
    {kUserProfile, "config-user-profile", "Logout profile configuration commands:", kGlobalConfig},
    {kEphoneDn, "config-ephone-dn", "Ephone-dn configuration commands:", kGlobalConfig},
    {kEphoneDnTemplate, "config-ephone-dn-template",
     "Ephone Dn template configuration commands:", kGlobalConfig},
    {kEphone, "config-ephone", "Ephone configuration commands:", kGlobalConfig},
    {kTelephonyService, "config-telephony",
     "Telephony-service configuration commands:", kGlobalConfig},
    {kInterface, "config-if", "Interface configuration commands:", kGlobalConfig},
    {kDhcpPool, "dhcp-config", "DHCP pool configuration commands:", kGlobalConfig},
    {kLine, "config-line", "Line configuration commands:", kGlobalConfig},
    {kArchive, "config-archive", "Archive configuration commands:", kGlobalConfig},
    {kArchiveLog, "config-archive-log-cfg", "Archive log configuration commands:", kArchive},
    {kIxiTransport, "conf-xml-trans", "XML transport configuration commands:", kGlobalConfig},
    {kIxiApplication, "conf-xml-app", "XML application configuration commands:", kGlobalConfig},
    {kControlPlane, "config-cp", "Control Plane configuration commands:", kGlobalConfig},
    {kVoicePort, "config-voiceport", "Voice-port configuration commands:", kGlobalConfig},
    {kVoiceCard, "config-voicecard", "Voice-card configuration commands:", kGlobalConfig},
    {kSipUa, "config-sip-ua", "SIP UA configuration commands:", kGlobalConfig},
    {kOpaqueBlock, "config", "Configuration commands:", kGlobalConfig},
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
    grammar::ModeSpec spec{info.name, info.header, parent};
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

  // Fall-through (docs/decisions.md #3): the current mode first, then the modes below it on the
  // stack down to global configuration. A line typed in full that fits an outer mode wins over an
  // abbreviation that fits an inner one (`ephone-dn 2` inside ephone-dn is not the template).
  // Inside a kept block (docs/decisions.md #6b) an indented line is always a child; an unindented
  // one is a child only when neither the block's own commands (`exit`, `end`, `do`) nor an outer
  // mode take it.
  std::size_t top = session.modes.size() - 1;
  std::size_t lowest = top;
  if (is_config_mode(session.modes[top].mode))
    while (lowest > 0 && is_config_mode(session.modes[lowest - 1].mode)) --lowest;
  bool opaque = session.modes[top].mode == kOpaqueBlock;
  if (opaque && (line.front() == ' ' || line.front() == '\t')) lowest = top;
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
