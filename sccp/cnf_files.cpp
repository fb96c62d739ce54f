#include "sccp/cnf_files.hpp"

#include <cstdio>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "grammar/text.hpp"
#include "grammar/token_parsers.hpp"
#include "sccp/messages.hpp"
#include "sccp/provisioning.hpp"

namespace cmemu::sccp {
namespace {

constexpr std::string_view kSystemIts = "system:/its/";
constexpr std::string_view kFlash = "flash:";

// The locales of `user-locale` / `network-locale` (docs/sccp.md §12): the name of the language
// folder, the language code, and the network locale's folder.
struct Locale {
  std::string_view code;
  std::string_view user_name;
  std::string_view language;
  std::string_view network_name;
};
constexpr Locale kLocales[] = {
    {"AT", "German_Germany", "de", "Austria"},
    {"CA", "English_United_States", "en", "Canada"},
    {"CH", "German_Germany", "de", "Switzerland"},
    {"CN", "Chinese_China", "zh", "China"},
    {"DE", "German_Germany", "de", "Germany"},
    {"DK", "Danish_Denmark", "da", "Denmark"},
    {"ES", "Spanish_Spain", "es", "Spain"},
    {"FR", "French_France", "fr", "France"},
    {"GB", "English_United_Kingdom", "en", "United_Kingdom"},
    {"IN", "English_United_States", "en", "India"},
    {"IT", "Italian_Italy", "it", "Italy"},
    {"JP", "Japanese_Japan", "ja", "Japan"},
    {"NL", "Dutch_Netherlands", "nl", "Netherlands"},
    {"NO", "Norwegian_Norway", "no", "Norway"},
    {"PT", "Portuguese_Portugal", "pt", "Portugal"},
    {"RU", "Russian_Russian_Federation", "ru", "Russian_Federation"},
    {"SE", "Swedish_Sweden", "sv", "Sweden"},
    {"US", "English_United_States", "en", "United_States"},
};

const Locale& locale_of(std::string_view code) {
  for (const Locale& locale : kLocales)
    if (text::iequals(locale.code, code)) return locale;
  return kLocales[std::size(kLocales) - 1];  // US, IOS's default
}

// The words of the first kept line of `lines` that starts with `command` (empty when none).
std::vector<std::string_view> kept_words(const runtime::KeptLines& lines, std::string_view command,
                                         std::string_view second = {}) {
  for (const runtime::KeptLine& line : lines) {
    auto words = text::words(line.text);
    if (words.empty() || words[0] != command) continue;
    if (!second.empty() && (words.size() < 2 || words[1] != second)) continue;
    return words;
  }
  return {};
}

// `user-locale`/`network-locale` of an ephone (its own kept line, a code or an index into
// telephony-service's), else telephony-service's index 0, else US.
std::string_view locale_code(const runtime::Config& config, const runtime::Ephone* ephone,
                             std::string_view command) {
  const runtime::KeptLines& system = config.telephony->kept;
  std::string_view index = "0";
  if (ephone) {
    auto own = kept_words(ephone->kept, command);
    if (own.size() >= 2) {
      if (own[1].size() != 1 || own[1][0] < '0' || own[1][0] > '4') return own[1];
      index = own[1];
    }
  }
  auto words = kept_words(system, command, index);
  return words.size() >= 3 ? words[2] : std::string_view("US");
}

// The `load MODEL FILE` of telephony-service naming `type` (`load 7960-7940 P00308000500` names
// both), "" when none.
std::string_view load_for(const runtime::Config& config, std::string_view type) {
  for (const runtime::KeptLine& line : config.telephony->kept) {
    auto words = text::words(line.text);
    if (words.size() < 3 || words[0] != "load") continue;
    std::string_view models = words[1];
    while (!models.empty()) {
      auto dash = models.find('-');
      if (text::iequals(models.substr(0, dash), type)) return words[2];
      if (dash == std::string_view::npos) break;
      models.remove_prefix(dash + 1);
    }
  }
  return {};
}

std::string mac_text(std::uint64_t mac) {
  char text[16];
  std::snprintf(text, sizeof text, "%012llX", static_cast<unsigned long long>(mac));
  return text;
}

std::string services_url(const runtime::TelephonyService& t) {
  auto words = text::words(t.url_services);
  return words.empty() ? std::string() : std::string(words[0]);
}

pugi::xml_node child_text(pugi::xml_node parent, const char* name, std::string_view value) {
  auto node = parent.append_child(name);
  node.text().set(std::string(value).c_str());
  return node;
}

// devicePool's callManagerGroup: the router is the one call manager (priority 0).
void add_call_manager_group(pugi::xml_node parent, const runtime::SccpSourceAddress& source) {
  auto member =
      parent.append_child("callManagerGroup").append_child("members").append_child("member");
  member.append_attribute("priority") = "0";
  auto manager = member.append_child("callManager");
  child_text(manager.append_child("ports"), "ethernetPhonePort",
             std::to_string(source.port_or_default()));
  child_text(manager, "processNodeName", grammar::format_ipv4(source.address));
}

void add_urls(pugi::xml_node parent, const runtime::TelephonyService& t, bool proxy) {
  for (const char* url :
       {"authenticationURL", "directoryURL", "idleURL", "informationURL", "messagesURL"})
    child_text(parent, url, "");
  if (proxy) child_text(parent, "proxyServerURL", "");
  child_text(parent, "servicesURL", services_url(t));
}

std::string print(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(
      out, "",
      pugi::format_indent | pugi::format_no_declaration | pugi::format_no_empty_element_tags);
  return out.str();
}

// `date-format dd-mm-yy` as the phone's dateTemplate (M/D/Y by default).
std::string date_template(const runtime::TelephonyService& t) {
  auto words = kept_words(t.kept, "date-format");
  std::string_view format = words.size() >= 2 ? words[1] : "mm-dd-yy";
  std::string result;
  for (std::string_view part : text::words(format, "-")) {
    if (!result.empty()) result += '/';
    result += part == "dd" ? 'D' : part == "mm" ? 'M' : 'Y';
  }
  return result;
}

std::string sep_file(const runtime::Config& config, int tag) {
  const runtime::TelephonyService& t = *config.telephony;
  const runtime::Ephone& ephone = config.ephones.at(tag);
  pugi::xml_document document;
  auto device = document.append_child("device");
  auto pool = device.append_child("devicePool");
  child_text(pool.append_child("dateTimeSetting"), "dateTemplate", date_template(t));
  add_call_manager_group(pool, *t.ip_source_address);
  child_text(device, "versionStamp", "{" + t.cnf_files_version_stamp + "}");
  child_text(device, "loadInformation", load_for(config, ephone.type));
  const Locale& user = locale_of(locale_code(config, &ephone, "user-locale"));
  auto user_locale = device.append_child("userLocale");
  child_text(user_locale, "name", user.user_name);
  child_text(user_locale, "langCode", user.language);
  child_text(device, "networkLocale",
             locale_of(locale_code(config, &ephone, "network-locale")).network_name);
  child_text(device, "idleTimeout", "0");
  add_urls(device, t, true);
  // The lines of its buttons, which an SCCP phone learns again at registration
  // (docs/decisions.md #32).
  auto lines = device.append_child("lines");
  for (const LineAppearance& line : provision_for(config, tag, {}).lines) {
    const runtime::EphoneDn& dn = config.ephone_dns.at(line.dn_tag);
    auto node = lines.append_child("line");
    node.append_attribute("button") = line.instance;
    child_text(node, "featureLabel", dn.label.empty() ? dn.number : dn.label);
    child_text(node, "name", dn.number);
    child_text(node, "displayName", dn.name);
  }
  return print(document);
}

std::string default_file(const runtime::Config& config, const char* root) {
  const runtime::TelephonyService& t = *config.telephony;
  pugi::xml_document document;
  auto top = document.append_child(root);
  add_call_manager_group(top, *t.ip_source_address);
  // One loadInformation<device type> per `load` model that names a known phone.
  for (const runtime::KeptLine& line : t.kept) {
    auto words = text::words(line.text);
    if (words.size() < 3 || words[0] != "load") continue;
    for (std::string_view model : text::words(words[1], "-")) {
      auto type = device_type_for_model(model);
      if (!type) continue;
      auto name = "loadInformation" + std::to_string(static_cast<std::uint32_t>(*type));
      auto node = child_text(top, name.c_str(), words[2]);
      node.append_attribute("model") = ("IP Phone " + std::string(model)).c_str();
    }
  }
  add_urls(top, t, false);
  return print(document);
}

// The pre-XML phones' file: the router's address and port, in cmemu's own text form
// (docs/decisions.md #32).
std::string sepdefault_file(const runtime::TelephonyService& t) {
  const auto& source = *t.ip_source_address;
  return "# SEPDEFAULT.cnf\ncallManager1: " + grammar::format_ipv4(source.address) +
         "\ncallManagerPort: " + std::to_string(source.port_or_default()) + "\nversionStamp: {" +
         t.cnf_files_version_stamp + "}\n";
}

bool has_cme_files(const runtime::Config& config) {
  return config.telephony && config.telephony->ip_source_address;
}

}  // namespace

std::string TftpBinding::served_name() const {
  if (!alias.empty()) return alias;
  std::string_view name = path;
  if (name.starts_with(kSystemIts)) return std::string(name.substr(kSystemIts.size()));
  if (name.starts_with(kFlash)) name.remove_prefix(kFlash.size());
  if (name.starts_with('/')) name.remove_prefix(1);
  return std::string(name);
}

std::vector<TftpBinding> cme_tftp_bindings(const runtime::Config& config) {
  std::vector<TftpBinding> bindings;
  if (!has_cme_files(config)) return bindings;
  std::string its(kSystemIts);
  bindings.push_back({its + "SEPDEFAULT.cnf", ""});
  bindings.push_back({its + "SEPDEFAULT.cnf", "SEPDefault.cnf"});
  bindings.push_back({its + "XMLDefault.cnf.xml", "XMLDefault.cnf.xml"});
  bindings.push_back({its + "ATADefault.cnf.xml", ""});
  for (const auto& [tag, ephone] : config.ephones)
    if (ephone.mac) bindings.push_back({its + "SEP" + mac_text(*ephone.mac) + ".cnf.xml", ""});
  return bindings;
}

std::string show_tftp_bindings(const runtime::Config& config) {
  std::string text;
  for (const TftpBinding& binding : cme_tftp_bindings(config)) {
    text += "tftp-server " + binding.path;
    if (!binding.alias.empty()) text += " alias " + binding.alias;
    text += "\n";
  }
  return text;
}

std::vector<TftpBinding> flash_tftp_bindings(const runtime::Config& config) {
  std::vector<TftpBinding> bindings;
  for (const runtime::PlacedOpaqueBlock& placed : config.opaque_blocks) {
    auto words = text::words(placed.block.line);
    if (words.size() < 2 || words[0] != "tftp-server" || !words[1].starts_with(kFlash)) continue;
    TftpBinding binding{std::string(words[1]), ""};
    // `alias NAME` after the file (the keyword as IOS takes it, abbreviated or not).
    if (words.size() >= 4 && text::istarts_with("alias", words[2]))
      binding.alias = std::string(words[3]);
    bindings.push_back(std::move(binding));
  }
  return bindings;
}

std::optional<std::string> cme_file(const runtime::Config& config, std::string_view name) {
  if (!has_cme_files(config)) return std::nullopt;
  // The names of cme_tftp_bindings(), each file by its path's name and by its alias.
  if (name == "SEPDEFAULT.cnf" || name == "SEPDefault.cnf")
    return sepdefault_file(*config.telephony);
  if (name == "XMLDefault.cnf.xml" || name == "ATADefault.cnf.xml")
    return default_file(config, "Default");
  if (!name.ends_with(".cnf.xml")) return std::nullopt;
  std::string_view device = name.substr(0, name.size() - 8);
  auto mac = device_mac(device);
  // The name as CME writes it: SEP and the MAC in capitals. A scan, not an index: one request
  // reads each ephone once, without building anything.
  if (!mac || !device.starts_with("SEP") || device.substr(3) != mac_text(*mac)) return std::nullopt;
  for (const auto& [tag, ephone] : config.ephones)  // the lowest tag, as registration finds it
    if (ephone.mac == mac) return sep_file(config, tag);
  return std::nullopt;
}

std::shared_ptr<const std::string> TftpFiles::find(const runtime::Config& config,
                                                   std::string_view name) const {
  if (auto text = cme_file(config, name))
    return std::make_shared<const std::string>(std::move(*text));
  for (const TftpBinding& binding : flash_tftp_bindings(config))
    if (binding.served_name() == name)
      return read_flash(std::string_view(binding.path).substr(kFlash.size()));
  return nullptr;
}

std::shared_ptr<const std::string> TftpFiles::read_flash(std::string_view file) const {
  if (flash_dir_.empty()) return nullptr;
  if (file.starts_with('/')) file.remove_prefix(1);
  // flash: is one folder: no way out of it.
  if (file.empty() || file.find("..") != std::string_view::npos) return nullptr;
  std::ifstream in(flash_dir_ + "/" + std::string(file), std::ios::binary);
  if (!in) return nullptr;
  std::string bytes;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    if (bytes.size() + static_cast<std::size_t>(in.gcount()) > kMaxFlashFile) return nullptr;
    bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  return std::make_shared<const std::string>(std::move(bytes));
}

}  // namespace cmemu::sccp
