#pragma once
// The one source of time for the router. Tests freeze it (CMEMU_FIXED_TIME=<unix seconds>) so
// that transcripts with timestamps are byte-for-byte repeatable; unit tests advance it by hand.
#include <chrono>

namespace cmemu::runtime {

class Clock {
 public:
  using WallTime = std::chrono::system_clock::time_point;
  using SteadyTime = std::chrono::steady_clock::time_point;

  /// The process-wide clock, frozen at CMEMU_FIXED_TIME when that is set in the environment.
  static Clock& instance();

  WallTime wall_now() const;
  SteadyTime steady_now() const;
  bool frozen() const { return frozen_; }
  /// Freezes the clock at `wall` (steady time starts at its epoch) and lets tests move it.
  void freeze(WallTime wall);
  void advance(std::chrono::milliseconds step);

 private:
  Clock();
  bool frozen_ = false;
  WallTime wall_{};
  SteadyTime steady_{};
};

}  // namespace cmemu::runtime
