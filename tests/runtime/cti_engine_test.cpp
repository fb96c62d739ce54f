#include "runtime/cti_engine.hpp"

#include <doctest/doctest.h>

#include "runtime/call_model.hpp"
#include "runtime/config/config.hpp"
#include "runtime/csta/codec.hpp"

using namespace cmemu::runtime;
using namespace std::chrono_literals;

namespace {

constexpr const char* kEd3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

Config lab() {
  Config config;
  config.voice_service.emplace();
  config.voice_service->cti_shutdown = false;
  config.ephone_dns[1].number = "201";
  config.ephone_dns[1].cti_watch = true;
  config.ephone_dns[2].number = "202";
  config.ephone_dn_templates[1].cti_watch = true;
  config.ephone_dns[3].number = "203";
  config.ephone_dns[3].dn_template = 1;
  return config;
}

std::string body(const std::string& inner) {
  return std::string("<?xml version=\"1.0\"?>") + inner;
}

csta::ReadResult<csta::Response> answer_of(const CstaAnswer& answer) {
  REQUIRE(answer.sip_status == 200);
  auto read = csta::read_response(answer.body);
  REQUIRE(read.ok());
  return read;
}

}  // namespace

TEST_CASE("the engine follows cti shutdown and cti watch (template included)") {
  CtiEngine engine;
  auto config = lab();
  CHECK(engine.apply(config).empty());
  CHECK(engine.open());
  CHECK(engine.watched("201"));
  CHECK_FALSE(engine.watched("202"));
  CHECK(engine.watched("203"));
  engine.open_session("127.0.0.1:5070/UDP", "alice", "201", {});
  engine.open_session("127.0.0.1:5071/UDP", "bob", "203", {});
  config.voice_service->cti_shutdown = true;
  auto ending = engine.apply(config);
  CHECK(ending == std::vector<int>{1, 2});
  CHECK_FALSE(engine.open());
}

TEST_CASE("session services answer in the request's namespace") {
  CtiEngine engine;
  engine.apply(lab());
  int id = engine.open_session("127.0.0.1:5070/UDP", "alice", "201", {})->id;
  auto read = answer_of(
      engine.handle(id, body(std::string("<RequestSystemStatus xmlns=\"") + kEd3 + "\"/>")));
  CHECK(std::holds_alternative<csta::RequestSystemStatusResponse>(read.message));
  CHECK(read.namespace_uri == kEd3);

  read = answer_of(engine.handle(id, body("<GetCSTAFeatures/>")));
  const auto* features = std::get_if<csta::GetCstaFeaturesResponse>(&read.message);
  REQUIRE(features);
  bool monitoring = false, make_call = false;
  for (const auto& list : features->supported_services)
    for (const auto& item : list.items) {
      monitoring |= item == "monitorStart";
      make_call |= item == "makeCall";
    }
  CHECK(monitoring);
  CHECK_FALSE(make_call);  // docs/decisions.md #18: only what is implemented
}

TEST_CASE("MonitorStart and MonitorStop (docs/decisions.md #16)") {
  CtiEngine engine;
  engine.apply(lab());
  int first = engine.open_session("a", "alice", "201", {})->id;
  int second = engine.open_session("b", "bob", "203", {})->id;
  auto start = [&](int id, const std::string& device) {
    return engine.handle(id, body("<MonitorStart><monitorObject><deviceObject>" + device +
                                  "</deviceObject></monitorObject></MonitorStart>"));
  };
  auto read = answer_of(start(first, "tel:201"));
  const auto* response = std::get_if<csta::MonitorStartResponse>(&read.message);
  REQUIRE(response);
  const std::string cross_ref = response->monitor_cross_ref_id;
  auto other = answer_of(start(second, "sip:203@10.0.0.1"));
  const auto* response2 = std::get_if<csta::MonitorStartResponse>(&other.message);
  REQUIRE(response2);
  CHECK(cross_ref != response2->monitor_cross_ref_id);
  CHECK(engine.session(first)->monitors.at(0).device_text == "tel:201");

  read = answer_of(start(first, "tel:202"));  // a DN without cti watch
  const auto* error = std::get_if<csta::CstaErrorCode>(&read.message);
  REQUIRE(error);
  CHECK(error->error == csta::ErrorValue{csta::OperationError::kInvalidMonitorObject});

  read = answer_of(engine.handle(first, body("<MonitorStop><monitorCrossRefID>999"
                                             "</monitorCrossRefID></MonitorStop>")));
  error = std::get_if<csta::CstaErrorCode>(&read.message);
  REQUIRE(error);
  CHECK(error->error == csta::ErrorValue{csta::OperationError::kInvalidMonitorCrossRefId});

  read = answer_of(engine.handle(first, body("<MonitorStop><monitorCrossRefID>" + cross_ref +
                                             "</monitorCrossRefID></MonitorStop>")));
  CHECK(std::holds_alternative<csta::MonitorStopResponse>(read.message));
  CHECK(engine.session(first)->monitors.empty());
}

