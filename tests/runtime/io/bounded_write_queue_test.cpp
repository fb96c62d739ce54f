#include "runtime/io/bounded_write_queue.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using cmemu::runtime::io::BoundedWriteQueue;

TEST_CASE("whole messages are written one at a time, in order") {
  BoundedWriteQueue<std::vector<std::uint8_t>> queue(100);
  CHECK(queue.next_write() == nullptr);
  CHECK(queue.push({1, 2, 3}));
  CHECK(queue.push({4}));
  CHECK(queue.bytes() == 4);
  const auto* first = queue.next_write();
  REQUIRE(first);
  CHECK(*first == std::vector<std::uint8_t>{1, 2, 3});
  CHECK(queue.writing());
  CHECK(queue.next_write() == nullptr);  // one write at a time
  queue.write_done();
  CHECK(queue.bytes() == 1);
  const auto* second = queue.next_write();
  REQUIRE(second);
  CHECK(*second == std::vector<std::uint8_t>{4});
  queue.write_done();
  CHECK(queue.empty());
  CHECK_FALSE(queue.writing());
}

TEST_CASE("the bound counts the write in flight, and a refused push queues nothing") {
  BoundedWriteQueue<std::string> queue(10);
  CHECK(queue.push("123456"));
  REQUIRE(queue.next_write());
  CHECK(queue.push("7890"));
  CHECK(queue.bytes() == 10);
  CHECK_FALSE(queue.push("x"));
  CHECK_FALSE(queue.append(std::string_view("x")));
  CHECK(queue.bytes() == 10);
  queue.write_done();
  CHECK(queue.push("abcdef"));
  CHECK(queue.bytes() == queue.max_bytes());
}

TEST_CASE("appended pieces join the next write, never the one in flight") {
  BoundedWriteQueue<std::string> queue(100);
  CHECK(queue.append(std::string_view("ab")));
  CHECK(queue.append(std::string_view("cd")));
  const std::string* in_flight = queue.next_write();
  REQUIRE(in_flight);
  CHECK(*in_flight == "abcd");
  CHECK(queue.append(std::string_view("ef")));
  CHECK(queue.append(std::string_view("gh")));
  CHECK(*in_flight == "abcd");
  queue.write_done();
  const std::string* next = queue.next_write();
  REQUIRE(next);
  CHECK(*next == "efgh");
  CHECK(queue.bytes() == 4);
}
