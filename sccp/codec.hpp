#pragma once
// The SCCP codec (docs/sccp.md §1): bytes in, a message or need-more out; a message in, bytes out.
// Pure functions of a buffer: no sockets, no clocks, no exceptions.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <variant>
#include <vector>

#include "sccp/messages.hpp"

namespace cmemu::sccp {

/// length (u32) + headerVersion (u32) + messageId (u32). The length field counts the message ID and
/// the body, so a frame is length + 8 bytes.
inline constexpr std::size_t kHeaderSize = 12;
/// The smallest length field: a message ID and no body.
inline constexpr std::uint32_t kMinLength = 4;
/// The default bound on the length field (Asterisk's SKINNY_MAX_PACKET); past it the frame is
/// refused and the caller closes the connection.
inline constexpr std::uint32_t kDefaultMaxLength = 2000;
/// The header version cmemu writes: Basic layouts (docs/decisions.md #27).
inline constexpr std::uint32_t kBasicHeaderVersion = 0;

/// Why a frame was refused. Either way the stream can no longer be followed: close the connection.
enum class CodecError {
  kLengthTooLarge = 1,  // length field above the limit
  kLengthTooSmall,      // length field below 4 (no room for the message ID)
};

const std::error_category& codec_category() noexcept;
std::error_code make_error_code(CodecError error) noexcept;

/// A message ID cmemu does not model: kept with its raw body.
struct UnknownMessage {
  MessageId id{};
  std::vector<std::uint8_t> body;
  bool operator==(const UnknownMessage&) const = default;
};

/// Every modelled message, then UnknownMessage.
using Message = std::variant<
    // Phone -> router
    msg::KeepAlive, msg::RegisterReq, msg::IpPort, msg::KeypadButton, msg::EnblocCall,
    msg::Stimulus, msg::OffHook, msg::OnHook, msg::HookFlash, msg::ForwardStatReq,
    msg::SpeedDialStatReq, msg::LineStatReq, msg::ConfigStatReq, msg::TimeDateReq,
    msg::ButtonTemplateReq, msg::VersionReq, msg::CapabilitiesRes, msg::Alarm,
    msg::OpenReceiveChannelAck, msg::ConnectionStatisticsRes, msg::OffHookWithCallingPartyNumber,
    msg::SoftKeySetReq, msg::SoftKeyEvent, msg::UnregisterReq, msg::SoftKeyTemplateReq,
    msg::HeadsetStatus, msg::RegisterAvailableLines, msg::ServiceUrlStatReq, msg::FeatureStatReq,
    msg::StartMediaTransmissionAck,
    // Router -> phone
    msg::RegisterAck, msg::StartTone, msg::StopTone, msg::SetRinger, msg::SetLamp,
    msg::SetSpeakerMode, msg::SetMicroMode, msg::StartMediaTransmission, msg::StopMediaTransmission,
    msg::CallInfo, msg::ForwardStatRes, msg::SpeedDialStatRes, msg::LineStatRes, msg::ConfigStatRes,
    msg::DefineTimeDate, msg::ButtonTemplateRes, msg::VersionRes, msg::CapabilitiesReq,
    msg::RegisterReject, msg::Reset, msg::KeepAliveAck, msg::OpenReceiveChannel,
    msg::CloseReceiveChannel, msg::SoftKeyTemplateRes, msg::SoftKeySetRes, msg::SelectSoftKeys,
    msg::CallState, msg::DisplayPromptStatus, msg::ClearPromptStatus, msg::DisplayNotify,
    msg::ClearNotify, msg::ActivateCallPlane, msg::DeactivateCallPlane, msg::UnregisterAck,
    msg::BackSpaceRes, msg::DialedNumber, msg::FeatureStatRes, msg::DisplayPriNotify,
    msg::ClearPriNotify, msg::ServiceUrlStatRes, UnknownMessage>;

/// The ID a message goes out with.
MessageId message_id(const Message& message);
/// docs/sccp.md's name of a message ID ("RegisterReq"); "" for an ID cmemu does not model.
std::string_view message_name(MessageId id);
/// Whether cmemu models this ID (decoding it yields its struct, not UnknownMessage).
bool is_known(MessageId id);

/// Body bytes `message` encodes to: the Basic layout size, or less/more where the layout varies
/// (CapabilitiesRes count, RegisterReq extension, UnknownMessage body).
std::size_t encoded_body_size(const Message& message);

/// Appends one frame to `out`: length = 4 + body, header version 0, message ID, then the body with
/// every field at its Basic offset and every byte not covered by a field (pads, string tails) zero.
void encode(const Message& message, std::vector<std::uint8_t>& out);
/// One frame as a new buffer.
std::vector<std::uint8_t> encode(const Message& message);

/// Decodes a body (the bytes after the 12-byte header) as the message `id`: a short body reads as
/// if zero-filled, bytes past the layout are ignored, an unmodelled ID gives UnknownMessage.
Message decode_body(MessageId id, std::span<const std::uint8_t> body);

enum class DecodeStatus {
  kMessage,   // `message` holds the first frame; drop `consumed` bytes
  kNeedMore,  // no complete frame yet; read more and call again with all unconsumed bytes
  kError,     // `error` says why; close the connection
};

struct DecodeResult {
  DecodeStatus status = DecodeStatus::kNeedMore;
  Message message;                   // kMessage
  std::uint32_t header_version = 0;  // kMessage: as received (any value is accepted)
  std::uint32_t length = 0;          // kMessage: the length field (4 + body)
  std::size_t consumed = 0;          // kMessage: length + 8
  std::error_code error;             // kError
};

/// Decodes the first frame at the start of `bytes`. A bad length field is refused as soon as its
/// 4 bytes are in, without waiting for the body.
DecodeResult decode(std::span<const std::uint8_t> bytes,
                    std::uint32_t max_length = kDefaultMaxLength);

/// A stream decoder over an owned byte buffer, for a connection that reads in arbitrary pieces:
/// append() what the socket gave, then call next() until it says kNeedMore (or kError). Holds at
/// most one partial frame plus the last append() once drained. An error is final: every later
/// next() repeats it.
class FrameReader {
 public:
  explicit FrameReader(std::uint32_t max_length = kDefaultMaxLength) : max_length_(max_length) {}

  /// Adds received bytes.
  void append(std::span<const std::uint8_t> bytes);
  /// The next complete message, kNeedMore, or kError.
  DecodeResult next();

  /// Bound on the length field; frames above it are refused with CodecError::kLengthTooLarge.
  std::uint32_t max_length() const { return max_length_; }
  void set_max_length(std::uint32_t max_length) { max_length_ = max_length; }
  /// Bytes received and not yet returned as a message.
  std::size_t buffered() const { return buffer_.size() - start_; }
  /// The error that stopped the reader, if any.
  std::error_code error() const { return error_; }

 private:
  std::vector<std::uint8_t> buffer_;
  std::size_t start_ = 0;  // first unconsumed byte of buffer_
  std::uint32_t max_length_;
  std::error_code error_;
};

}  // namespace cmemu::sccp

template <>
struct std::is_error_code_enum<cmemu::sccp::CodecError> : std::true_type {};
