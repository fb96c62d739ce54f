#include "cli/ssh_server.hpp"

#include <fcntl.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <optional>

#include "cli/app.hpp"
#include "cli/login.hpp"
#include "cli/shell.hpp"
#include "cli/terminal_session.hpp"
#include "cli/vty_listener.hpp"
#include "runtime/config/config.hpp"
#include "runtime/config/credentials.hpp"

namespace cmemu::cli {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr int kMaxTerminalWidth = 512;  // `terminal width` range
constexpr int kMinSsh2KeyBits = 768;    // IOS's floor for SSH 2

// What cmemu offers: what paramiko 2.12 and OpenSSH 9 accept out of the box (docs/cli.md §17).
constexpr const char* kKeyExchange =
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
    "ecdh-sha2-nistp521,diffie-hellman-group16-sha512,diffie-hellman-group14-sha256";
constexpr const char* kCiphers =
    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,"
    "chacha20-poly1305@openssh.com";
constexpr const char* kMacs =
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512,"
    "hmac-sha1";
constexpr const char* kHostKeyAlgorithms = "rsa-sha2-512,rsa-sha2-256,ssh-rsa";
// The server's version string after `SSH-2.0-`, as IOS sends it (emulated).
constexpr const char* kBanner = "Cisco-1.25";

bool ssh_allowed(const App& app, const runtime::Config& config) {
  return app.options.ssh_port > 0 && app.host_key.present() &&
         app.host_key.bits() >= kMinSsh2KeyBits && config.ip_ssh.version != 1;
}

// IOS sends a vty's text with CR LF line ends; an exec channel gets the command's output so.
std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char ch : text) {
    if (ch == '\n') out += '\r';
    out += ch;
  }
  return out;
}

}  // namespace

class SshConnection;

struct SshServer::Impl : VtySessions, std::enable_shared_from_this<SshServer::Impl> {
  Impl(asio::io_context& io, App& app, VtyLimits limits)
      : VtySessions(io, app, limits, [this](tcp::socket socket) { on_accept(std::move(socket)); }) {
  }
  ~Impl() {
    if (bind) ssh_bind_free(bind);
  }

  ssh_bind bind = nullptr;
  std::string bind_pem;  // the key the bind was made with

  std::string refresh(const runtime::Config& config);
  std::string make_bind();
  void on_accept(tcp::socket socket);
};

// One SSH client: its libssh session and channel, its Shell and line editor.
class SshConnection : public VtySession, public std::enable_shared_from_this<SshConnection> {
 public:
  SshConnection(const std::shared_ptr<SshServer::Impl>& server, int line)
      : VtySession(server, line),
        watcher_(server->io),
        auth_timer_(server->io),
        held_input_(limits_.max_held_input) {}

  ~SshConnection() override { release(); }

  /// Takes the accepted socket; false when libssh refused it (the socket is closed then).
  bool start(tcp::socket socket);

 private:
  static int on_auth_password(ssh_session, const char* user, const char* password, void* self);
  static int on_auth_none(ssh_session, const char* user, void* self);
  static ssh_channel on_channel_open(ssh_session, void* self);
  static int on_message(ssh_session, ssh_message message, void* self);
  static int on_pty(ssh_session, ssh_channel, const char*, int width, int, int, int, void* self);
  static int on_window_change(ssh_session, ssh_channel, int width, int, int, int, void* self);
  static int on_shell(ssh_session, ssh_channel, void* self);
  static int on_exec(ssh_session, ssh_channel, const char* command, void* self);
  static int on_data(ssh_session, ssh_channel, void* data, uint32_t len, int, void* self);
  static void on_eof(ssh_session, ssh_channel, void* self);
  static void on_close(ssh_session, ssh_channel, void* self);
  static int on_write_wontblock(ssh_session, ssh_channel, uint32_t, void* self);

  bool login(const char* user, const char* password);
  void pump();
  void watch();
  void set_width(int width);
  Shell& make_shell();
  void start_shell();
  void run_exec(const std::string& command);
  void send(std::string_view bytes);
  void feed(std::string_view bytes);
  void flush_channel();
  void check_closed();
  void begin_close() override;
  void finish_close();
  void close_transport() override;
  void release_session() override;
  std::shared_ptr<VtySession> self() override { return shared_from_this(); }
  void release();

