#include "runtime/config/kept_children.hpp"

#include <algorithm>
#include <charconv>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/config/config_commands.hpp"
#include "runtime/config/kept_validators.hpp"

namespace cmemu::runtime {
namespace {

bool structural(char c) {
  return c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
}

// The word of an atom without its `$name`.
std::string_view bare(std::string_view word) {
  return word.substr(0, word.find('$'));
}

bool is_argument(std::string_view word) {
  word = bare(word);
  return (word.size() > 2 && word.front() == '<' && word.back() == '>') || word == "WORD" ||
         word == "LINE" || word == "A.B.C.D" || word == "H.H.H" || word == "H:MM";
}

// The top-level elements of a syntax: single words and whole bracket groups, in order.
std::vector<std::string_view> elements(std::string_view syntax) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < syntax.size()) {
    while (i < syntax.size() && syntax[i] == ' ') ++i;
    if (i == syntax.size()) break;
    std::size_t start = i;
    if (syntax[i] == '[' || syntax[i] == '{') {
      int depth = 0;
      for (; i < syntax.size(); ++i) {
        if (syntax[i] == '[' || syntax[i] == '{') ++depth;
        if (syntax[i] == ']' || syntax[i] == '}') --depth;
        if (depth == 0) {
          ++i;
          break;
        }
      }
    } else {
      while (i < syntax.size() && syntax[i] != ' ' && !structural(syntax[i])) ++i;
    }
    out.push_back(syntax.substr(start, i - start));
  }
  return out;
}

// The leading keywords of a syntax (the words that name the command).
std::size_t head_words(const std::vector<std::string_view>& parts) {
  std::size_t n = 0;
  while (n < parts.size() && !structural(parts[n].front()) && !is_argument(parts[n])) ++n;
  return n;
}

std::string join(const std::vector<std::string_view>& parts, std::size_t from, std::size_t to) {
  std::string text;
  for (std::size_t i = from; i < to && i < parts.size(); ++i) {
    if (!text.empty()) text += ' ';
    text += parts[i];
  }
  return text;
}

std::string head_of(std::string_view syntax) {
  auto parts = elements(syntax);
  return join(parts, 0, head_words(parts));
}

// `no` and `default` forms: the head, then optionally the key words, then optionally the rest.
// A rest with choices or options is taken as free text there: `no` needs only the words that name
// the line, and copying every option of `fax protocol t38 ...` into two more forms would triple
// the mode's tree for nothing.
std::string negation_syntax(std::string_view syntax, int key) {
  auto parts = elements(syntax);
  std::size_t head = head_words(parts);
  std::size_t keyed = head + static_cast<std::size_t>(std::max(key, 0));
  if (key == kEveryLine) keyed = head;
  std::string text = join(parts, 0, head);
  std::string key_part = join(parts, head, keyed);
  std::string rest = join(parts, keyed, parts.size());
  if (rest.find_first_of("[{") != std::string::npos) rest = "LINE";
  if (!rest.empty()) key_part += (key_part.empty() ? "" : " ") + ("[" + rest + "]");
  if (!key_part.empty()) text += " [" + key_part + "]";
  return text;
}

std::string generated_help(std::string_view keyword) {
  if (!keyword.empty() && keyword.front() >= '0' && keyword.front() <= '9')
    return "Cisco IP Phone " + std::string(keyword);  // the phone models of `type`
  std::string text(keyword);
  std::replace(text.begin(), text.end(), '-', ' ');
  if (!text.empty()) text.front() = text::ascii_upper(text.front());
  return text;
}

// What a typed line of a checked command reads as: its canonical text and the text that names
// the instance (the head and key words).
struct Canonical {
  std::string text;
  std::string key;
  std::optional<std::size_t> bad;  // offset of an argument a validator refused
};

