#pragma once
// The port a listener or socket is bound to, for every server's local_port().
#include <boost/system/error_code.hpp>
#include <cstdint>

namespace cmemu::runtime::io {

/// The port `socket` (an Asio socket or acceptor) is bound to; 0 while it is not.
template <class Socket>
std::uint16_t local_port(const Socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

}  // namespace cmemu::runtime::io
