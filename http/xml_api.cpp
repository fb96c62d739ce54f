#include "http/xml_api.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <iterator>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <utility>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "runtime/call_model.hpp"
#include "runtime/config/config.hpp"
#include "runtime/registrar_status.hpp"

namespace cmemu::http {
namespace {

using runtime::Config;

// The requests of docs/xml-api.md §2, spelled as the guide spells them; a request is matched
// without regard to case (the guide itself writes both ISgetUserProfile and ISgetuserProfile).
constexpr std::string_view kRequests[] = {"ISexecCLI",
                                          "ISSaveConfig",
                                          "ISgetGlobal",
                                          "ISgetDevice",
                                          "ISgetDeviceTemplate",
                                          "ISgetExtension",
                                          "ISgetExtensionTemplate",
                                          "ISgetUser",
                                          "ISgetUserProfile",
                                          "ISgetVoiceRegGlobal",
                                          "ISgetSipDevice",
                                          "ISgetSipExtension",
                                          "ISgetSessionServer",
                                          "ISgetVoiceHuntGroup",
                                          "ISgetPresenceGlobal",
                                          "ISgetEvtCounts",
                                          "ISgetDevEvts",
                                          "ISgetExtEvts",
                                          "ISsetKeyPhones",
                                          "ISunsetKeyPhones",
                                          "ISupdateUser"};

std::string trimmed(std::string_view value) {
  return std::string(text::trim(value));
}

std::vector<std::string> split_words(std::string_view value) {
  std::vector<std::string> out;
  for (auto word : text::words(value)) out.emplace_back(word);
  return out;
}

std::string upper(std::string_view value) {
  std::string out(value);
  for (char& c : out) c = text::ascii_upper(c);
  return out;
}

bool to_int(std::string_view value, int& out) {
  value = text::trim(value);
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  return error == std::errc() && end == value.data() + value.size();
}

std::string_view local_name(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::size_t depth(const pugi::xml_node& node, std::size_t limit) {
  std::size_t deepest = 0;
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    deepest = std::max(deepest, 1 + depth(child, limit));
    if (deepest > limit) break;
  }
  return deepest;
}

pugi::xml_node find_element(const pugi::xml_node& root, std::string_view name) {
  return root.find_node([name](const pugi::xml_node& n) {
    return n.type() == pugi::node_element && text::iequals(local_name(n.name()), name);
  });
}

std::string node_text(const pugi::xml_node& node) {
  return trimmed(node.child_value());
}

// ---- writing ----

pugi::xml_node add(pugi::xml_node parent, const char* name, std::string_view value) {
  auto child = parent.append_child(name);
  child.text().set(std::string(value).c_str());
  return child;
}
pugi::xml_node add(pugi::xml_node parent, const char* name, long value) {
  return add(parent, name, std::to_string(value));
}
pugi::xml_node add(pugi::xml_node parent, const char* name, bool value) {
  return add(parent, name, std::string_view(value ? "true" : "false"));
}
pugi::xml_node add(pugi::xml_node parent, const char* name, const char* value) {
  return add(parent, name, std::string_view(value));
}

struct Envelope {
  pugi::xml_document doc;
  pugi::xml_node body;
  pugi::xml_node response;

  explicit Envelope(std::string_view type) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto envelope = doc.append_child("SOAP-ENV:Envelope");
    envelope.append_attribute("xmlns:SOAP-ENV") = "http://schemas.xmlsoap.org/soap/envelope/";
    envelope.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    body = envelope.append_child("SOAP-ENV:Body");
    if (type.empty()) return;
    response = body.append_child("axl").append_child("response");
    response.append_attribute("xsi:type") = (std::string(type) + "Response").c_str();
  }
  XmlAnswer answer(int status = 200) const {
    std::ostringstream out;
    doc.save(out, " ", pugi::format_indent | pugi::format_no_empty_element_tags);
    return {status, out.str()};
  }
};

// ---- selection: ID, name and keyword parameters (docs/xml-api.md §2) ----

struct Selection {
  std::set<int> tags;
  bool tag_list = false;   // `allTag`: the tags only
  bool available = false;  // `available`: the next free tag
};

/// Applies the keyword `word` (all, allTag, available and the extras `extra` knows) to `all`.
bool apply_keyword(std::string_view word, const std::vector<int>& all, Selection& selection) {
  if (text::iequals(word, "all")) {
    selection.tags.insert(all.begin(), all.end());
  } else if (text::iequals(word, "allTag")) {
    selection.tag_list = true;
    selection.tags.insert(all.begin(), all.end());
  } else if (text::iequals(word, "available")) {
    selection.available = true;
  } else {
    return false;
  }
  return true;
}

void add_number(const std::string& value, const std::vector<int>& all, Selection& selection) {
  int tag = 0;
  if (!to_int(value, tag)) return;
  if (std::find(all.begin(), all.end(), tag) != all.end()) selection.tags.insert(tag);
}

int next_free(const std::vector<int>& used, int max) {
  for (int tag = 1; tag <= max; ++tag)
    if (std::find(used.begin(), used.end(), tag) == used.end()) return tag;
  return 0;
}

template <typename Map>
std::vector<int> keys(const Map& map) {
  std::vector<int> all;
  for (const auto& entry : map) all.push_back(entry.first);
  return all;
}

/// What the selection parameters of a get request name (docs/xml-api.md §2): `id_names` carry a
/// tag; `name_names` a keyword (all, allTag, available) or a name that `by_name` turns into tags;
/// ISKeyword a keyword.
using ByName = std::function<void(const std::string& value, Selection& selection)>;

Selection select(const XmlRequest& request, const std::vector<int>& all,
                 std::initializer_list<std::string_view> id_names,
                 std::initializer_list<std::string_view> name_names, const ByName& by_name = {}) {
  Selection selection;
  auto named = [](std::string_view name, std::initializer_list<std::string_view> names) {
    return std::any_of(names.begin(), names.end(),
                       [name](std::string_view n) { return text::iequals(n, name); });
  };
  for (const auto& [name, value] : request.params) {
    if (named(name, id_names)) {
      add_number(value, all, selection);
    } else if (named(name, name_names) || text::iequals(name, "ISKeyword")) {
      if (!apply_keyword(value, all, selection) && by_name) by_name(value, selection);
    }
  }
  return selection;
}

/// Writes the tag list or the next free tag; true when the answer is one of those.
bool write_tags(pugi::xml_node list, const char* name, const Selection& selection,
                const std::vector<int>& used, int max) {
  if (selection.available) {
    add(list, name, static_cast<long>(next_free(used, max)));
    return true;
  }
  if (!selection.tag_list) return false;
  for (int tag : selection.tags) add(list, name, static_cast<long>(tag));
  return true;
}

// ---- kept blocks (families cmemu keeps verbatim: voice register pool/dn, hunt groups ...) ----

struct KeptBlock {
  int tag = 0;
  std::vector<std::string> header;  // the header's words after the family
  std::vector<std::string> children;
};

/// The texts of kept lines (a checked family's children, an object's kept lines).
std::vector<std::string> texts(const runtime::KeptLines& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) out.push_back(line.text);
  return out;
}