Canonical canonical_line(const Args& args, std::size_t key_tokens, int tag_gap) {
  Canonical out;
  std::size_t counted = 0;
  bool in_arguments = false;
  const auto& tokens = args.tokens();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (i == 0 && is_negation(token)) continue;
    const auto& spec = token.node->token;
    bool keyword = spec.kind == grammar::TokenKind::kKeyword;
    if (!out.text.empty())
      out.text.append(static_cast<std::size_t>((!keyword && !in_arguments) ? tag_gap : 1), ' ');
    if (!keyword) in_arguments = true;
    if (spec.kind == grammar::TokenKind::kLine) {
      std::string_view rest =
          text::trim_right(args.line().substr(token.offset), text::kLineEndBlanks);
      std::string checked;
      if (auto bad = validate_argument(spec.name, rest, checked)) {
        out.bad = token.offset + *bad;
        return out;
      }
      out.text += checked.empty() ? std::string(rest) : checked;
      ++counted;
      if (counted == key_tokens) out.key = out.text;
      break;
    }
    if (keyword) {
      out.text += spec.display.empty() ? spec.text : spec.display;
    } else if (spec.kind == grammar::TokenKind::kRange) {
      std::int64_t value = 0;  // IOS prints the number it read (`007` -> 7)
      std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
      out.text += std::to_string(value);
    } else {
      std::string checked;
      if (auto bad = validate_argument(spec.name, token.text, checked)) {
        out.bad = token.offset + *bad;
        return out;
      }
      out.text += checked.empty() ? std::string(token.text) : checked;
    }
    if (++counted == key_tokens) out.key = out.text;
  }
  if (out.key.empty()) out.key = out.text;
  return out;
}

std::string_view positive(std::string_view line) {
  return line.starts_with("no ") ? line.substr(3) : line;
}

bool covers(std::string_view line, std::string_view key) {
  return line == key ||
         (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ' ');
}

// The number a family's header carries after its head (`dial-peer voice 10 voip` -> 10), the
// order the blocks of a sorted family print in; -1 when there is none.
std::int64_t tag_of(std::string_view text, std::size_t head_size) {
  text = text::trim_left(text.substr(std::min(head_size, text.size())), " ");
  std::int64_t value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || (end != text.data() + text.size() && *end != ' ')) return -1;
  return value;
}

struct EditSpec {
  std::uint16_t order = 0;
  std::size_t head = 0;  // head words
  int key = 0;
  grammar::ModeId enters = grammar::kNoMode;
  bool on_by_default = false;
  bool family = false;
  bool by_tag = false;
  int tag_gap = 1;
  std::size_t head_chars = 0;  // length of the head text, for tag_of
};

// Inserts `line` after every line that comes before it: command order, then (families sorted by
// tag) the tag.
KeptLines::iterator insert_in_order(KeptLines& lines, KeptLine line, const EditSpec& spec) {
  std::int64_t tag = spec.by_tag ? tag_of(line.text, spec.head_chars) : -1;
  auto at = std::find_if(lines.begin(), lines.end(), [&](const KeptLine& other) {
    if (other.order != line.order) return other.order > line.order;
    return tag >= 0 && tag_of(other.text, spec.head_chars) > tag;
  });
  return lines.insert(at, std::move(line));
}

