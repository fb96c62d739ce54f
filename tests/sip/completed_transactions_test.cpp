// Tests sip/completed_transactions.hpp: the answers of Completed non-INVITE server transactions
// found by key until timer J, through the ring's wrap-around, its growth and the index's deletions.
#include "sip/completed_transactions.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace cmemu::sip;
using namespace std::chrono_literals;

namespace {
const TransactionTime t0{};

std::string key(int n) {
  return "z9hG4bK" + std::to_string(n) + "|INFO|10.0.0.9:5070|" + std::to_string(n);
}
std::string response(int n) {
  // Sizes vary so that entries straddle the end of the ring.
  return "SIP/2.0 200 OK " + std::to_string(n) + std::string(static_cast<std::size_t>(n % 97), 'x');
}
}  // namespace

TEST_CASE("an answer is found by its key until its time, then forgotten") {
  CompletedTransactions kept;
  CHECK_FALSE(kept.find("a"));
  CHECK_FALSE(kept.next_expiry());
  kept.add("a", "answer a", t0 + 32s);
  kept.add("b", "answer b", t0 + 33s);
  CHECK(kept.find("a") == "answer a");
  CHECK(kept.find("b") == "answer b");
  CHECK_FALSE(kept.find("c"));
  CHECK(kept.next_expiry() == t0 + 32s);
  kept.expire(t0 + 31s);
  CHECK(kept.size() == 2);
  kept.expire(t0 + 32s);
  CHECK(kept.size() == 1);
  CHECK_FALSE(kept.find("a"));
  CHECK(kept.find("b") == "answer b");
  CHECK(kept.next_expiry() == t0 + 33s);
  kept.clear();
  CHECK(kept.size() == 0);
  CHECK_FALSE(kept.find("b"));
  kept.add("b", "again", t0);
  CHECK(kept.find("b") == "again");
}

TEST_CASE("a steady stream wraps the ring and the index without losing an answer") {
  CompletedTransactions kept;
  // 20,000 answers, each kept for 3,000 later ones: the ring is reused in place many times, the
  // index sees as many deletions as insertions.
  constexpr int kTotal = 20000, kKept = 3000;
  for (int n = 0; n < kTotal; ++n) {
    kept.add(key(n), response(n), t0 + std::chrono::milliseconds(n + kKept));
    kept.expire(t0 + std::chrono::milliseconds(n));
    REQUIRE(kept.size() == static_cast<std::size_t>(std::min(n, kKept - 1) + 1));
    if (n % 7 == 0) {
      for (int back : {0, 1, kKept / 2, kKept - 1}) {
        if (n - back < 0) continue;
        REQUIRE(kept.find(key(n - back)) == response(n - back));
      }
      if (n >= kKept) REQUIRE_FALSE(kept.find(key(n - kKept)));
    }
  }
  kept.expire(t0 + std::chrono::milliseconds(kTotal + kKept));
  CHECK(kept.size() == 0);
  CHECK_FALSE(kept.find(key(kTotal - 1)));
}

TEST_CASE("a burst grows the ring with every answer kept in order") {
  CompletedTransactions kept;
  std::map<std::string, std::string> all;
  for (int n = 0; n < 5000; ++n) {
    kept.add(key(n), response(n), t0 + 32s);
    all[key(n)] = response(n);
  }
  for (const auto& [k, answer] : all) REQUIRE(kept.find(k) == answer);
  kept.expire(t0 + 32s);
  CHECK(kept.size() == 0);
}

TEST_CASE("an answer larger than a chunk is kept whole among small ones") {
  CompletedTransactions kept;
  const std::string large(300 * 1024, 'L');
  kept.add("small1", "a", t0 + 1s);
  kept.add("large", large, t0 + 2s);
  kept.add("small2", "b", t0 + 3s);
  CHECK(kept.find("large") == large);
  kept.expire(t0 + 2s);
  CHECK_FALSE(kept.find("large"));
  CHECK(kept.find("small2") == "b");
  kept.add("small3", "c", t0 + 4s);
  CHECK(kept.find("small3") == "c");
}
