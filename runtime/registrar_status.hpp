#pragma once
// What `show voice register session-server` asks of the SIP registrar (docs/decisions.md #23).
// Declared here so that the shell can read it without knowing the SIP layer.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace cmemu::runtime {

struct SessionServerRegistration {
  std::string contact;           // the registered Contact URI
  std::uint64_t reg_number = 0;  // unique per registration on this router (emulated)
  std::uint32_t ref_id = 0;
  std::chrono::steady_clock::time_point expires_at;
};

class RegistrarStatus {
 public:
  virtual ~RegistrarStatus() = default;
  /// The live registration of session-server `tag`, if any.
  virtual std::optional<SessionServerRegistration> session_server(int tag) const = 0;
};

}  // namespace cmemu::runtime