void edit_checked(CommandContext& c, const EditSpec& spec) {
  std::size_t frame = c.session.modes.size() - 1;
  KeptLines* lines =
      spec.family ? &c.config->families : kept_lines_of(*c.config, c.session.modes, frame);
  std::size_t first = c.args.tokens().front().offset;
  if (c.args.tokens().size() > 1 && is_negation(c.args.tokens().front()))
    first = c.args.tokens()[1].offset;
  if (!lines) {
    c.reject_at = first;
    return;
  }
  std::size_t key_tokens =
      spec.key == kEveryLine ? 0 : spec.head + static_cast<std::size_t>(spec.key);
  Canonical line = canonical_line(c.args, key_tokens, spec.tag_gap);
  if (line.bad) {
    c.reject_at = line.bad;
    return;
  }
  if (spec.key == kEveryLine) line.key = line.text;
  if (line.text.size() > limits::kMaxText) {
    c.reject_at = first;
    return;
  }
  std::size_t bound = spec.family ? limits::kMaxOpaqueBlocks : limits::kMaxOpaqueLines;
  auto same = [&](const KeptLine& l, bool negative) {
    return l.order == spec.order && l.text.starts_with("no ") == negative &&
           covers(positive(l.text), line.key);
  };
  c.config_changed = true;
  if (c.args.has("default")) {
    std::erase_if(*lines, [&](const KeptLine& l) { return same(l, false) || same(l, true); });
    return;
  }
  if (c.args.has("no")) {
    // `no X` of a setting that is on by default is what IOS prints; of another one it removes X,
    // or, when there is none, is kept as typed (docs/decisions.md #6b).
    std::size_t before = lines->size();
    std::erase_if(*lines, [&](const KeptLine& l) { return same(l, false); });
    if ((lines->size() != before && !spec.on_by_default) || spec.enters != grammar::kNoMode) return;
    std::string negative = "no " + line.text;
    bool kept = std::any_of(lines->begin(), lines->end(), [&](const KeptLine& l) {
      return l.order == spec.order && l.text == negative;
    });
    if (kept) return;
    if (lines->size() >= bound) {
      c.reject_at = first;
      return;
    }
    insert_in_order(*lines, KeptLine{spec.order, negative, {}}, spec);
    return;
  }
  std::erase_if(*lines, [&](const KeptLine& l) { return same(l, true); });
  if (spec.on_by_default && line.text == line.key) {  // back to the default: nothing printed
    std::erase_if(*lines, [&](const KeptLine& l) { return same(l, false); });
    return;
  }
  auto existing =
      std::find_if(lines->begin(), lines->end(), [&](const KeptLine& l) { return same(l, false); });
  if (spec.enters != grammar::kNoMode && existing != lines->end()) {
    // A block is entered again as it is (`dial-peer voice 1 voip` twice keeps its lines).
    enter_mode(c, spec.enters, line.key);
    return;
  }
  KeptLines children;
  if (existing != lines->end()) lines->erase(existing);
  if (lines->size() >= bound) {
    c.reject_at = first;
    return;
  }
  insert_in_order(*lines, KeptLine{spec.order, line.text, std::move(children)}, spec);
  if (spec.enters != grammar::kNoMode) enter_mode(c, spec.enters, line.key);
}

Handler checked_handler(const EditSpec& spec) {
  return [spec](CommandContext& c) { edit_checked(c, spec); };
}

// The kept line a sub-mode frame edits: the line of the frame below whose key the frame holds.
KeptLine* line_of_frame(KeptLines& parent, const std::string& key) {
  for (auto& line : parent)
    if (!line.text.starts_with("no ") && covers(line.text, key)) return &line;
  return nullptr;
}

template <typename T>
T* named(std::vector<T>& items, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
  return it == items.end() ? nullptr : &*it;
}

int tag_number(const std::string& key) {
  int value = 0;
  std::from_chars(key.data(), key.data() + key.size(), value);
  return value;
}

}  // namespace

std::uint16_t child_order(grammar::ModeId mode, std::string_view head) {
  auto children = mode_children(mode);
  for (std::size_t i = 0; i < children.size(); ++i)
    if (head_of(children[i].syntax) == head) return static_cast<std::uint16_t>(i);
  throw grammar::SyntaxError("no command '" + std::string(head) + "' in the order of a mode");
}

KeptLines* kept_lines_of(Config& config, const std::vector<ModeFrame>& frames, std::size_t frame) {
  const ModeFrame& f = frames.at(frame);
  auto& k = f.key;
  switch (f.mode) {
    case kGlobalConfig:
      return &config.families;
    case kVoiceService:
      if (!config.voice_service) config.voice_service.emplace();
      return &config.voice_service->kept;
    case kVoiceServiceSip:
      if (!config.voice_service) config.voice_service.emplace();
      if (!config.voice_service->sip) config.voice_service->sip.emplace();
      return &config.voice_service->sip->kept;
    case kVoiceRegisterGlobal:
      if (!config.voice_register_global) config.voice_register_global.emplace();
      return &config.voice_register_global->kept;
    case kSessionServer:
      return &config.session_servers[tag_number(k)].kept;
    case kLogoutProfile:
      return &config.logout_profiles[tag_number(k)].kept;
    case kUserProfile:
      return &config.user_profiles[tag_number(k)].kept;
    case kEphoneDn:
      return &config.ephone_dns[tag_number(k)].kept;
    case kEphoneDnTemplate:
      return &config.ephone_dn_templates[tag_number(k)].kept;
    case kEphone:
      return &config.ephones[tag_number(k)].kept;
    case kTelephonyService:
      if (!config.telephony) config.telephony.emplace();
      return &config.telephony->kept;
    case kVoicePort: {
      auto* port = named(config.voice_ports, k);
      return port ? &port->kept : nullptr;
    }
    case kSipUa:
      if (!config.sip_ua) config.sip_ua.emplace(NamedBlock{"sip-ua", {}});
      return &config.sip_ua->kept;
    default: {
      if (frame == 0) return nullptr;
      KeptLines* parent = kept_lines_of(config, frames, frame - 1);
      KeptLine* line = parent ? line_of_frame(*parent, k) : nullptr;
      return line ? &line->children : nullptr;
    }
  }
}

