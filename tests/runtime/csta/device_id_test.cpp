#include "runtime/csta/device_id.hpp"

#include <doctest/doctest.h>

using cmemu::runtime::csta::device_number;

TEST_CASE("a device identifier names a DN in any of its forms (docs/csta.md §5)") {
  CHECK(device_number("201") == "201");
  CHECK(device_number("tel:201;phone-context=dialstring") == "201");
  CHECK(device_number("tel:+4930*1#") == "+4930*1#");
  CHECK(device_number("sip:202@10.0.0.1") == "202");
  CHECK(device_number("sips:203@10.0.0.1;transport=tls") == "203");
  CHECK(device_number("sip:203;user=phone@10.0.0.1") == "203");
  CHECK(device_number("TEL:204") == "204");
  CHECK(device_number("Sip:205@10.0.0.1") == "205");
}

TEST_CASE("what is not a dial string names no DN") {
  CHECK(device_number("").empty());
  CHECK(device_number("tel:").empty());
  CHECK(device_number("sip:alice@10.0.0.1").empty());
  CHECK(device_number("20 1").empty());
  CHECK(device_number(std::string(33, '1')).empty());
  CHECK(device_number(std::string(32, '1')) == std::string(32, '1'));
}
