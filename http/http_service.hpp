#pragma once
// The router's web server as a runtime::Service (docs/xml-api.md): `ip http server` on
// `ip http port` (default 80) at --bind-address, the CME XML API at /ios_xml_app/cme, and the live
// view of the lab at / with its WebSocket at /live/ws. One io_context, the router's: requests are
// answered on the loop, and pushes to browsers are coalesced so that no browser slows the router.
// Beast stays inside the .cpp.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/xml_api.hpp"
#include "runtime/call_model.hpp"
#include "runtime/lab_events.hpp"
#include "runtime/router.hpp"

namespace boost::asio {
class io_context;
}

namespace cmemu::http {

/// Bounds (docs/architecture.md; docs/xml-api.md §3).
struct HttpLimits {
  std::size_t max_body = 64 * 1024;       // a request body; larger gets 413
  std::size_t max_header = 8 * 1024;      // request line and headers; larger gets 431
  std::size_t max_push_queue = 4u << 20;  // bytes queued to one browser before it is dropped
  std::size_t max_ws_message = 4 * 1024;  // what a browser may send on its WebSocket
  std::size_t max_log = 500;              // log lines a new browser gets
  std::size_t max_log_per_push = 50;      // log lines in one push; the rest of a burst is counted
  std::size_t max_tokens = 64;            // live-view page tokens remembered
  std::chrono::milliseconds push_interval{100};  // at most 10 pushes a second to each browser
  std::chrono::seconds event_poll{1};            // the XML event tables' registration scan
};

/// What the web server asks of the shell (it knows neither the shell nor its terminals).
struct HttpHooks {
  /// ISexecCLI, ISsetKeyPhones, ISupdateUser: config lines run as a vty line would be, by `who`.
  std::function<CliResult(const std::vector<std::string>& lines, const std::string& who)> exec_cli;
  /// ISSaveConfig: `write memory`; "" or the reason it failed.
  std::function<std::string()> save_config;
  /// One line for the router's log (`%HTTP-6-BIND ...`).
  std::function<void(const std::string&)> log;
};

class HttpService final : public runtime::Service,
                          public runtime::CallObserver,
                          public runtime::LabObserver {
 public:
  /// `bind_address`: where the server listens (--bind-address; docs/xml-api.md §1).
  HttpService(boost::asio::io_context& io, runtime::Router& router, runtime::CallModel& calls,
              std::string bind_address, HttpHooks hooks, HttpLimits limits = {});
  ~HttpService() override;

  void apply(const runtime::Config& old_config, const runtime::Config& new_config) override;
  void on_call_event(const runtime::CallEvent& event) override;
  void on_lab_event(const runtime::LabEvent& event) override;

  /// Closes the listener and every connection (router shutdown).
  void stop();
  /// The bound port, 0 when not listening.
  std::uint16_t local_port() const;
  /// Open HTTP connections and WebSockets.
  std::size_t connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cmemu::http