std::vector<std::string> syntax_help(std::string_view syntax, std::string_view first) {
  // `first` describes the command: it goes to the last word of its head (`session target`), the
  // words before it get the dictionary's help, shared by the commands they begin.
  auto parts = elements(syntax);
  std::size_t head = head_words(parts);
  std::vector<std::string> help;
  std::string last;
  std::size_t i = 0;
  while (i < syntax.size()) {
    if (syntax[i] == ' ' || structural(syntax[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < syntax.size() && syntax[i] != ' ' && !structural(syntax[i])) ++i;
    std::string_view word = syntax.substr(start, i - start);
    if (is_argument(word)) {
      help.push_back(last.empty() ? std::string(bare(word)) : last);
      continue;
    }
    std::string_view keyword = bare(word);
    std::string text;
    if (help.size() + 1 == head && !first.empty())
      text = std::string(first);
    else if (auto known = keyword_help(keyword); !known.empty())
      text = std::string(known);
    else
      text = generated_help(keyword);
    last = text;
    help.push_back(std::move(text));
  }
  return help;
}

namespace {

// Registers `syntax` and its negation with the handler that applies `edit`.
void add_edited(CommandSet& commands, grammar::ModeId mode, std::string_view syntax,
                std::string_view help, int key, const EditSpec& edit,
                std::optional<ConfigRow> row) {
  std::string no_syntax = negation_syntax(syntax, key);
  commands.add_config({
      .mode = mode,
      .syntax = std::string(syntax),
      .help = syntax_help(syntax, help),
      .handler = checked_handler(edit),
      .no_syntax = no_syntax,
      .no_help = syntax_help(no_syntax, help),
      .row = row,
  });
}

}  // namespace

void add_checked_child(CommandSet& commands, grammar::ModeId mode, const ChildSpec& spec,
                       std::uint16_t order) {
  auto parts = elements(spec.syntax);
  EditSpec edit;
  edit.order = order;
  edit.head = head_words(parts);
  edit.key = spec.key;
  edit.enters = spec.enters;
  edit.on_by_default = spec.on_by_default;
  if (edit.head == 0)
    throw grammar::SyntaxError("a kept child needs a keyword: " + std::string(spec.syntax));
  add_edited(commands, mode, spec.syntax, spec.help, spec.key, edit, std::nullopt);
}

void add_checked_children(CommandSet& commands, grammar::ModeId mode) {
  auto children = mode_children(mode);
  for (std::size_t i = 0; i < children.size(); ++i)
    if (!children[i].modelled)
      add_checked_child(commands, mode, children[i], static_cast<std::uint16_t>(i));
}

void add_checked_families(CommandSet& commands) {
  auto specs = family_specs();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const FamilySpec& family = specs[i];
    auto parts = elements(family.syntax);
    EditSpec edit;
    edit.order = static_cast<std::uint16_t>(i);
    edit.head = head_words(parts);
    edit.key = family.key;
    edit.enters = family.enters;
    edit.family = true;
    edit.by_tag = family.by_tag;
    edit.tag_gap = family.tag_gap;
    edit.head_chars = join(parts, 0, edit.head).size();
    add_edited(commands, kGlobalConfig, family.syntax, family.help, family.key, edit, family.row);
  }
}

void render_kept(std::string& out, const KeptLines& lines, int depth) {
  for (const auto& line : lines) {
    out.append(static_cast<std::size_t>(depth), ' ');
    out += line.text;
    out += '\n';
    if (!line.children.empty()) render_kept(out, line.children, depth + 1);
  }
}

void KeptCursor::until(std::uint32_t order) {
  while (next_ < lines_.size() && lines_[next_].order < order) {
    const KeptLine& line = lines_[next_++];
    out_.append(static_cast<std::size_t>(depth_), ' ');
    out_ += line.text;
    out_ += '\n';
    if (!line.children.empty()) render_kept(out_, line.children, depth_ + 1);
  }
}

}  // namespace cmemu::runtime
