// The show commands people and tools type first (docs/commands.md §1.6, §1.7): `show version`
// read as ntc-templates' cisco_ios_show_version reads it, and layouts against the real samples in
// ../shared/reference/show when that folder exists.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/shell.hpp"
#include "runtime/clock.hpp"

namespace {

using cmemu::cli::App;
using cmemu::cli::AppOptions;
using cmemu::cli::Shell;
using cmemu::cli::ShellKind;

// A router with the console as a script at privileged EXEC; the clock frozen at boot.
struct Router {
  explicit Router(AppOptions options = {}) : app((freeze(), options.console = false, options)) {
    shell.session().set_privilege(15);
  }
  static void freeze() {
    cmemu::runtime::Clock::instance().freeze(cmemu::runtime::Clock::WallTime{});
  }
  std::string run(const std::string& line) { return shell.run_line(line); }
  void configure(std::initializer_list<const char*> lines) {
    run("configure terminal");
    for (const char* line : lines) {
      CAPTURE(line);
      CHECK(run(line) == "");
    }
    run("end");
  }
  App app;
  Shell shell{app, ShellKind::kScript};
};

// The rules of ntc-templates' cisco_ios_show_version (its Start state, the Values substituted):
// TextFSM tries them in order on each line; the first match records its values and ends the
// line unless the rule says Continue.
struct Rule {
  const char* regex;
  std::vector<const char*> values;
  bool next_rule_too = false;  // `-> Continue`
};

const std::vector<Rule> kShowVersionRules = {
    {R"re(^.*Software,*\s+\((\S+)\),\sVersion\s(.+?),*\s+RELEASE.*\((\S+)\))re",
     {"SOFTWARE_IMAGE", "VERSION", "RELEASE"}},
    {R"re(^.*Software,*\s+\((\S+)\),\sVersion\s(.+?),)re", {"SOFTWARE_IMAGE", "VERSION"}},
    {R"re(^ROM:\s+(\S+))re", {"ROMMON"}},
    {R"re(^\s*(\S+)\s+uptime\s+is\s+(.+))re", {"HOSTNAME", "UPTIME"}, true},
    {R"re(^.*\s+uptime\s+is.*\s+(\d+)\syear)re", {"UPTIME_YEARS"}, true},
    {R"re(^.*\s+uptime\s+is.*\s+(\d+)\sweek)re", {"UPTIME_WEEKS"}, true},
    {R"re(^.*\s+uptime\s+is.*\s+(\d+)\sday)re", {"UPTIME_DAYS"}, true},
    {R"re(^.*\s+uptime\s+is.*\s+(\d+)\shour)re", {"UPTIME_HOURS"}, true},
    {R"re(^.*\s+uptime\s+is.*\s+(\d+)\sminute)re", {"UPTIME_MINUTES"}},
    {R"re(^[sS]ystem\s+image\s+file\s+is\s+"(.*?):(\S+)")re", {"", "RUNNING_IMAGE"}},
    {R"re(^(?:[lL]ast\s+reload\s+reason:|System\s+returned\s+to\s+ROM\s+by)\s+(.+?)\s*$)re",
     {"RELOAD_REASON"}},
    {R"re(^[Pp]rocessor\s+board\s+ID\s+(\S+))re", {"SERIAL"}},
    {R"re(^[Cc]isco\s+(\S+|\S+\d\S+)\s+\(.+\).+)re", {"HARDWARE"}},
    {R"re(^[Cc]onfiguration\s+register\s+is\s+(\S+))re", {"CONFIG_REGISTER"}},
};

std::map<std::string, std::string> parse_show_version(const std::string& text) {
  std::map<std::string, std::string> record;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    for (const auto& rule : kShowVersionRules) {
      std::smatch match;
      if (!std::regex_search(line, match, std::regex(rule.regex))) continue;
      for (std::size_t i = 0; i < rule.values.size(); ++i)
        if (*rule.values[i] && !record.count(rule.values[i]))
          record[rule.values[i]] = match[i + 1].str();
      if (!rule.next_rule_too) break;
    }
  }
  return record;
}

// ../shared/reference/show/NAME, or "" (with a note) when the folder is not there.
std::string reference(const std::string& name) {
  std::filesystem::path path =
      std::filesystem::path(CMEMU_SOURCE_DIR) / ".." / "shared" / "reference" / "show" / name;
  std::ifstream file(path);
  if (!file) {
    MESSAGE("note: " << path.string() << " is absent; the layout is checked against docs only");
    return {};
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The `label:` prefixes of `text`'s lines, in order (the field names of a CME show).
std::vector<std::string> labels(const std::string& text) {
  std::vector<std::string> found;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos || line.starts_with("[") || line.starts_with("Router")) continue;
    if (line.find(',') < colon) continue;  // `A482, aux-number ...`: a member row, not a field
    found.push_back(line.substr(0, colon));
  }
  return found;
}

}  // namespace

