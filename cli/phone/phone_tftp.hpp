#pragma once
// cmemu-phone's boot as a real phone's (docs/sccp.md §12): fetch SEP<MAC>.cnf.xml over TFTP (and
// XMLDefault.cnf.xml when the router has no file of the phone's own), read the call manager's
// address and SCCP port from it, and register there. The transfer is tftp/transfer.hpp's
// ClientTransfer; Asio stays in the .cpp.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "tftp/transfer.hpp"

namespace cmemu::sccp {

struct CallManagerAddress {
  std::string host;
  std::uint16_t port = 2000;
  bool operator==(const CallManagerAddress&) const = default;
};

/// The call manager a configuration file names: the callManagerGroup member of the lowest
/// priority, its processNodeName and ethernetPhonePort (port 2000 when it has none). Takes both
/// the per-phone `<device><devicePool>...` and the `<Default>...` forms; nullopt when the XML
/// names none.
std::optional<CallManagerAddress> call_manager_from_cnf(std::string_view xml);

struct TftpFetch {
  std::optional<std::string> content;  // the file, when it came
  tftp::Error error;                   // the server's ERROR, if it sent one
  std::string failure;                 // why not, as text
};

/// Reads `filename` from the TFTP server at `host`:`port` (blocking, on its own event loop).
TftpFetch tftp_fetch(const std::string& host, std::uint16_t port, tftp::ClientRequest request);

/// The boot: SEP<MAC>.cnf.xml, else (File not found) XMLDefault.cnf.xml, then the call manager it
/// names. Prints `tftp NAME: N bytes` or `tftp NAME: WHY` per file to `out`; nullopt on failure.
std::optional<CallManagerAddress> boot_from_tftp(const std::string& host, std::uint16_t port,
                                                 const std::string& device_name, std::ostream& out);

/// cmemu-phone's `--tftp HOST[:PORT]` for the phone `mac`: boots from the server and sets `router`
/// to the call manager's HOST:PORT. Returns 0, or the exit status (4: a bad command line, 2: no
/// call manager) after telling `err` why; with no `--tftp` it only checks that `router` is given.
int tftp_boot(const std::string& tftp, const std::string& mac, bool fleet, std::string& router,
              std::ostream& out, std::ostream& err);

}  // namespace cmemu::sccp
