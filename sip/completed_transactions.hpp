#pragma once
// The non-INVITE server transactions in Completed over UDP (RFC 3261 §17.2.2), held for timer J
// (64*T1) so that a retransmitted request gets the same answer again. They are nearly every
// server transaction of a busy router (each INFO's), so they are kept small: the key and the
// response bytes only, no machine and no owner's context (a Completed non-INVITE transaction asks
// nothing of its owner; a retransmission is answered to where it came from). Timer J is the same
// for all of them, so they expire in the order they completed: a FIFO whose bytes live in one
// ring buffer reused in place, and an open-addressing index from the key, instead of a node, a
// key string and a response string allocated per transaction.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "sip/transaction.hpp"

namespace cmemu::sip {

class CompletedTransactions {
 public:
  /// The response kept for `key`; nullopt when none is. The view lives until the next add(),
  /// expire() or clear().
  std::optional<std::string_view> find(std::string_view key) const;
  /// Keeps `response` for `key` until `forget_at`, which is no earlier than that of any entry
  /// added before (one timer J for all). `key` must not be held already (find() it first).
  void add(std::string_view key, std::string_view response, TransactionTime forget_at);
  /// Forgets the entries whose time came by `now`.
  void expire(TransactionTime now);
  /// When the oldest entry is forgotten; nullopt when none is held.
  std::optional<TransactionTime> next_expiry() const;
  std::size_t size() const { return entries_.size(); }
  void clear();

 private:
  struct Entry {
    std::uint64_t hash;
    std::size_t offset;  // of the key in bytes_, the response right after it
    std::uint32_t key_size;
    std::uint32_t response_size;
    TransactionTime forget_at;
    std::size_t size() const { return std::size_t{key_size} + response_size; }
  };

  std::string_view key_of(const Entry& entry) const;
  /// The index slot holding the entry of sequence number `sequence`, or of `key` (hash `hash`).
  std::size_t slot_of(std::uint64_t sequence) const;
  /// Where `size` bytes go in bytes_, growing it when the free space is short.
  std::size_t reserve_bytes(std::size_t size);
  void grow_index();
  void erase_slot(std::size_t slot);

  std::deque<Entry> entries_;         // oldest first
  std::uint64_t first_sequence_ = 0;  // of entries_.front()
  // A ring: live bytes from entries_.front().offset to head_. Not zeroed when made (a zeroed
  // buffer of megabytes for each growth cost more than the rest of an answer).
  std::unique_ptr<char[]> bytes_;
  std::size_t capacity_ = 0;
  std::size_t head_ = 0;  // where the next entry's bytes go
  /// Linear probing; each slot holds an entry's sequence number + 1, 0 when empty. At most half
  /// full.
  std::vector<std::uint64_t> index_;
};

}  // namespace cmemu::sip
