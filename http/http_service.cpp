#include "http/http_service.hpp"

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cstddef>
#include <ctime>
#include <deque>
#include <random>

#include "grammar/token_parsers.hpp"
#include "http/http_auth.hpp"
#include "http/live_view.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/cti_engine.hpp"
#include "runtime/io/local_port.hpp"
#include "runtime/io/tcp_listener.hpp"

namespace cmemu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

namespace {

constexpr std::string_view kXmlPath = "/ios_xml_app/cme";
constexpr std::string_view kSocketPath = "/live/ws";
constexpr std::string_view kDialPath = "/live/dial";

/// Counts shared with the connections, which may outlive the service at shutdown.
struct Counters {
  std::size_t http = 0;
  std::size_t viewers = 0;
};

std::string wall_time() {
  auto now = runtime::Clock::instance().wall_now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis.count()));
  return text;
}

std::string_view kind_name(runtime::LabEventKind kind) {
  // Indexed by the enumerator, in LabEventKind's order.
  static constexpr std::array<std::string_view, 4> kNames{"phone", "csta", "config", "log"};
  const auto index = static_cast<std::size_t>(kind);
  return index < kNames.size() ? kNames[index] : "log";
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// `a=1&b=x%20y` -> the value of `name`, decoded.
std::string form_value(std::string_view body, std::string_view name) {
  std::size_t at = 0;
  while (at <= body.size()) {
    std::size_t end = body.find('&', at);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(at, end - at);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      std::string out;
      std::string_view value = pair.substr(eq + 1);
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '+') {
          out += ' ';
        } else if (value[i] == '%' && i + 2 < value.size() && hex(value[i + 1]) >= 0 &&
                   hex(value[i + 2]) >= 0) {
          out += static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2]));
          i += 2;
        } else {
          out += value[i];
        }
      }
      return out;
    }
    at = end + 1;
  }
  return {};
}

std::string query_value(std::string_view target, std::string_view name) {
  auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  return form_value(target.substr(question + 1), name);
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

}  // namespace

struct HttpService::Impl {
  struct Connection;
  struct Viewer;

  Impl(asio::io_context& io, runtime::Router& router, runtime::CallModel& calls,
       std::string bind_address, HttpHooks hooks, HttpLimits limits)
      : io(io),
        router(router),
        calls(calls),
        bind_address(std::move(bind_address)),
        hooks(std::move(hooks)),
        limits(limits),
        acceptor(io),
        ticker(io),
        counters(std::make_shared<Counters>()) {}

  asio::io_context& io;
  runtime::Router& router;
  runtime::CallModel& calls;
  std::string bind_address;
  HttpHooks hooks;
  HttpLimits limits;
  tcp::acceptor acceptor;
  asio::steady_timer ticker;
  std::shared_ptr<Counters> counters;
  std::vector<std::weak_ptr<Connection>> connections;
  std::vector<std::shared_ptr<Viewer>> viewers;
  int configured_port = 0;
  bool serving = false;
  bool stopped = false;
  std::uint64_t generation = 0;
  HttpService* owner = nullptr;
  bool subscribed = false;

  // The live view: the state last pushed, what changed since, the log.
  LiveState last_state;
  bool dirty = true;
  std::vector<std::string> pending_log;  // this tick's entries, at most max_log_per_push
  std::size_t skipped = 0;               // entries past that this tick: counted, not written
  std::deque<std::string> log_ring;
  std::deque<std::string> tokens;
  std::mt19937_64 random{std::random_device{}()};
  int ticks = 0;

  // The XML event tables and the peak of registrations.
  EventTables tables;
  std::uint64_t peak = 0;
  long peak_time = 0;