/// The checked top-level blocks of `family` (Config::families, docs/decisions.md #6b).
std::vector<KeptBlock> kept_blocks(const Config& config, std::string_view family) {
  std::vector<KeptBlock> found;
  std::string prefix = std::string(family) + " ";
  for (const auto& block : config.families) {
    if (!block.text.starts_with(prefix)) continue;
    KeptBlock kept;
    kept.header = split_words(std::string_view(block.text).substr(prefix.size()));
    if (kept.header.empty() || !to_int(kept.header[0], kept.tag)) continue;
    kept.children = texts(block.children);
    found.push_back(std::move(kept));
  }
  return found;
}

/// The words after `keyword` in the first kept line starting with it; empty when none.
std::vector<std::string> kept_value(const std::vector<std::string>& lines,
                                    std::string_view keyword) {
  for (const auto& line : lines) {
    auto words = split_words(line);
    auto key = split_words(keyword);
    if (words.size() >= key.size() && std::equal(key.begin(), key.end(), words.begin()))
      return {words.begin() + static_cast<long>(key.size()), words.end()};
  }
  return {};
}

/// The first word after `keyword` (kept_value), or `fallback` when there is none.
std::string first_kept_value(const std::vector<std::string>& lines, std::string_view keyword,
                             std::string fallback = {}) {
  auto words = kept_value(lines, keyword);
  return words.empty() ? fallback : words[0];
}

/// kept_blocks() by tag (a later block of a tag replaces an earlier one).
std::map<int, KeptBlock> kept_blocks_by_tag(const Config& config, std::string_view family) {
  std::map<int, KeptBlock> by_tag;
  for (auto& block : kept_blocks(config, family)) by_tag[block.tag] = std::move(block);
  return by_tag;
}

