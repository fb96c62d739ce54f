#include "runtime/router.hpp"

#include <algorithm>

#include "runtime/clock.hpp"

namespace cmemu::runtime {

Router::Router() : boot_time_(Clock::instance().steady_now()) {}

void Router::add_service(Service& service) {
  services_.push_back(&service);
  service.apply(Config{}, running_);
}

void Router::remove_service(Service& service) {
  services_.erase(std::remove(services_.begin(), services_.end(), &service), services_.end());
}

void Router::commit(Config next, std::string_view by) {
  for (Service* service : services_) service->apply(running_, next);
  running_ = std::move(next);
  if (events.wanted())
    events.publish(LabEventKind::kConfig,
                   by.empty() ? "configuration loaded" : "configured by " + std::string(by));
  if (!by.empty()) {
    last_change_ = Clock::instance().wall_now();
    last_change_by_ = std::string(by);
  }
}

}  // namespace cmemu::runtime
