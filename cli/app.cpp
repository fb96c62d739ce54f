#include "cli/app.hpp"
#include "runtime/clock.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "cli/exec_commands.hpp"
#include "cli/login.hpp"
#include "cli/shell.hpp"
#include "runtime/config/config_loader.hpp"
#include "runtime/config/render_config.hpp"

namespace cmemu::cli {

App::App(AppOptions opts) : options(std::move(opts)) {
  register_exec_commands(*this);
  router.startup_config_path = options.startup_config;
}

std::string App::boot() {
  if (options.startup_config.empty()) return {};
  std::ifstream file(options.startup_config, std::ios::binary);
  if (!file) return {};
  std::ostringstream text;
  text << file.rdbuf();
  runtime::Config config;
  auto report =
      runtime::load_config_text(commands, router, text.str(), options.startup_config, config);
  router.commit(std::move(config));
  std::string messages = report.messages;
  std::string error = host_key.load(keys_path());
  if (!error.empty()) messages += error + "\n";
  return messages;
}

std::string App::keys_path() const {
  return options.startup_config.empty() ? std::string() : options.startup_config + ".keys";
}

bool App::ssh_enabled() const {
  return host_key.present() && host_key.bits() >= 768 && router.running().ip_ssh.version != 1;
}

std::string App::ssh_version_text() const {
  auto version = router.running().ip_ssh.version;
  return !version ? "1.99" : *version == 2 ? "2.0" : "1.5";
}

std::string App::save_startup_config() {
  const std::string& path = options.startup_config;
  if (path.empty()) return "no startup-config file given";
  // The saved text carries its own `! NVRAM config last updated` line.
  auto previous_save = router.last_save;
  router.last_save = runtime::Clock::instance().wall_now();
  std::string body = runtime::render_config_body(router.running(), render_comments());
  std::string error = write_file_atomically(path, body);
  // IOS keeps the keys in private NVRAM, written with the configuration (docs/cli.md §17).
  if (error.empty()) error = host_key.save(keys_path());
  if (!error.empty()) router.last_save = previous_save;
  return error;
}

std::string App::write_file_atomically(const std::string& path, const std::string& body, int mode) {
  // docs/decisions.md #9: write a temporary file beside the target, flush it to disk, then rename.
  std::string temp = path + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return std::strerror(errno);
  const char* data = body.data();
  std::size_t left = body.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string reason = std::strerror(n < 0 ? errno : ENOSPC);
      ::close(fd);
      ::unlink(temp.c_str());
      return reason;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    return reason;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    return reason;
  }
  return {};
}

namespace {
// IOS's comment time format: `04:45:12 UTC Sun Nov 22 2026`.
std::string ios_time(std::chrono::system_clock::time_point when) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%H:%M:%S UTC %a %b %e %Y", &tm);
  std::string s = text;
  // %e pads the day with a space; IOS prints it without.
  if (auto pos = s.find("  "); pos != std::string::npos) s.erase(pos, 1);
  return s;
}
}  // namespace

runtime::RenderComments App::render_comments() const {
  runtime::RenderComments comments;
  if (router.last_change())
    comments.last_change = "Last configuration change at " + ios_time(*router.last_change()) +
                           " by " + router.last_change_by();
  if (router.last_save)
    comments.nvram_updated =
        "NVRAM config last updated at " + ios_time(*router.last_save) + " by " +
        (router.last_change_by().empty() ? std::string("console") : router.last_change_by());
  return comments;
}

void App::attach(Shell& shell) {
  shells_.push_back(&shell);
}

void App::detach(Shell& shell) {
  shells_.erase(std::remove(shells_.begin(), shells_.end(), &shell), shells_.end());
}

void App::log(const std::string& line) {
  for (Shell* shell : shells_)
    if (shell->kind() == ShellKind::kConsole && shell->notify) shell->notify(line);
}

std::string App::log_timestamp() const {
  return timestamp(router.running().service_timestamps_log);
}

std::string App::debug_timestamp() const {
  return timestamp(router.running().service_timestamps_debug);
}

bool App::debug_cti_wanted() const {
  for (const Shell* shell : shells_)
    if (shell->session().debug_cti && shell->notify) return true;
  return false;
}

void App::debug_cti(const std::string& text) {
  std::string line = debug_timestamp() + text;
  for (Shell* shell : shells_)
    if (shell->session().debug_cti && shell->notify) shell->notify(line);
}

std::string App::timestamp(const std::optional<std::string>& spec) const {
  if (!spec) return {};
  // The router's clock was never set: IOS counts from Mar 1 1993 and marks it with '*'.
  auto up = runtime::Clock::instance().steady_now() - router.boot_time();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(up).count();
  long long days = ms / 86400000, rem = ms % 86400000;
  char text[64];
  if (spec->find("msec") != std::string::npos)
    std::snprintf(text, sizeof text, "*Mar %2lld %02lld:%02lld:%02lld.%03lld: ", 1 + days % 31,
                  rem / 3600000, rem / 60000 % 60, rem / 1000 % 60, rem % 1000);
  else
    std::snprintf(text, sizeof text, "*Mar %2lld %02lld:%02lld:%02lld: ", 1 + days % 31,
                  rem / 3600000, rem / 60000 % 60, rem / 1000 % 60);
  return text;
}

std::optional<int> App::claim_vty_line(std::string_view protocol) {
  auto line = free_vty_line(router.running(), protocol, [this](int n) {
    return vty_in_use_.test(static_cast<std::size_t>(n));
  });
  if (line) vty_in_use_.set(static_cast<std::size_t>(*line));
  return line;
}

void App::release_vty_line(int number) {
  if (number >= 0 && number < static_cast<int>(vty_in_use_.size()))
    vty_in_use_.reset(static_cast<std::size_t>(number));
}

}  // namespace cmemu::cli
