#include "cli/event_loop.hpp"

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <memory>

#include "cli/app.hpp"
#include "cli/console.hpp"
#include "cli/http_commands.hpp"
#include "cli/ssh_server.hpp"
#include "cli/vty_server.hpp"
#include "http/http_service.hpp"
#include "runtime/call_model.hpp"
#include "sccp/cnf_files.hpp"
#include "sccp/phone_controller.hpp"
#include "sip/sip_server.hpp"
#include "tftp/tftp_server.hpp"

namespace cmemu::cli {

int run_event_loop(App& app) {
  // A peer that closes its socket must not kill the router; writes report EPIPE instead.
  std::signal(SIGPIPE, SIG_IGN);

  boost::asio::io_context io;
  VtyServer vty(io, app);
  SshServer ssh(io, app);
  std::unique_ptr<Console> console;
  bool want_console = app.options.console && ::isatty(STDIN_FILENO);

  // Shutdown: stop accepting, close every session, restore the terminal, leave the loop.
  std::unique_ptr<sip::SipServer> sip_server;
  runtime::CallModel call_model;
  std::unique_ptr<sccp::PhoneController> phones;
  std::unique_ptr<http::HttpService> web;
  std::unique_ptr<tftp::TftpServer> tftp_server;
  auto stop = [&] {
    if (tftp_server) tftp_server->stop();
    if (web) {
      web->stop();  // browsers and XML clients are disconnected
      app.router.remove_service(*web);
    }
    if (phones) {
      phones->stop();  // phones are dropped, their calls cleared
      app.router.remove_service(*phones);
      app.router.phones = nullptr;
    }
    if (sip_server) {
      sip_server->end_all_sessions();  // CTI clients get BYE
      app.router.remove_service(*sip_server);
      app.router.cti_control = nullptr;
      app.router.registrar = nullptr;
      app.router.cti = nullptr;
    }
    app.router.remove_service(ssh);
    app.on_host_key_change = nullptr;
    ssh.stop();
    vty.stop();
    if (console) console->stop();
    io.stop();
  };

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (!error) stop();
  });

  if (app.options.vty_port > 0) {
    std::string error = vty.listen();
    if (!error.empty()) {
      std::cerr << "cmemu: telnet vty: " << error << "\n";
      if (!want_console) return 1;  // nothing left to serve
    }
  }
  // The phones' files, written from the running-config when asked for (docs/sccp.md §12).
  sccp::TftpFiles tftp_files(app.options.flash_dir);
  std::string tftp_error;
  if (app.options.tftp_port > 0) {
    tftp_server =
        std::make_unique<tftp::TftpServer>(io, [&app, &tftp_files](std::string_view name) {
          return tftp_files.find(app.router.running(), name);
        });
    tftp_error = tftp_server->listen(app.options.bind_address,
                                     static_cast<std::uint16_t>(app.options.tftp_port));
    if (!tftp_error.empty()) {
      tftp_server.reset();
      // The default port needs privileges a lab user rarely has: without them the router runs
      // on without TFTP (logged once the console is up); a port asked for is an error
      // (docs/decisions.md #31).
      if (app.options.tftp_port_given) {
        std::cerr << "cmemu: tftp: port " << app.options.tftp_port << ": " << tftp_error << "\n";
        return 1;
      }
    }
  }
  // SSH runs while IOS's rules allow it (a key, `ip ssh version`): the router tells it of every
  // configuration change, the key commands of every key change.
  auto refresh_ssh = [&ssh] {
    std::string error = ssh.refresh();
    if (!error.empty()) std::cerr << "cmemu: ssh: " << error << "\n";
  };
  app.on_host_key_change = refresh_ssh;
  app.router.add_service(ssh);
  refresh_ssh();
  if (want_console) {
    console = std::make_unique<Console>(io, app, stop);
    if (!console->start()) {
      std::cerr << "cmemu: cannot put the console terminal in raw mode\n";
      console.reset();
    }
  }

  // The services start once the console exists, so that their first log lines reach it; they
  // log to the console like IOS, and to stderr when there is no console to see them.
  auto service_log = [&app, &console](const std::string& line) {
    app.router.events.publish(runtime::LabEventKind::kLog, line);  // the live view's log
    if (console)
      app.log(app.log_timestamp() + line);
    else
      std::cerr << line << "\n";
  };
  // The call model first: lines exist before the phone controller provisions phones on them.
  app.router.add_service(call_model);
  app.router.call_model = &call_model;
  phones = std::make_unique<sccp::PhoneController>(io, app.router, call_model,
                                                   app.options.bind_address, service_log);
  app.router.add_service(*phones);
  app.router.phones = phones.get();

  sip_server =
      std::make_unique<sip::SipServer>(io, app.options.bind_address, service_log,
                                       [&app](const std::string& text) { app.debug_cti(text); });
  sip_server->set_cti_trace_wanted([&app] { return app.debug_cti_wanted(); });
  sip_server->cti().attach(call_model);  // CSTA services and events act on the call model
  app.router.add_service(*sip_server);
  app.router.registrar = &sip_server->registrar();
  app.router.cti = &sip_server->cti();
  app.router.cti_control = sip_server.get();
  sip_server->cti().events = &app.router.events;

  http::HttpHooks web_hooks;
  web_hooks.exec_cli = [&app](const std::vector<std::string>& lines, const std::string& who) {
    return run_xml_cli(app, lines, who);
  };
  web_hooks.save_config = [&app] { return app.save_startup_config(); };
  web_hooks.log = service_log;
  web = std::make_unique<http::HttpService>(io, app.router, call_model, app.options.bind_address,
                                            web_hooks);
  app.router.add_service(*web);

  if (!tftp_error.empty())
    service_log("cmemu: TFTP not served: port " + std::to_string(app.options.tftp_port) + ": " +
                tftp_error + " (--tftp-port N serves it elsewhere)");

  io.run();
  stop();
  tftp_server.reset();
  web.reset();
  sip_server.reset();
  phones.reset();
  app.router.remove_service(call_model);
  app.router.call_model = nullptr;
  return 0;
}

}  // namespace cmemu::cli
