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
    std::uint64_t chunk;   // the sequence number of the chunk holding its bytes
    std::uint32_t offset;  // of the key in that chunk, the response right after it
    std::uint32_t key_size;
    std::uint32_t response_size;
    TransactionTime forget_at;
  };
  /// Bytes of entries, packed in the order they were added. Not zeroed when made.
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
    std::size_t used = 0;
  };

  const char* bytes_of(const Entry& entry) const;
  std::string_view key_of(const Entry& entry) const;
  /// The index slot holding the entry of sequence number `sequence`.
  std::size_t slot_of(std::uint64_t sequence) const;
  /// Room for `size` bytes at the end of the last chunk (a new chunk when it is short); returns
  /// the offset in it.
  std::uint32_t reserve_bytes(std::size_t size);
  /// Hands back the chunks no entry uses any more.
  void release_chunks();
  void grow_index();
  void erase_slot(std::size_t slot);

  std::deque<Entry> entries_;         // oldest first
  std::uint64_t first_sequence_ = 0;  // of entries_.front()
  std::deque<Chunk> chunks_;          // oldest first
  std::uint64_t first_chunk_ = 0;     // the sequence number of chunks_.front()
  std::vector<Chunk> spare_chunks_;   // a few, kept for the next entries
  /// Linear probing; each slot holds an entry's sequence number + 1 (0 when empty) and its key's
  /// hash, so that a probe compares hashes without reaching into entries_ (a lookup of a new
  /// request, nearly every one, probes two or three slots). At most half full.
  struct Slot {
    std::uint64_t sequence_plus_1 = 0;
    std::uint64_t hash = 0;
  };
  std::vector<Slot> index_;
};

}  // namespace cmemu::sip
