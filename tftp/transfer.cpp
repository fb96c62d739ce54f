#include "tftp/transfer.hpp"

#include <algorithm>

#include "grammar/text.hpp"

namespace cmemu::tftp {
namespace {

// Option values are decimal numbers (RFC 2348, 2349); anything else is ignored.
std::optional<std::uint64_t> number(std::string_view value) {
  if (value.empty() || value.size() > 19) return std::nullopt;
  return text::unsigned_number<std::uint64_t>(value);
}

}  // namespace

std::string LockStep::arm(std::string packet, Clock::time_point now) {
  packet_ = std::move(packet);
  retries_ = 0;
  deadline_ = now + timing_.timeout;
  return packet_;
}

std::optional<std::string> LockStep::on_timer(Clock::time_point now) {
  if (state_ != TransferState::kRunning || now < deadline_) return std::nullopt;
  if (retries_ >= timing_.max_retries)
    return fail("no answer after " + std::to_string(retries_) + " tries");
  ++retries_;
  deadline_ = now + timing_.timeout;
  return packet_;
}

std::optional<std::string> LockStep::fail(std::string why, std::optional<std::string> send) {
  state_ = TransferState::kFailed;
  failure_ = std::move(why);
  return send;
}

std::optional<Packet> LockStep::take(std::string_view datagram) const {
  if (state_ != TransferState::kRunning) return std::nullopt;
  return parse(datagram);
}

Negotiation negotiate(const std::vector<Option>& requested, std::size_t file_size,
                      std::size_t max_block_size) {
  Negotiation result;
  auto acknowledge = [&result](std::string name, std::uint64_t value) {
    if (find_option(result.acknowledged, name)) return false;  // the first of a repeated option
    result.acknowledged.push_back({std::move(name), std::to_string(value)});
    return true;
  };
  for (const Option& option : requested) {
    auto value = number(option.value);
    if (!value) continue;
    if (text::iequals(option.name, "blksize")) {
      if (*value < kMinBlockSize || *value > kMaxBlockSize) continue;
      std::size_t size = std::min<std::size_t>(*value, max_block_size);
      if (acknowledge("blksize", size)) result.block_size = size;
    } else if (text::iequals(option.name, "tsize")) {
      acknowledge("tsize", file_size);
    } else if (text::iequals(option.name, "timeout")) {
      if (*value < 1 || *value > 255) continue;
      if (acknowledge("timeout", *value)) result.timeout = std::chrono::seconds(*value);
    }
  }
  return result;
}

ServerTransfer::ServerTransfer(std::shared_ptr<const std::string> file, Negotiation negotiation,
                               Timing timing)
    : LockStep(timing),
      file_(std::move(file)),
      acknowledged_(std::move(negotiation.acknowledged)),
      block_size_(negotiation.block_size) {
  if (negotiation.timeout) timing_.timeout = *negotiation.timeout;
}

std::string ServerTransfer::start(Clock::time_point now) {
  if (acknowledged_.empty()) return send_block(1, now);
  return arm(build_option_ack(acknowledged_), now);
}

std::string ServerTransfer::send_block(std::uint64_t index, Clock::time_point now) {
  sent_ = index;
  std::size_t offset = static_cast<std::size_t>(index - 1) * block_size_;
  std::string_view payload =
      std::string_view(*file_).substr(std::min(offset, file_->size()), block_size_);
  // Block numbers wrap past 65535 (the common practice for large files).
  return arm(build_data(static_cast<std::uint16_t>(index & 0xFFFF), payload), now);
}

bool ServerTransfer::last_block_sent() const {
  // The last block is the first one shorter than the block size (empty for a file of N blocks).
  return sent_ > 0 && file_->size() < sent_ * block_size_;
}

std::optional<std::string> ServerTransfer::on_datagram(std::string_view datagram,
                                                       Clock::time_point now) {
  auto packet = take(datagram);
  if (!packet) return std::nullopt;
  if (const auto* ack = std::get_if<Ack>(&*packet)) {
    // An ACK of an earlier block is a copy: ignored, never answered (RFC 1350's Sorcerer's
    // Apprentice: only the timer sends a block again).
    if (ack->block != static_cast<std::uint16_t>(sent_ & 0xFFFF)) return std::nullopt;
    if (last_block_sent()) {
      state_ = TransferState::kDone;
      return std::nullopt;
    }
    return send_block(sent_ + 1, now);
  }
  if (const auto* error = std::get_if<Error>(&*packet))
    return fail("client ended the transfer: " + error->message);
  return fail("illegal packet from the client", build_error(ErrorCode::kIllegalOperation));
}

ClientTransfer::ClientTransfer(ClientRequest request)
    : LockStep(request.timing), request_(std::move(request)) {}

std::string ClientTransfer::start(Clock::time_point now) {
  Request rrq{false, request_.filename, "octet", {}};
  if (request_.block_size != kDefaultBlockSize)
    rrq.options.push_back({"blksize", std::to_string(request_.block_size)});
  if (request_.ask_size) rrq.options.push_back({"tsize", "0"});
  return arm(build_request(rrq), now);
}

std::optional<std::string> ClientTransfer::on_datagram(std::string_view datagram,
                                                       Clock::time_point now) {
  auto packet = take(datagram);
  if (!packet) return std::nullopt;
  if (const auto* data = std::get_if<Data>(&*packet)) return on_data(*data, now);
  if (const auto* oack = std::get_if<OptionAck>(&*packet)) return on_option_ack(*oack, now);
  if (const auto* error = std::get_if<Error>(&*packet)) {
    error_ = *error;
    return fail("server error " + std::to_string(static_cast<int>(error->code)) + ": " +
                error->message);
  }
  return fail("illegal packet from the server", build_error(ErrorCode::kIllegalOperation));
}

std::optional<std::string> ClientTransfer::on_option_ack(const OptionAck& oack,
                                                         Clock::time_point now) {
  if (answered_) return received_ == 0 ? std::optional(build_ack(0)) : std::nullopt;  // a copy
  answered_ = true;
  for (const Option& option : oack.options) {
    auto value = number(option.value);
    if (text::iequals(option.name, "blksize") && request_.block_size != kDefaultBlockSize &&
        value && *value >= kMinBlockSize && *value <= request_.block_size) {
      block_size_ = static_cast<std::size_t>(*value);
    } else if (text::iequals(option.name, "tsize") && request_.ask_size && value) {
      if (*value > request_.max_file_bytes)
        return fail("file too large", build_error(ErrorCode::kOptionRefused, "File too large"));
      announced_size_ = static_cast<std::size_t>(*value);
    } else {
      // RFC 2347: an option the client did not ask for, or a value it cannot take, ends it.
      return fail("server acknowledged option " + option.name + "=" + option.value,
                  build_error(ErrorCode::kOptionRefused));
    }
  }
  return arm(build_ack(0), now);
}

std::optional<std::string> ClientTransfer::on_data(const Data& data, Clock::time_point now) {
  auto expected = static_cast<std::uint16_t>((received_ + 1) & 0xFFFF);
  if (data.block != expected) {
    // A copy of the last block: the server did not get its ACK, which goes again.
    if (received_ > 0 && data.block == static_cast<std::uint16_t>(received_ & 0xFFFF))
      return build_ack(data.block);
    return std::nullopt;
  }
  answered_ = true;  // a server without options answers the RRQ with DATA 1 (512-byte blocks)
  if (data.payload.size() > block_size_)
    return fail("block longer than the block size", build_error(ErrorCode::kIllegalOperation));
  if (data.payload.size() > request_.max_file_bytes - content_.size())
    return fail("file too large", build_error(ErrorCode::kDiskFull));
  content_.append(data.payload);
  ++received_;
  if (data.payload.size() < block_size_) {
    state_ = TransferState::kDone;
    return build_ack(data.block);  // the final ACK goes once
  }
  return arm(build_ack(data.block), now);
}

}  // namespace cmemu::tftp
