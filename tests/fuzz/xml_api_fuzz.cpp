// Fuzzes the CME XML API (http/xml_api.hpp, docs/xml-api.md): the body is read as a request and,
// when it reads, answered from a small lab. Every answer must be well-formed XML, a refusal must
// say why, and no answer may run a CLI line of a request that changes nothing.
#include <cstddef>
#include <cstdint>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "http/xml_api.hpp"
#include "runtime/call_model.hpp"
#include "runtime/config/command_set.hpp"
#include "runtime/config/config_loader.hpp"
#include "runtime/router.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace cmemu;

using cmemu::fuzz::check;

struct Lab {
  runtime::CommandSet commands;
  runtime::Router router;
  runtime::Config config;
  runtime::CallModel calls;
  http::EventTables tables;

  Lab() {
    runtime::load_config_text(commands, router,
                              "telephony-service\n max-ephones 4\nephone-dn 1\n number 201\n"
                              "ephone 1\n mac-address 0000.0000.0201\n button 1:1\n"
                              "voice user-profile 1\n user alice password pw\n"
                              "voice hunt-group 1 parallel\n list 201\n",
                              "fuzz", config);
    calls.apply(runtime::Config{}, config);
    tables.device(1, "SEP000000000201", true, 1);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Lab lab;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto parsed = http::parse_xml_request(body);
  if (!parsed.request) {
    check(!parsed.error.empty(), "a refusal says why");
    return 0;
  }
  http::LabView view{lab.config};
  view.calls = &lab.calls;
  view.events = &lab.tables;
  bool ran = false;
  http::XmlActions actions;
  actions.exec_cli = [&ran](const std::vector<std::string>&) {
    ran = true;
    return http::CliResult{};
  };
  actions.save_config = [] { return std::string(); };
  auto answer = http::answer_xml_request(*parsed.request, view, actions, 15);
  pugi::xml_document doc;
  check(doc.load_string(answer.body.c_str()), "the answer is well-formed XML");
  const std::string& type = parsed.request->type;
  bool changes = type == "ISexecCLI" || type == "ISsetKeyPhones" || type == "ISunsetKeyPhones" ||
                 type == "ISupdateUser";
  check(changes || !ran, "only a request that changes the router runs CLI lines");
  return 0;
}