  // libssh's session on the Asio loop.
  asio::posix::stream_descriptor watcher_;  // a duplicate of libssh's socket, for readiness
  bool read_armed_ = false;
  bool write_armed_ = false;
  bool in_pump_ = false;
  ssh_session session_ = nullptr;
  ssh_event event_ = nullptr;
  ssh_server_callbacks_struct server_callbacks_{};
  bool kex_done_ = false;
  std::string peer_;

  // The login.
  asio::steady_timer auth_timer_;
  std::string user_;
  std::string kbdint_user_;
  int privilege_ = 1;
  int failures_ = 0;
  bool authenticated_ = false;

  // The channel, and the shell or exec request on it.
  ssh_channel channel_ = nullptr;
  ssh_channel_callbacks_struct channel_callbacks_{};
  int width_ = 0;
  std::string outbox_;  // bytes the channel's window does not take yet
  HeldInput held_input_;
  bool feeding_ = false;  // inside feed(): output it causes must not feed again
  std::unique_ptr<Shell> shell_;
  std::unique_ptr<ShellLineHandler> handler_;
  std::unique_ptr<TerminalSession> terminal_;
  bool exec_pending_ = false;       // an exec request runs: it closes the session itself
  std::optional<int> exit_status_;  // an exec channel's, sent before its close
};

bool SshConnection::start(tcp::socket socket) {
  boost::system::error_code error;
  auto remote = socket.remote_endpoint(error);
  peer_ = error ? std::string("unknown") : remote.address().to_string();
  socket.set_option(tcp::no_delay(true), error);
  auto server = std::static_pointer_cast<SshServer::Impl>(server_.lock());
  int fd = socket.release(error);
  if (error || !server) return false;
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  int watched = ::dup(fd);
  session_ = ssh_new();
  event_ = ssh_event_new();
  if (watched < 0 || !session_ || !event_ ||
      ssh_bind_accept_fd(server->bind, session_, fd) != SSH_OK) {
    if (watched >= 0) ::close(watched);
    // libssh owns the descriptor once accepted; before that it is ours to close.
    if (!session_ || ssh_get_fd(session_) != fd) ::close(fd);
    release();
    return false;
  }
  watcher_.assign(watched);
  ssh_set_blocking(session_, 0);
  ssh_set_auth_methods(session_, SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE);
  ssh_callbacks_init(&server_callbacks_);
  server_callbacks_.userdata = this;
  server_callbacks_.auth_password_function = &SshConnection::on_auth_password;
  server_callbacks_.auth_none_function = &SshConnection::on_auth_none;
  server_callbacks_.channel_open_request_session_function = &SshConnection::on_channel_open;
  ssh_set_server_callbacks(session_, &server_callbacks_);
  ssh_set_message_callback(session_, &SshConnection::on_message, this);
  // `ip ssh time-out`: the login must be done within it (docs/cli.md §17), or the TCP closes;
  // a client that stops half-way through the key exchange is dropped so.
  auth_timer_.expires_after(std::chrono::seconds(app_.router.running().ip_ssh.time_out_seconds()));
  auth_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& e) {
    auto self = weak.lock();
    if (!e && self && !self->authenticated_) self->abort();
  });
  pump();  // sends the server's version string
  return true;
}

// Runs libssh over whatever the socket holds, then waits for more.
void SshConnection::pump() {
  if (dead_ || in_pump_) return;
  in_pump_ = true;
  if (!kex_done_) {
    int rc = ssh_handle_key_exchange(session_);
    if (rc == SSH_OK) {
      kex_done_ = true;
      ssh_event_add_session(event_, session_);
    } else if (rc == SSH_ERROR) {
      in_pump_ = false;
      abort();  // garbage, or a client whose algorithms do not meet ours
      return;
    }
  }
  if (kex_done_ && !dead_ && ssh_event_dopoll(event_, 0) == SSH_ERROR) {
    in_pump_ = false;
    abort();
    return;
  }
  in_pump_ = false;
  if (dead_) return;
  if (ssh_get_status(session_) & (SSH_CLOSED | SSH_CLOSED_ERROR)) {
    abort();
    return;
  }
  flush_channel();
  if (closing_) finish_close();
  watch();
}