std::string commas_to_blanks(std::string value) {
  std::replace(value.begin(), value.end(), ',', ' ');
  return value;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

// ---- users (ISgetUser, ISupdateUser) ----

struct UserRef {
  int type = 0;  // 1 ephone, 2 logout-profile, 3 user-profile (the guide's ISuserType)
  int tag = 0;
};

UserRef find_user(const Config& config, std::string_view name) {
  for (const auto& [tag, ephone] : config.ephones) {
    auto user = kept_value(texts(ephone.kept), "username");
    if (!user.empty() && user[0] == name) return {1, tag};
  }
  for (const auto& [tag, profile] : config.logout_profiles)
    if (profile.user && profile.user->first == name) return {2, tag};
  for (const auto& [tag, profile] : config.user_profiles)
    if (profile.user && profile.user->first == name) return {3, tag};
  return {};
}

// ---- the answers ----

class Answerer {
 public:
  Answerer(const XmlRequest& request, const LabView& view, const XmlActions& actions, int level)
      : request_(request), view_(view), config_(view.config), actions_(actions), level_(level) {}

  XmlAnswer run(std::string_view type);

 private:
  const runtime::PhoneStatus* phone(int tag) const {
    for (const auto& p : view_.phones)
      if (p.ephone_tag == tag) return &p;
    return nullptr;
  }
  const runtime::Line* line(int dn) const { return view_.calls ? view_.calls->line(dn) : nullptr; }
  bool line_up(int dn) const {
    const auto* l = line(dn);
    return l && l->in_service();  // as `show ephone-dn` says UP (docs/decisions.md #29)
  }
  int tag_of_device(std::string_view name) const {
    for (const auto& [tag, ephone] : config_.ephones)
      if (ephone.mac && (text::iequals(device_name(*ephone.mac), name) ||
                         text::iequals(grammar::format_mac(*ephone.mac), name)))
        return tag;
    return 0;
  }
  bool keyphone(const runtime::Ephone& ephone) const {
    return std::any_of(ephone.kept.begin(), ephone.kept.end(),
                       [](const runtime::KeptLine& line) { return line.text == "keyphone"; });
  }

  void global(pugi::xml_node r);
  void devices(pugi::xml_node r);
  void device(pugi::xml_node list, int tag, const runtime::Ephone& ephone);
  void device_templates(pugi::xml_node r);
  void extensions(pugi::xml_node r);
  void extension(pugi::xml_node list, int tag, const runtime::EphoneDn& dn);
  void extension_templates(pugi::xml_node r);
  void user(pugi::xml_node r);
  void user_profiles(pugi::xml_node r);
  void voice_reg_global(pugi::xml_node r);
  void sip_devices(pugi::xml_node r);
  void sip_extensions(pugi::xml_node r);
  void session_servers(pugi::xml_node r);
  void hunt_groups(pugi::xml_node r);
  void presence(pugi::xml_node r);
  void event_counts(pugi::xml_node r);
  void device_events(pugi::xml_node r);
  void extension_events(pugi::xml_node r);
  void key_phones(pugi::xml_node r, bool set);
  void update_user(pugi::xml_node r);
  void exec_cli(pugi::xml_node r);
  void save_config(pugi::xml_node r);

  const XmlRequest& request_;
  const LabView& view_;
  const Config& config_;
  const XmlActions& actions_;
  int level_;
};

void Answerer::global(pugi::xml_node r) {
  auto g = r.append_child("ISGlobal");
  const auto* t = config_.telephony ? &*config_.telephony : nullptr;
  add(g, "ISAddress", view_.address);
  add(g, "ISMode", "ITS");
  add(g, "ISVersion", "8.6");
  add(g, "ISDeviceRegistered", static_cast<long>(view_.phones.size()));
  add(g, "ISPeakDeviceRegistered", static_cast<long>(view_.peak_registered));
  add(g, "ISPeakDeviceRegisteredTime", view_.peak_registered_time);
  add(g, "ISKeepAliveInterval", static_cast<long>(t ? t->keepalive_seconds() : 30));
  add(g, "ISConfiguredDevice", static_cast<long>(config_.ephones.size()));
  add(g, "ISConfiguredExtension", static_cast<long>(config_.ephone_dns.size()));
  add(g, "ISServiceEngine", "0.0.0.0");
  add(g, "ISName", config_.hostname);
  add(g, "ISPortNumber",
      static_cast<long>(t && t->ip_source_address ? t->ip_source_address->port_or_default()
                                                  : 2000));
  add(g, "ISMaxConference",
      static_cast<long>(t && t->max_conferences ? t->max_conferences->count : 8));
  add(g, "ISMaxRedirect", 5L);
  add(g, "ISMaxEphone", static_cast<long>(t ? t->max_ephones : 0));
  add(g, "ISMaxDN", static_cast<long>(t && t->max_dn ? t->max_dn->count : 0));
  add(g, "ISVoiceMail",
      first_kept_value(t ? texts(t->kept) : std::vector<std::string>{}, "voicemail"));
  auto urls = g.append_child("ISUrlServices");
  if (t && !t->url_services.empty()) {
    auto service = urls.append_child("ISUrlService");
    add(service, "ISUrlType", "EPHONE_URL_SERVICES");
    add(service, "ISUrlLink", split_words(t->url_services).front());
  }
  add(g, "max-ephones", static_cast<long>(t ? t->max_ephones : 0));
  if (t && t->xml_user) {  // the password stays out of answers (docs/xml-api.md §2)
    auto xml = g.append_child("xml");
    add(xml, "user", t->xml_user->name);
    add(xml, "level", static_cast<long>(t->xml_user->level));
  }
}

void Answerer::devices(pugi::xml_node r) {
  auto list = r.append_child("ISDevices");
  auto all = keys(config_.ephones);
  auto selection =
      select(request_, all, {"ISDevID"}, {"ISDevName"},
             [this](const std::string& value, Selection& chosen) {
               bool keyphones = text::iequals(value, "allKeyphone");
               bool registered = text::iequals(value, "allRegistered");
               if (keyphones || registered || text::iequals(value, "allUnregistered")) {
                 for (const auto& [tag, ephone] : config_.ephones)
                   if (keyphones ? keyphone(ephone) : (phone(tag) != nullptr) == registered)
                     chosen.tags.insert(tag);
               } else if (int tag = tag_of_device(value)) {
                 chosen.tags.insert(tag);
               }
             });
  if (write_tags(list, "ISDevID", selection, all, runtime::limits::kMaxEphones)) return;
  for (int tag : selection.tags) device(list, tag, config_.ephones.at(tag));
}

std::string_view button_mode(char separator) {
  switch (separator) {
    case 's':
      return "SILENT_RING";
    case 'b':
      return "BEEP_RING";
    case 'f':
      return "FEATURE_RING";
    case 'm':
      return "MONITOR_RING";
    case 'o':
      return "OVERLAY";
    case 'c':
      return "CW_OVERLAY";
    case 'x':
      return "EXPANSION";
    case 'w':
      return "WATCH";
    default:
      return "Normal";
  }
}

void Answerer::device(pugi::xml_node list, int tag, const runtime::Ephone& ephone) {
  auto d = list.append_child("ISDevice");
  const auto* registered = phone(tag);
  add(d, "ISDevID", static_cast<long>(tag));
  add(d, "ISDevName", ephone.mac ? device_name(*ephone.mac) : std::string());
  add(d, "ISDevType", registered ? "IP Phone " + registered->model_name : std::string("Others"));
  add(d, "ISconfigDevType", ephone.type);
  add(d, "ISDevUsername", first_kept_value(texts(ephone.kept), "username"));
  auto buttons = d.append_child("ISDevLineButtons");
  for (const auto& entry : ephone.buttons) {
    auto button = buttons.append_child("ISDevLineButton");
    add(button, "ISDevLineButtonID", static_cast<long>(entry.button));
    add(button, "ISDevLineButtonMode", button_mode(entry.separator));
  }
  add(d, "keyphone", keyphone(ephone));
  add(d, "logout-profile", static_cast<long>(ephone.logout_profile.value_or(0)));
  add(d.append_child("ISDevAddr"), "Xipv4Address", registered ? registered->ip : "0.0.0.0");
  auto lines = d.append_child("ISPhoneLineList");
  for (const auto& entry : ephone.buttons)
    for (int dn : entry.dns) {
      auto status = lines.append_child("ExtMapStatus");
      add(status, "LineId", static_cast<long>(entry.button));
      add(status, "ExtId", static_cast<long>(dn));
      auto found = config_.ephone_dns.find(dn);
      add(status, "ExtNumber", found == config_.ephone_dns.end() ? "" : found->second.number);
      add(status, "ExtStatus", line_up(dn));
      add(status, "LineState", line_state(view_.calls, dn));
    }
  add(d, "ISKeyPhone", keyphone(ephone));
  add(d, "ISLogoutProfileID", static_cast<long>(ephone.logout_profile.value_or(0)));
  int user_profile = 0;
  if (view_.em_logins)
    if (auto login = view_.em_logins->find(tag); login != view_.em_logins->end())
      user_profile = login->second;
  add(d, "ISUserProfileID", static_cast<long>(user_profile));
  add(d.append_child("ISTapiClientAddr"), "Xipv4Address", "");
  const auto* state = view_.events ? view_.events->device_state(tag) : nullptr;
  add(d, "ISDevStatus", registered ? "registered" : "unregistered");
  add(d, "ISDevLastStatus", state ? state->last_status : "unregistered");
  add(d, "ISDevChangeTime", state ? state->change_time : 0L);
  add(d, "ISDevKeepAlives", static_cast<long>(registered ? registered->keepalives : 0));
  for (const char* empty :
       {"ISDevTapiCStatus", "ISTapiCLastStatus", "ISTapiCChangeTime", "ISTapiCKeepAlive"})
    d.append_child(empty);
  bool dnd = false;
  for (const auto& entry : ephone.buttons)
    for (int dn : entry.dns)
      if (const auto* l = line(dn); l && l->dnd) dnd = true;
  add(d, "ISDevDND", dnd ? "yes" : "no");
}

void Answerer::device_templates(pugi::xml_node r) {
  auto list = r.append_child("ISDeviceTemplates");
  auto templates = kept_blocks_by_tag(config_, "ephone-template");
  auto all = keys(templates);
  // The guide's own example spells the ID ISgetDevTemplateID; both are read.
  auto selection = select(request_, all, {"ISDevTemplateID", "ISgetDevTemplateID"}, {});
  if (write_tags(list, "ISDevTemplateID", selection, all, 20)) return;
  for (int tag : selection.tags) {
    auto t = list.append_child("ISDeviceTemplate");
    add(t, "ISDevTemplateID", static_cast<long>(tag));
    const auto& lines = templates[tag].children;
    add(t, "keyphone", std::find(lines.begin(), lines.end(), "keyphone") != lines.end());
    auto softkeys = t.append_child("softkeys");
    for (const char* state :
         {"alerting", "connected", "hold", "idle", "remote-in-use", "ringing", "seized"})
      add(softkeys, (std::string(state) + "_keys").c_str(),
          joined(kept_value(lines, std::string("softkeys ") + state)));
  }
}

void Answerer::extensions(pugi::xml_node r) {
  auto list = r.append_child("ISExtensions");
  auto all = keys(config_.ephone_dns);
  auto selection =
      select(request_, all, {"ISExtID"}, {"ISExtNumber"},
             [this, &all](const std::string& value, Selection& chosen) {
               bool up = text::iequals(value, "allUp");
               for (int tag : all) {
                 const auto& dn = config_.ephone_dns.at(tag);
                 if (up || text::iequals(value, "allDown")
                         ? line_up(tag) == up
                         : !dn.number.empty() && (dn.number == value || dn.secondary == value))
                   chosen.tags.insert(tag);
               }
             });
  if (write_tags(list, "ISExtID", selection, all, runtime::limits::kMaxDn)) return;
  for (int tag : selection.tags) extension(list, tag, config_.ephone_dns.at(tag));
}

std::string_view call_status(std::string_view state) {
  if (state == "ringing") return "RINGING";
  if (state == "connected") return "CONNECTED";
  if (state == "hold") return "HOLD";
  if (state == "dialing") return "DIALING";
  if (state == "failed") return "FAILED";
  return "IDLE";
}

void Answerer::extension(pugi::xml_node list, int tag, const runtime::EphoneDn& dn) {
  auto e = list.append_child("ISExtension");
  const auto* l = line(tag);
  add(e, "ISExtID", static_cast<long>(tag));
  add(e, "ISExtNumber", dn.number);
  add(e, "ISExtSecNumber", dn.secondary);
  add(e, "ISExtType", "normal");
  add(e, "ISExtStatus", line_up(tag) ? "up" : "down");
  auto changed = view_.events ? view_.events->extension_state(tag) : std::nullopt;
  add(e, "ISExtChangeTime", changed ? changed->second : 0L);
  add(e, "ISExtUsage", static_cast<long>(l ? l->connections.size() : 0));
  add(e, "ISExtHomeAddress", "0.0.0.0");
  add(e, "ISExtMultiLines", static_cast<long>(l ? l->endpoints : 0));
  add(e, "ISExtPortName", "EFXS 50/0/" + std::to_string(tag));
  add(e, "ISExtLineMode", dn.dual_line ? "DUAL_LINE" : "SINGLE_LINE");
  add(e, "ISExtCallStatus", call_status(line_state(view_.calls, tag)));
  add(e, "Mobility", false);
  const runtime::EphoneDnTemplate* dn_template = nullptr;
  if (dn.dn_template)
    if (auto t = config_.ephone_dn_templates.find(*dn.dn_template);
        t != config_.ephone_dn_templates.end())
      dn_template = &t->second;
  bool watch = dn.cti_watch || (dn_template && dn_template->cti_watch);
  bool notify = dn.cti_notify || (dn_template && dn_template->cti_notify);
  add(e, "ISAllowWatch", watch);
  e.append_child("ISSessionServerIDs");
  auto words = split_words(dn.name);
  add(e, "firstName", words.size() > 1 ? words.front() : std::string());
  add(e, "lastName", words.empty() ? std::string() : words.back());
  add(e, "callForwardAll", l ? l->forward_all : dn.call_forward_all);
  auto devices = e.append_child("ISDevList");
  for (const auto& [ephone_tag, ephone] : config_.ephones) {
    bool on = false;
    for (const auto& entry : ephone.buttons)
      on = on || std::find(entry.dns.begin(), entry.dns.end(), tag) != entry.dns.end();
    if (on) add(devices, "ISDeviceID", static_cast<long>(ephone_tag));
  }
  // The configuration elements cmemu models, in the guide's order.
  add(e.append_child("allow"), "watch", watch);
  auto cti = e.append_child("cti");
  add(cti, "notify", notify);
  add(cti, "watch", watch);
  add(e, "description", dn.description);
  add(e, "ephone-dn-template", static_cast<long>(dn.dn_template.value_or(0)));
  add(e, "label", dn.label);
  add(e, "name", dn.name);
  auto number = e.append_child("telephony_number");
  add(number, "primary", dn.number);
  add(number, "secondary", dn.secondary);
  add(number, "no-reg", !dn.no_reg.empty());
}

void Answerer::extension_templates(pugi::xml_node r) {
  auto list = r.append_child("ISExtensionTemplates");
  auto all = keys(config_.ephone_dn_templates);
  auto selection = select(request_, all, {"ISExtTemplateID", "ISExtensionTemplateID"}, {});
  if (write_tags(list, "ISExtTemplateID", selection, all, 20)) return;
  for (int tag : selection.tags) {
    const auto& dn_template = config_.ephone_dn_templates.at(tag);
    auto t = list.append_child("ISExtensionTemplate");
    add(t, "ISExtTemplateID", static_cast<long>(tag));
    add(t.append_child("allow"), "watch", dn_template.cti_watch);
    auto cti = t.append_child("cti");
    add(cti, "notify", dn_template.cti_notify);
    add(cti, "watch", dn_template.cti_watch);
  }
}

void Answerer::user(pugi::xml_node r) {
  auto names = request_.values("ISuserID");
  std::string name = names.empty() ? std::string() : names.front();
  UserRef ref = find_user(config_, name);
  auto u = r.append_child("ISuser");
  add(u, "ISuserID", name);
  add(u, "ISuserType", static_cast<long>(ref.type));
  add(u, "ISuserTag", static_cast<long>(ref.tag));
}

void Answerer::user_profiles(pugi::xml_node r) {
  auto list = r.append_child("ISUserProfiles");
  auto all = keys(config_.user_profiles);
  auto selection = select(request_, all, {"ISUserProfileID"}, {"ISuserID"},
                          [this](const std::string& value, Selection& chosen) {
                            for (const auto& [tag, profile] : config_.user_profiles)
                              if (profile.user && profile.user->first == value)
                                chosen.tags.insert(tag);
                          });
  if (write_tags(list, "ISUserProfileID", selection, all, runtime::limits::kMaxUserProfiles))
    return;
  for (int tag : selection.tags) {
    const auto& profile = config_.user_profiles.at(tag);
    auto p = list.append_child("ISUserProfile");
    add(p, "ISUserProfileID", static_cast<long>(tag));
    add(p, "ISuserID", profile.user ? profile.user->first : std::string());
    add(p, "ISpassword", profile.user ? profile.user->second : std::string());
    p.append_child("SpeedDials");
    auto numbers = p.append_child("UserNumbers");
    for (const auto& number : profile.numbers) {
      auto n = numbers.append_child("UserNumber");
      add(n, "ISExtNumber", number.number);
      add(n, "ISExtMode", upper(number.type));
      add(n, "ISExtOverlayGroup", 0L);
      add(n, "ISExtCombo", "no");
    }
    int current = 0;
    if (view_.em_logins)
      for (const auto& [ephone, logged_in] : *view_.em_logins)
        if (logged_in == tag) current = ephone;
    auto phone_node = p.append_child("ISuserCurrentPhone");
    add(phone_node, "CurrentPhoneType", current ? "SCCP" : "Unknown");
    add(phone_node, "CurrentPhoneID", static_cast<long>(current));
  }
}

void Answerer::voice_reg_global(pugi::xml_node r) {
  auto g = r.append_child("ISSipGlobal");
  const auto& global = config_.voice_register_global;
  add(g, "ISAddress",
      global && global->source_address ? grammar::format_ipv4(*global->source_address)
                                       : view_.address);
  add(g, "ISMode", global && global->mode_cme ? "cme" : "");
  add(g, "ISVersion", "8.6");
  g.append_child("ISAuthModes");
  add(g, "ISPortNumber", static_cast<long>(global ? global->source_port.value_or(5060) : 5060));
  auto kept = global ? texts(global->kept) : std::vector<std::string>{};
  add(g, "ISMaxPool", first_kept_value(kept, "max-pool", "0"));
  add(g, "ISMaxDN", first_kept_value(kept, "max-dn", "0"));
  add(g, "ISMaxRedirect", 5L);
}

/// `number N dn M` lines of a voice register pool: (N, M).
std::vector<std::pair<std::string, int>> pool_lines(const std::vector<std::string>& lines) {
  std::vector<std::pair<std::string, int>> found;
  for (const auto& line : lines) {
    auto words = split_words(line);
    int dn = 0;
    if (words.size() >= 4 && words[0] == "number" && words[2] == "dn" && to_int(words[3], dn))
      found.emplace_back(words[1], dn);
  }
  return found;
}

void Answerer::sip_devices(pugi::xml_node r) {
  auto list = r.append_child("ISSipDevices");
  auto pools = kept_blocks_by_tag(config_, "voice register pool");
  auto all = keys(pools);
  auto selection = select(request_, all, {"ISPoolID"}, {"ISPoolName"});
  if (write_tags(list, "ISPoolID", selection, all, 100)) return;
  for (int tag : selection.tags) {
    const auto& lines = pools[tag].children;
    auto d = list.append_child("ISSipDevice");
    add(d, "ISPoolID", static_cast<long>(tag));
    add(d, "ISDevMac", first_kept_value(lines, "id mac"));
    add(d, "ISSessionServerID", 0L);
    add(d.append_child("ISDevAddr"), "Xipv4Address", "0");  // SIP phones never register here
    auto line_list = d.append_child("ISSipPhoneLineList");
    std::map<int, std::string> numbers;
    for (const auto& dn : kept_blocks(config_, "voice register dn")) {
      auto number = kept_value(dn.children, "number");
      if (!number.empty()) numbers[dn.tag] = number[0];
    }
    for (const auto& [line, dn] : pool_lines(lines)) {
      auto status = line_list.append_child("ExtMapStatus");
      add(status, "LineId", line);
      add(status, "ExtId", static_cast<long>(dn));
      add(status, "ExtNumber", numbers[dn]);
      add(status, "LineState", "idle");
    }
    auto dtmf = kept_value(lines, "dtmf-relay");
    add(d, "ISPoolDtmfRelay", joined(dtmf));
    add(d, "ISDevCodec", first_kept_value(lines, "codec", "g711ulaw"));
  }
}

void Answerer::sip_extensions(pugi::xml_node r) {
  auto list = r.append_child("ISSipExtensions");
  auto dns = kept_blocks_by_tag(config_, "voice register dn");
  auto all = keys(dns);
  auto selection = select(request_, all, {"ISVoiceRegDNID"}, {"ISVoiceRegNumber"},
                          [&dns](const std::string& value, Selection& chosen) {
                            for (const auto& [tag, block] : dns) {
                              auto number = kept_value(block.children, "number");
                              if (!number.empty() && number[0] == value) chosen.tags.insert(tag);
                            }
                          });
  if (write_tags(list, "ISVoiceRegDNID", selection, all, 100)) return;
  for (int tag : selection.tags) {
    const auto& lines = dns[tag].children;
    auto e = list.append_child("ISSipExtension");
    add(e, "ISVoiceRegDNID", static_cast<long>(tag));
    add(e, "ISExtNumber", first_kept_value(lines, "number"));
    auto servers = e.append_child("ISSessionServerIDs");
    for (const auto& server : kept_value(lines, "session-server"))
      add(servers, "ISSessionServerID", server);
    add(e, "ISAllowWatch", !kept_value(lines, "allow").empty());
    auto name = kept_value(lines, "name");
    add(e, "firstName", name.size() > 1 ? name.front() : std::string());
    add(e, "lastName", name.empty() ? std::string() : name.back());
    auto devices = e.append_child("ISSipDevList");
    for (const auto& pool : kept_blocks(config_, "voice register pool"))
      for (const auto& [line, dn] : pool_lines(pool.children))
        if (dn == tag) add(devices, "ISPoolID", static_cast<long>(pool.tag));
  }
}

void Answerer::session_servers(pugi::xml_node r) {
  auto list = r.append_child("ISSessionServers");
  auto all = keys(config_.session_servers);
  auto selection = select(request_, all, {"ISSessionServerID"}, {"ISSessionServerName"},
                          [this](const std::string& value, Selection& chosen) {
                            for (const auto& [tag, server] : config_.session_servers)
                              if (server.register_id == value) chosen.tags.insert(tag);
                          });
  if (write_tags(list, "ISSessionServerID", selection, all, runtime::limits::kMaxSessionServers))
    return;
  for (int tag : selection.tags) {
    const auto& server = config_.session_servers.at(tag);
    auto s = list.append_child("ISSessionServer");
    add(s, "ISSessionServerID", static_cast<long>(tag));
    add(s, "ISSessionRegisterID", server.register_id);
    add(s, "ISSessionKeepAlives", static_cast<long>(server.keepalive_seconds()));
  }
}

void Answerer::hunt_groups(pugi::xml_node r) {
  auto list = r.append_child("ISVoiceHuntGroups");
  auto groups = kept_blocks_by_tag(config_, "voice hunt-group");
  auto all = keys(groups);
  auto selection = select(request_, all, {"ISVoiceHuntGroupID"}, {});
  if (write_tags(list, "ISVoiceHuntGroupID", selection, all, 100)) return;
  for (int tag : selection.tags) {
    const auto& group = groups[tag];
    const auto& lines = group.children;
    auto g = list.append_child("ISVoiceHuntGroup");
    auto first = [&](std::string_view keyword, std::string fallback) {
      auto words = kept_value(lines, keyword);
      return words.empty() ? fallback : words[0];
    };
    add(g, "ISVoiceHuntGroupID", static_cast<long>(tag));
    add(g, "ISVoiceHuntGroupType", group.header.size() > 1 ? group.header[1] : std::string());
    add(g, "ISVoiceHuntGroupPilotNumber", first("pilot", ""));
    add(g, "ISVoiceHuntGroupPilotPeerTag", first("pilot", "-1"));
    add(g, "ISVoiceHuntGroupPilotPreference", 0L);
    g.append_child("ISVoiceHuntGroupSecPilotNumber");
    add(g, "ISVoiceHuntGroupSecPilotPeerTag", -1L);
    add(g, "ISVoiceHuntGroupSecPilotPreference", 0L);
    std::vector<std::string> numbers;
    for (auto& number : split_words(commas_to_blanks(first("list", "")))) numbers.push_back(number);
    add(g, "ISVoiceHuntGroupListSize", static_cast<long>(numbers.size()));
    auto nums = g.append_child("ISVoiceHuntGroupListNums");
    for (const auto& number : numbers) add(nums, "ISVoiceHuntGroupListNum", number);
    add(g, "ISVoiceHuntGroupFinalNum", first("final", ""));
    add(g, "ISVoiceHuntGroupTimeout", first("timeout", "180"));
    add(g, "ISVoiceHuntGroupHops", first("hops", std::to_string(numbers.size())));
  }
}

void Answerer::presence(pugi::xml_node r) {
  auto p = r.append_child("ISPresenceGlobal");
  const runtime::KeptLine* block = nullptr;
  for (const auto& family : config_.families)
    if (family.text == "presence") block = &family;
  std::vector<std::string> lines;
  if (block) lines = texts(block->children);
  add(p, "ISPresenceEnable", block != nullptr);
  add(p, "ISMode", "cme");
  add(p, "ISAllowSub",
      !kept_value(lines, "allow subscribe").empty() ||
          std::find(lines.begin(), lines.end(), "allow subscribe") != lines.end());
  add(p, "ISAllowWatch", std::find(lines.begin(), lines.end(), "allow watch") != lines.end());
  add(p, "ISMaxSubAllow", first_kept_value(lines, "max-subscription", "100"));
  add(p, "ISSipUaPresenceStatus", false);
}

void Answerer::event_counts(pugi::xml_node r) {
  add(r, "ISDevEvtCount",
      static_cast<long>(view_.events ? view_.events->device_events().size() : 0));
  add(r, "ISExtEvtCount",
      static_cast<long>(view_.events ? view_.events->extension_events().size() : 0));
}

/// ID filters: an event matches when every kind of filter given matches (docs/xml-api.md §4).
struct EventFilter {
  std::set<int> event_ids, tags;
  std::set<std::string> names;
  bool all = false;
  bool matches(int id, int tag, const std::string& name) const {
    if (!event_ids.empty() && !event_ids.count(id)) return false;
    if (!tags.empty() && !tags.count(tag)) return false;
    if (!all && !names.empty() && !names.count(name)) return false;
    return true;
  }
};

EventFilter event_filter(const XmlRequest& request, std::string_view id_name,
                         std::string_view tag_name, std::initializer_list<std::string_view> names) {
  EventFilter filter;
  for (const auto& [name, value] : request.params) {
    int number = 0;
    if (text::iequals(name, id_name) && to_int(value, number)) filter.event_ids.insert(number);
    if (text::iequals(name, tag_name) && to_int(value, number)) filter.tags.insert(number);
    for (auto accepted : names)
      if (text::iequals(name, accepted)) {
        if (text::iequals(value, "all"))
          filter.all = true;
        else
          filter.names.insert(upper(value));
      }
  }
  return filter;
}

void Answerer::device_events(pugi::xml_node r) {
  if (!view_.events) return;
  // The guide's own example spells the name parameter IDDevName; both are read.
  auto filter = event_filter(request_, "ISDevEvtID", "ISDevID", {"ISDevName", "IDDevName"});
  for (const auto& event : view_.events->device_events()) {
    if (!filter.matches(event.id, event.ephone, upper(event.name))) continue;
    auto e = r.append_child("ISDevEvent");
    add(e, "ISDevID", static_cast<long>(event.ephone));
    add(e, "ISDevName", event.name);
    add(e, "ISDevEventTime", event.time);
    add(e, "ISDevEventType", "Device");
    add(e, "ISDevStatus", event.status);
  }
}

void Answerer::extension_events(pugi::xml_node r) {
  if (!view_.events) return;
  auto filter = event_filter(request_, "ISExtEvtID", "ISExtID", {"ISExtNumber"});
  for (const auto& event : view_.events->extension_events()) {
    if (!filter.matches(event.id, event.dn, event.number)) continue;
    auto e = r.append_child("ISExtEvent");
    add(e, "ISextID", static_cast<long>(event.dn));
    add(e, "ISextNumber", event.number);
    add(e, "ISExtEventTime", event.time);
    add(e, "ISExtStatusChangeEvent", event.status);
  }
}

void Answerer::key_phones(pugi::xml_node r, bool set) {
  const char* result = set ? "ISsetResult" : "ISunsetResult";
  for (const auto& name : request_.values("ISPhoneName")) {
    int tag = tag_of_device(name);
    bool ok = tag != 0 && actions_.exec_cli &&
              actions_.exec_cli({"ephone " + std::to_string(tag), set ? "keyphone" : "no keyphone"})
                      .failed_line == 0;
    add(r, result, ok);
  }
}

void Answerer::update_user(pugi::xml_node r) {
  auto names = request_.values("ISuserID");
  auto passwords = request_.values("ISpassword");
  std::string name = names.empty() ? std::string() : names.front();
  std::string password = passwords.empty() ? std::string() : passwords.front();
  UserRef ref = find_user(config_, name);
  std::string error;
  if (ref.type == 0) error = "User " + name + " does not exist";
  if (error.empty() && !password.empty() && split_words(password).size() != 1)
    error = "Invalid password";
  if (error.empty() && password.empty()) error = "Invalid password";
  if (error.empty()) {
    std::vector<std::string> lines;
    if (ref.type == 1)
      lines = {"ephone " + std::to_string(ref.tag), "username " + name + " password " + password};
    else
      lines = {std::string(ref.type == 2 ? "voice logout-profile " : "voice user-profile ") +
                   std::to_string(ref.tag),
               "user " + name + " password " + password};
    CliResult result = actions_.exec_cli ? actions_.exec_cli(lines) : CliResult{1, "no CLI"};
    if (result.failed_line != 0) error = result.error;
  }
  add(r, "ISsetResult", error.empty());
  if (!error.empty()) add(r, "ISsetError", error);
}

void Answerer::exec_cli(pugi::xml_node r) {
  auto lines = request_.values("CLI");
  CliResult result = actions_.exec_cli ? actions_.exec_cli(lines) : CliResult{1, "no CLI"};
  add(r, "ISexecCLIResponse", static_cast<long>(result.failed_line));
  add(r, "ISexecCLIError", result.error);
}

void Answerer::save_config(pugi::xml_node r) {
  std::string error = actions_.save_config ? actions_.save_config() : "no startup-config";
  add(r, "ISSaveConfigResult", error.empty() ? "success" : "fail");
}

XmlAnswer Answerer::run(std::string_view type) {
  // docs/xml-api.md §2: requests that change the router need privilege 15.
  bool changes = type == "ISexecCLI" || type == "ISSaveConfig" || type == "ISsetKeyPhones" ||
                 type == "ISunsetKeyPhones" || type == "ISupdateUser";
  if (changes && level_ < 15)
    return soap_fault(
        403, "SOAP-ENV:Client",
        std::string(type) + " needs privilege level 15; this user has " + std::to_string(level_));
  Envelope envelope(type);
  auto r = envelope.response;
  if (type == "ISexecCLI")
    exec_cli(r);
  else if (type == "ISSaveConfig")
    save_config(r);
  else if (type == "ISgetGlobal")
    global(r);
  else if (type == "ISgetDevice")
    devices(r);
  else if (type == "ISgetDeviceTemplate")
    device_templates(r);
  else if (type == "ISgetExtension")
    extensions(r);
  else if (type == "ISgetExtensionTemplate")
    extension_templates(r);
  else if (type == "ISgetUser")
    user(r);
  else if (type == "ISgetUserProfile")
    user_profiles(r);
  else if (type == "ISgetVoiceRegGlobal")
    voice_reg_global(r);
  else if (type == "ISgetSipDevice")
    sip_devices(r);
  else if (type == "ISgetSipExtension")
    sip_extensions(r);
  else if (type == "ISgetSessionServer")
    session_servers(r);
  else if (type == "ISgetVoiceHuntGroup")
    hunt_groups(r);
  else if (type == "ISgetPresenceGlobal")
    presence(r);
  else if (type == "ISgetEvtCounts")
    event_counts(r);
  else if (type == "ISgetDevEvts")
    device_events(r);
  else if (type == "ISgetExtEvts")
    extension_events(r);
  else if (type == "ISsetKeyPhones")
    key_phones(r, true);
  else if (type == "ISunsetKeyPhones")
    key_phones(r, false);
  else if (type == "ISupdateUser")
    update_user(r);
  return envelope.answer();
}

}  // namespace

