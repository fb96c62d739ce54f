#include "runtime/router.hpp"

#include <doctest/doctest.h>

#include "runtime/config/command_set.hpp"
#include "runtime/config/config.hpp"

using namespace cmemu::runtime;

namespace {

// A service that remembers every change it was told about.
struct RecordingService : Service {
  struct Change {
    std::string old_hostname, new_hostname;
  };
  std::vector<Change> changes;
  void apply(const Config& old_config, const Config& new_config) override {
    changes.push_back({old_config.hostname, new_config.hostname});
  }
};

CommandSession config_session() {
  CommandSession session;
  session.modes = {ModeFrame{kPrivilegedExec, {}, {}}, ModeFrame{kGlobalConfig, {}, {}}};
  return session;
}

}  // namespace

TEST_CASE("a registered service is brought up to date, then told each change as a diff") {
  Router router;
  Config first;
  first.hostname = "R1";
  router.commit(first);
  RecordingService service;
  router.add_service(service);
  REQUIRE(service.changes.size() == 1);
  CHECK(service.changes[0].old_hostname == "Router");
  CHECK(service.changes[0].new_hostname == "R1");

  Config next = router.running();
  next.hostname = "R2";
  router.commit(next, "console");
  REQUIRE(service.changes.size() == 2);
  CHECK(service.changes[1].old_hostname == "R1");
  CHECK(service.changes[1].new_hostname == "R2");
  CHECK(router.running().hostname == "R2");
  CHECK(router.last_change().has_value());

  router.remove_service(service);
  router.commit(Config{});
  CHECK(service.changes.size() == 2);
}

TEST_CASE("a typed line reaches services as one diff; a refused line changes nothing") {
  Router router;
  CommandSet commands;
  RecordingService service;
  router.add_service(service);
  auto session = config_session();
  std::string output;
  auto result = commands.execute(session, router, "hostname Lab1", output, 15);
  CHECK(result.outcome == LineOutcome::kOk);
  REQUIRE(service.changes.size() == 2);
  CHECK(service.changes[1].old_hostname == "Router");
  CHECK(service.changes[1].new_hostname == "Lab1");

  output.clear();
  result = commands.execute(session, router, "hostname Lab2 extra", output, 15);
  CHECK(result.outcome == LineOutcome::kError);
  CHECK(output.find("% Invalid input detected at '^' marker.") != std::string::npos);
  CHECK(service.changes.size() == 2);
  CHECK(router.running().hostname == "Lab1");
}