void SshConnection::watch() {
  if (dead_) return;
  if (!read_armed_) {
    read_armed_ = true;
    watcher_.async_wait(asio::posix::stream_descriptor::wait_read,
                        [self = shared_from_this()](const boost::system::error_code& error) {
                          self->read_armed_ = false;
                          if (!error) self->pump();
                        });
  }
  if (!write_armed_ && (ssh_get_poll_flags(session_) & SSH_WRITE_PENDING)) {
    write_armed_ = true;
    watcher_.async_wait(asio::posix::stream_descriptor::wait_write,
                        [self = shared_from_this()](const boost::system::error_code& error) {
                          self->write_armed_ = false;
                          if (!error) self->pump();
                        });
  }
}

// docs/cli.md §16-17: the SSH user and password against the line's rule; the landing level.
bool SshConnection::login(const char* user, const char* password) {
  if (number_ < 0) return false;
  const auto& config = app_.router.running();
  LoginRule rule = login_rule(config, number_);
  const runtime::LocalUser* local = nullptr;
  bool ok = false;
  switch (rule.kind) {
    case LoginRule::Kind::kNone:
      ok = true;
      break;
    case LoginRule::Kind::kRefused:
      break;
    case LoginRule::Kind::kLinePassword:
      ok = password && line_password_matches(config, number_, password);
      break;
    case LoginRule::Kind::kLocal:
      local = password ? runtime::find_local_user(config, user ? user : "", password) : nullptr;
      ok = local != nullptr;
      break;
  }
  if (!ok) {
    // `ip ssh authentication-retries`: past them the connection is dropped.
    if (++failures_ >= std::max(1, config.ip_ssh.retries()))
      asio::post(io_, [weak = weak_from_this()] {
        if (auto self = weak.lock()) self->abort();
      });
    return false;
  }
  authenticated_ = true;
  auth_timer_.cancel();
  user_ = local ? local->name : std::string(user ? user : "");
  privilege_ = landing_privilege(rule, local);
  return true;
}

int SshConnection::on_auth_password(ssh_session, const char* user, const char* password,
                                    void* self) {
  auto* c = static_cast<SshConnection*>(self);
  return c->login(user, password) ? SSH_AUTH_SUCCESS : SSH_AUTH_DENIED;
}

int SshConnection::on_auth_none(ssh_session, const char* user, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  // Clients ask `none` first to learn the methods; only a line without login lets it in.
  if (c->number_ < 0 ||
      login_rule(c->app_.router.running(), c->number_).kind != LoginRule::Kind::kNone)
    return SSH_AUTH_DENIED;
  return c->login(user, nullptr) ? SSH_AUTH_SUCCESS : SSH_AUTH_DENIED;
}

// keyboard-interactive: one `Password: ` prompt, answered like the password method.
int SshConnection::on_message(ssh_session session, ssh_message message, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  if (ssh_message_type(message) != SSH_REQUEST_AUTH ||
      ssh_message_subtype(message) != SSH_AUTH_METHOD_INTERACTIVE)
    return 1;  // libssh answers with its default refusal
  if (!ssh_message_auth_kbdint_is_response(message)) {
    const char* user = ssh_message_auth_user(message);
    c->kbdint_user_ = user ? user : "";
    const char* prompts[] = {"Password: "};
    char echo[] = {0};
    ssh_message_auth_interactive_request(message, "", "", 1, prompts, echo);
    return 0;
  }
  const char* answer = ssh_userauth_kbdint_getnanswers(session) == 1
                           ? ssh_userauth_kbdint_getanswer(session, 0)
                           : nullptr;
  if (answer && c->login(c->kbdint_user_.c_str(), answer))
    ssh_message_auth_reply_success(message, 0);
  else
    ssh_message_reply_default(message);
  return 0;
}

