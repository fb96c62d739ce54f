// The XML API without sockets: request parsing, answers from a model, faults (docs/xml-api.md).
#include "http/xml_api.hpp"

#include <doctest/doctest.h>

#include "runtime/call_model.hpp"
#include "tests/runtime/config/config_test_support.hpp"
#include "tests/text_checks.hpp"

namespace cmemu::http {
namespace {

using test::check_has_all;
using test::compact;
using test::has;

const char* kLab =
    "hostname lab\n"
    "voice register session-server 1\n"
    " register-id app1\n"
    " keepalive 60\n"
    "voice user-profile 1\n"
    " user alice password secret\n"
    " number 204 type normal\n"
    "voice hunt-group 1 longest-idle\n"
    " pilot 300\n"
    " list 201,202\n"
    "telephony-service\n"
    " max-ephones 10\n"
    " max-dn 20\n"
    " ip source-address 10.0.0.1 port 2000\n"
    " xml user api password pw 15\n"
    "ephone-dn-template 1\n"
    " cti watch\n"
    "ephone-dn 1\n"
    " number 201\n"
    " name Alice Smith\n"
    " cti watch\n"
    "ephone-dn 2 dual-line\n"
    " number 202\n"
    "ephone 1\n"
    " mac-address 0000.0000.0201\n"
    " type 7961\n"
    " username alice1 password p1\n"
    " button 1:1\n"
    "ephone 2\n"
    " mac-address 0000.0000.0202\n"
    " type 7961\n"
    " keyphone\n"
    " button 1:2\n";

std::string envelope(std::string_view request) {
  return "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><SOAP-ENV:Body><axl>" +
         std::string(request) + "</axl></SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

struct Lab {
  test::Bench bench;
  runtime::Config config;
  runtime::CallModel calls;
  EventTables tables;
  std::vector<std::vector<std::string>> cli_runs;
  XmlActions actions;

  Lab() {
    std::string messages;
    config = bench.load_clean(kLab, &messages);
    REQUIRE(messages == "");
    calls.apply(runtime::Config{}, config);
    calls.attach(1);  // ephone 1 registered with DN 1 on a button
    actions.exec_cli = [this](const std::vector<std::string>& lines) {
      cli_runs.push_back(lines);
      return lines.back() == "bad" ? CliResult{2, "% Invalid input detected"} : CliResult{};
    };
    actions.save_config = [] { return std::string(); };
  }

  LabView view() {
    LabView v{config};
    v.calls = &calls;
    runtime::PhoneStatus phone;
    phone.ephone_tag = 1;
    phone.model_name = "7961";
    phone.ip = "127.0.0.5";
    phone.keepalives = 3;
    phone.buttons = {{1, {1}, ':'}};
    v.phones = {phone};
    v.events = &tables;
    v.address = "10.0.0.1";
    return v;
  }

  std::string ask(std::string_view request, int level = 15) {
    auto parsed = parse_xml_request(envelope(request));
    REQUIRE(parsed.request);
    return answer_xml_request(*parsed.request, view(), actions, level).body;
  }
};

TEST_CASE("a SOAP request reads into its type and parameters") {
  auto parsed = parse_xml_request(
      envelope("<request xsi:type=\"ISgetDevice\"><ISgetDevice><ISDevID>1</ISDevID>"
               "<ISDevName> SEP000000000202 </ISDevName></ISgetDevice></request>"));
  REQUIRE(parsed.request);
  CHECK(parsed.request->type == "ISgetDevice");
  CHECK(parsed.request->values("ISDevID") == std::vector<std::string>{"1"});
  CHECK(parsed.request->values("isdevname") == std::vector<std::string>{"SEP000000000202"});

  // A bare request without xsi:type, spelled in another case: the first child names it.
  auto bare = parse_xml_request(
      "<request><ISgetuserProfile><ISUserProfileID>1</ISUserProfileID>"
      "</ISgetuserProfile></request>");
  REQUIRE(bare.request);
  CHECK(bare.request->type == "ISgetUserProfile");
}

TEST_CASE("malformed, deep, oversized and request-less bodies are refused with the reason") {
  CHECK(has(parse_xml_request("<request><ISgetGlobal></request>").error, "malformed XML"));
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "<a>";
  for (int i = 0; i < 40; ++i) deep += "</a>";
  CHECK(has(parse_xml_request(deep).error, "deeper"));
  XmlLimits small;
  small.max_body = 10;
  CHECK(has(parse_xml_request(envelope("<request/>"), small).error, "larger"));
  CHECK(parse_xml_request("<axl><nothing/></axl>").error == "no request element");
}

TEST_CASE("an unknown request is a SOAP client fault") {
  Lab lab;
  auto parsed = parse_xml_request(envelope("<request xsi:type=\"ISfrobnicate\"/>"));
  REQUIRE(parsed.request);
  auto answer = answer_xml_request(*parsed.request, lab.view(), lab.actions, 15);
  CHECK(answer.status == 500);
  check_has_all(answer.body,
                {"<faultcode>SOAP-ENV:Client</faultcode>", "unknown request ISfrobnicate"});
}

TEST_CASE("ISgetGlobal answers from the config and the registrations") {
  Lab lab;
  auto body = lab.ask("<request xsi:type=\"ISgetGlobal\"><ISgetGlobal/></request>");
  check_has_all(
      body,
      {"<response xsi:type=\"ISgetGlobalResponse\">", "<ISAddress>10.0.0.1</ISAddress>",
       "<ISDeviceRegistered>1</ISDeviceRegistered>", "<ISConfiguredDevice>2</ISConfiguredDevice>",
       "<ISConfiguredExtension>2</ISConfiguredExtension>", "<ISName>lab</ISName>",
       "<ISMaxEphone>10</ISMaxEphone>", "<ISMaxDN>20</ISMaxDN>", "<user>api</user>"});
  CHECK_FALSE(has(body, "pw"));  // the XML user's password stays out
}

TEST_CASE("ISgetDevice selects by tag, device name and keyword") {
  Lab lab;
  auto one = lab.ask(
      "<request xsi:type=\"ISgetDevice\"><ISgetDevice><ISDevID>1</ISDevID>"
      "</ISgetDevice></request>");
  check_has_all(one,
                {"<ISDevName>SEP000000000201</ISDevName>", "<ISDevStatus>registered</ISDevStatus>",
                 "<Xipv4Address>127.0.0.5</Xipv4Address>", "<ExtNumber>201</ExtNumber>",
                 "<ExtStatus>true</ExtStatus>", "<LineState>idle</LineState>",
                 "<ISDevUsername>alice1</ISDevUsername>"});
  CHECK_FALSE(has(one, "SEP000000000202"));

  auto keyphones = lab.ask(
      "<request xsi:type=\"ISgetDevice\"><ISgetDevice>"
      "<ISDevName>allKeyphone</ISDevName></ISgetDevice></request>");
  check_has_all(keyphones, {"SEP000000000202", "<ISKeyPhone>true</ISKeyPhone>",
                            "<ISDevStatus>unregistered</ISDevStatus>"});

  auto tags = lab.ask(
      "<request xsi:type=\"ISgetDevice\"><ISgetDevice><ISKeyword>allTag"
      "</ISKeyword></ISgetDevice></request>");
  CHECK(has(compact(tags), "<ISDevices><ISDevID>1</ISDevID><ISDevID>2</ISDevID></ISDevices>"));
  auto next = lab.ask(
      "<request xsi:type=\"ISgetDevice\"><ISgetDevice><ISKeyword>available"
      "</ISKeyword></ISgetDevice></request>");
  CHECK(has(next, "<ISDevID>3</ISDevID>"));
}

TEST_CASE("ISgetExtension follows the call model") {
  Lab lab;
  runtime::ConnectionId calling = 0;
  lab.calls.attach(2);
  REQUIRE(lab.calls.off_hook(1, runtime::EventCause::kNewCall, &calling) ==
          runtime::CallError::kNone);
  REQUIRE(lab.calls.dial_number(calling, "202") == runtime::CallError::kNone);
  auto body = lab.ask(
      "<request xsi:type=\"ISgetExtension\"><ISgetExtension>"
      "<ISExtNumber>202</ISExtNumber></ISgetExtension></request>");
  check_has_all(body, {"<ISExtID>2</ISExtID>", "<ISExtLineMode>DUAL_LINE</ISExtLineMode>",
                       "<ISExtCallStatus>RINGING</ISExtCallStatus>", "<ISDeviceID>2</ISDeviceID>"});
  auto caller = lab.ask(
      "<request xsi:type=\"ISgetExtension\"><ISgetExtension><ISExtID>1"
      "</ISExtID></ISgetExtension></request>");
  check_has_all(caller,
                {"<ISExtCallStatus>CONNECTED</ISExtCallStatus>", "<firstName>Alice</firstName>",
                 "<lastName>Smith</lastName>", "<ISAllowWatch>true</ISAllowWatch>"});
  auto up = lab.ask(
      "<request xsi:type=\"ISgetExtension\"><ISgetExtension><ISExtNumber>allDown"
      "</ISExtNumber></ISgetExtension></request>");
  CHECK_FALSE(has(up, "<ISExtID>"));
}

TEST_CASE("templates, users, profiles, session servers, hunt groups, SIP and presence") {
  struct Case {
    std::string_view request;
    std::vector<std::string_view> answer_holds;
  };
  const Case cases[] = {
      {"<request><ISgetExtensionTemplate><ISExtTemplateID>1</ISExtTemplateID>"
       "</ISgetExtensionTemplate></request>",
       {"<ISExtTemplateID>1</ISExtTemplateID>"}},
      {"<request><ISgetDeviceTemplate><ISKeyword>all</ISKeyword></ISgetDeviceTemplate></request>",
       {"<ISDeviceTemplates></ISDeviceTemplates>"}},
      {"<request><ISgetUser><ISuserID>alice</ISuserID></ISgetUser></request>",
       {"<ISuserType>3</ISuserType>", "<ISuserTag>1</ISuserTag>"}},
      {"<request><ISgetUser><ISuserID>alice1</ISuserID></ISgetUser></request>",
       {"<ISuserType>1</ISuserType>"}},
      {"<request><ISgetUser><ISuserID>bob</ISuserID></ISgetUser></request>",
       {"<ISuserType>0</ISuserType>", "<ISuserTag>0</ISuserTag>"}},
      {"<request><ISgetUserProfile><ISuserID>alice</ISuserID></ISgetUserProfile></request>",
       {"<ISUserProfileID>1</ISUserProfileID>", "<ISExtNumber>204</ISExtNumber>",
        "<ISExtMode>NORMAL</ISExtMode>"}},
      {"<request><ISgetSessionServer><ISSessionServerName>app1</ISSessionServerName>"
       "</ISgetSessionServer></request>",
       {"<ISSessionRegisterID>app1</ISSessionRegisterID>",
        "<ISSessionKeepAlives>60</ISSessionKeepAlives>"}},
      {"<request><ISgetVoiceHuntGroup><ISVoiceHuntGroupID>1</ISVoiceHuntGroupID>"
       "</ISgetVoiceHuntGroup></request>",
       {"<ISVoiceHuntGroupType>longest-idle</ISVoiceHuntGroupType>",
        "<ISVoiceHuntGroupPilotNumber>300</ISVoiceHuntGroupPilotNumber>",
        "<ISVoiceHuntGroupListNum>202</ISVoiceHuntGroupListNum>",
        "<ISVoiceHuntGroupListSize>2</ISVoiceHuntGroupListSize>"}},
      {"<request><ISgetVoiceRegGlobal/></request>", {"<ISSipGlobal>"}},
      {"<request><ISgetSipDevice><ISKeyword>all</ISKeyword></ISgetSipDevice></request>",
       {"<ISSipDevices></ISSipDevices>"}},
      {"<request><ISgetSipExtension><ISKeyword>all</ISKeyword></ISgetSipExtension></request>",
       {"<ISSipExtensions></ISSipExtensions>"}},
      {"<request><ISgetPresenceGlobal/></request>", {"<ISPresenceEnable>false</ISPresenceEnable>"}},
  };
  Lab lab;
  for (const Case& c : cases) {
    CAPTURE(c.request);
    check_has_all(lab.ask(c.request), c.answer_holds);
  }
}

TEST_CASE("the event tables count, filter and forget") {
  Lab lab;
  lab.tables.device(1, "SEP000000000201", false, 1);  // first seen down: no event
  lab.tables.device(1, "SEP000000000201", true, 5);
  lab.tables.device(2, "SEP000000000202", true, 6);
  lab.tables.device(1, "SEP000000000201", false, 9);
  lab.tables.extension(1, "201", true, 5);
  CHECK(lab.tables.device_events().size() == 3);
  auto counts = lab.ask("<request><ISgetEvtCounts/></request>");
  check_has_all(counts, {"<ISDevEvtCount>3</ISDevEvtCount>", "<ISExtEvtCount>1</ISExtEvtCount>"});
  auto one = lab.ask("<request><ISgetDevEvts><ISDevID>1</ISDevID></ISgetDevEvts></request>");
  check_has_all(one, {"<ISDevEventTime>5</ISDevEventTime>", "<ISDevEventTime>9</ISDevEventTime>"});
  CHECK_FALSE(has(one, "SEP000000000202"));
  auto ext = lab.ask(
      "<request><ISgetExtEvts><ISExtNumber>all</ISExtNumber></ISgetExtEvts>"
      "</request>");
  CHECK(has(ext, "<ISExtStatusChangeEvent>Up</ISExtStatusChangeEvent>"));
  lab.tables.set_bounds(2, 60);
  lab.tables.prune(10);
  CHECK(lab.tables.device_events().size() == 2);
  lab.tables.prune(100);
  CHECK(lab.tables.device_events().empty());
}

TEST_CASE("requests that change the router run CLI lines, at privilege 15 only") {
  Lab lab;
  auto ran = lab.ask(
      "<request xsi:type=\"ISexecCLI\"><ISexecCLI><CLI>ephone 4</CLI>"
      "<CLI>type 7960</CLI></ISexecCLI></request>");
  CHECK(has(ran, "<ISexecCLIResponse>0</ISexecCLIResponse>"));
  REQUIRE(lab.cli_runs.size() == 1);
  CHECK(lab.cli_runs[0] == std::vector<std::string>{"ephone 4", "type 7960"});
  auto failed = lab.ask(
      "<request xsi:type=\"ISexecCLI\"><ISexecCLI><CLI>ephone 4</CLI>"
      "<CLI>bad</CLI></ISexecCLI></request>");
  check_has_all(failed, {"<ISexecCLIResponse>2</ISexecCLIResponse>",
                         "<ISexecCLIError>% Invalid input detected</ISexecCLIError>"});

  auto keys = lab.ask(
      "<request><ISsetKeyPhones><ISPhoneName>SEP000000000201</ISPhoneName>"
      "<ISPhoneName>SEP0000000009FF</ISPhoneName></ISsetKeyPhones></request>");
  CHECK(has(compact(keys), "<ISsetResult>true</ISsetResult><ISsetResult>false</ISsetResult>"));
  CHECK(lab.cli_runs.back() == std::vector<std::string>{"ephone 1", "keyphone"});
  CHECK(has(lab.ask("<request><ISunsetKeyPhones><ISPhoneName>SEP000000000202</ISPhoneName>"
                    "</ISunsetKeyPhones></request>"),
            "<ISunsetResult>true</ISunsetResult>"));
  CHECK(lab.cli_runs.back() == std::vector<std::string>{"ephone 2", "no keyphone"});

  auto updated = lab.ask(
      "<request><ISupdateUser><ISuserID>alice</ISuserID><ISpassword>new"
      "</ISpassword></ISupdateUser></request>");
  CHECK(has(updated, "<ISsetResult>true</ISsetResult>"));
  CHECK(lab.cli_runs.back() ==
        std::vector<std::string>{"voice user-profile 1", "user alice password new"});
  auto missing = lab.ask(
      "<request><ISupdateUser><ISuserID>peter</ISuserID><ISpassword>x"
      "</ISpassword></ISupdateUser></request>");
  CHECK(has(missing, "<ISsetError>User peter does not exist</ISsetError>"));
  CHECK(has(lab.ask("<request><ISSaveConfig/></request>"),
            "<ISSaveConfigResult>success</ISSaveConfigResult>"));

  auto parsed = parse_xml_request("<request><ISSaveConfig/></request>");
  auto refused = answer_xml_request(*parsed.request, lab.view(), lab.actions, 1);
  CHECK(refused.status == 403);
  CHECK(has(refused.body, "privilege level 15"));
}

TEST_CASE("device names") {
  CHECK(device_name(0x001E4A34A35Full) == "SEP001E4A34A35F");
}

}  // namespace
}  // namespace cmemu::http
