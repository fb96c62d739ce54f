// The router's platform as `show` reports it (docs/commands.md §1.6): `show version`,
// `show clock`, `show inventory`, `dir` / `show flash:`, `show ip interface brief`,
// `show interfaces`. The hardware is emulated: model and image come from cmemu's options.
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "cli/app.hpp"
#include "cli/exec_commands.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/config_commands.hpp"

namespace cmemu::cli {
namespace {

using runtime::CommandContext;
using runtime::kPrivilegedExec;
using runtime::kUserExec;

// Emulated hardware figures (docs/commands.md §1.6), those of a Cisco 2911.
constexpr const char* kMemory = "491520K/32768K";
constexpr const char* kSerial = "FTX1524A0EM";
constexpr long long kFlashBytes = 256901120;
constexpr long long kImageBytes = 97794040;
constexpr const char* kImageDate = "Jan 1 2016 00:00:00 +00:00";

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The file name shown as the running image: `boot system flash FILE` wins over the option.
std::string image_file(const App& app) {
  std::string image = app.options.image;
  for (const auto& boot : app.router.running().boot_system)
    if (boot.starts_with("flash ") || boot.starts_with("flash:")) image = boot.substr(6);
  return image;
}

// `c2900-universalk9-mz.SPA.151-4.M12a.bin` -> family `C2900`, feature set `C2900-UNIVERSALK9-M`
// and version `15.1(4)M12a` (docs/commands.md §1.6: Cisco's image naming).
struct ImageName {
  std::string family, feature_set, version;
};

ImageName parse_image(std::string_view file) {
  ImageName name{"C2900", "C2900-UNIVERSALK9-M", "15.1(4)M12a"};
  std::string_view stem = file.substr(0, file.find('.'));
  if (stem.ends_with("-mz")) {
    name.feature_set = upper(std::string(stem.substr(0, stem.size() - 3))) + "-M";
    name.family = upper(std::string(stem.substr(0, stem.find('-'))));
  }
  // The release: three digits, a dash, the rebuild, a dot and the train (`151-4.M12a`).
  for (std::size_t at = 0; at + 6 <= file.size(); ++at) {
    auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(file[i])); };
    if (!(digit(at) && digit(at + 1) && digit(at + 2) && file[at + 3] == '-' && digit(at + 4)))
      continue;
    if (at > 0 && file[at - 1] != '.') continue;
    std::size_t dot = file.find('.', at + 4);
    if (dot == std::string_view::npos) break;
    std::size_t end = file.find(".bin", dot);
    std::string train(file.substr(dot + 1, end == std::string_view::npos ? end : end - dot - 1));
    name.version = std::string(file.substr(at, 2)) + "." + file[at + 2] + "(" +
                   std::string(file.substr(at + 4, dot - at - 4)) + ")" + train;
    break;
  }
  return name;
}

// `1 week, 2 days, 3 hours, 4 minutes`: from the largest unit that is not zero down to minutes.
std::string uptime_text(std::chrono::steady_clock::duration up) {
  long long minutes = std::chrono::duration_cast<std::chrono::minutes>(up).count();
  struct Unit {
    const char* name;
    long long value;
  };
  const Unit units[] = {{"year", minutes / (525600)},
                        {"week", minutes % 525600 / 10080},
                        {"day", minutes % 10080 / 1440},
                        {"hour", minutes % 1440 / 60},
                        {"minute", minutes % 60}};
  std::string text;
  for (const auto& unit : units) {
    if (text.empty() && unit.value == 0 && std::string_view(unit.name) != "minute") continue;
    if (!text.empty()) text += ", ";
    text += std::to_string(unit.value) + " " + unit.name + (unit.value == 1 ? "" : "s");
  }
  return text;
}

std::chrono::steady_clock::duration uptime(const App& app) {
  return runtime::Clock::instance().steady_now() - app.router.boot_time();
}