  long uptime() const {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                 runtime::Clock::instance().steady_now() - router.boot_time())
                                 .count());
  }
  std::size_t open_connections() const { return counters->http + counters->viewers; }

  // ---- listener ----

  void rebind(int port) {
    close_listener();
    configured_port = port;
    std::string error = runtime::io::open_listener(acceptor, bind_address, port);
    if (!error.empty()) {
      if (hooks.log)
        hooks.log("%HTTP-3-BIND: cannot listen on " + bind_address + ":" + std::to_string(port) +
                  ": " + error);
      return;
    }
    serving = true;
    accept();
    if (ticks == 0) tick();
  }

  void close_listener() {
    boost::system::error_code ec;
    acceptor.close(ec);
    ++generation;
    serving = false;
    configured_port = 0;
  }

  void accept() {
    runtime::io::accept_loop(
        acceptor, generation, [this] { return !stopped; },
        [this](tcp::socket socket) { admit(std::move(socket)); });
  }

  void admit(tcp::socket socket);
  void close_all();

  // ---- requests ----

  Response handle(const Request& request, const std::string& peer);
  Response xml_request(const Request& request, const std::string& peer);
  Response page(const Request& request);
  Response dial(const Request& request);
  bool authorized_viewer(const Request& request);
  void upgrade(beast::tcp_stream stream, Request request);

  LabView lab_view(std::vector<runtime::PhoneStatus> phones) const {
    LabView view{router.running()};
    view.calls = &calls;
    view.phones = std::move(phones);
    view.registrar = router.registrar;
    view.events = &tables;
    view.em_logins = &router.em_logins;
    const auto& t = router.running().telephony;
    view.address = t && t->ip_source_address ? grammar::format_ipv4(t->ip_source_address->address)
                                             : bind_address;
    view.uptime = uptime();
    view.peak_registered = peak;
    view.peak_registered_time = peak_time;
    return view;
  }

  std::vector<runtime::PhoneStatus> registered() const {
    return router.phones ? router.phones->registered() : std::vector<runtime::PhoneStatus>{};
  }

  // ---- the live view ----

  void tick() {
    ++ticks;
    ticker.expires_after(limits.push_interval);
    ticker.async_wait([this](boost::system::error_code ec) {
      if (ec || stopped) return;
      if (ticks % std::max<long>(1, limits.event_poll / limits.push_interval) == 0) poll();
      push();
      tick();
    });
  }

  /// Registrations and line status into the event tables (docs/xml-api.md §4); the live view
  /// refreshes too, for what no event announces (CTI sessions opening, session servers).
  void poll() {
    auto phones = registered();
    long now = uptime();
    if (phones.size() > peak) {
      peak = phones.size();
      peak_time = now;
    }
    std::set<int> up;
    for (const auto& phone : phones) up.insert(phone.ephone_tag);
    const auto& config = router.running();
    for (const auto& [tag, ephone] : config.ephones)
      tables.device(tag, ephone.mac ? device_name(*ephone.mac) : "", up.count(tag) > 0, now);
    for (const auto& [tag, dn] : config.ephone_dns) {
      const auto* line = calls.line(tag);
      tables.extension(tag, dn.number, line && line->in_service(), now);
    }
    tables.prune(now);
    if (!viewers.empty()) dirty = true;
  }

  void note(std::string_view kind, std::string_view text) {
    if (viewers.empty()) return;
    if (pending_log.size() >= limits.max_log_per_push) {  // a burst: counted, shown as one line
      ++skipped;
      return;
    }
    std::string entry = "{\"t\":" + json_string(wall_time()) + ",\"k\":" + json_string(kind) +
                        ",\"x\":" + json_string(text) + "}";
    pending_log.push_back(entry);
    log_ring.push_back(std::move(entry));
    while (log_ring.size() > limits.max_log) log_ring.pop_front();
  }

  void push();
  void viewer_joined(const std::shared_ptr<Viewer>& viewer);
  void viewer_left(Viewer* viewer);

  std::string new_token() {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    tokens.push_back(text);
    while (tokens.size() > limits.max_tokens) tokens.pop_front();
    return text;
  }
  bool known_token(std::string_view token) const {
    return !token.empty() && std::find(tokens.begin(), tokens.end(), token) != tokens.end();
  }
};

// ---- one HTTP connection ----

struct HttpService::Impl::Connection : std::enable_shared_from_this<Connection> {
  Connection(Impl& impl, tcp::socket socket)
      : impl(impl), stream(std::move(socket)), counters(impl.counters) {
    ++counters->http;
    boost::system::error_code ec;
    auto remote = stream.socket().remote_endpoint(ec);
    if (!ec) peer = remote.address().to_string();
    started = std::chrono::steady_clock::now();
  }
  ~Connection() {
    if (counted) --counters->http;
  }

