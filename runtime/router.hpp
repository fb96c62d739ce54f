#pragma once
// The Router owns the running-config and applies each change to the services registered with it
// as a diff (old config, new config). Services never read the CLI; they see Config.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/config/config.hpp"
#include "runtime/config/config_store.hpp"
#include "runtime/cti_session_control.hpp"
#include "runtime/lab_events.hpp"
#include "runtime/phone_registry.hpp"
#include "runtime/registrar_status.hpp"

namespace cmemu::runtime {

class CallModel;
class CtiEngine;

/// A live service (SIP listener, registrar, SCCP controller) reconfigured by the router.
class Service {
 public:
  virtual ~Service() = default;
  /// Called after each committed change, before `running()` returns the new config.
  virtual void apply(const Config& old_config, const Config& new_config) = 0;
};

class Router : public ConfigStore {
 public:
  Router();
  const Config& running() const override { return running_; }

  /// Services are told of every later change; `apply(empty, running)` brings a new one up to date.
  void add_service(Service& service);
  void remove_service(Service& service);

  /// Makes `next` the running-config and tells every service what changed. `by` names who
  /// changed it (for `! Last configuration change ... by`); empty for a startup-config load.
  void commit(Config next, std::string_view by = {}) override;

  /// When the configuration was last changed from a terminal since boot, and by whom.
  const std::optional<std::chrono::system_clock::time_point>& last_change() const {
    return last_change_;
  }
  const std::string& last_change_by() const { return last_change_by_; }
  std::chrono::steady_clock::time_point boot_time() const { return boot_time_; }

  /// The SIP registrar's state, for `show` commands; null while no SIP service runs.
  const RegistrarStatus* registrar = nullptr;
  /// The CTI engine's sessions, for `show cti session`; null while no SIP service runs.
  const CtiEngine* cti = nullptr;
  /// Ends CTI sessions with BYE (`clear cti session`); null while no SIP service runs.
  CtiSessionControl* cti_control = nullptr;

  /// Lines and calls, for `show ephone` and `show ephone-dn`; null while no call model runs.
  const CallModel* call_model = nullptr;
  /// The SCCP phone controller, for `show ephone` and `emadmin`; null while none runs.
  PhoneRegistry* phones = nullptr;
  /// Extension mobility (docs/decisions.md #30): ephone tag -> the user-profile tag logged in on
  /// it. Runtime state, not configuration: `emadmin login`/`logout` change it.
  std::map<int, int> em_logins;

  /// Lab events (phone keys, CSTA traffic, config changes) for the live view; publishing is a
  /// no-op while nobody subscribed.
  LabEvents events;

  /// Where `write memory` saves; empty when no startup-config file is known.
  std::string startup_config_path;
  std::optional<std::chrono::system_clock::time_point> last_save;

 private:
  Config running_;
  std::vector<Service*> services_;
  std::optional<std::chrono::system_clock::time_point> last_change_;
  std::string last_change_by_;
  std::chrono::steady_clock::time_point boot_time_;
};

}  // namespace cmemu::runtime