// `3 Gigabit Ethernet interfaces`: the physical interfaces of the running-config by kind.
std::string interface_counts(const runtime::Config& config) {
  struct Kind {
    const char* prefix;
    const char* label;
    int count;
  };
  Kind kinds[] = {{"FastEthernet", "FastEthernet", 0},
                  {"GigabitEthernet", "Gigabit Ethernet", 0},
                  {"Serial", "Serial", 0}};
  for (const auto& interface : config.interfaces)
    for (auto& kind : kinds)
      if (interface.name.starts_with(kind.prefix) && interface.name.find('.') == std::string::npos)
        ++kind.count;
  std::string text;
  for (const auto& kind : kinds)
    if (kind.count > 0)
      text += std::to_string(kind.count) + " " + kind.label + " interface" +
              (kind.count == 1 ? "" : "s") + "\n";
  return text;
}

// docs/commands.md §1.6: IOS 15.x's layout, each line where ntc-templates' cisco_ios_show_version
// looks for it; the emulation is said on a line of its own that no rule of that template reads.
std::string show_version(const App& app) {
  const auto& config = app.router.running();
  std::string file = image_file(app);
  ImageName image = parse_image(file);
  std::string text = "Cisco IOS Software, " + image.family + " Software (" + image.feature_set +
                     "), Version " + image.version + ", RELEASE SOFTWARE (fc1)\n";
  text +=
      "Technical Support: http://www.cisco.com/techsupport\n"
      "Copyright (c) 1986-2016 by Cisco Systems, Inc.\n"
      "Compiled Tue 04-Oct-16 03:37 by prod_rel_team\n"
      "Emulated by cmemu: this router and its image are emulated, not Cisco software.\n\n"
      "ROM: System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)\n\n";
  text += config.hostname + " uptime is " + uptime_text(uptime(app)) + "\n";
  text += "System returned to ROM by power-on\n";
  text += "System image file is \"flash:" + file + "\"\n";
  text += "Last reload type: Normal Reload\n\n";
  text += "Cisco " + app.options.model + " (revision 1.0) with " + kMemory +
          " bytes of memory.\n"
          "Processor board ID " +
          kSerial + "\n";
  text += interface_counts(config);
  text +=
      "DRAM configuration is 64 bits wide with parity disabled.\n"
      "255K bytes of non-volatile configuration memory.\n"
      "250880K bytes of ATA System CompactFlash 0 (Read/Write)\n\n"
      "Configuration register is 0x2102\n\n";
  return text;
}

// The clock was never set (no NTP, no `clock set`): IOS counts from midnight, Mar 1 1993, UTC,
// and marks the time with '*' (docs/commands.md §1.6), as the log timestamps do.
std::string show_clock(const App& app) {
  using namespace std::chrono;
  auto up = duration_cast<milliseconds>(uptime(app));
  sys_days day = sys_days(year(1993) / March / 1) + duration_cast<days>(up);
  year_month_day date(day);
  weekday dow(day);
  long long ms = (up % days(1)).count();
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[80];
  std::snprintf(text, sizeof text, "*%02lld:%02lld:%02lld.%03lld UTC %s %s %u %d\n", ms / 3600000,
                ms / 60000 % 60, ms / 1000 % 60, ms % 1000, kDays[dow.c_encoding()],
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<unsigned>(date.day()),
                static_cast<int>(date.year()));
  return text;
}

std::string show_inventory(const App& app) {
  const std::string& model = app.options.model;
  char row[200];
  std::snprintf(row, sizeof row,
                "NAME: \"%s chassis\", DESCR: \"%s chassis\"\nPID: %-18s, VID: %-4s, SN: %s\n\n",
                model.c_str(), model.c_str(), model.c_str(), "V05", kSerial);
  return row;
}