  Impl& impl;
  beast::tcp_stream stream;
  std::shared_ptr<Counters> counters;
  beast::flat_buffer buffer;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser;
  std::string peer;
  std::chrono::steady_clock::time_point started;
  int served = 0;
  bool counted = true;
  std::array<char, 4096> sink{};
  std::size_t drained = 0;

  void close() {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream.close();
  }

  /// After an error answer to a request not read to its end: stop sending, then read and drop
  /// what the client still sends (at most 1 MiB, 2 s), so that closing does not reset the
  /// connection before the client has read the answer.
  void linger() {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    stream.async_read_some(asio::buffer(sink),
                           [self = shared_from_this()](beast::error_code error, std::size_t size) {
                             self->drained += size;
                             if (error || self->drained > (1u << 20) || self->impl.stopped) {
                               self->stream.close();
                               return;
                             }
                             self->linger();
                           });
  }

  void expire() {
    auto policy = impl.router.running().ip_http.timeouts();
    auto idle = std::chrono::steady_clock::now() + std::chrono::seconds(policy.idle);
    auto life = started + std::chrono::seconds(policy.life);
    stream.expires_at(std::min(idle, life));
  }

  void read() {
    parser.emplace();
    parser->header_limit(static_cast<std::uint32_t>(impl.limits.max_header));
    parser->body_limit(impl.limits.max_body);
    expire();
    bhttp::async_read(
        stream, buffer, *parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (impl.stopped) return;
    if (ec == bhttp::error::body_limit) {
      fail(bhttp::status::payload_too_large,
           soap_fault(413, "SOAP-ENV:Client",
                      "request larger than " + std::to_string(impl.limits.max_body) + " bytes")
               .body);
      return;
    }
    if (ec == bhttp::error::header_limit) {
      fail(bhttp::status::request_header_fields_too_large, "request header too large\n");
      return;
    }
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      fail(bhttp::status::bad_request, "bad request\n");
      return;
    }
    if (ec) {
      close();
      return;
    }
    Request request = parser->release();
    if (websocket::is_upgrade(request) && path_of(request.target()) == kSocketPath) {
      counted = false;
      --counters->http;
      impl.upgrade(std::move(stream), std::move(request));
      return;
    }
    auto policy = impl.router.running().ip_http.timeouts();
    ++served;
    Response response = impl.handle(request, peer);
    bool again = request.keep_alive() && served < policy.requests &&
                 std::chrono::steady_clock::now() < started + std::chrono::seconds(policy.life);
    response.keep_alive(again);
    write(std::move(response), !again);
  }

  void fail(bhttp::status status, std::string body) {
    Response response{status, 11};
    response.set(bhttp::field::content_type,
                 body.starts_with("<?xml") ? "text/xml; charset=utf-8" : "text/plain");
    response.body() = std::move(body);
    response.keep_alive(false);
    write(std::move(response), true, true);
  }

  void write(Response response, bool then_close, bool then_linger = false) {
    response.prepare_payload();
    auto message = std::make_shared<Response>(std::move(response));
    expire();
    bhttp::async_write(stream, *message,
                       [self = shared_from_this(), message, then_close, then_linger](
                           beast::error_code ec, std::size_t) {
                         if (!ec && then_linger && !self->impl.stopped) {
                           self->linger();
                         } else if (ec || then_close || self->impl.stopped) {
                           self->close();
                         } else {
                           self->read();
                         }
                       });
  }
};

void HttpService::Impl::admit(tcp::socket socket) {
  // Past `ip http max-connections` a new connection is closed at once (docs/xml-api.md §3).
  std::erase_if(connections, [](const auto& weak) { return weak.expired(); });
  if (open_connections() >=
      static_cast<std::size_t>(router.running().ip_http.max_connections_or_default()))
    return;  // the socket closes as it goes out of scope
  auto connection = std::make_shared<Connection>(*this, std::move(socket));
  connections.push_back(connection);
  connection->read();
}

// ---- one browser's WebSocket ----

struct HttpService::Impl::Viewer : std::enable_shared_from_this<Viewer> {
  Viewer(Impl& impl, beast::tcp_stream stream)
      : impl(&impl), ws(std::move(stream)), counters(impl.counters) {
    ++counters->viewers;
  }
  ~Viewer() { --counters->viewers; }

  Impl* impl;  // null once the viewer left
  websocket::stream<beast::tcp_stream> ws;
  std::shared_ptr<Counters> counters;
  beast::flat_buffer in;
  std::deque<std::shared_ptr<const std::string>> queue;
  std::size_t queued = 0;
  bool writing = false;
  bool needs_full = true;

