#include "sccp/phone_controller.hpp"

#include <array>
#include <boost/asio.hpp>
#include <map>
#include <optional>
#include <unordered_map>

#include "grammar/token_parsers.hpp"
#include "runtime/clock.hpp"
#include "runtime/config/config.hpp"
#include "runtime/io/bounded_write_queue.hpp"
#include "runtime/io/local_port.hpp"
#include "runtime/io/tcp_listener.hpp"
#include "sccp/message_text.hpp"
#include "sccp/station.hpp"

namespace cmemu::sccp {

namespace asio = boost::asio;
using asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {
constexpr std::size_t kReadChunk = 4096;
constexpr std::uint32_t kMediaPrecedence = 184;  // DSCP EF as ToS (docs/sccp.md §9)
}  // namespace

struct PhoneController::Impl final : StationHost {
  struct PhoneConnection {
    int number = 0;
    tcp::socket socket;
    FrameReader reader;
    std::unique_ptr<Station> station;
    runtime::io::BoundedWriteQueue<std::vector<std::uint8_t>> queue;  // encoded messages
    bool closing = false;
    bool closed = false;
    std::string ip;
    int port = 0;
    SteadyTime last_heard;
    SteadyTime connected_at;
    std::array<std::uint8_t, kReadChunk> chunk{};
    PhoneConnection(tcp::socket s, std::size_t max_pending_output)
        : socket(std::move(s)), queue(max_pending_output) {}
  };
  struct MediaEndpoint {
    int socket = 0;
    Ipv4Address ip;
    std::uint32_t port = 0;
  };

  Impl(asio::io_context& io, runtime::Router& router, runtime::CallModel& calls,
       std::string fallback_address, std::function<void(const std::string&)> log,
       PhoneControllerLimits limits)
      : io(io),
        router(router),
        calls(calls),
        fallback_address(std::move(fallback_address)),
        log(std::move(log)),
        limits(limits),
        acceptor(io),
        ticker(io) {}

  asio::io_context& io;
  runtime::Router& router;
  runtime::CallModel& calls;
  std::string fallback_address;
  std::function<void(const std::string&)> log;
  PhoneControllerLimits limits;
  tcp::acceptor acceptor;
  asio::steady_timer ticker;
  std::string configured_address;
  int configured_port = 0;
  std::map<int, std::shared_ptr<PhoneConnection>> connections;
  std::map<runtime::ConnectionId, MediaEndpoint> media;
  std::optional<EphonesByMac> ephones_by_mac;  // of the running config, made again by apply()
  // The connection registered as each ephone (docs/sccp.md §3: one registration per ephone), so
  // that a registration costs the same with 5,000 phones as with 100. A hint that every use
  // checks against the connection itself, so that no path that ends a registration must remember
  // it; finish() drops its entry.
  std::unordered_map<int, int> socket_by_tag;
  int next_socket = 1;
  std::uint64_t generation = 0;  // bumped when the listener closes: stale accepts stop
  bool stopped = false;

  SteadyTime now() const { return runtime::Clock::instance().steady_now(); }

  // ---- listener ----

  std::string bind(const std::string& address, int port) {
    boost::system::error_code ec;
    acceptor.close(ec);
    ++generation;
    std::string error = runtime::io::open_listener(acceptor, address, port);
    if (error.empty()) accept();
    return error;
  }

  void rebind(const std::string& address, int port) {
    configured_address = address;
    configured_port = port;
    std::string error = bind(address, port);
    if (!error.empty() && address != fallback_address) {
      std::string first_error = error;
      error = bind(fallback_address, port);
      if (error.empty())
        log("%SCCP-6-BIND: " + address + " is not usable here (" + first_error +
            "); SCCP listens on " + fallback_address + ":" + std::to_string(port));
    }
    if (!error.empty())
      log("%SCCP-3-BIND: cannot listen on " + address + ":" + std::to_string(port) + ": " + error);
  }

  void close_listener() {
    boost::system::error_code ec;
    acceptor.close(ec);
    ++generation;
    configured_address.clear();
    configured_port = 0;
  }