std::vector<std::string> XmlRequest::values(std::string_view name) const {
  std::vector<std::string> found;
  for (const auto& [key, value] : params)
    if (text::iequals(key, name)) found.push_back(value);
  return found;
}

XmlParse parse_xml_request(std::string_view body, const XmlLimits& limits) {
  XmlParse parse;
  if (body.size() > limits.max_body) {
    parse.error = "request larger than " + std::to_string(limits.max_body) + " bytes";
    return parse;
  }
  pugi::xml_document doc;
  auto loaded = doc.load_buffer(body.data(), body.size(), pugi::parse_default);
  if (!loaded) {
    parse.error = std::string("malformed XML: ") + loaded.description() + " at offset " +
                  std::to_string(loaded.offset);
    return parse;
  }
  if (depth(doc, limits.max_depth) > limits.max_depth) {
    parse.error = "XML nested deeper than " + std::to_string(limits.max_depth) + " elements";
    return parse;
  }
  auto request = find_element(doc, "request");
  if (!request) {
    parse.error = "no request element";
    return parse;
  }
  XmlRequest result;
  for (const auto& attribute : request.attributes())
    if (local_name(attribute.name()) == "type") result.type = trimmed(attribute.value());
  auto first =
      request.find_child([](const pugi::xml_node& n) { return n.type() == pugi::node_element; });
  if (result.type.empty() && first) result.type = local_name(first.name());
  // The parameters are the children of the element named for the request (`<ISgetDevice>`), or
  // of `request` itself when there is no such element.
  pugi::xml_node holder = request;
  for (const auto& child : request.children())
    if (child.type() == pugi::node_element && text::iequals(local_name(child.name()), result.type))
      holder = child;
  for (const auto& child : holder.children()) {
    if (child.type() != pugi::node_element) continue;
    if (result.params.size() >= limits.max_cli_lines) {
      parse.error = "more than " + std::to_string(limits.max_cli_lines) + " parameters";
      return parse;
    }
    result.params.emplace_back(std::string(local_name(child.name())), node_text(child));
  }
  for (auto known : kRequests)
    if (text::iequals(known, result.type)) result.type = known;
  parse.request = std::move(result);
  return parse;
}