  void start(Request request) {
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws.read_message_max(impl->limits.max_ws_message);
    ws.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
      if (!self->impl) return;
      if (ec) {
        self->drop();
        return;
      }
      self->impl->viewer_joined(self);
      self->read();
    });
  }

  void read() {
    ws.async_read(in, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!self->impl) return;
      if (ec) {
        self->drop();
        return;
      }
      self->in.consume(self->in.size());  // browsers have nothing to say here
      self->read();
    });
  }

  /// Queues one push; a browser whose queue is full is dropped (docs/xml-api.md §3).
  void send(std::shared_ptr<const std::string> message) {
    if (!impl) return;
    if (queued + message->size() > impl->limits.max_push_queue) {
      drop();
      return;
    }
    queued += message->size();
    queue.push_back(std::move(message));
    if (!writing) write_next();
  }

  void write_next() {
    writing = true;
    ws.text(true);
    ws.async_write(asio::buffer(*queue.front()),
                   [self = shared_from_this()](beast::error_code ec, std::size_t) {
                     self->writing = false;
                     self->queued -= self->queue.front()->size();
                     self->queue.pop_front();
                     if (!self->impl) return;
                     if (ec) {
                       self->drop();
                       return;
                     }
                     if (!self->queue.empty()) self->write_next();
                   });
  }

  void drop() {
    if (!impl) return;
    Impl* owner = impl;
    impl = nullptr;
    boost::system::error_code ec;
    beast::get_lowest_layer(ws).socket().close(ec);
    owner->viewer_left(this);
  }
};

void HttpService::Impl::upgrade(beast::tcp_stream stream, Request request) {
  if (!authorized_viewer(request)) {
    boost::system::error_code ec;
    stream.socket().close(ec);
    return;
  }
  std::make_shared<Viewer>(*this, std::move(stream))->start(std::move(request));
}

void HttpService::Impl::viewer_joined(const std::shared_ptr<Viewer>& viewer) {
  viewers.push_back(viewer);
  viewer->needs_full = true;
  dirty = true;
  if (!subscribed) {
    router.events.subscribe(*owner);
    subscribed = true;
  }
}

void HttpService::Impl::viewer_left(Viewer* viewer) {
  std::erase_if(viewers, [viewer](const auto& v) { return v.get() == viewer; });
  if (viewers.empty() && subscribed) {
    router.events.unsubscribe(*owner);
    subscribed = false;
    pending_log.clear();
    skipped = 0;
    last_state.clear();  // the next viewer gets a fresh snapshot
  }
}

void HttpService::Impl::push() {
  if (viewers.empty()) return;
  bool want_full = false;
  for (const auto& viewer : viewers) want_full = want_full || viewer->needs_full;
  if (!dirty && pending_log.empty() && !want_full) return;
  if (skipped > 0) {
    std::size_t count = skipped;
    skipped = 0;
    pending_log.pop_back();  // room for the count, the log stays bounded
    note("log", std::to_string(count + 1) + " more events in the last tick");
  }
  LiveState now =
      dirty || want_full
          ? live_state({router.running(), &calls, registered(), router.cti, router.registrar})
          : last_state;
  std::string diff = live_diff(last_state, now);
  std::string log;
  for (const auto& entry : pending_log) log += (log.empty() ? "" : ",") + entry;
  std::shared_ptr<const std::string> update;
  if (!diff.empty() || !log.empty())
    update = std::make_shared<const std::string>(
        "{\"full\":false,\"state\":" + (diff.empty() ? std::string("{}") : diff) + ",\"log\":[" +
        log + "]}");
  std::shared_ptr<const std::string> full;
  if (want_full) {
    std::string ring;
    for (const auto& entry : log_ring) ring += (ring.empty() ? "" : ",") + entry;
    full = std::make_shared<const std::string>("{\"full\":true,\"state\":" + live_snapshot(now) +
                                               ",\"log\":[" + ring + "]}");
  }
  auto current = viewers;  // a send may drop a viewer
  for (const auto& viewer : current) {
    if (viewer->needs_full) {
      viewer->needs_full = false;
      viewer->send(full);
    } else if (update) {
      viewer->send(update);
    }
  }
  last_state = std::move(now);
  dirty = false;
  pending_log.clear();
}

