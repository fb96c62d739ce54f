#pragma once
// The SCCP phone controller as a runtime::Service (docs/decisions.md #26-28, docs/sccp.md): a TCP
// listener on telephony-service `ip source-address A port P`, one Station per connection, keepalive
// supervision, media address exchange between the two phones of a call, and live
// re-provisioning when the running-config changes. Asio stays inside the .cpp.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "runtime/call_model.hpp"
#include "runtime/phone_registry.hpp"
#include "runtime/router.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::sccp {

/// Bounds (docs/architecture.md).
struct PhoneControllerLimits {
  std::size_t max_connections = 6000;             // above max-ephones (5000)
  std::size_t max_pending_output = 256 * 1024;    // a phone that stops reading is dropped
  std::chrono::seconds registration_timeout{30};  // connected but never registered
  std::chrono::milliseconds tick{250};            // keepalive scan and call-model timers
};

class PhoneController final : public runtime::Service, public runtime::PhoneRegistry {
 public:
  /// `fallback_address`: where a configured address this host does not own is served
  /// (docs/decisions.md #11); `log` gets one line per notable event (binding, a phone lost).
  PhoneController(boost::asio::io_context& io, runtime::Router& router, runtime::CallModel& calls,
                  std::string fallback_address, std::function<void(const std::string&)> log,
                  PhoneControllerLimits limits = {});
  ~PhoneController() override;

  void apply(const runtime::Config& old_config, const runtime::Config& new_config) override;

  std::vector<runtime::PhoneStatus> registered() const override;
  std::size_t sockets() const override;
  void reprovision(int ephone_tag) override;

  /// Closes the listener and every phone connection (router shutdown).
  void stop();
  /// The bound port, 0 when not listening.
  std::uint16_t local_port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cmemu::sccp
