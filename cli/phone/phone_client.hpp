#pragma once
// cmemu-phone's network side: a SimulatedPhone (or a fleet of them) over TCP, on one Asio
// io_context. Asio stays in phone_client.cpp.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/phone/phone_script.hpp"
#include "cli/phone/phone_simulator.hpp"

namespace cmemu::sccp {

/// Exit statuses of run_phone() and run_fleet().
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed =
    1;  // a wait/expect failed (FAIL line), or fleet not all registered
inline constexpr int kExitDisconnected = 2;  // could not connect, or the router closed first
inline constexpr int kExitRejected = 3;      // RegisterReject

struct PhoneClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 2000;
  PhoneSettings settings;  // ip is replaced by the socket's local address
  std::vector<ScriptAction> actions;
  /// After the last action, stay registered until SIGINT/SIGTERM or stdin EOF; stdin lines are
  /// more actions, run after the script.
  bool stay = false;
  bool quiet = false;  // no `tx` lines
  /// Runs the actions this many times (0: until SIGINT/SIGTERM or `duration`); then a signal
  /// ends the run without failing it, and the run ends with `repeat iterations=N failures=F`.
  std::optional<std::uint32_t> repeat;
  /// With repeat: no iteration starts after this long.
  std::optional<std::chrono::milliseconds> duration;
};

/// Runs one phone: connect, register, run the actions, print the transcript to `out`:
///   `S.mmm rx <describe()>` each received message; `S.mmm tx <describe()>` each sent one (not
///   with quiet); `S.mmm do <action>` each action as it starts; `S.mmm <event>` connection events
///   (connected, registered, closed); `FAIL ...` a failed action or registration.
/// S.mmm = seconds since start. Returns one of the kExit* statuses.
int run_phone(const PhoneClientOptions& options, std::ostream& out);

struct FleetOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 2000;
  std::uint64_t mac_base = 0;
  std::uint32_t count = 1;
  DeviceType device_type = DeviceType::k7961;
  std::uint8_t protocol_version = 11;
  std::optional<std::chrono::milliseconds> duration;  // else until SIGINT/SIGTERM
  /// Each phone answers a call ringing in after this long (PhoneSettings::answer_after).
  std::optional<std::chrono::milliseconds> answer_after;
};

/// Registers `count` phones (MACs mac_base, mac_base + 1, ...) concurrently; prints
/// `registered R/N in X.X ms` once every phone is registered, rejected or disconnected (X: from
/// the start to the last registration), keeps them alive (answering calls with answer_after)
/// until `duration` or a signal, then prints `final registered=R rejected=J disconnected=D
/// answered=A` (A: calls answered by answer_after). Returns kExitOk when all stayed registered.
int run_fleet(const FleetOptions& options, std::ostream& out);

}  // namespace cmemu::sccp