  void accept() {
    runtime::io::accept_loop(
        acceptor, generation, [this] { return !stopped; },
        [this](tcp::socket socket) { admit_socket(std::move(socket)); });
  }

  void admit_socket(tcp::socket socket) {
    if (connections.size() >= limits.max_connections) return;  // closed as it goes out of scope
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    auto connection =
        std::make_shared<PhoneConnection>(std::move(socket), limits.max_pending_output);
    connection->number = next_socket++;
    auto remote = connection->socket.remote_endpoint(ec);
    if (!ec) {
      connection->ip = remote.address().to_string();
      connection->port = remote.port();
    }
    connection->last_heard = connection->connected_at = now();
    connection->station = std::make_unique<Station>(*this, calls, connection->number);
    connections[connection->number] = connection;
    read(connection);
  }

  // ---- connections ----

  void read(const std::shared_ptr<PhoneConnection>& connection) {
    connection->socket.async_read_some(
        asio::buffer(connection->chunk),
        [this, connection](boost::system::error_code ec, std::size_t size) {
          if (connection->closed) return;
          if (ec) {
            lost(*connection, ec == asio::error::eof ? "closed by the phone" : ec.message());
            return;
          }
          connection->last_heard = now();
          connection->reader.append(std::span(connection->chunk.data(), size));
          for (;;) {
            if (connection->closing || connection->closed) return;
            DecodeResult result = connection->reader.next();
            if (result.status == DecodeStatus::kNeedMore) break;
            if (result.status == DecodeStatus::kError) {
              // Bad framing: the stream can no longer be followed (docs/sccp.md §1).
              lost(*connection, "bad message: " + result.error.message());
              return;
            }
            if (router.events.wanted()) publish_key(*connection, result.message);
            connection->station->handle(result.message);
          }
          if (!connection->closing) read(connection);
        });
  }

  /// A registered phone's hook, keypad, softkey and stimulus messages, for the live view.
  void publish_key(const PhoneConnection& connection, const Message& message) {
    bool key = std::holds_alternative<msg::OffHook>(message) ||
               std::holds_alternative<msg::OnHook>(message) ||
               std::holds_alternative<msg::OffHookWithCallingPartyNumber>(message) ||
               std::holds_alternative<msg::KeypadButton>(message) ||
               std::holds_alternative<msg::SoftKeyEvent>(message) ||
               std::holds_alternative<msg::Stimulus>(message);
    if (!key || !connection.station->registered()) return;
    router.events.publish(runtime::LabEventKind::kPhone,
                          "ephone-" + std::to_string(connection.station->provision().ephone_tag) +
                              ": " + describe(message));
  }

  void write_next(const std::shared_ptr<PhoneConnection>& connection) {
    if (connection->closed) return;
    const std::vector<std::uint8_t>* next = connection->queue.next_write();
    if (!next) return;
    asio::async_write(connection->socket, asio::buffer(*next),
                      [this, connection](boost::system::error_code ec, std::size_t) {
                        connection->queue.write_done();
                        if (connection->closed) return;
                        if (ec) {
                          lost(*connection, ec.message());
                          return;
                        }
                        if (connection->queue.empty() && connection->closing) {
                          finish(connection->number);
                          return;
                        }
                        write_next(connection);
                      });
  }

  /// The connection ends now (read error, bad input, keepalive): its phone unregisters.
  void lost(PhoneConnection& connection, const std::string& why) {
    if (connection.closed) return;
    if (!connection.closing && connection.station->registered()) log_unregister(connection, why);
    connection.closing = true;
    // Not from inside a station's handler: destroy on the next turn of the loop.
    asio::post(io, [this, number = connection.number] { finish(number); });
  }