ssh_channel SshConnection::on_channel_open(ssh_session session, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  if (!c->authenticated_ || c->channel_) return nullptr;  // one session per connection, as IOS
  c->channel_ = ssh_channel_new(session);
  if (!c->channel_) return nullptr;
  ssh_callbacks_init(&c->channel_callbacks_);
  auto& cb = c->channel_callbacks_;
  cb.userdata = c;
  cb.channel_pty_request_function = &SshConnection::on_pty;
  cb.channel_pty_window_change_function = &SshConnection::on_window_change;
  cb.channel_shell_request_function = &SshConnection::on_shell;
  cb.channel_exec_request_function = &SshConnection::on_exec;
  cb.channel_data_function = &SshConnection::on_data;
  cb.channel_eof_function = &SshConnection::on_eof;
  cb.channel_close_function = &SshConnection::on_close;
  cb.channel_write_wontblock_function = &SshConnection::on_write_wontblock;
  ssh_set_channel_callbacks(c->channel_, &cb);
  return c->channel_;
}

int SshConnection::on_pty(ssh_session, ssh_channel, const char*, int width, int, int, int,
                          void* self) {
  static_cast<SshConnection*>(self)->set_width(width);
  return 0;
}

int SshConnection::on_window_change(ssh_session, ssh_channel, int width, int, int, int,
                                    void* self) {
  static_cast<SshConnection*>(self)->set_width(width);
  return 0;
}

void SshConnection::set_width(int width) {
  if (width <= 0) return;
  width_ = std::min(width, kMaxTerminalWidth);
  if (shell_) shell_->session().terminal_width = width_;
}

int SshConnection::on_shell(ssh_session, ssh_channel, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  if (c->shell_) return -1;
  c->start_shell();
  return 0;
}

int SshConnection::on_exec(ssh_session, ssh_channel, const char* command, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  if (c->shell_ || c->exec_pending_ || !command) return -1;
  // The reply to the request goes first; the command's output follows it. The client's EOF
  // (its stdin closed) does not end the session before the output.
  c->exec_pending_ = true;
  asio::post(c->io_, [weak = c->weak_from_this(), line = std::string(command)] {
    if (auto s = weak.lock(); s && !s->dead_) s->run_exec(line);
  });
  return 0;
}

int SshConnection::on_data(ssh_session, ssh_channel, void* data, uint32_t len, int, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  if (!c->terminal_ || c->closing_) return static_cast<int>(len);
  c->arm_idle_timer();
  c->shell_->touch();
  c->feed(std::string_view(static_cast<const char*>(data), len));
  return static_cast<int>(len);
}

void SshConnection::feed(std::string_view bytes) {
  feeding_ = true;
  bool kept = held_input_.pass(
      bytes,
      [this] {
        return terminal_ && !dead_ && !closing_ && outbox_.size() <= limits_.pause_input_above;
      },
      [this](char c) {
        terminal_->feed(std::string_view(&c, 1));
        check_closed();
      });
  feeding_ = false;
  if (dead_ || closing_) held_input_.clear();  // as before a session ends: the rest is not read
  if (!kept) {
    asio::post(io_, [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->abort();  // the client types without reading
    });
  }
}

void SshConnection::on_eof(ssh_session, ssh_channel, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  if (!c->closing_ && !c->exec_pending_) c->begin_close();
}

void SshConnection::on_close(ssh_session, ssh_channel, void* self) {
  auto* c = static_cast<SshConnection*>(self);
  asio::post(c->io_, [weak = c->weak_from_this()] {
    if (auto s = weak.lock()) s->abort();
  });
}

int SshConnection::on_write_wontblock(ssh_session, ssh_channel, uint32_t, void* self) {
  static_cast<SshConnection*>(self)->flush_channel();
  return 0;
}

