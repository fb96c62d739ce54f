// Tests sccp/cnf_files.hpp (docs/sccp.md §12, docs/decisions.md #32): the files written from a
// configuration loaded as a startup-config, read back with pugixml; the tftp-bindings listing; the
// `tftp-server flash:` files read from a folder.
#include "sccp/cnf_files.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <string>

#include "tests/runtime/config/config_test_support.hpp"

namespace {

using namespace cmemu;

constexpr const char* kLab =
    "telephony-service\n"
    " load 7960-7940 P00308000500\n"
    " load 7970 SCCP70.8-3-2S\n"
    " max-ephones 10\n"
    " max-dn 20\n"
    " ip source-address 10.1.2.3 port 2001\n"
    " url services http://10.1.2.3/services.xml\n"
    " date-format dd-mm-yy\n"
    " network-locale 0 DE\n"
    " user-locale 0 DE\n"
    " create cnf-files version-stamp Jan 01 2002 00:00:00\n"
    "!\n"
    "ephone-dn 1\n"
    " number 201\n"
    " label Alice <201>\n"
    " name Alice & Co\n"
    "!\n"
    "ephone-dn 2\n"
    " number 202\n"
    "!\n"
    "ephone 1\n"
    " mac-address 0011.2233.44AA\n"
    " type 7960\n"
    " button 1:1 2:2\n"
    "!\n"
    "ephone 2\n"
    " mac-address 0000.0000.0202\n"
    " type 7961\n"
    " button 1:2\n"
    "!\n"
    "ephone 3\n"
    " type 7961\n"
    "!\n"
    "tftp-server flash:P00308000500.bin\n"
    "tftp-server flash:ring.raw alias Ring1.raw\n"
    "tftp-server slot0:other.bin\n";

runtime::Config lab() {
  test::Bench bench;
  std::string messages;
  auto config = bench.load_clean(kLab, &messages);
  CHECK(messages == "");
  return config;
}

pugi::xml_document xml_of(const std::string& text) {
  pugi::xml_document document;
  REQUIRE(document.load_string(text.c_str()));
  return document;
}

}  // namespace

TEST_CASE("the tftp bindings list telephony-service's files as the router shows them") {
  CHECK(sccp::show_tftp_bindings(lab()) ==
        "tftp-server system:/its/SEPDEFAULT.cnf\n"
        "tftp-server system:/its/SEPDEFAULT.cnf alias SEPDefault.cnf\n"
        "tftp-server system:/its/XMLDefault.cnf.xml alias XMLDefault.cnf.xml\n"
        "tftp-server system:/its/ATADefault.cnf.xml\n"
        "tftp-server system:/its/SEP0011223344AA.cnf.xml\n"
        "tftp-server system:/its/SEP000000000202.cnf.xml\n");
  runtime::Config none;
  CHECK(sccp::show_tftp_bindings(none) == "");
  none.telephony.emplace();  // no ip source-address: no files
  CHECK(sccp::cme_tftp_bindings(none).empty());
}

TEST_CASE("SEP<MAC>.cnf.xml names the router, the locale, the load and the lines") {
  auto config = lab();
  auto text = sccp::cme_file(config, "SEP0011223344AA.cnf.xml");
  REQUIRE(text);
  auto document = xml_of(*text);
  auto device = document.child("device");
  auto manager =
      device.select_node("devicePool/callManagerGroup/members/member/callManager").node();
  CHECK(std::string(manager.child_value("processNodeName")) == "10.1.2.3");
  CHECK(std::string(manager.child("ports").child_value("ethernetPhonePort")) == "2001");
  CHECK(std::string(
            device.child("devicePool").child("dateTimeSetting").child_value("dateTemplate")) ==
        "D/M/Y");
  CHECK(std::string(device.child_value("versionStamp")) == "{Jan 01 2002 00:00:00}");
  CHECK(std::string(device.child_value("loadInformation")) == "P00308000500");
  CHECK(std::string(device.child("userLocale").child_value("name")) == "German_Germany");
  CHECK(std::string(device.child("userLocale").child_value("langCode")) == "de");
  CHECK(std::string(device.child_value("networkLocale")) == "Germany");
  CHECK(std::string(device.child_value("servicesURL")) == "http://10.1.2.3/services.xml");
  auto lines = device.child("lines");
  auto first = lines.find_child_by_attribute("line", "button", "1");
  CHECK(std::string(first.child_value("featureLabel")) == "Alice <201>");
  CHECK(std::string(first.child_value("name")) == "201");
  CHECK(std::string(first.child_value("displayName")) == "Alice & Co");
  CHECK(std::string(lines.find_child_by_attribute("line", "button", "2").child_value("name")) ==
        "202");
  // The text escapes what XML must.
  CHECK(text->find("Alice &lt;201&gt;") != std::string::npos);
  CHECK(text->find("Alice &amp; Co") != std::string::npos);

  // A phone type without a `load` gets an empty loadInformation; MAC in capitals only.
  auto other = xml_of(*sccp::cme_file(config, "SEP000000000202.cnf.xml"));
  CHECK(std::string(other.child("device").child_value("loadInformation")) == "");
  CHECK_FALSE(sccp::cme_file(config, "SEP0011223344aa.cnf.xml"));
  CHECK_FALSE(sccp::cme_file(config, "SEP999999999999.cnf.xml"));
}

