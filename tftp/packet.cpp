#include "tftp/packet.hpp"

#include <array>
#include <optional>

#include "grammar/text.hpp"

namespace cmemu::tftp {
namespace {

std::uint16_t read_u16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<std::uint8_t>(bytes[at]) << 8 |
                                    static_cast<std::uint8_t>(bytes[at + 1]));
}

void put_u16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

void put_string(std::string& out, std::string_view text) {
  out.append(text);
  out.push_back('\0');
}

// Splits `body` into NUL-terminated strings; false when the last one has no NUL.
bool nul_strings(std::string_view body, std::vector<std::string_view>& out) {
  while (!body.empty()) {
    auto nul = body.find('\0');
    if (nul == std::string_view::npos) return false;
    out.push_back(body.substr(0, nul));
    body.remove_prefix(nul + 1);
  }
  return true;
}

// Name/value pairs after the request's two strings or in an OACK; nullopt when malformed.
std::optional<std::vector<Option>> options_of(const std::vector<std::string_view>& strings,
                                              std::size_t first) {
  if ((strings.size() - first) % 2 != 0) return std::nullopt;
  if ((strings.size() - first) / 2 > kMaxOptions) return std::nullopt;
  std::vector<Option> options;
  for (std::size_t i = first; i < strings.size(); i += 2) {
    if (strings[i].empty()) return std::nullopt;
    options.push_back({std::string(strings[i]), std::string(strings[i + 1])});
  }
  return options;
}

}  // namespace

std::string_view error_text(ErrorCode code) {
  // Indexed by the code: RFC 1350's 0-7, RFC 2347's 8.
  static constexpr std::array<std::string_view, 9> kTexts = {"Not defined",
                                                             "File not found",
                                                             "Access violation",
                                                             "Disk full or allocation exceeded",
                                                             "Illegal TFTP operation",
                                                             "Unknown transfer ID",
                                                             "File already exists",
                                                             "No such user",
                                                             "Option negotiation refused"};
  auto index = static_cast<std::size_t>(code);
  return index < kTexts.size() ? kTexts[index] : kTexts[0];
}

Packet parse(std::string_view datagram) {
  if (datagram.size() < 4) return Malformed{"shorter than 4 bytes"};
  auto opcode = static_cast<Opcode>(read_u16(datagram, 0));
  std::string_view body = datagram.substr(2);
  switch (opcode) {
    case Opcode::kReadRequest:
    case Opcode::kWriteRequest: {
      if (datagram.size() > kMaxRequestBytes) return Malformed{"request longer than 516 bytes"};
      std::vector<std::string_view> strings;
      if (!nul_strings(body, strings) || strings.size() < 2)
        return Malformed{"request without its NUL-terminated file name and mode"};
      if (strings[0].empty()) return Malformed{"empty file name"};
      auto options = options_of(strings, 2);
      if (!options) return Malformed{"malformed options"};
      return Request{opcode == Opcode::kWriteRequest, std::string(strings[0]),
                     std::string(strings[1]), std::move(*options)};
    }
    case Opcode::kData:
      return Data{read_u16(datagram, 2), datagram.substr(4)};
    case Opcode::kAck:
      if (datagram.size() != 4) return Malformed{"ACK of other than 4 bytes"};
      return Ack{read_u16(datagram, 2)};
    case Opcode::kError: {
      auto message = datagram.substr(4);
      if (message.empty() || message.back() != '\0') return Malformed{"ERROR without its NUL"};
      message.remove_suffix(1);
      return Error{static_cast<ErrorCode>(read_u16(datagram, 2)),
                   std::string(message.substr(0, message.find('\0')))};
    }
    case Opcode::kOptionAck: {
      std::vector<std::string_view> strings;
      if (!nul_strings(body, strings)) return Malformed{"OACK option without its NUL"};
      auto options = options_of(strings, 0);
      if (!options || options->empty()) return Malformed{"malformed OACK"};
      return OptionAck{std::move(*options)};
    }
  }
  return Malformed{"unknown opcode"};
}

std::string build_request(const Request& request) {
  std::string out;
  put_u16(out,
          static_cast<std::uint16_t>(request.write ? Opcode::kWriteRequest : Opcode::kReadRequest));
  put_string(out, request.filename);
  put_string(out, request.mode);
  for (const Option& option : request.options) {
    put_string(out, option.name);
    put_string(out, option.value);
  }
  return out;
}

std::string build_data(std::uint16_t block, std::string_view payload) {
  std::string out;
  out.reserve(4 + payload.size());
  put_u16(out, static_cast<std::uint16_t>(Opcode::kData));
  put_u16(out, block);
  out.append(payload);
  return out;
}

std::string build_ack(std::uint16_t block) {
  std::string out;
  put_u16(out, static_cast<std::uint16_t>(Opcode::kAck));
  put_u16(out, block);
  return out;
}

std::string build_error(ErrorCode code, std::string_view message) {
  std::string out;
  put_u16(out, static_cast<std::uint16_t>(Opcode::kError));
  put_u16(out, static_cast<std::uint16_t>(code));
  put_string(out, message.empty() ? error_text(code) : message);
  return out;
}

std::string build_option_ack(const std::vector<Option>& options) {
  std::string out;
  put_u16(out, static_cast<std::uint16_t>(Opcode::kOptionAck));
  for (const Option& option : options) {
    put_string(out, option.name);
    put_string(out, option.value);
  }
  return out;
}

const Option* find_option(const std::vector<Option>& options, std::string_view name) {
  for (const Option& option : options)
    if (text::iequals(option.name, name)) return &option;
  return nullptr;
}

std::string to_netascii(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 16);
  for (char c : bytes) {
    if (c == '\n') {
      out += "\r\n";
    } else if (c == '\r') {
      out.push_back('\r');
      out.push_back('\0');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace cmemu::tftp