std::string show_flash(const App& app) {
  std::string file = image_file(app);
  char text[400];
  std::snprintf(text, sizeof text,
                "Directory of flash:/\n\n    1  -rw-  %10lld  %s  %s\n\n%lld bytes total (%lld "
                "bytes free)\n",
                kImageBytes, kImageDate, file.c_str(), kFlashBytes, kFlashBytes - kImageBytes);
  return text;
}

std::string dotted(const runtime::Ipv4& address) {
  return std::to_string(address[0]) + "." + std::to_string(address[1]) + "." +
         std::to_string(address[2]) + "." + std::to_string(address[3]);
}

int prefix_length(const runtime::Ipv4& mask) {
  int bits = 0;
  for (auto octet : mask)
    for (int bit = 7; bit >= 0; --bit) bits += (octet >> bit) & 1;
  return bits;
}

// docs/commands.md §1.6: every interface not shut down is up (emulated: there is no link).
std::string show_ip_interface_brief(const runtime::Config& config) {
  std::string text =
      "Interface                  IP-Address      OK? Method Status                Protocol\n";
  char row[200];
  for (const auto& interface : config.interfaces) {
    std::string address = interface.ip_address ? dotted(interface.ip_address->first) : "unassigned";
    std::snprintf(row, sizeof row, "%-26s %-15s YES %-6s %-21s %s\n", interface.name.c_str(),
                  address.c_str(), interface.ip_address ? "NVRAM" : "unset",
                  interface.shutdown ? "administratively down" : "up",
                  interface.shutdown ? "down" : "up");
    text += row;
  }
  return text;
}

struct InterfaceHardware {
  const char* prefix;
  const char* hardware;  // after `Hardware is`
  const char* bandwidth;
  bool ethernet;
};

constexpr InterfaceHardware kHardware[] = {
    {"GigabitEthernet", "CN Gigabit Ethernet", "MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec,",
     true},
    {"FastEthernet", "MV96340 Ethernet", "MTU 1500 bytes, BW 100000 Kbit/sec, DLY 100 usec,", true},
    {"Loopback", "Loopback", "MTU 1514 bytes, BW 8000000 Kbit/sec, DLY 5000 usec,", false},
    {"Serial", "GT96K Serial", "MTU 1500 bytes, BW 1544 Kbit/sec, DLY 20000 usec,", false},
};

std::string show_one_interface(const runtime::Interface& interface, std::size_t index) {
  const InterfaceHardware* hardware = nullptr;
  for (const auto& candidate : kHardware)
    if (interface.name.starts_with(candidate.prefix)) hardware = &candidate;
  std::string state = interface.shutdown ? "administratively down" : "up";
  std::string text = interface.name + " is " + state + ", line protocol is " +
                     (interface.shutdown ? "down" : "up") + " \n";
  char mac[40];
  // An emulated burnt-in address per interface (docs/commands.md §1.6).
  std::snprintf(mac, sizeof mac, "5475.d0a1.%04zx", 0x7c00 + index);
  if (!hardware)
    text += "  Hardware is " +
            interface.name.substr(0, interface.name.find_first_of("0123456789")) + "\n";
  else if (hardware->ethernet)
    text += std::string("  Hardware is ") + hardware->hardware + ", address is " + mac + " (bia " +
            mac + ")\n";
  else
    text += std::string("  Hardware is ") + hardware->hardware + "\n";
  if (!interface.description.empty()) text += "  Description: " + interface.description + "\n";
  if (interface.ip_address)
    text += "  Internet address is " + dotted(interface.ip_address->first) + "/" +
            std::to_string(prefix_length(interface.ip_address->second)) + "\n";
  text += std::string("  ") +
          (hardware ? hardware->bandwidth : "MTU 1500 bytes, BW 100000 Kbit/sec, DLY 100 usec,") +
          " \n     reliability 255/255, txload 1/255, rxload 1/255\n";
  bool ethernet = hardware && hardware->ethernet;
  text += ethernet                             ? "  Encapsulation ARPA, loopback not set\n"
          : interface.name.starts_with("Loop") ? "  Encapsulation LOOPBACK, loopback not set\n"
                                               : "  Encapsulation HDLC, loopback not set\n";
  text += "  Keepalive set (10 sec)\n";
  if (ethernet) {
    std::string duplex = interface.duplex == "full"   ? "Full Duplex"
                         : interface.duplex == "half" ? "Half Duplex"
                                                      : "Auto-duplex";
    std::string speed = interface.speed.empty() || interface.speed == "auto"
                            ? "Auto Speed"
                            : interface.speed + "Mbps";
    text += "  " + duplex + ", " + speed + ", media type is RJ45\n";
    text +=
        "  output flow-control is unsupported, input flow-control is unsupported\n"
        "  ARP type: ARPA, ARP Timeout 04:00:00\n";
  }
  text +=
      "  Last input never, output never, output hang never\n"
      "  Last clearing of \"show interface\" counters never\n"
      "  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0\n"
      "  Queueing strategy: fifo\n"
      "  Output queue: 0/40 (size/max)\n"
      "  5 minute input rate 0 bits/sec, 0 packets/sec\n"
      "  5 minute output rate 0 bits/sec, 0 packets/sec\n"
      "     0 packets input, 0 bytes, 0 no buffer\n"
      "     Received 0 broadcasts (0 IP multicasts)\n"
      "     0 runts, 0 giants, 0 throttles \n"
      "     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n"
      "     0 packets output, 0 bytes, 0 underruns\n"
      "     0 output errors, 0 collisions, 0 interface resets\n"
      "     0 unknown protocol drops\n"
      "     0 output buffer failures, 0 output buffers swapped out\n";
  return text;
}

