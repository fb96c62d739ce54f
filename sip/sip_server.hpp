#pragma once
// The router's SIP listener as a runtime::Service (docs/decisions.md #10-15, 21-24): one UDP+TCP
// listener bound from the running-config and rebound live when it changes. It answers OPTIONS and
// REGISTER (the session-manager registrar), and carries CTI sessions: an INVITE holding
// RequestSystemStatus or SystemStatus opens a dialog whose INFOs go to the CTI engine, refreshed
// by re-INVITE or UPDATE (RFC 4028), ended by BYE either way or by expiry.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/cti_engine.hpp"
#include "runtime/cti_session_control.hpp"
#include "runtime/router.hpp"
#include "sip/registrar.hpp"
#include "sip/transaction_layer.hpp"
#include "sip/transport.hpp"
#include "sip/writer.hpp"

namespace cmemu::sip {

class SipServer final : public runtime::Service,
                        public runtime::CtiSessionControl,
                        private MessageSink {
 public:
  /// `fallback_address` is where router addresses the host does not own are served
  /// (docs/decisions.md #11,
  /// `--bind-address`); `log` receives one line per notable event (binding); `cti_trace` one line
  /// per CSTA body in or out (`CTI session 3 rx: <...>`, docs/decisions.md #22).
  /// `timers`: RFC 3261 T1, T2, T4 (tests shorten them).
  SipServer(boost::asio::io_context& io, std::string fallback_address,
            std::function<void(const std::string&)> log,
            std::function<void(const std::string&)> cti_trace = {}, TransactionTimers timers = {});
  ~SipServer() override;
  /// Whether anyone reads `cti_trace` now (a terminal with `debug cti` on); while it says no, the
  /// trace lines are not even formatted. Unset: always.
  void set_cti_trace_wanted(std::function<bool()> wanted) { cti_trace_wanted_ = std::move(wanted); }

  void apply(const runtime::Config& old_config, const runtime::Config& new_config) override;
  bool end_session(int id) override;
  /// Ends every CTI session with BYE (router shutdown).
  void end_all_sessions();

  /// What the router keeps with each of its transactions (sip/transaction_layer.hpp).
  struct TransactionContext {
    Peer peer;  // where the transaction's messages go
    /// A server INVITE answered 2xx: the CTI session its missing ACK ends (RFC 3261 §13.3.1.4).
    /// A client event INFO: the session whose event queue waits for its answer.
    int session_id = 0;
  };
  using Transactions = TransactionLayer<TransactionContext>;

  const Transport& transport() const { return transport_; }
  const Transactions& transactions() const { return transactions_; }
  const Registrar& registrar() const { return registrar_; }
  const runtime::CtiEngine& cti() const { return cti_; }
  /// The engine, whose send_event() reaches the client as an INFO (docs/csta.md §1).
  runtime::CtiEngine& cti() { return cti_; }

 private:
  struct Dialog;
  struct Timers;

  void on_message(const Message& message, const Peer& from) override;
  void on_response(const Message& response);
  void rebind(const std::string& address, std::uint16_t port);
  void answer_invite(const Message& request, const Peer& from);
  void answer_in_dialog(const Message& request, const Peer& from, Dialog& dialog);
  /// Answers `request` through its server transaction (RFC 3261 §17.2): over UDP a 2xx to an
  /// INVITE is sent again until the ACK, any final answer to another request is kept for timer J
  /// so that a retransmission gets it again. `session_id`: the CTI session a 2xx to an INVITE
  /// belongs to, ended with BYE when no ACK comes (§13.3.1.4).
  void reply(const Message& request, const Peer& to, int status, std::string response,
             int session_id = 0);
  void send_bye(Dialog& dialog);
  /// The event path (docs/csta.md §1), installed as the CTI engine's event sink: `body` goes out in
  /// an INFO when none of the session's is outstanding, else waits in order. Past
  /// EventQueue's bound (256 waiting) the session ends with BYE.
  void queue_event(int session_id, std::string body);
  void send_info(Dialog& dialog, std::string body);
  /// The final answer (or timer F, `status` 0) to a session's outstanding event INFO: 2xx and
  /// other refusals let the next event go; 481 ends the session without BYE (the client has no
  /// such dialog), 408 and no answer end it with BYE, like expiry (RFC 3261 §12.2.1.2).
  void on_event_answer(int session_id, int status);
  /// A request of the router's in `dialog` (RFC 3261 §12.2.1.1): Request-URI, Route, Via with a
  /// new branch (returned in `branch`), From/To with tags, Call-ID, next local CSeq, Contact.
  RequestSpec in_dialog_request(Dialog& dialog, const std::string& method, std::string& branch);
  /// Sends a request of the router's as a non-INVITE client transaction (RFC 3261 §17.1.2): over
  /// UDP it is sent again (timer E) until a final answer or timer F. One the layer refuses is sent
  /// once untracked, except an event INFO of `event_session` when the table is full: the order of
  /// events could not hold, and the refusal is returned for the caller to end the session.
  TransactionError send_request(const Peer& to, const std::string& branch,
                                const RequestSpec& request, int event_session = 0);
  /// Closes a session in the engine; the last session of a cti-aware application silences its
  /// REGISTER refreshes (docs/decisions.md #25).
  void close_session(int id);
  /// Ends with BYE the sessions tied to session-server `tag` when it is cti-aware
  /// (docs/decisions.md #25).
  void end_tied_sessions(int tag);
  void on_tick();
  /// Arms the transaction timer for the layer's next deadline when that is earlier than the one
  /// armed.
  void arm_transaction_timer();
  void on_transaction_timer();
  std::string local_host() const;

  Transactions transactions_;
  Registrar registrar_;
  runtime::CtiEngine cti_;
  Transport transport_;
  std::unique_ptr<Timers> timers_;
  std::string fallback_address_;
  std::function<void(const std::string&)> log_;
  std::function<void(const std::string&)> cti_trace_;
  std::function<bool()> cti_trace_wanted_;
  void trace(int session_id, bool received, std::string_view body);
  std::string configured_address_;
  std::uint16_t configured_port_ = 0;
  std::map<std::string, bool> dn_numbers_;                            // every configured DN number
  std::unordered_map<std::string, std::unique_ptr<Dialog>> dialogs_;  // Call-ID + remote tag
  std::string dialog_key_;  // the key looked up for the request at hand, its room reused
  std::map<int, std::string> session_dialogs_;  // session ID -> dialogs_ key
  std::optional<TransactionTime> armed_at_;     // the transaction timer's instant
  // The server transaction key of the request being handled (made once, when it was matched),
  // for its answer's transaction; `keyed_request_` says which request it is.
  std::string request_key_;
  const Message* keyed_request_ = nullptr;
  std::uint64_t next_tag_ = 1;
};

}  // namespace cmemu::sip
