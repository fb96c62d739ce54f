#include "grammar/token_parsers.hpp"

#include <doctest/doctest.h>

using namespace cmemu::grammar;

TEST_CASE("IPv4 addresses") {
  auto a = parse_ipv4("10.0.0.1");
  REQUIRE(a);
  CHECK(format_ipv4(*a) == "10.0.0.1");
  CHECK_FALSE(parse_ipv4("10.0.0.256"));
  CHECK_FALSE(parse_ipv4("10.0.0"));
  CHECK_FALSE(parse_ipv4("10.0.0.1.5"));
  CHECK_FALSE(parse_ipv4("0255.255.1"));
  CHECK_FALSE(parse_ipv4("1.2.3.4x"));
}

TEST_CASE("MAC addresses render as IOS does") {
  auto mac = parse_mac("001e.4a34.a35f");
  REQUIRE(mac);
  CHECK(format_mac(*mac) == "001E.4A34.A35F");
  CHECK(format_mac(*parse_mac("1.2.3")) == "0001.0002.0003");
  CHECK_FALSE(parse_mac("001e.4a34"));
  CHECK_FALSE(parse_mac("001e.4a34.g35f"));
  CHECK_FALSE(parse_mac("001e4.a34.a35f"));
}

TEST_CASE("times of day") {
  CHECK(parse_time_of_day("1:0") == 60);
  CHECK(parse_time_of_day("23:59") == 23 * 60 + 59);
  CHECK(parse_time_of_day("24:00") == 24 * 60);
  CHECK_FALSE(parse_time_of_day("24:01"));
  CHECK_FALSE(parse_time_of_day("1:60"));
  CHECK_FALSE(parse_time_of_day("100:00"));
}

TEST_CASE("numbers in a range") {
  CHECK(parse_number_in_range("8", 1, 8) == 8);
  CHECK_FALSE(parse_number_in_range("9", 1, 8));
  CHECK(parse_number_in_range("-1", -1, 60) == -1);
  CHECK_FALSE(parse_number_in_range("99999999999999999999", 0, 10));
  CHECK_FALSE(parse_number_in_range("1a", 0, 10));
  CHECK_FALSE(parse_number_in_range("", 0, 10));
}
