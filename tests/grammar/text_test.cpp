#include "grammar/text.hpp"

#include <doctest/doctest.h>

using namespace cmemu;

TEST_CASE("trimming takes only the characters of its set, and stays inside the text") {
  CHECK(text::trim(" \t a b \r\n") == "a b");
  CHECK(text::trim(" \t a b \r\n", text::kBlanks) == "a b \r\n");
  CHECK(text::trim_left("  a ") == "a ");
  CHECK(text::trim_right("  a \r", text::kLineEndBlanks) == "  a");
  CHECK(text::trim("   ").empty());
  std::string_view line = "ab  ";
  CHECK(text::trim_left(line.substr(2)).data() == line.data() + 4);
  CHECK(text::trim_right(line).data() == line.data());
}

TEST_CASE("ASCII case") {
  CHECK(text::iequals("Via", "vIA"));
  CHECK_FALSE(text::iequals("Via", "Vias"));
  CHECK_FALSE(text::iequals("\xC9", "\xE9"));  // not ASCII: compared as they are
  CHECK(text::istarts_with("sep001E4A34A35F", "SEP"));
  CHECK_FALSE(text::istarts_with("SE", "SEP"));
  CHECK(text::lower("CIPC 7941GE") == "cipc 7941ge");
  CHECK(text::ascii_upper('d') == 'D');
  CHECK(text::ascii_upper('#') == '#');
}

TEST_CASE("words and what follows them") {
  auto words = text::words("  press  1\tthen\n2 ");
  REQUIRE(words.size() == 4);
  CHECK(words[0] == "press");
  CHECK(words[3] == "2");
  CHECK(text::words(" \t ").empty());
  CHECK(text::after_words("say  hello  there ", 1) == "hello  there");
  CHECK(text::after_words("say", 2).empty());
}

TEST_CASE("HOST[:PORT]") {
  auto plain = text::split_host_port("10.0.0.1", 2000);
  REQUIRE(plain);
  CHECK(plain->host == "10.0.0.1");
  CHECK(plain->port == 2000);
  auto given = text::split_host_port("localhost:5070", 5060);
  REQUIRE(given);
  CHECK(given->host == "localhost");
  CHECK(given->port == 5070);
  CHECK_FALSE(text::split_host_port(":5060", 5060));
  CHECK_FALSE(text::split_host_port("host:0", 5060));
  CHECK_FALSE(text::split_host_port("host:65536", 5060));
  CHECK_FALSE(text::split_host_port("host:50x", 5060));
  CHECK_FALSE(text::split_host_port("", 5060));
}

TEST_CASE("unsigned numbers and seconds with a fraction") {
  CHECK(text::unsigned_number("0") == 0u);
  CHECK(text::unsigned_number("4294967296") == 4294967296u);
  CHECK_FALSE(text::unsigned_number<std::uint32_t>("4294967296"));
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "1x", "0x10"})
    CHECK_FALSE(text::unsigned_number(bad));
  using std::chrono::milliseconds;
  CHECK(text::parse_seconds("5") == milliseconds(5000));
  CHECK(text::parse_seconds("0.5") == milliseconds(500));
  CHECK(text::parse_seconds("2.25") == milliseconds(2250));
  CHECK(text::parse_seconds("1.001") == milliseconds(1001));
  CHECK(text::parse_seconds("86400") == milliseconds(86400000));
  for (const char* bad : {"", "5.", ".5", "1.0001", "86401", "1,5", "-1", "x"})
    CHECK_FALSE(text::parse_seconds(bad));
}
