#pragma once
// TFTP packets (RFC 1350 §5, RFC 2347 option extension, docs/sccp.md §12): parse a datagram into
// one of its six kinds, and build each kind. Pure functions of a buffer, shared by the router's
// TFTP server and cmemu-phone's client; bytes travel as std::string.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cmemu::tftp {

enum class Opcode : std::uint16_t {
  kReadRequest = 1,
  kWriteRequest = 2,
  kData = 3,
  kAck = 4,
  kError = 5,
  kOptionAck = 6,  // RFC 2347
};

/// ERROR packet codes (RFC 1350 appendix, RFC 2347 adds 8).
enum class ErrorCode : std::uint16_t {
  kNotDefined = 0,
  kFileNotFound = 1,
  kAccessViolation = 2,
  kDiskFull = 3,
  kIllegalOperation = 4,
  kUnknownTransferId = 5,
  kFileExists = 6,
  kNoSuchUser = 7,
  kOptionRefused = 8,
};
/// RFC 1350's text for a code ("File not found", "Illegal TFTP operation" ...).
std::string_view error_text(ErrorCode code);

/// Sizes of docs/sccp.md §12.
inline constexpr std::size_t kDefaultBlockSize = 512;
inline constexpr std::size_t kMinBlockSize = 8;       // RFC 2348
inline constexpr std::size_t kMaxBlockSize = 65464;   // RFC 2348
inline constexpr std::size_t kMaxRequestBytes = 516;  // RFC 2347: a request fits 512 + header
inline constexpr std::size_t kMaxOptions = 16;        // more in one request is malformed

struct Option {
  std::string name;  // as sent; compare case-insensitively (RFC 2347)
  std::string value;
  bool operator==(const Option&) const = default;
};

struct Request {
  bool write = false;  // WRQ, else RRQ
  std::string filename;
  std::string mode;  // "octet", "netascii", "mail" (any case)
  std::vector<Option> options;
  bool operator==(const Request&) const = default;
};
struct Data {
  std::uint16_t block = 0;
  std::string_view payload;  // a view into the parsed datagram
};
struct Ack {
  std::uint16_t block = 0;
};
struct Error {
  ErrorCode code = ErrorCode::kNotDefined;
  std::string message;
};
struct OptionAck {
  std::vector<Option> options;
};
/// A datagram that is no TFTP packet: too short, an unknown opcode, a missing NUL, too long.
struct Malformed {
  std::string reason;
};

using Packet = std::variant<Malformed, Request, Data, Ack, Error, OptionAck>;

/// Reads one datagram; a request longer than kMaxRequestBytes or with more than kMaxOptions
/// options is Malformed.
Packet parse(std::string_view datagram);

std::string build_request(const Request& request);
std::string build_data(std::uint16_t block, std::string_view payload);
std::string build_ack(std::uint16_t block);
/// An ERROR packet; an empty message takes error_text(code).
std::string build_error(ErrorCode code, std::string_view message = {});
std::string build_option_ack(const std::vector<Option>& options);

/// The value of option `name` (case-insensitive), or null.
const Option* find_option(const std::vector<Option>& options, std::string_view name);

/// netascii (RFC 1350 §5, RFC 764): LF becomes CR LF, a bare CR becomes CR NUL.
std::string to_netascii(std::string_view bytes);

}  // namespace cmemu::tftp