void HttpService::Impl::close_all() {
  for (auto& weak : connections)
    if (auto connection = weak.lock()) connection->close();
  connections.clear();
  auto current = viewers;
  for (const auto& viewer : current) viewer->drop();
}

// ---- requests ----

Response HttpService::Impl::handle(const Request& request, const std::string& peer) {
  auto path = path_of(request.target());
  if (path == kXmlPath) return xml_request(request, peer);
  if (path == "/" || path == "/index.html") return page(request);
  if (path == kDialPath) return dial(request);
  Response response{bhttp::status::not_found, request.version()};
  response.set(bhttp::field::content_type, "text/plain");
  response.body() = "not found\n";
  return response;
}

namespace {
Response unauthorized(unsigned version, std::string_view realm, std::string body,
                      std::string_view type) {
  Response response{bhttp::status::unauthorized, version};
  response.set(bhttp::field::www_authenticate, "Basic realm=\"" + std::string(realm) + "\"");
  response.set(bhttp::field::content_type, type);
  response.body() = std::move(body);
  return response;
}

Response answer_of(const XmlAnswer& answer, unsigned version) {
  Response response{static_cast<bhttp::status>(answer.status), version};
  response.set(bhttp::field::content_type, "text/xml; charset=utf-8");
  response.body() = answer.body;
  return response;
}
}  // namespace

Response HttpService::Impl::xml_request(const Request& request, const std::string& peer) {
  const auto& config = router.running();
  // docs/xml-api.md §3: no `ixi transport http` with `no shutdown`, no XML service on the path.
  if (!config.ixi_transport_http || config.ixi_transport_http->shutdown) {
    Response response{bhttp::status::not_found, request.version()};
    response.set(bhttp::field::content_type, "text/plain");
    response.body() = "XML transport is shut down\n";
    return response;
  }
  auto credentials = basic_credentials(request[bhttp::field::authorization]);
  auto level = credentials ? xml_login(config, *credentials) : std::nullopt;
  if (!level)
    return unauthorized(request.version(), "cme-xml",
                        soap_fault(401, "SOAP-ENV:Client", "authentication failed").body,
                        "text/xml; charset=utf-8");
  if (!config.ixi_application_cme || config.ixi_application_cme->shutdown)
    return answer_of(soap_fault(503, "SOAP-ENV:Server", "XML application cme is shut down"),
                     request.version());
  if (request.method() != bhttp::verb::post)
    return answer_of(soap_fault(405, "SOAP-ENV:Client", "requests are posted"), request.version());
  XmlLimits xml_limits;
  xml_limits.max_body = limits.max_body;
  auto parsed = parse_xml_request(request.body(), xml_limits);
  if (!parsed.request)
    return answer_of(soap_fault(500, "SOAP-ENV:Client", parsed.error), request.version());
  XmlActions actions;
  std::string who = "xml (" + peer + ")";
  actions.exec_cli = [this, who](const std::vector<std::string>& lines) {
    return hooks.exec_cli ? hooks.exec_cli(lines, who) : CliResult{1, "no CLI"};
  };
  actions.save_config = [this] { return hooks.save_config ? hooks.save_config() : "no CLI"; };
  auto answer = answer_xml_request(*parsed.request, lab_view(registered()), actions, *level);
  // `ixi transport http` / `response size N` (KB): a larger answer is refused rather than cut
  // (docs/xml-api.md §3).
  if (const auto& size = config.ixi_transport_http->response_size;
      size && answer.body.size() > static_cast<std::size_t>(*size) * 1024)
    answer = soap_fault(500, "SOAP-ENV:Server",
                        "response larger than response size " + std::to_string(*size) + " KB");
  return answer_of(answer, request.version());
}

bool HttpService::Impl::authorized_viewer(const Request& request) {
  if (known_token(query_value(request.target(), "token"))) return true;
  auto credentials = basic_credentials(request[bhttp::field::authorization]);
  return credentials && http_login(router.running(), *credentials).has_value();
}

