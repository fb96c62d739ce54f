#pragma once
// cmemu-csta's network side: a CtiClient and its script over one UDP socket, on one Asio
// io_context. Asio stays in cti_client_transport.cpp.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include "cli/csta/cti_client.hpp"
#include "cli/csta/cti_client_script.hpp"

namespace cmemu::sip {

/// Exit statuses of run_cti_client().
inline constexpr int kCtiExitOk = 0;
inline constexpr int kCtiExitFailed = 1;   // a wait/expect failed (FAIL line)
inline constexpr int kCtiExitEnded = 2;    // the router ended the session (BYE, 481, timeout)
inline constexpr int kCtiExitRefused = 3;  // REGISTER, INVITE or MonitorStart refused
inline constexpr int kCtiExitUsage = 4;    // bad arguments or script

/// How often the actions run (cmemu-csta --repeat, --duration).
struct CtiRepeat {
  /// Iterations of the action list (0: until SIGINT/SIGTERM or `duration`); unset: once, and no
  /// summary line.
  std::optional<std::uint32_t> times;
  /// No iteration starts after this long.
  std::optional<std::chrono::milliseconds> duration;
};

/// Runs one session: open it, run `actions` (repeated as `repeat` says), close it (also on
/// SIGINT/SIGTERM), printing every line of the client to `out`; with repeat.times, the last line
/// is `S.mmm repeat iterations=N failures=F`. `options.local_host`/`local_port` are replaced by
/// the socket's. Returns one of the kCtiExit* statuses.
int run_cti_client(CtiClientOptions options, std::vector<CtiAction> actions, std::ostream& out,
                   CtiRepeat repeat = {});

}  // namespace cmemu::sip
