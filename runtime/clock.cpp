#include "runtime/clock.hpp"

#include <cstdlib>
#include <string>

namespace cmemu::runtime {

Clock& Clock::instance() {
  static Clock clock;
  return clock;
}

Clock::Clock() {
  if (const char* fixed = std::getenv("CMEMU_FIXED_TIME")) {
    char* end = nullptr;
    long long seconds = std::strtoll(fixed, &end, 10);
    if (end && *end == '\0') freeze(WallTime{std::chrono::seconds(seconds)});
  }
}

Clock::WallTime Clock::wall_now() const {
  return frozen_ ? wall_ : std::chrono::system_clock::now();
}

Clock::SteadyTime Clock::steady_now() const {
  return frozen_ ? steady_ : std::chrono::steady_clock::now();
}

void Clock::freeze(WallTime wall) {
  frozen_ = true;
  wall_ = wall;
  steady_ = SteadyTime{};
}

void Clock::advance(std::chrono::milliseconds step) {
  wall_ += step;
  steady_ += step;
}

}  // namespace cmemu::runtime
