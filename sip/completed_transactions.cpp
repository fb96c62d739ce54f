#include "sip/completed_transactions.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

namespace cmemu::sip {
namespace {

constexpr std::size_t kFirstIndexSize = 1024;
constexpr std::size_t kChunkSize = 256 * 1024;
/// Chunks kept spare, and the index size an empty store keeps; past them memory is given back.
constexpr std::size_t kSpareChunks = 4;
constexpr std::size_t kKeptIndexSize = 16 * 1024;

std::uint64_t hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

}  // namespace

const char* CompletedTransactions::bytes_of(const Entry& entry) const {
  return chunks_[entry.chunk - first_chunk_].bytes.get() + entry.offset;
}

std::string_view CompletedTransactions::key_of(const Entry& entry) const {
  return {bytes_of(entry), entry.key_size};
}

std::optional<std::string_view> CompletedTransactions::find(std::string_view key) const {
  if (entries_.empty()) return std::nullopt;
  const std::uint64_t hash = hash_of(key);
  const std::size_t mask = index_.size() - 1;
  for (std::size_t slot = hash & mask; index_[slot].sequence_plus_1 != 0;
       slot = (slot + 1) & mask) {
    if (index_[slot].hash != hash) continue;
    const Entry& entry = entries_[index_[slot].sequence_plus_1 - 1 - first_sequence_];
    if (key_of(entry) == key)
      return std::string_view(bytes_of(entry) + entry.key_size, entry.response_size);
  }
  return std::nullopt;
}

void CompletedTransactions::add(std::string_view key, std::string_view response,
                                TransactionTime forget_at) {
  if ((entries_.size() + 1) * 2 > index_.size()) grow_index();
  const std::uint32_t offset = reserve_bytes(key.size() + response.size());
  char* bytes = chunks_.back().bytes.get() + offset;
  std::memcpy(bytes, key.data(), key.size());
  std::memcpy(bytes + key.size(), response.data(), response.size());
  const std::uint64_t hash = hash_of(key);
  entries_.push_back({hash, first_chunk_ + chunks_.size() - 1, offset,
                      static_cast<std::uint32_t>(key.size()),
                      static_cast<std::uint32_t>(response.size()), forget_at});
  const std::uint64_t sequence = first_sequence_ + entries_.size() - 1;
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = hash & mask;
  while (index_[slot].sequence_plus_1 != 0) slot = (slot + 1) & mask;
  index_[slot] = {sequence + 1, hash};
}

void CompletedTransactions::expire(TransactionTime now) {
  while (!entries_.empty() && entries_.front().forget_at <= now) {
    erase_slot(slot_of(first_sequence_));
    entries_.pop_front();
    ++first_sequence_;
  }
  release_chunks();
  if (entries_.empty() && index_.size() > kKeptIndexSize) std::vector<Slot>().swap(index_);
}

std::optional<TransactionTime> CompletedTransactions::next_expiry() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.front().forget_at;
}

void CompletedTransactions::clear() {
  entries_.clear();
  first_sequence_ = 0;
  release_chunks();
  std::fill(index_.begin(), index_.end(), Slot{});
}

std::size_t CompletedTransactions::slot_of(std::uint64_t sequence) const {
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = entries_[sequence - first_sequence_].hash & mask;
  while (index_[slot].sequence_plus_1 != sequence + 1) slot = (slot + 1) & mask;
  return slot;
}

std::uint32_t CompletedTransactions::reserve_bytes(std::size_t size) {
  if (chunks_.empty() || chunks_.back().capacity - chunks_.back().used < size) {
    Chunk chunk;
    if (!spare_chunks_.empty() && spare_chunks_.back().capacity >= size) {
      chunk = std::move(spare_chunks_.back());
      spare_chunks_.pop_back();
    } else {
      chunk.capacity = std::max(size, kChunkSize);
      chunk.bytes.reset(new char[chunk.capacity]);
    }
    chunk.used = 0;
    chunks_.push_back(std::move(chunk));
  }
  Chunk& last = chunks_.back();
  const auto offset = static_cast<std::uint32_t>(last.used);
  last.used += size;
  return offset;
}

void CompletedTransactions::release_chunks() {
  // A chunk before the oldest entry's holds none (entries and chunks go in the same order); with
  // no entries, none does.
  const std::uint64_t in_use =
      entries_.empty() ? first_chunk_ + chunks_.size() : entries_.front().chunk;
  while (first_chunk_ < in_use) {
    if (spare_chunks_.size() < kSpareChunks && chunks_.front().capacity == kChunkSize)
      spare_chunks_.push_back(std::move(chunks_.front()));
    chunks_.pop_front();
    ++first_chunk_;
  }
}

void CompletedTransactions::grow_index() {
  std::vector<Slot> larger(std::max(index_.size() * 2, kFirstIndexSize));
  const std::size_t mask = larger.size() - 1;
  for (std::size_t position = 0; position < entries_.size(); ++position) {
    const std::uint64_t hash = entries_[position].hash;
    std::size_t slot = hash & mask;
    while (larger[slot].sequence_plus_1 != 0) slot = (slot + 1) & mask;
    larger[slot] = {first_sequence_ + position + 1, hash};
  }
  index_.swap(larger);
}

void CompletedTransactions::erase_slot(std::size_t slot) {
  // Backward-shift deletion: a later slot of the same probe run moves into the hole unless its
  // home slot lies cyclically after the hole, so that every lookup still finds its entry.
  const std::size_t mask = index_.size() - 1;
  std::size_t hole = slot;
  index_[hole] = Slot{};
  for (std::size_t next = (hole + 1) & mask; index_[next].sequence_plus_1 != 0;
       next = (next + 1) & mask) {
    const std::size_t home = index_[next].hash & mask;
    const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
    if (stays) continue;
    index_[hole] = index_[next];
    index_[next] = Slot{};
    hole = next;
  }
}

}  // namespace cmemu::sip
