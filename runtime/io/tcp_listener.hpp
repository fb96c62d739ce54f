#pragma once
// A TCP listener and its accept loop, shared by the SCCP phone controller and the web server:
// both rebind live when their port changes, so each keeps a generation that is bumped whenever
// its acceptor closes, and an accept handler of an older generation stops.
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <utility>

namespace cmemu::runtime::io {

/// Opens `acceptor` listening on `address`:`port` with SO_REUSEADDR; "" or the reason, with the
/// acceptor closed again.
inline std::string open_listener(boost::asio::ip::tcp::acceptor& acceptor,
                                 const std::string& address, int port) {
  using boost::asio::ip::tcp;
  boost::system::error_code ec;
  auto ip = boost::asio::ip::make_address(address, ec);
  if (ec) return ec.message();
  tcp::endpoint endpoint(ip, static_cast<std::uint16_t>(port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    return ec.message();
  }
  return {};
}

/// Accepts until the acceptor closes or `generation` moves on (or `live()` turns false), handing
/// each new connection to `admit(socket)`. The owner of all three outlives the loop's handlers.
template <typename Live, typename Admit>
void accept_loop(boost::asio::ip::tcp::acceptor& acceptor, const std::uint64_t& generation,
                 Live live, Admit admit) {
  acceptor.async_accept(
      [&acceptor, &generation, started = generation, live, admit](
          boost::system::error_code ec, boost::asio::ip::tcp::socket socket) mutable {
        if (started != generation || !live()) return;
        if (!ec) admit(std::move(socket));
        if (ec == boost::asio::error::operation_aborted) return;
        accept_loop(acceptor, generation, std::move(live), std::move(admit));
      });
}

}  // namespace cmemu::runtime::io