Shell& SshConnection::make_shell() {
  shell_ = std::make_unique<Shell>(app_, ShellKind::kVty, peer_, number_, "ssh");
  shell_->logged_in(user_, privilege_);
  if (width_ > 0) shell_->session().terminal_width = width_;
  shell_->ssh = SshDetails{ssh_get_cipher_in(session_) ? ssh_get_cipher_in(session_) : "",
                           ssh_get_cipher_out(session_) ? ssh_get_cipher_out(session_) : "",
                           ssh_get_hmac_in(session_) ? ssh_get_hmac_in(session_) : "",
                           ssh_get_hmac_out(session_) ? ssh_get_hmac_out(session_) : ""};
  shell_->hang_up = [weak = weak_from_this(), &io = io_] {
    asio::post(io, [weak] {
      if (auto self = weak.lock()) self->abort();
    });
  };
  return *shell_;
}

void SshConnection::start_shell() {
  Shell& shell = make_shell();
  handler_ = std::make_unique<ShellLineHandler>(shell);
  terminal_ =
      std::make_unique<TerminalSession>(*handler_, [this](std::string_view bytes) { send(bytes); });
  shell.notify = [this](const std::string& text) {
    if (terminal_ && !dead_ && !closing_) terminal_->notify(text);
  };
  terminal_->start();
  arm_idle_timer();
  check_closed();
}

// `ssh router "show version"`: the command at the user's level, its output, then the close.
void SshConnection::run_exec(const std::string& command) {
  Shell& shell = make_shell();
  shell.session().terminal_length = 0;
  std::string output = shell.start();
  output += shell.run_line(command);
  send(crlf(output));
  exit_status_ = shell.had_error() ? 1 : 0;
  begin_close();
  flush_channel();
  watch();
}

void SshConnection::send(std::string_view bytes) {
  if (dead_ || !channel_) return;
  if (outbox_.size() + bytes.size() > limits_.max_output_queue) {
    asio::post(io_, [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->abort();  // the client does not read what it asked for
    });
    return;
  }
  outbox_.append(bytes);
  flush_channel();
}

// As much of the outbox as the client's window takes; the rest waits for it to grow.
void SshConnection::flush_channel() {
  if (dead_ || !channel_ || outbox_.empty()) {
    if (!in_pump_ && !dead_) watch();
    return;
  }
  std::size_t room = ssh_channel_window_size(channel_);
  std::size_t size = std::min(room, outbox_.size());
  if (size > 0) {
    int written = ssh_channel_write(channel_, outbox_.data(), static_cast<uint32_t>(size));
    if (written == SSH_ERROR) {
      asio::post(io_, [weak = weak_from_this()] {
        if (auto self = weak.lock()) self->abort();
      });
      return;
    }
    if (written > 0) outbox_.erase(0, static_cast<std::size_t>(written));
  }
  if (!feeding_ && !held_input_.empty() && terminal_) feed({});
  if (!in_pump_) watch();
}

void SshConnection::check_closed() {
  if (!dead_ && !closing_ && terminal_ && terminal_->closed()) {
    exit_status_ = 0;  // `exit`: the client's ssh ends with status 0
    begin_close();
  }
}

// The session ended (`exit`, failed login, the client's EOF): send what is queued, then close.
void SshConnection::begin_close() {
  if (closing_ || dead_) return;
  closing_ = true;
  idle_timer_.cancel();
  linger_timer_.expires_after(std::chrono::milliseconds(limits_.close_linger_ms));
  linger_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& error) {
    if (auto self = weak.lock(); self && !error) self->abort();
  });
  asio::post(io_, [weak = weak_from_this()] {
    if (auto self = weak.lock()) self->finish_close();
  });
}

void SshConnection::finish_close() {
  if (dead_ || !closing_ || !outbox_.empty()) return;
  if (channel_ && ssh_channel_is_open(channel_)) {
    if (exit_status_) ssh_channel_request_send_exit_status(channel_, *exit_status_);
    exit_status_.reset();
    ssh_channel_send_eof(channel_);
    ssh_channel_close(channel_);
  }
  // The client's own close ends it (on_close); a disconnect sent now could overtake the
  // output it has not yet printed. The linger timer bounds the wait.
  if (!channel_) abort();
}