XmlAnswer answer_xml_request(const XmlRequest& request, const LabView& view,
                             const XmlActions& actions, int level) {
  for (auto known : kRequests)
    if (known == request.type) return Answerer(request, view, actions, level).run(known);
  return soap_fault(500, "SOAP-ENV:Client", "unknown request " + request.type);
}

XmlAnswer soap_fault(int status, std::string_view code, std::string_view text) {
  Envelope envelope("");
  auto fault = envelope.body.append_child("SOAP-ENV:Fault");
  add(fault, "faultcode", code);
  add(fault, "faultstring", text);
  return envelope.answer(status);
}

std::string_view line_state(const runtime::CallModel* calls, int dn_tag) {
  const runtime::Line* line = calls ? calls->line(dn_tag) : nullptr;
  if (!line) return "idle";
  // The line shows the state of its connection furthest along this list.
  using State = runtime::ConnectionState;
  constexpr std::pair<State, std::string_view> kRanked[] = {
      {State::kNull, "idle"}, {State::kFail, "failed"},      {State::kInitiated, "dialing"},
      {State::kHold, "hold"}, {State::kAlerting, "ringing"}, {State::kConnected, "connected"}};
  std::size_t best = 0;
  for (auto id : line->connections) {
    const auto* connection = calls->connection(id);
    if (!connection) continue;
    for (std::size_t rank = best + 1; rank < std::size(kRanked); ++rank)
      if (kRanked[rank].first == connection->state) best = rank;
  }
  return kRanked[best].second;
}

