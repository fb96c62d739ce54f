#pragma once
// cmemu-csta's session core: one CSTA-over-SIP session (docs/csta.md §1, §11) as a pure state
// machine. Bytes in (receive), datagrams and printed lines out (take_output), time passed in: no
// sockets, no clocks, no sleeping. Requests are built with sip/writer.hpp and the CSTA codec;
// answers and the router's requests are read with sip/parser.hpp.
//
// Life of a session: [REGISTER (To user = register-id)] -> INVITE (RequestSystemStatus) -> 200
// -> ACK -> INFO GetCSTAFeatures and INFO MonitorStart back to back -> ready (requests from the
// script) -> close(): INFO MonitorStop -> BYE -> [REGISTER Expires: 0] -> done. The session is
// refreshed with UPDATE at half the granted Session-Expires, the registration at half the
// granted Expires. Every event INFO of the router gets 200 OK, is printed as one line, kept in
// events() and updates the calls the client tracks (current, alerting, active, held).
//
// Requests go out in the transactions of sip/transaction_layer.hpp (the INVITE in an INVITE client
// transaction, INFO, UPDATE, BYE and REGISTER in non-INVITE ones), which send them again over UDP
// and time them out; the answers to the router's requests go out in server transactions, which
// answer their retransmissions.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/csta/messages.hpp"
#include "sip/message.hpp"
#include "sip/transaction_layer.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {

using ClientClock = std::chrono::steady_clock;
using ClientTime = ClientClock::time_point;

namespace csta = runtime::csta;

struct CtiClientOptions {
  std::string router_host = "127.0.0.1";
  std::uint16_t router_port = 5060;
  std::string local_host = "127.0.0.1";  // Via sent-by and Contact
  std::uint16_t local_port = 5070;
  std::string user = "cmemu-csta";  // From user
  std::string line;                 // the DN: To user, and `tel:DN` in CSTA
  std::string register_id;          // not empty: REGISTER first (docs/decisions.md #23)
  std::uint32_t session_expires = 1800;
  std::uint32_t register_expires = 300;  // asked for; the router grants its keepalive
  bool quiet = false;                    // no `tx` lines
  std::string tag_seed = "1";            // makes Call-IDs, tags and branches unique per run
};

/// One event as received, in arrival order.
struct ReceivedEvent {
  csta::Event event;
  std::string name;  // element name, "DeliveredEvent"
  ClientTime at;
};

/// The answer to one INFO: SIP status, and the CSTA response when the body read.
struct RequestAnswer {
  int status = 0;  // 0: no answer (transaction timed out)
  std::string body;
  std::optional<csta::Response> response;
};

class CtiClient {
 public:
  enum class Phase {
    kIdle,
    kRegistering,
    kInviting,
    kOpening,  // GetCSTAFeatures and MonitorStart sent
    kReady,
    kClosing,
    kDone,
  };
  /// Why the session ended (valid when phase() == kDone).
  enum class Outcome { kNone, kClosed, kRefused, kEndedByRouter, kTimedOut };

  struct Output {
    std::vector<std::string> datagrams;  // to the router, in order
    std::vector<std::string> lines;      // to print, each "S.mmm text"
  };

  CtiClient(CtiClientOptions options, ClientTime start);

  /// Sends the REGISTER or the INVITE.
  void start(ClientTime now);
  /// Handles one datagram from the router.
  void receive(std::string_view datagram, ClientTime now);
  /// Retransmissions, session and registration refreshes due at `now`.
  void tick(ClientTime now);
  /// When tick() has something to do next.
  std::optional<ClientTime> wake_at() const;
  /// Ends the session: MonitorStop (when a monitor runs), BYE, un-REGISTER. Any phase.
  void close(ClientTime now);

  /// Sends one CSTA request in an INFO (phase kReady); returns its CSeq.
  std::uint32_t request(const csta::Request& request, ClientTime now);
  /// The answer to the INFO with `cseq`, once it came (or timed out).
  const RequestAnswer* answer(std::uint32_t cseq) const;

  /// Prints "S.mmm text".
  void print(ClientTime now, std::string_view text);
  Output take_output();

  Phase phase() const { return phase_; }
  Outcome outcome() const { return outcome_; }
  const std::vector<ReceivedEvent>& events() const { return events_; }
  /// `tel:DN`, the form the client uses for its line.
  const std::string& line_uri() const { return line_uri_; }
  const std::string& monitor_cross_ref_id() const { return monitor_; }
  std::uint32_t granted_session_expires() const { return session_expires_; }
  std::uint32_t granted_register_expires() const { return register_expires_; }

