// Tests cli/phone/phone_tftp.hpp's reading of a configuration file (docs/sccp.md §12): both the
// per-phone and the default form, the member of the lowest priority, the default port.
#include "cli/phone/phone_tftp.hpp"

#include <doctest/doctest.h>

using cmemu::sccp::call_manager_from_cnf;
using cmemu::sccp::CallManagerAddress;

TEST_CASE("the call manager of a per-phone file") {
  auto address = call_manager_from_cnf(
      "<device><devicePool><callManagerGroup><members>"
      "<member priority=\"1\"><callManager><ports><ethernetPhonePort>2002</ethernetPhonePort>"
      "</ports><processNodeName>10.0.0.2</processNodeName></callManager></member>"
      "<member priority=\"0\"><callManager><ports><ethernetPhonePort>2001</ethernetPhonePort>"
      "</ports><processNodeName>10.0.0.1</processNodeName></callManager></member>"
      "</members></callManagerGroup></devicePool></device>");
  CHECK(address == CallManagerAddress{"10.0.0.1", 2001});
}

TEST_CASE("the default file's form, and port 2000 when it names none") {
  auto address = call_manager_from_cnf(
      "<Default><callManagerGroup><members><member priority=\"0\"><callManager>"
      "<processNodeName> 127.0.0.1 </processNodeName></callManager></member></members>"
      "</callManagerGroup></Default>");
  CHECK(address == CallManagerAddress{"127.0.0.1", 2000});
}

TEST_CASE("no call manager in a file that names none or is no XML") {
  CHECK_FALSE(call_manager_from_cnf("<device><devicePool/></device>"));
  CHECK_FALSE(call_manager_from_cnf("not xml <"));
  CHECK_FALSE(call_manager_from_cnf(
      "<Default><callManagerGroup><members><member><callManager><processNodeName>"
      "</processNodeName></callManager></member></members></callManagerGroup></Default>"));
}