  void finish(int number) {
    auto it = connections.find(number);
    if (it == connections.end()) return;
    std::shared_ptr<PhoneConnection> connection = it->second;
    if (connection->closed) return;
    connection->closed = true;
    boost::system::error_code ec;
    connection->socket.shutdown(tcp::socket::shutdown_both, ec);
    connection->socket.close(ec);
    if (connection->station) {
      auto hint = socket_by_tag.find(connection->station->provision().ephone_tag);
      if (hint != socket_by_tag.end() && hint->second == number) socket_by_tag.erase(hint);
    }
    connection->station.reset();  // unregisters: its calls clear
    connections.erase(number);
  }

  void log_unregister(const PhoneConnection& connection, const std::string& why) {
    const Station& station = *connection.station;
    log("%IPPHONE-6-UNREGISTER_" + std::string(why == "unregistered" ? "NORMAL" : "ABNORMAL") +
        ": ephone-" + std::to_string(station.provision().ephone_tag) + ":" +
        std::string(station.registration().device_name.view()) + " IP:" + connection.ip +
        " Socket:" + std::to_string(connection.number) + " DeviceType:Phone has unregistered " +
        (why == "unregistered" ? "normally." : "abnormally (" + why + ")."));
  }

  /// The connection whose phone is registered as ephone `tag`, if any.
  PhoneConnection* registered_as(int tag) {
    auto hint = socket_by_tag.find(tag);
    if (hint == socket_by_tag.end()) return nullptr;
    auto it = connections.find(hint->second);
    if (it == connections.end()) return nullptr;
    PhoneConnection& connection = *it->second;
    if (!connection.station || !connection.station->registered() ||
        connection.station->provision().ephone_tag != tag)
      return nullptr;
    return &connection;
  }

  /// At least `max` phones are registered (and not on their way out).
  bool registrations_reach(int max) {
    // Every registered phone has its entry, so fewer entries settle it without a walk.
    if (socket_by_tag.size() < static_cast<std::size_t>(max)) return false;
    int count = 0;
    for (const auto& [tag, number] : socket_by_tag) {
      PhoneConnection* connection = registered_as(tag);
      if (connection && !connection->closing && ++count >= max) return true;
    }
    return false;
  }

  PhoneConnection* connection_of(const Station& station) {
    auto it = connections.find(station.socket_number());
    return it == connections.end() ? nullptr : it->second.get();
  }

  // ---- StationHost ----

  void send(Station& station, const Message& message) override {
    auto it = connections.find(station.socket_number());
    if (it == connections.end()) return;
    auto& connection = it->second;
    if (connection->closed) return;
    // Appended, so that the messages one phone event causes go out in as few writes as the
    // socket allows (a registration answers with about fifteen).
    if (!connection->queue.append(encode(message))) {
      // The phone stopped reading (PhoneControllerLimits::max_pending_output).
      if (!connection->closing) lost(*connection, "output queue full");
      return;
    }
    write_next(connection);
  }

  std::variant<Provision, std::string> admit(Station& station,
                                             const msg::RegisterReq& request) override {
    const runtime::Config& config = router.running();
    if (!ephones_by_mac) ephones_by_mac.emplace(config);
    auto tag = ephones_by_mac->find(request.device_name.view());
    if (!tag) return std::string("Unknown device");
    // A second registration of the same phone replaces the first (docs/sccp.md §3).
    if (PhoneConnection* other = registered_as(*tag);
        other && other->number != station.socket_number()) {
      log_unregister(*other, "registered again");
      other->station->unregister();
      other->closing = true;
      asio::post(io, [this, gone = other->number] { finish(gone); });
    }
    int max = config.telephony ? config.telephony->max_ephones : 0;
    if (max > 0 && registrations_reach(max)) return std::string("Too many ephones");
    socket_by_tag[*tag] = station.socket_number();
    PhoneConnection* connection = connection_of(station);
    log("%IPPHONE-6-REGISTER: ephone-" + std::to_string(*tag) + ":" +
        std::string(request.device_name.view()) + " IP:" + (connection ? connection->ip : "") +
        " Socket:" + std::to_string(station.socket_number()) + " DeviceType:Phone has registered.");
    return provision_for(config, *tag, router.em_logins);
  }