Response HttpService::Impl::page(const Request& request) {
  auto credentials = basic_credentials(request[bhttp::field::authorization]);
  if (!credentials || !http_login(router.running(), *credentials))
    return unauthorized(request.version(), "cmemu", "authentication required\n", "text/plain");
  Response response{bhttp::status::ok, request.version()};
  response.set(bhttp::field::content_type, "text/html; charset=utf-8");
  response.set(bhttp::field::cache_control, "no-store");
  response.set("Content-Security-Policy",
               "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
               "connect-src 'self'; img-src 'self' data:; form-action 'self'");
  std::string body(kLivePage);
  auto at = body.find("@TOKEN@");
  if (at != std::string::npos) body.replace(at, 7, new_token());
  response.body() = std::move(body);
  return response;
}

Response HttpService::Impl::dial(const Request& request) {
  Response response{bhttp::status::ok, request.version()};
  response.set(bhttp::field::content_type, "application/json");
  const std::string& body = request.body();
  if (request.method() != bhttp::verb::post || !known_token(form_value(body, "token"))) {
    response.result(bhttp::status::forbidden);
    response.body() = "{\"ok\":false,\"error\":\"not allowed\"}";
    return response;
  }
  std::string from = form_value(body, "from");
  std::string to = form_value(body, "to");
  const runtime::Line* line = calls.line_by_number(from);
  std::string error;
  if (!line) {
    error = "no DN " + from;
  } else {
    // The operation CSTA MakeCall uses, with MakeCall's default: ring the calling phone first
    // (runtime/cti_call_control.cpp, docs/csta.md §7).
    runtime::ConnectionId created = 0;
    auto result = calls.make_call(line->tag, to, true, &created);
    if (result != runtime::CallError::kNone) error = std::string(runtime::to_string(result));
  }
  note("dial", "click-to-dial " + from + " -> " + to + (error.empty() ? "" : ": " + error));
  response.body() = "{\"ok\":" + std::string(error.empty() ? "true" : "false") +
                    ",\"error\":" + json_string(error) + "}";
  return response;
}

// ---- the service ----

HttpService::HttpService(boost::asio::io_context& io, runtime::Router& router,
                         runtime::CallModel& calls, std::string bind_address, HttpHooks hooks,
                         HttpLimits limits)
    : impl_(std::make_unique<Impl>(io, router, calls, std::move(bind_address), std::move(hooks),
                                   limits)) {
  impl_->owner = this;
  calls.add_observer(*this);
}

HttpService::~HttpService() {
  stop();
  impl_->calls.remove_observer(*this);
}

void HttpService::apply(const runtime::Config&, const runtime::Config& next) {
  if (impl_->stopped) return;
  const auto& t = next.telephony;
  impl_->tables.set_bounds(
      static_cast<std::size_t>(t && t->log_table_max_size ? *t->log_table_max_size : 150),
      60L * (t && t->log_table_retain_timer ? *t->log_table_retain_timer : 15));
  impl_->dirty = true;
  if (!next.ip_http_server) {
    if (impl_->serving) {
      impl_->close_listener();
      impl_->close_all();
    }
    return;
  }
  int port = next.ip_http.port_or_default();
  if (!impl_->serving || port != impl_->configured_port) impl_->rebind(port);
}

void HttpService::on_call_event(const runtime::CallEvent& event) {
  if (impl_->viewers.empty()) return;
  impl_->dirty = true;
  if (event.type == runtime::CallEventType::kDigitDialed) return;
  const auto* line = impl_->calls.line(event.line);
  std::string text =
      "call " + std::to_string(event.call) + ": " + std::string(runtime::to_string(event.type));
  if (line) text += " on " + line->number;
  if (event.connection && event.state != runtime::ConnectionState::kNull)
    text += " (" + std::string(runtime::to_string(event.state)) + ")";
  if (event.cause != runtime::EventCause::kNone)
    text += " cause " + std::string(runtime::to_string(event.cause));
  impl_->note("call", text);
}

void HttpService::on_lab_event(const runtime::LabEvent& event) {
  impl_->dirty = true;
  impl_->note(kind_name(event.kind), event.text);
}

void HttpService::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->ticker.cancel();
  impl_->close_listener();
  impl_->close_all();
  if (impl_->subscribed) impl_->router.events.unsubscribe(*this);
  impl_->subscribed = false;
}

std::uint16_t HttpService::local_port() const {
  return runtime::io::local_port(impl_->acceptor);
}

std::size_t HttpService::connections() const {
  return impl_->open_connections();
}

}  // namespace cmemu::http