// `show interfaces [NAME]`; an unknown name gets the caret under it, as IOS does.
std::string show_interfaces(const runtime::Config& config, CommandContext& c) {
  std::optional<std::string> wanted;
  if (c.args.has("type")) {
    wanted = runtime::canonical_interface_name(c.args.get("type"), c.args.get("unit"));
    if (!wanted) {
      c.reject_at = c.args.offset("type");
      return {};
    }
  }
  std::string text;
  for (std::size_t i = 0; i < config.interfaces.size(); ++i)
    if (!wanted || config.interfaces[i].name == *wanted)
      text += show_one_interface(config.interfaces[i], i);
  if (wanted && text.empty()) c.reject_at = c.args.offset("type");
  return text;
}

}  // namespace

void register_platform_commands(App& app) {
  const std::vector<grammar::ModeId> both = {kUserExec, kPrivilegedExec};
  const std::string show_help = "Show running system information";
  add_show_command(app, both, "show version", {show_help, "System hardware and software status"},
                   [&app](CommandContext&) { return show_version(app); });
  add_show_command(app, both, "show clock", {show_help, "Display the system clock"},
                   [&app](CommandContext&) { return show_clock(app); });
  add_show_command(app, both, "show inventory", {show_help, "Show the physical inventory"},
                   [&app](CommandContext&) { return show_inventory(app); });
  add_show_command(app, both,
                   "show flash:", {show_help, "display information about flash: file system"},
                   [&app](CommandContext&) { return show_flash(app); });
  app.commands.add(kPrivilegedExec, "dir [flash:$flash]",
                   {"List files on a filesystem", "Directory or file name"},
                   [&app](CommandContext& c) { c.output += show_flash(app); });
  add_show_command(
      app, both, "show ip interface brief",
      {show_help, "IP information", "IP interface status and configuration",
       "Brief summary of IP status and configuration"},
      [&app](CommandContext&) { return show_ip_interface_brief(app.router.running()); });
  add_show_command(
      app, both, "show interfaces [WORD$type [WORD$unit]]",
      {show_help, "Interface status and configuration", "Interface name", "Interface number"},
      [&app](CommandContext& c) { return show_interfaces(app.router.running(), c); });
}

}  // namespace cmemu::cli