  void close(Station& station, std::string_view reason) override {
    auto it = connections.find(station.socket_number());
    if (it == connections.end()) return;
    auto connection = it->second;
    if (connection->closing) return;
    connection->closing = true;
    if (reason == "unregistered")
      log("%IPPHONE-6-UNREGISTER_NORMAL: Socket:" + std::to_string(connection->number) +
          " has unregistered normally.");
    // Let what is queued (RegisterReject, UnregisterAck) go out first.
    if (connection->queue.empty())
      asio::post(io, [this, number = connection->number] { finish(number); });
  }

  void media_ready(Station& station, runtime::ConnectionId id, Ipv4Address ip,
                   std::uint32_t port) override {
    media[id] = {station.socket_number(), ip, port};
    const runtime::Connection* far = calls.peer(id);
    if (!far) return;
    auto other = media.find(far->id);
    if (other == media.end()) return;
    start_media(id, other->second);
    start_media(far->id, media[id]);
  }

  /// Tells the phone of connection `id` to send its media to `remote`.
  void start_media(runtime::ConnectionId id, const MediaEndpoint& remote) {
    auto self = media.find(id);
    if (self == media.end()) return;
    auto it = connections.find(self->second.socket);
    if (it == connections.end() || !it->second->station) return;
    msg::StartMediaTransmission start;
    start.conference_id = call_reference_of(id);
    start.pass_thru_party_id = pass_thru_party_of(id);
    start.remote_ip_address = remote.ip;
    start.remote_port = remote.port;
    start.ms_packet_size = 20;
    start.compression_type = Codec::kG711Ulaw;
    start.precedence = kMediaPrecedence;
    start.max_frames_per_packet = 0;  // as CUCM 4.1 sent it (docs/sccp.md §9)
    start.call_reference = call_reference_of(id);
    start.rfc2833_payload_type = 101;
    send(*it->second->station, start);
  }

  void media_closed(runtime::ConnectionId id) override { media.erase(id); }

  // ---- timers ----

  void schedule_tick() {
    ticker.expires_after(limits.tick);
    ticker.async_wait([this](boost::system::error_code ec) {
      if (ec || stopped) return;
      tick();
      schedule_tick();
    });
  }

  void tick() {
    SteadyTime at = now();
    calls.tick(at);
    for (auto& [number, connection] : connections) {
      if (connection->closing || connection->closed) continue;
      const Station& station = *connection->station;
      if (station.registered()) {
        // docs/decisions.md #28: three keepalive intervals without a word from the phone.
        auto allowed = std::chrono::seconds(3 * station.provision().keepalive_seconds);
        if (at - connection->last_heard > allowed) lost(*connection, "keepalive timeout");
      } else if (at - connection->connected_at > limits.registration_timeout) {
        lost(*connection, "no registration");
      }
    }
  }

  // ---- configuration ----

  void apply(const runtime::Config& old_config, const runtime::Config& next) {
    const auto* source = next.telephony && next.telephony->ip_source_address
                             ? &*next.telephony->ip_source_address
                             : nullptr;
    if (!source) {
      if (acceptor.is_open()) close_listener();
      drop_all();
    } else {
      std::string address = grammar::format_ipv4(source->address);
      int port = source->port_or_default();
      if (address != configured_address || port != configured_port || !acceptor.is_open())
        rebind(address, port);
    }
    EphonesByMac next_ephones(next);
    for (auto& [number, connection] : connections) {
      Station& station = *connection->station;
      if (!station.registered() || connection->closing) continue;
      int tag = station.provision().ephone_tag;
      auto still = next_ephones.find(station.registration().device_name.view());
      if (!still || *still != tag) {
        // Removed ephone or changed MAC: Reset, then the connection goes (docs/sccp.md §8).
        msg::Reset reset;
        reset.reset_type = ResetType::kReset;
        send(station, reset);
        log_unregister(*connection, "ephone removed");
        station.unregister();
        close(station, "ephone removed");
        continue;
      }
      Provision provision = provision_for(next, tag, router.em_logins);
      if (provision != station.provision() || lines_changed(old_config, next, provision))
        station.reprovision(provision);
    }
    ephones_by_mac = std::move(next_ephones);
  }