  // The calls of this line (callIDs, "" when none), as the script's actions use them.
  /// From MakeCallResponse / ConsultationCallResponse or the latest event naming this line's
  /// connection.
  const std::string& current_call() const { return current_; }
  /// The latest call alerting on this line.
  const std::string& alerting_call() const { return alerting_; }
  const std::string& active_call() const { return active_; }
  const std::string& held_call() const { return held_; }

 private:
  /// What the client keeps with each of its client transactions.
  struct PendingRequest {
    std::string method;
    std::uint32_t cseq = 0;  // REGISTER: 1000000 + its CSeq, apart from the INVITE dialog's
  };

  std::uint32_t send_request(std::string method, ClientTime now, std::string body = {},
                             std::vector<std::pair<std::string, std::string>> extra = {},
                             bool in_dialog = true);
  /// Sends the request `spec` (top Via branch `branch`) in a client transaction; its answer or
  /// timeout comes back with `key` (the CSeq, REGISTER's with its base).
  void send_in_transaction(const std::string& branch, const RequestSpec& spec, std::uint32_t key,
                           ClientTime now);
  /// Answers a request of the router's in a server transaction.
  void answer_request(const Message& request, const ResponseSpec& spec, ClientTime now);
  void send_ack(std::uint32_t cseq);
  void handle_response(const Message& response, ClientTime now);
  void handle_request(const Message& request, ClientTime now);
  void answered(std::uint32_t cseq, const std::string& method, int status, std::string body,
                std::optional<std::uint32_t> expires, std::optional<std::uint32_t> session_expires,
                std::string_view to_tag, ClientTime now);
  void timed_out(std::uint32_t cseq, const std::string& method, ClientTime now);
  void track_response(const csta::Response& response);
  void track_event(const csta::Event& event);
  void session_open(ClientTime now);
  void send_invite(ClientTime now);
  void send_register(std::uint32_t expires, ClientTime now);
  void after_monitor_stop(ClientTime now);
  void after_bye(ClientTime now);
  void finish(Outcome outcome);
  bool is_line(std::string_view device) const;
  void forget(const std::string& call);

  CtiClientOptions options_;
  ClientTime start_;
  std::string line_uri_;
  Phase phase_ = Phase::kIdle;
  Outcome outcome_ = Outcome::kNone;
  Output output_;

  TransactionLayer<PendingRequest> transactions_;
  std::uint64_t branch_ = 0;

  // The INVITE dialog: the CSTA session.
  std::string call_id_;
  std::string from_tag_;
  std::string to_tag_;
  std::string remote_target_;
  std::uint32_t cseq_ = 0;
  std::uint32_t last_router_cseq_ = 0;
  std::uint32_t session_expires_ = 0;
  std::optional<ClientTime> session_refresh_at_;
  std::map<std::uint32_t, RequestAnswer> answers_;
  std::map<std::uint32_t, std::string> info_names_;  // CSeq -> request element name
  // The session's own requests by CSeq (0 until sent), and the monitor they started.
  std::uint32_t invite_cseq_ = 0;
  std::uint32_t features_cseq_ = 0;
  std::uint32_t monitor_cseq_ = 0;
  std::string monitor_;
  std::uint32_t monitor_stop_cseq_ = 0;
  std::uint32_t bye_cseq_ = 0;
  bool closing_requested_ = false;

  // The REGISTER dialog (a session-server's registration).
  std::string register_call_id_;
  std::uint32_t register_cseq_ = 0;
  std::uint32_t register_expires_ = 0;
  std::optional<ClientTime> register_refresh_at_;
  bool registered_ = false;
  std::uint32_t unregister_cseq_ = 0;

  std::vector<ReceivedEvent> events_;
  std::string current_;
  std::string alerting_;
  std::string active_;
  std::string held_;
};

/// One line for an event: `DeliveredEvent call=5 device=tel:202 state=alerting cause=newCall`
/// (element name, callID and device of its main connection, localConnectionInfo, cause; DND,
/// forwarding and MWI with on/off and the target).
std::string describe_event(const csta::Event& event);
/// One line for an answer: `response MakeCallResponse call=5 device=tel:201` or
/// `error stateIncompatibility/noCallToAnswer`.
std::string describe_response(const csta::Response& response);

}  // namespace cmemu::sip
