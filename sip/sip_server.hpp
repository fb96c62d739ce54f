#pragma once
// The router's SIP listener as a runtime::Service (decisions 10-15): one UDP+TCP listener bound
// from the running-config and rebound live when it changes, answering what cmemu implements so
// far: OPTIONS, REGISTER (the session-manager registrar), and the checks a CTI INVITE must pass
// before a session is opened (503 while CTI is shut down, 415, 422, 404, 403). Sessions and
// transactions build on it.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "runtime/router.hpp"
#include "sip/registrar.hpp"
#include "sip/transport.hpp"

namespace cmemu::sip {

class SipServer final : public runtime::Service, private MessageSink {
 public:
  /// `fallback_address` is where router addresses the host does not own are served (decision 11,
  /// `--bind-address`); `log` receives one line per notable event (binding).
  SipServer(boost::asio::io_context& io, std::string fallback_address,
            std::function<void(const std::string&)> log);
  ~SipServer() override;

  void apply(const runtime::Config& old_config, const runtime::Config& new_config) override;

  const Transport& transport() const { return transport_; }
  const Registrar& registrar() const { return registrar_; }
  const runtime::CtiEngine& cti() const { return cti_; }

 private:
  void on_message(const Message& message, const Peer& from) override;
  void rebind(const std::string& address, std::uint16_t port);
  void answer_invite(const Message& request, const Peer& from);

  Registrar registrar_;
  runtime::CtiEngine cti_;
  Transport transport_;
  std::string fallback_address_;
  std::function<void(const std::string&)> log_;
  std::string configured_address_;
  std::uint16_t configured_port_ = 0;
  std::map<std::string, bool> dn_numbers_;  // every configured DN number
};

}  // namespace cmemu::sip
