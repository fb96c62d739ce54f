#pragma once
// The session-manager registrar (docs/decisions.md #23-25, 6c): REGISTER in, the status and headers
// to answer out. Pure logic over a time value the caller passes in, so tests drive expiry by hand.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/registrar_status.hpp"
#include "sip/message.hpp"
#include "sip/writer.hpp"

namespace cmemu::runtime {
struct Config;
}

namespace cmemu::sip {

class Registrar final : public runtime::RegistrarStatus {
 public:
  using Clock = std::chrono::steady_clock;

  struct Answer {
    int status_code = 200;
    std::vector<HeaderField> headers;
    bool silent = false;     // docs/decisions.md #25: the router does not answer at all
    std::vector<int> ended;  // session-servers whose registration this REGISTER ended
  };

  /// Takes the session-servers and `registrar server` settings of a new running-config. A
  /// session-server that is gone loses its registration (docs/decisions.md #25); returns their
  /// tags.
  std::vector<int> apply(const runtime::Config& config);
  /// Answers one REGISTER received at `now`.
  Answer handle_register(const Message& request, Clock::time_point now);
  /// Drops every registration whose time ran out before `now`; returns the session-servers'.
  std::vector<int> expire(Clock::time_point now);

  /// The registered session-server whose Contact is `host`:`port`, if any (docs/decisions.md #25:
  /// CTI sessions whose INVITE comes from there share its fate).
  std::optional<int> session_server_at(std::string_view host, std::uint16_t port) const;
  bool cti_aware(int tag) const;
  std::string register_id(int tag) const;
  /// docs/decisions.md #25: once the last CTI session of a cti-aware application ends, its REGISTER
  /// refreshes go unanswered until it opens a new session.
  void set_silenced(int tag, bool silenced);

  std::optional<runtime::SessionServerRegistration> session_server(int tag) const override;
  std::size_t plain_registrations() const { return plain_.size(); }

  /// Bound on plain registrations (docs/decisions.md #24); past it a new one gets 503.
  static constexpr std::size_t kMaxPlainRegistrations = 10000;

 private:
  struct Binding {
    std::string contact;
    Clock::time_point expires_at;
  };
  struct SessionServerEntry {
    std::string register_id;
    int keepalive = 300;
    bool cti_aware = false;
    bool silenced = false;
    std::optional<runtime::SessionServerRegistration> registration;
    std::string contact_host;  // of the registration's Contact
    std::uint16_t contact_port = 5060;
  };

  std::map<int, SessionServerEntry> session_servers_;
  std::optional<std::pair<int, int>> registrar_bounds_;  // [min, max] when `registrar server`
  std::map<std::string, Binding> plain_;                 // address of record -> binding
  std::uint64_t next_reg_number_ = 1;
};

}  // namespace cmemu::sip
