#include "sip/completed_transactions.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

namespace cmemu::sip {
namespace {

constexpr std::size_t kFirstIndexSize = 1024;
constexpr std::size_t kFirstBytes = 64 * 1024;
/// Past these, an empty store gives its memory back (a burst is over).
constexpr std::size_t kKeptIndexSize = 16 * 1024;
constexpr std::size_t kKeptBytes = 1024 * 1024;

std::uint64_t hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

}  // namespace

std::string_view CompletedTransactions::key_of(const Entry& entry) const {
  return {bytes_.get() + entry.offset, entry.key_size};
}

std::optional<std::string_view> CompletedTransactions::find(std::string_view key) const {
  if (entries_.empty()) return std::nullopt;
  const std::uint64_t hash = hash_of(key);
  const std::size_t mask = index_.size() - 1;
  for (std::size_t slot = hash & mask; index_[slot] != 0; slot = (slot + 1) & mask) {
    const Entry& entry = entries_[index_[slot] - 1 - first_sequence_];
    if (entry.hash == hash && key_of(entry) == key)
      return std::string_view(bytes_.get() + entry.offset + entry.key_size, entry.response_size);
  }
  return std::nullopt;
}

void CompletedTransactions::add(std::string_view key, std::string_view response,
                                TransactionTime forget_at) {
  if ((entries_.size() + 1) * 2 > index_.size()) grow_index();
  const std::size_t offset = reserve_bytes(key.size() + response.size());
  std::memcpy(bytes_.get() + offset, key.data(), key.size());
  std::memcpy(bytes_.get() + offset + key.size(), response.data(), response.size());
  const std::uint64_t hash = hash_of(key);
  entries_.push_back({hash, offset, static_cast<std::uint32_t>(key.size()),
                      static_cast<std::uint32_t>(response.size()), forget_at});
  const std::uint64_t sequence = first_sequence_ + entries_.size() - 1;
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = hash & mask;
  while (index_[slot] != 0) slot = (slot + 1) & mask;
  index_[slot] = sequence + 1;
}

void CompletedTransactions::expire(TransactionTime now) {
  while (!entries_.empty() && entries_.front().forget_at <= now) {
    erase_slot(slot_of(first_sequence_));
    entries_.pop_front();
    ++first_sequence_;
  }
  if (!entries_.empty()) return;
  head_ = 0;
  if (capacity_ > kKeptBytes) {
    bytes_.reset();
    capacity_ = 0;
  }
  if (index_.size() > kKeptIndexSize) std::vector<std::uint64_t>().swap(index_);
}

std::optional<TransactionTime> CompletedTransactions::next_expiry() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.front().forget_at;
}

void CompletedTransactions::clear() {
  entries_.clear();
  first_sequence_ = 0;
  head_ = 0;
  std::fill(index_.begin(), index_.end(), 0);
}

std::size_t CompletedTransactions::slot_of(std::uint64_t sequence) const {
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = entries_[sequence - first_sequence_].hash & mask;
  while (index_[slot] != sequence + 1) slot = (slot + 1) & mask;
  return slot;
}

std::size_t CompletedTransactions::reserve_bytes(std::size_t size) {
  if (entries_.empty()) {
    if (capacity_ < size) {
      capacity_ = std::max(size, kFirstBytes);
      bytes_.reset(new char[capacity_]);
    }
    head_ = size;
    return 0;
  }
  // Live bytes run from the oldest entry to head_, wrapping past the end of bytes_ when head_ is
  // before the oldest entry. head_ never reaches the oldest entry from below, so the two cases
  // stay apart.
  const std::size_t tail = entries_.front().offset;
  std::size_t offset = capacity_;  // none found yet
  if (head_ > tail) {
    if (capacity_ - head_ >= size)
      offset = head_;
    else if (size < tail)
      offset = 0;
  } else if (tail - head_ > size) {
    offset = head_;
  }
  if (offset == capacity_) {
    // Full: a larger buffer with the live entries packed from its start, oldest first.
    const std::size_t larger_capacity = std::max({capacity_ * 2, capacity_ + size, kFirstBytes});
    std::unique_ptr<char[]> larger(new char[larger_capacity]);
    std::size_t packed = 0;
    for (Entry& entry : entries_) {
      std::memcpy(larger.get() + packed, bytes_.get() + entry.offset, entry.size());
      entry.offset = packed;
      packed += entry.size();
    }
    bytes_ = std::move(larger);
    capacity_ = larger_capacity;
    offset = packed;
  }
  head_ = offset + size;
  return offset;
}

void CompletedTransactions::grow_index() {
  std::vector<std::uint64_t> larger(std::max(index_.size() * 2, kFirstIndexSize), 0);
  const std::size_t mask = larger.size() - 1;
  for (std::size_t position = 0; position < entries_.size(); ++position) {
    std::size_t slot = entries_[position].hash & mask;
    while (larger[slot] != 0) slot = (slot + 1) & mask;
    larger[slot] = first_sequence_ + position + 1;
  }
  index_.swap(larger);
}

void CompletedTransactions::erase_slot(std::size_t slot) {
  // Backward-shift deletion: a later slot of the same probe run moves into the hole unless its
  // home slot lies cyclically after the hole, so that every lookup still finds its entry.
  const std::size_t mask = index_.size() - 1;
  std::size_t hole = slot;
  index_[hole] = 0;
  for (std::size_t next = (hole + 1) & mask; index_[next] != 0; next = (next + 1) & mask) {
    const std::size_t home = entries_[index_[next] - 1 - first_sequence_].hash & mask;
    const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
    if (stays) continue;
    index_[hole] = index_[next];
    index_[next] = 0;
    hole = next;
  }
}

}  // namespace cmemu::sip