TEST_CASE("a DN that loses cti watch loses its monitors; the others stay") {
  CtiEngine engine;
  Config config = lab();
  engine.apply(config);
  int id = engine.open_session("a", "alice", "201", {})->id;
  for (const char* device : {"tel:201", "tel:203"})
    answer_of(engine.handle(id, body(std::string("<MonitorStart><monitorObject><deviceObject>") +
                                     device + "</deviceObject></monitorObject></MonitorStart>")));
  REQUIRE(engine.session(id)->monitors.size() == 2);
  config.ephone_dns[1].cti_watch = false;
  CHECK(engine.apply(config).empty());  // the session goes on
  REQUIRE(engine.session(id)->monitors.size() == 1);
  CHECK(engine.session(id)->monitors[0].device_number == "203");
}

TEST_CASE("bad bodies: SIP 400 for unparsable XML, serviceNotSupported for what is not built") {
  CtiEngine engine;
  engine.apply(lab());
  int id = engine.open_session("a", "alice", "201", {})->id;
  CHECK(engine.handle(id, "<MonitorStart><monitorObject>").sip_status == 400);
  auto read = answer_of(engine.handle(
      id, body("<MakeCall><callingDevice>201</callingDevice><calledDirectoryNumber>202"
               "</calledDirectoryNumber></MakeCall>")));
  const auto* error = std::get_if<csta::CstaErrorCode>(&read.message);
  REQUIRE(error);
  CHECK(error->error == csta::ErrorValue{csta::OperationError::kServiceNotSupported});
  CHECK(engine.session(id));  // the session is intact
}

TEST_CASE("with a call model, call control goes to it and its events wait for the answer") {
  auto config = lab();
  config.ephone_dns[1].cti_notify = true;  // in service without a phone (docs/decisions.md #29)
  CallModel calls;
  calls.apply({}, config);
  CtiEngine engine;
  engine.attach(calls);
  engine.apply(config);
  std::vector<std::string> sent;
  engine.set_event_sink([&](int, std::string event) { sent.push_back(std::move(event)); });
  int id = engine.open_session("a", "alice", "201", {})->id;
  answer_of(engine.handle(
      id, body("<MonitorStart><monitorObject><deviceObject>tel:201</deviceObject></monitorObject>"
               "</MonitorStart>")));

  auto read = answer_of(engine.handle(
      id, body("<SetDoNotDisturb><device>tel:201</device><doNotDisturbOn>true</doNotDisturbOn>"
               "</SetDoNotDisturb>")));
  CHECK(std::holds_alternative<csta::SetDoNotDisturbResponse>(read.message));
  CHECK(calls.line(1)->dnd);
  CHECK(sent.empty());  // the event follows the answer (flush_events)
  engine.flush_events();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].find("<DoNotDisturbEvent") != std::string::npos);

  read = answer_of(engine.handle(id, body("<GetCSTAFeatures/>")));  // still the engine's
  REQUIRE(std::holds_alternative<csta::GetCstaFeaturesResponse>(read.message));
}

