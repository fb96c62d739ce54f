// cmemu-phone: a scriptable simulated Cisco SCCP phone (cli/phone/phone_client.hpp), or a fleet of
// phones for registration load.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <iostream>
#include <string>

#include "cli/phone/phone_client.hpp"
#include "cli/phone/phone_script.hpp"
#include "cli/phone/phone_simulator.hpp"
#include "cli/phone/phone_tftp.hpp"
#include "cli/tool_script.hpp"

namespace {

using namespace cmemu::sccp;

constexpr int kExitUsage = 4;

}  // namespace

int main(int argc, char** argv) {
  std::string router;
  std::string tftp;
  std::string mac;
  std::string type = "7961";
  std::string actions_text;
  std::string script_file;
  bool stay = false;
  bool quiet = false;
  unsigned protocol_version = 11;
  std::uint32_t fleet = 0;
  std::string mac_base;
  double duration_s = -1;
  std::uint32_t repeat = 1;
  std::uint32_t answer_after_ms = 0;

  CLI::App cli{"cmemu-phone: a scriptable simulated Cisco SCCP phone"};
  auto* router_option =
      cli.add_option("--router", router, "call manager HOST:PORT (port default 2000)");
  router_option->excludes(cli.add_option(
      "--tftp", tftp,
      "boot as a phone does: fetch SEP<MAC>.cnf.xml (else XMLDefault.cnf.xml) from this TFTP "
      "HOST[:PORT] (port default 69) and register with the call manager it names"));
  cli.add_option("--mac", mac, "the phone's MAC (001E.4A34.A35F): device name SEP + MAC");
  cli.add_option("--type", type, "phone model (docs/sccp.md §5: 7960, 7961, 7970, CIPC ...)");
  cli.add_option("--protocol-version", protocol_version, "RegisterReq protocol version")
      ->check(CLI::Range(0, 255));
  auto* e = cli.add_option("-e", actions_text, "actions, separated by ';' or newlines");
  cli.add_option("--script", script_file, "file of actions, one per line, '#' comments")
      ->excludes(e);
  auto* stay_flag =
      cli.add_flag("--stay", stay,
                   "after the last action stay registered until SIGINT/SIGTERM or stdin EOF; "
                   "stdin lines are more actions");
  auto* repeat_option =
      cli.add_option("--repeat", repeat,
                     "run the actions N times (0: until SIGINT/SIGTERM or --duration), then "
                     "print `repeat iterations=N failures=F`")
          ->excludes(stay_flag);
  auto* answer_after_option =
      cli.add_option("--answer-after", answer_after_ms,
                     "answer a ringing call with the Answer softkey after MS milliseconds");
  cli.add_flag("--quiet", quiet, "do not print sent messages");
  cli.add_option("--fleet", fleet, "register N phones (MACs from --mac-base)")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--mac-base", mac_base, "fleet: first MAC");
  cli.add_option("--duration", duration_s,
                 "fleet: seconds to stay registered (default: until SIGINT/SIGTERM); with "
                 "--repeat: no iteration starts after SECONDS");
  CLI11_PARSE(cli, argc, argv);
  // --tftp: the call manager comes from the phone's configuration file (docs/sccp.md §12).
  if (int status = tftp_boot(tftp, mac, fleet > 0, router, std::cout, std::cerr); status != 0)
    return status;

  FleetOptions fleet_options;
  auto address = cmemu::cli::router_address(router, 2000, "cmemu-phone", std::cerr);
  if (!address) return kExitUsage;
  fleet_options.host = address->host;
  fleet_options.port = address->port;
  auto device_type = device_type_for_model(type);
  if (!device_type) {
    std::cerr << "cmemu-phone: unknown --type \"" << type << "\" (docs/sccp.md §5 models)\n";
    return kExitUsage;
  }

  if (fleet > 0) {
    auto base = parse_mac(mac_base.empty() ? mac : mac_base);
    if (!base) {
      std::cerr << "cmemu-phone: --fleet needs --mac-base as 12 hex digits (0000.1000.0000)\n";
      return kExitUsage;
    }
    fleet_options.mac_base = *base;
    fleet_options.count = fleet;
    fleet_options.device_type = *device_type;
    fleet_options.protocol_version = static_cast<std::uint8_t>(protocol_version);
    if (duration_s >= 0)
      fleet_options.duration = std::chrono::milliseconds(static_cast<long long>(duration_s * 1000));
    if (answer_after_option->count() > 0)
      fleet_options.answer_after = std::chrono::milliseconds(answer_after_ms);
    if (repeat_option->count() > 0) {
      std::cerr << "cmemu-phone: --repeat runs a script; a fleet has none\n";
      return kExitUsage;
    }
    return run_fleet(fleet_options, std::cout);
  }

  auto parsed_mac = parse_mac(mac);
  if (!parsed_mac) {
    std::cerr << "cmemu-phone: --mac needs 12 hex digits (001E.4A34.A35F)\n";
    return kExitUsage;
  }
  auto actions =
      cmemu::cli::script_actions(actions_text, script_file, "cmemu-phone", std::cerr, parse_script);
  if (!actions) return kExitUsage;

  PhoneClientOptions options;
  options.host = fleet_options.host;
  options.port = fleet_options.port;
  options.settings.device_name = device_name_for_mac(*parsed_mac);
  options.settings.device_type = *device_type;
  options.settings.protocol_version = static_cast<std::uint8_t>(protocol_version);
  // Distinct (fictitious) media ports per phone, so two phones never report the same one.
  options.settings.media_port_base = 20000 + static_cast<std::uint32_t>(*parsed_mac % 2000) * 16;
  options.actions = std::move(*actions);
  options.stay = stay;
  options.quiet = quiet;
  if (answer_after_option->count() > 0)
    options.settings.answer_after = std::chrono::milliseconds(answer_after_ms);
  if (repeat_option->count() > 0) {
    options.repeat = repeat;
    if (duration_s >= 0)
      options.duration = std::chrono::milliseconds(static_cast<long long>(duration_s * 1000));
  } else if (duration_s >= 0) {
    std::cerr << "cmemu-phone: --duration needs --fleet or --repeat\n";
    return kExitUsage;
  }
  return run_phone(options, std::cout);
}