TEST_CASE("show version fills what ntc-templates' cisco_ios_show_version reads") {
  Router router;
  router.configure({"hostname CME1"});
  cmemu::runtime::Clock::instance().advance(std::chrono::minutes(10080 + 2 * 1440 + 3 * 60 + 4));
  std::string text = router.run("show version");
  auto record = parse_show_version(text);
  CAPTURE(text);
  CHECK(record["VERSION"] == "15.1(4)M12a");
  CHECK(record["SOFTWARE_IMAGE"] == "C2900-UNIVERSALK9-M");
  CHECK(record["RUNNING_IMAGE"] == "c2900-universalk9-mz.SPA.151-4.M12a.bin");
  CHECK(record["HARDWARE"] == "CISCO2911/K9");
  CHECK(record["SERIAL"].size() == 11);
  CHECK(record["HOSTNAME"] == "CME1");
  CHECK(record["UPTIME"] == "1 week, 2 days, 3 hours, 4 minutes");
  CHECK(record["UPTIME_WEEKS"] == "1");
  CHECK(record["UPTIME_MINUTES"] == "4");
  CHECK(record["RELOAD_REASON"] == "power-on");
  CHECK(record["CONFIG_REGISTER"] == "0x2102");
  // The emulation is said, on a line none of the rules reads.
  CHECK(text.find("emulated") != std::string::npos);
}

TEST_CASE("show version reports the model and image of the options, boot system first") {
  AppOptions options;
  options.model = "CISCO2951/K9";
  options.image = "c2900-universalk9-mz.SPA.154-3.M2.bin";
  Router router(options);
  auto record = parse_show_version(router.run("show version"));
  CHECK(record["HARDWARE"] == "CISCO2951/K9");
  CHECK(record["VERSION"] == "15.4(3)M2");
  CHECK(record["UPTIME"] == "0 minutes");
  router.configure({"boot system flash c2800nm-ipvoice-mz.124-24.T4.bin"});
  record = parse_show_version(router.run("show version"));
  CHECK(record["RUNNING_IMAGE"] == "c2800nm-ipvoice-mz.124-24.T4.bin");
  CHECK(record["SOFTWARE_IMAGE"] == "C2800NM-IPVOICE-M");
  CHECK(record["VERSION"] == "12.4(24)T4");
  CHECK(router.run("show inventory").find("PID: CISCO2951/K9      , VID: V05 , SN: ") !=
        std::string::npos);
}

TEST_CASE("show clock counts from Mar 1 1993 as IOS does when the clock was never set") {
  Router router;
  CHECK(router.run("show clock") == "*00:00:00.000 UTC Mon Mar 1 1993\n");
  cmemu::runtime::Clock::instance().advance(std::chrono::hours(24 * 31 + 5) +
                                            std::chrono::milliseconds(1234));
  CHECK(router.run("show clock") == "*05:00:01.234 UTC Thu Apr 1 1993\n");
}

TEST_CASE("show history lists the EXEC lines typed, the last ten") {
  Router router;
  for (int i = 0; i < 12; ++i) router.run("show clock");
  router.run("configure terminal");
  router.run("hostname R2");
  router.run("end");
  std::string text = router.run("show history");
  CHECK(text.ends_with("  show clock\n  configure terminal\n  show history\n"));
  CHECK(std::count(text.begin(), text.end(), '\n') == 10);
}

TEST_CASE("show ephone-hunt has the fields of a real router's, in its order") {
  Router router;
  router.configure({"ephone-dn 1", "number 101", "ephone-dn 2", "number 102",
                    "ephone-hunt 1 longest-idle", "pilot 100", "list 101, 102, *", "timeout 20",
                    "description Phone Center", "display-logout Night Service Active",
                    "present-call onhook-phone"});
  std::string ours = router.run("show ephone-hunt 1");
  CAPTURE(ours);
  CHECK(ours.starts_with("\nGroup 1\ntype: longest-idle\npilot number: 100, peer-tag "));
  CHECK(ours.find("101, aux-number A001A0000, # peers 1, logout 0, down 1\n") != std::string::npos);
  CHECK(ours.find("description: (Phone Center)\n") != std::string::npos);
  std::string sample = reference("cisco-213925-ephone-connected-and-hunt.txt");
  if (sample.empty()) return;
  auto hunt = sample.substr(sample.find("sh ephone-hunt 1"));
  auto expected = labels(hunt);
  auto got = labels(ours);
  std::size_t at = 0;
  for (const auto& label : expected) {
    CAPTURE(label);
    auto found = std::find(got.begin() + static_cast<std::ptrdiff_t>(at), got.end(), label);
    CHECK(found != got.end());
    if (found != got.end()) at = static_cast<std::size_t>(found - got.begin());
  }
}