  static bool lines_changed(const runtime::Config& before, const runtime::Config& after,
                            const Provision& provision) {
    for (const LineAppearance& line : provision.lines) {
      auto old_dn = before.ephone_dns.find(line.dn_tag);
      auto new_dn = after.ephone_dns.find(line.dn_tag);
      if (old_dn == before.ephone_dns.end() || new_dn == after.ephone_dns.end()) return true;
      if (old_dn->second.number != new_dn->second.number ||
          old_dn->second.label != new_dn->second.label ||
          old_dn->second.description != new_dn->second.description)
        return true;
    }
    return false;
  }

  void drop_all() {
    std::vector<int> numbers;
    for (const auto& [number, connection] : connections) numbers.push_back(number);
    for (int number : numbers) {
      auto it = connections.find(number);
      if (it == connections.end()) continue;
      if (it->second->station->registered()) log_unregister(*it->second, "SCCP stopped");
      finish(number);
    }
  }
};

PhoneController::PhoneController(asio::io_context& io, runtime::Router& router,
                                 runtime::CallModel& calls, std::string fallback_address,
                                 std::function<void(const std::string&)> log,
                                 PhoneControllerLimits limits)
    : impl_(std::make_unique<Impl>(io, router, calls, std::move(fallback_address), std::move(log),
                                   limits)) {
  impl_->schedule_tick();
}

PhoneController::~PhoneController() {
  stop();
}

void PhoneController::apply(const runtime::Config& old_config, const runtime::Config& next) {
  impl_->apply(old_config, next);
}

void PhoneController::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->ticker.cancel();
  impl_->close_listener();
  impl_->drop_all();
}

std::uint16_t PhoneController::local_port() const {
  return runtime::io::local_port(impl_->acceptor);
}

std::size_t PhoneController::sockets() const {
  return impl_->connections.size();
}

std::vector<runtime::PhoneStatus> PhoneController::registered() const {
  std::vector<runtime::PhoneStatus> phones;
  const runtime::Config& config = impl_->router.running();
  for (const auto& [number, connection] : impl_->connections) {
    const Station& station = *connection->station;
    if (!station.registered() || connection->closed) continue;
    runtime::PhoneStatus status;
    status.ephone_tag = station.provision().ephone_tag;
    status.device_name = station.registration().device_name.str();
    status.device_type = static_cast<std::uint32_t>(station.registration().device_type);
    status.model_name = std::string(device_model_name(station.registration().device_type));
    status.protocol_version = station.registration().protocol_version;
    status.negotiated_version = station.negotiated_version();
    status.ip = connection->ip;
    status.port = connection->port;
    status.socket = number;
    status.keepalives = station.keepalives();
    status.max_streams = static_cast<int>(station.registration().max_streams);
    status.max_lines = model_button_count(status.model_name);
    auto ephone = config.ephones.find(status.ephone_tag);
    for (const LineAppearance& line : station.provision().lines) {
      runtime::PhoneStatus::Button button;
      button.button = line.instance;
      button.dn_tags = {line.dn_tag};
      button.separator = line.separator;
      if (ephone != config.ephones.end())
        for (const auto& entry : ephone->second.buttons)
          if (entry.button == line.instance) button.dn_tags = entry.dns;
      status.buttons.push_back(std::move(button));
    }
    phones.push_back(std::move(status));
  }
  std::sort(phones.begin(), phones.end(),
            [](const auto& a, const auto& b) { return a.ephone_tag < b.ephone_tag; });
  return phones;
}

void PhoneController::reprovision(int ephone_tag) {
  const runtime::Config& config = impl_->router.running();
  if (!config.ephones.count(ephone_tag)) return;
  for (auto& [number, connection] : impl_->connections) {
    Station& station = *connection->station;
    if (station.registered() && station.provision().ephone_tag == ephone_tag)
      station.reprovision(provision_for(config, ephone_tag, impl_->router.em_logins));
  }
}

}  // namespace cmemu::sccp