TEST_CASE(
    "events reach the monitors of the event's line, in session order, as monitors come and go") {
  auto config = lab();
  config.ephone_dns[1].cti_notify = true;  // in service without a phone (docs/decisions.md #29)
  config.ephone_dns[3].cti_notify = true;
  CallModel calls;
  calls.apply({}, config);
  CtiEngine engine;
  engine.attach(calls);
  engine.apply(config);
  std::vector<std::pair<int, std::string>> sent;
  engine.set_event_sink(
      [&](int id, std::string event) { sent.emplace_back(id, std::move(event)); });
  auto monitor = [&](int id, const char* device) {
    auto read = answer_of(
        engine.handle(id, body(std::string("<MonitorStart><monitorObject><deviceObject>") + device +
                               "</deviceObject></monitorObject></MonitorStart>")));
    const auto* started = std::get_if<csta::MonitorStartResponse>(&read.message);
    REQUIRE(started);
    return started->monitor_cross_ref_id;
  };
  // Session 1 watches 203 then 201; session 2 watches 201; session 3 watches 201 twice.
  int first = engine.open_session("a", "alice", "201", {})->id;
  int second = engine.open_session("b", "bob", "201", {})->id;
  int third = engine.open_session("c", "carol", "201", {})->id;
  monitor(first, "tel:203");
  std::string first_201 = monitor(first, "tel:201");
  monitor(second, "tel:201");
  monitor(third, "tel:201");
  monitor(third, "201");
  auto dnd = [&](int id, const char* device, bool on) {
    sent.clear();
    answer_of(engine.handle(
        id, body(std::string("<SetDoNotDisturb><device>") + device + "</device><doNotDisturbOn>" +
                 (on ? "true" : "false") + "</doNotDisturbOn></SetDoNotDisturb>")));
    engine.flush_events();
    std::vector<int> to;
    for (const auto& [id, event] : sent) {
      CHECK(event.find("<DoNotDisturbEvent") != std::string::npos);
      to.push_back(id);
    }
    return to;
  };
  CHECK(dnd(first, "tel:201", true) == std::vector<int>{first, second, third, third});
  CHECK(dnd(first, "tel:203", true) == std::vector<int>{first});
  // A stopped monitor hears nothing more; the others still do.
  answer_of(engine.handle(first, body("<MonitorStop><monitorCrossRefID>" + first_201 +
                                      "</monitorCrossRefID></MonitorStop>")));
  CHECK(dnd(second, "tel:201", false) == std::vector<int>{second, third, third});
  // A closed session hears nothing; a DN that loses cti watch loses its monitors.
  engine.close_session(second);
  CHECK(dnd(third, "tel:201", true) == std::vector<int>{third, third});
  config.ephone_dns[3].cti_watch = false;
  config.ephone_dns[3].dn_template.reset();
  engine.apply(config);
  calls.apply(config, config);
  CHECK(dnd(first, "tel:201", false) == std::vector<int>{third, third});
  // A new monitor hears the next event.
  monitor(first, "tel:201");
  CHECK(dnd(first, "tel:201", true) == std::vector<int>{first, third, third});
}

TEST_CASE("show cti session lays out docs/decisions.md #21's columns") {
  CtiEngine engine;
  engine.apply(lab());
  std::chrono::steady_clock::time_point now{};
  auto* session = engine.open_session("127.0.0.1:5070/UDP", "alice", "201", now + 1742s);
  session->session_server = 1;
  session->session_server_name = "app1";
  session->monitors.push_back({"17", "201", "tel:201", kEd3});
  CHECK(engine.show_sessions(now) ==
        "Session ID  Peer                   User        Line    Monitors  Expires  Session-server\n"
        "==========  =====================  ==========  ======  ========  =======  ==============\n"
        "1           127.0.0.1:5070/UDP     alice       201     1         1742     1 (app1)\n"
        "Total CTI sessions: 1\n");
  CHECK(engine.show_session(1, now) ==
        "Session ID      : 1\n"
        "Peer            : 127.0.0.1:5070/UDP\n"
        "User            : alice\n"
        "Line            : 201\n"
        "Monitors        : 1\n"
        "Expires         : 1742\n"
        "Session-server  : 1 (app1)\n"
        "  Monitor cross-ref ID 17, device 201\n");
  CHECK(engine.show_session(9, now) == "% CTI session 9 does not exist\n");
}

TEST_CASE("the number of sessions is bounded") {
  CtiEngine engine(CtiLimits{2, 1});
  engine.apply(lab());
  CHECK(engine.open_session("a", "u", "201", {}));
  CHECK(engine.open_session("b", "u", "201", {}));
  CHECK_FALSE(engine.open_session("c", "u", "201", {}));
}

TEST_CASE("sessions expire when their session timer runs out, and a refresh moves it") {
  CtiEngine engine;
  engine.apply(lab());
  std::chrono::steady_clock::time_point t0{};
  int first = engine.open_session("a", "alice", "201", t0 + 90s)->id;
  int second = engine.open_session("b", "bob", "201", t0 + 1800s)->id;
  CHECK(engine.expired(t0 + 89s).empty());
  CHECK(engine.expired(t0 + 90s) == std::vector<int>{first});
  engine.session(first)->expires_at = t0 + 90s + 600s;  // refreshed by UPDATE at 90 s
  CHECK(engine.expired(t0 + 600s).empty());
  CHECK(engine.expired(t0 + 690s) == std::vector<int>{first});
  CHECK(engine.expired(t0 + 1800s) == (std::vector<int>{first, second}));
}