std::string device_name(std::uint64_t mac) {
  char name[16];
  std::snprintf(name, sizeof name, "SEP%012llX", static_cast<unsigned long long>(mac));
  return name;
}

// ---- event tables ----

void EventTables::set_bounds(std::size_t max_size, long retain_seconds) {
  max_size_ = max_size;
  retain_seconds_ = retain_seconds;
}

void EventTables::device(int ephone, std::string name, bool registered, long now) {
  auto [state, added] = device_states_.try_emplace(ephone);
  if (added && !registered) return;  // first seen unregistered: no change to tell
  std::string status = registered ? "registered" : "unregistered";
  if (!added && state->second.status == status) return;
  state->second.last_status = state->second.status;
  state->second.status = status;
  state->second.change_time = now;
  devices_.push_back({next_id_++, ephone, std::move(name), now, status});
  prune(now);
}

void EventTables::extension(int dn, std::string number, bool up, long now) {
  auto [it, added] = extension_states_.try_emplace(dn, up, now);
  if (!added) {
    if (it->second.first == up) return;
    it->second = {up, now};
  } else if (!up) {
    return;  // a DN first seen down is no change
  }
  extensions_.push_back({next_id_++, dn, std::move(number), now, up ? "Up" : "Down"});
  prune(now);
}

void EventTables::prune(long now) {
  auto old = [&](const auto& event) { return now - event.time > retain_seconds_; };
  while (!devices_.empty() && (devices_.size() > max_size_ || old(devices_.front())))
    devices_.pop_front();
  while (!extensions_.empty() && (extensions_.size() > max_size_ || old(extensions_.front())))
    extensions_.pop_front();
}

const EventTables::DeviceState* EventTables::device_state(int ephone) const {
  auto found = device_states_.find(ephone);
  return found == device_states_.end() ? nullptr : &found->second;
}

std::optional<std::pair<bool, long>> EventTables::extension_state(int dn) const {
  auto found = extension_states_.find(dn);
  if (found == extension_states_.end()) return std::nullopt;
  return found->second;
}

}  // namespace cmemu::http
