#include "sip/event_queue.hpp"

#include <doctest/doctest.h>

using cmemu::sip::EventQueue;

TEST_CASE("one event INFO outstanding at a time; the rest go out in order as each is answered") {
  EventQueue queue;
  CHECK_FALSE(queue.outstanding());
  CHECK(queue.push("e1") == std::optional<std::string>("e1"));
  CHECK(queue.outstanding());
  CHECK_FALSE(queue.push("e2"));
  CHECK_FALSE(queue.push("e3"));
  CHECK(queue.waiting() == 2);
  CHECK(queue.answered() == std::optional<std::string>("e2"));
  CHECK(queue.outstanding());
  CHECK_FALSE(queue.push("e4"));
  CHECK(queue.answered() == std::optional<std::string>("e3"));
  CHECK(queue.answered() == std::optional<std::string>("e4"));
  CHECK_FALSE(queue.answered());
  CHECK_FALSE(queue.outstanding());
  CHECK(queue.push("e5") == std::optional<std::string>("e5"));  // nothing outstanding: at once
  CHECK_FALSE(queue.overflowed());
}

TEST_CASE("past max_waiting events the queue overflows and drops the newcomer") {
  EventQueue queue(3);
  CHECK(queue.push("out"));
  for (int i = 0; i < 3; ++i) CHECK_FALSE(queue.push("w" + std::to_string(i)));
  CHECK_FALSE(queue.overflowed());
  CHECK_FALSE(queue.push("too many"));
  CHECK(queue.overflowed());
  CHECK(queue.waiting() == 3);
  CHECK(queue.answered() == std::optional<std::string>("w0"));
  CHECK(queue.overflowed());  // for good: the session is to end
}
