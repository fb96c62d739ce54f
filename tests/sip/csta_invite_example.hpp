#pragma once
// The docs/csta.md §2 session-setup INVITE, byte for byte (CRLF line ends), shared by the SIP
// tests.
#include <string_view>

namespace cmemu::sip::test {

inline constexpr std::string_view kInviteBody =
    R"(<?xml version="1.0"?><RequestSystemStatus xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>)";

inline constexpr std::string_view kInvite =
    "INVITE sip:201@10.0.0.1 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK77a1\r\n"
    "From: <sip:alice@192.0.2.10>;tag=41c2\r\n"
    "To: <sip:201@10.0.0.1>\r\n"
    "Call-ID: 9f3e@192.0.2.10\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:alice@192.0.2.10:5070>\r\n"
    "Supported: timer\r\n"
    "Session-Expires: 1800\r\n"
    "Content-Disposition: signal;handling=required\r\n"
    "Content-Type: application/csta+xml\r\n"
    "Content-Length: 113\r\n"
    "\r\n"
    R"(<?xml version="1.0"?><RequestSystemStatus xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>)";

}  // namespace cmemu::sip::test