void SshConnection::close_transport() {
  boost::system::error_code ignored;
  watcher_.cancel(ignored);
  auth_timer_.cancel();
}

void SshConnection::release_session() {
  terminal_.reset();
  handler_.reset();
  shell_.reset();
  release();
}

void SshConnection::release() {
  boost::system::error_code ignored;
  watcher_.close(ignored);
  if (session_ && event_ && kex_done_) ssh_event_remove_session(event_, session_);
  if (channel_) ssh_channel_free(channel_);
  channel_ = nullptr;
  if (session_) {
    if (kex_done_ && ssh_is_connected(session_))
      ssh_disconnect(session_);
    else
      ssh_silent_disconnect(session_);
    ssh_free(session_);
  }
  session_ = nullptr;
  if (event_) ssh_event_free(event_);
  event_ = nullptr;
}

std::string SshServer::Impl::make_bind() {
  const std::string& pem = app.host_key.private_pem();
  if (bind && pem == bind_pem) return {};
  ssh_key key = nullptr;
  if (ssh_pki_import_privkey_base64(pem.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK)
    return "cannot use the RSA key";
  ssh_bind next = ssh_bind_new();
  int verbosity = SSH_LOG_NOLOG;
  int no = 0;
  bool ok = next && ssh_bind_options_set(next, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no) == SSH_OK &&
            ssh_bind_options_set(next, SSH_BIND_OPTIONS_LOG_VERBOSITY, &verbosity) == SSH_OK &&
            ssh_bind_options_set(next, SSH_BIND_OPTIONS_IMPORT_KEY, key) == SSH_OK;
  if (!ok) {
    ssh_key_free(key);  // not taken by the bind
  } else {
    ok = ssh_bind_options_set(next, SSH_BIND_OPTIONS_BANNER, kBanner) == SSH_OK &&
         ssh_bind_options_set(next, SSH_BIND_OPTIONS_KEY_EXCHANGE, kKeyExchange) == SSH_OK &&
         ssh_bind_options_set(next, SSH_BIND_OPTIONS_CIPHERS_C_S, kCiphers) == SSH_OK &&
         ssh_bind_options_set(next, SSH_BIND_OPTIONS_CIPHERS_S_C, kCiphers) == SSH_OK &&
         ssh_bind_options_set(next, SSH_BIND_OPTIONS_HMAC_C_S, kMacs) == SSH_OK &&
         ssh_bind_options_set(next, SSH_BIND_OPTIONS_HMAC_S_C, kMacs) == SSH_OK &&
         ssh_bind_options_set(next, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, kHostKeyAlgorithms) ==
             SSH_OK;
  }
  if (!ok) {
    if (next) ssh_bind_free(next);
    return "cannot set up the SSH server";
  }
  if (bind) ssh_bind_free(bind);
  bind = next;
  bind_pem = pem;
  return {};
}

std::string SshServer::Impl::refresh(const runtime::Config& config) {
  if (stopped()) return {};
  if (!ssh_allowed(app, config)) {
    listener.close();
    return {};
  }
  std::string error = make_bind();
  if (error.empty() && !listener.is_open())
    error = listener.listen(app.options.bind_address, app.options.ssh_port);
  return error;
}

void SshServer::Impl::on_accept(tcp::socket socket) {
  auto line = app.claim_vty_line("ssh");
  if (!line || !bind) {
    if (line) app.release_vty_line(*line);
    close_now(socket);  // every vty line is busy, or none takes SSH (`transport input`)
    return;
  }
  auto connection = std::make_shared<SshConnection>(shared_from_this(), *line);
  add(connection);
  if (!connection->start(std::move(socket))) remove(connection.get());
}

SshServer::SshServer(asio::io_context& io, App& app, VtyLimits limits)
    : VtyServerBase(std::make_shared<Impl>(io, app, limits)) {}

std::string SshServer::refresh() {
  Impl& server = impl<Impl>();
  return server.refresh(server.app.router.running());
}

void SshServer::apply(const runtime::Config&, const runtime::Config& new_config) {
  impl<Impl>().refresh(new_config);
}

}  // namespace cmemu::cli
