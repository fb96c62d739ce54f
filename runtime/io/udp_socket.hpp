#pragma once
// Opening a bound UDP socket, shared by the SIP transport and the TFTP server.
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <string>

namespace cmemu::runtime::io {

/// Opens `socket` bound to `address`:`port` (0: a port the kernel picks), with a receive queue of
/// `receive_buffer` bytes when not 0 (the kernel caps it at net.core.rmem_max); "" or the reason,
/// with the socket closed again.
inline std::string open_udp(boost::asio::ip::udp::socket& socket, const std::string& address,
                            std::uint16_t port, int receive_buffer = 0) {
  boost::system::error_code ec;
  auto ip = boost::asio::ip::make_address(address, ec);
  if (ec) return ec.message();
  boost::asio::ip::udp::endpoint endpoint(ip, port);
  socket.open(endpoint.protocol(), ec);
  boost::system::error_code ignored;
  if (!ec && receive_buffer > 0)
    socket.set_option(boost::asio::socket_base::receive_buffer_size(receive_buffer), ignored);
  if (!ec) socket.bind(endpoint, ec);
  if (ec) {
    socket.close(ignored);
    return ec.message();
  }
  return {};
}

}  // namespace cmemu::runtime::io