TEST_CASE("an ephone's own locale and the US default") {
  test::Bench bench;
  auto config = bench.load_clean(
      "telephony-service\n ip source-address 10.0.0.1 port 2000\n user-locale 1 FR\n!\n"
      "ephone 1\n mac-address 0000.0000.0001\n user-locale 1\n!\n"
      "ephone 2\n mac-address 0000.0000.0002\n!\n");
  auto own = xml_of(*sccp::cme_file(config, "SEP000000000001.cnf.xml"));
  CHECK(std::string(own.child("device").child("userLocale").child_value("name")) ==
        "French_France");
  auto plain = xml_of(*sccp::cme_file(config, "SEP000000000002.cnf.xml"));
  CHECK(std::string(plain.child("device").child("userLocale").child_value("name")) ==
        "English_United_States");
  CHECK(std::string(plain.child("device").child_value("networkLocale")) == "United_States");
}

TEST_CASE("XMLDefault.cnf.xml names the router and the loads by device type") {
  auto document = xml_of(*sccp::cme_file(lab(), "XMLDefault.cnf.xml"));
  auto top = document.child("Default");
  auto manager = top.select_node("callManagerGroup/members/member/callManager").node();
  CHECK(std::string(manager.child_value("processNodeName")) == "10.1.2.3");
  CHECK(std::string(manager.child("ports").child_value("ethernetPhonePort")) == "2001");
  CHECK(std::string(top.child_value("loadInformation7")) == "P00308000500");
  CHECK(std::string(top.child("loadInformation7").attribute("model").value()) == "IP Phone 7960");
  CHECK(std::string(top.child_value("loadInformation8")) == "P00308000500");
  CHECK(std::string(top.child_value("loadInformation30006")) == "SCCP70.8-3-2S");
  auto sep_default = sccp::cme_file(lab(), "SEPDEFAULT.cnf");
  REQUIRE(sep_default);
  CHECK(sep_default->find("10.1.2.3") != std::string::npos);
}

TEST_CASE("TftpFiles serves by the served name, flash: files from the folder") {
  auto dir = std::filesystem::temp_directory_path() / ("cmemu-flash-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string firmware(70000, '\0');
  for (std::size_t i = 0; i < firmware.size(); ++i) firmware[i] = static_cast<char>(i * 7);
  std::ofstream(dir / "P00308000500.bin", std::ios::binary) << firmware;
  std::ofstream(dir / "ring.raw", std::ios::binary) << "ring";
  std::ofstream(dir / "other.bin", std::ios::binary) << "other";
  auto config = lab();
  sccp::TftpFiles files(dir.string());
  auto served = files.find(config, "P00308000500.bin");
  REQUIRE(served);
  CHECK(*served == firmware);
  CHECK(*files.find(config, "Ring1.raw") == "ring");
  CHECK_FALSE(files.find(config, "ring.raw"));   // served by its alias only
  CHECK_FALSE(files.find(config, "other.bin"));  // slot0: is not flash:
  CHECK(files.find(config, "SEPDefault.cnf"));
  CHECK(files.find(config, "SEPDEFAULT.cnf"));
  CHECK(files.find(config, "SEP000000000202.cnf.xml"));
  CHECK_FALSE(files.find(config, "SEP000000000303.cnf.xml"));
  // Every file the bindings list is served by its name.
  for (const auto& binding : sccp::cme_tftp_bindings(config)) {
    CAPTURE(binding.path);
    CHECK(files.find(config, binding.served_name()));
  }
  CHECK_FALSE(sccp::TftpFiles("").find(config, "P00308000500.bin"));  // no flash folder
  std::filesystem::remove(dir / "P00308000500.bin");
  CHECK_FALSE(files.find(config, "P00308000500.bin"));
  std::filesystem::remove_all(dir);
}
