// cmemu-csta: a CSTA-over-SIP client for people and scripts (cli/csta/cti_client.hpp): opens a CTI
// session on a line, runs actions named after the CSTA services, prints every event as one line.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>

#include "cli/csta/cti_client.hpp"
#include "cli/csta/cti_client_script.hpp"
#include "cli/csta/cti_client_transport.hpp"
#include "cli/tool_script.hpp"

int main(int argc, char** argv) {
  using namespace cmemu::sip;
  std::string router;
  std::string transport = "udp";
  std::string actions_text;
  std::string script_file;
  CtiClientOptions options;

  CLI::App cli{"cmemu-csta: a CSTA-over-SIP (ECMA-323) client for people and scripts"};
  cli.add_option("--router", router, "the router's CTI listener HOST:PORT (port default 5060)")
      ->required();
  cli.add_option("--user", options.user, "From user of the session")->required();
  cli.add_option("--line", options.line, "the DN to control and monitor (To user, tel:DN)")
      ->required();
  cli.add_option("--register-id", options.register_id,
                 "REGISTER as this session-server register-id first, and keep it refreshed");
  cli.add_option("--transport", transport, "SIP transport (udp)")
      ->check(CLI::IsMember({"udp", "UDP"}));
  cli.add_option("--session-expires", options.session_expires,
                 "Session-Expires asked for in the INVITE (seconds)")
      ->check(CLI::Range(90, 86400));
  auto* e = cli.add_option("-e", actions_text, "actions, separated by ';' or newlines");
  cli.add_option("--script", script_file, "file of actions, one per line, '#' comments")
      ->excludes(e);
  cli.add_flag("--quiet", options.quiet, "do not print the requests sent (tx lines)");
  std::uint32_t repeat_times = 1;
  double duration_s = 0;
  auto* repeat_option =
      cli.add_option("--repeat", repeat_times,
                     "run the actions N times (0: until SIGINT/SIGTERM or --duration), then print "
                     "`repeat iterations=N failures=F`");
  cli.add_option("--duration", duration_s, "with --repeat: no iteration starts after SECONDS")
      ->needs(repeat_option)
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(cli, argc, argv);
  CtiRepeat repeat;
  if (repeat_option->count() > 0) {
    repeat.times = repeat_times;
    if (cli.count("--duration") > 0)
      repeat.duration = std::chrono::milliseconds(static_cast<long long>(duration_s * 1000));
  }

  auto address = cmemu::cli::router_address(router, 5060, "cmemu-csta", std::cerr);
  if (!address) return kCtiExitUsage;
  options.router_host = address->host;
  options.router_port = address->port;
  if (options.line.empty()) {
    std::cerr << "cmemu-csta: --line needs a DN\n";
    return kCtiExitUsage;
  }
  auto actions = cmemu::cli::script_actions(actions_text, script_file, "cmemu-csta", std::cerr,
                                            parse_cti_script);
  if (!actions) return kCtiExitUsage;
  return run_cti_client(std::move(options), std::move(*actions), std::cout, repeat);
}
