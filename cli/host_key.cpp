#include "cli/host_key.hpp"

#include <libssh/libssh.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"

namespace cmemu::cli {

namespace {

// The keys file: one header line, then the private key in PEM form.
constexpr std::string_view kHeader = "cmemu-rsa-keys ";

std::string export_pem(ssh_key key) {
  char* text = nullptr;
  if (ssh_pki_export_privkey_base64(key, nullptr, nullptr, nullptr, &text) != SSH_OK || !text)
    return {};
  std::string pem = text;
  ssh_string_free_char(text);
  return pem;
}

}  // namespace

HostKey::~HostKey() {
  zeroize();
}

std::string HostKey::generate(int bits, std::string name) {
  ssh_key key = nullptr;
  if (ssh_pki_generate(SSH_KEYTYPE_RSA, bits, &key) != SSH_OK || !key)
    return "key generation failed";
  std::string pem = export_pem(key);
  if (pem.empty()) {
    ssh_key_free(key);
    return "key export failed";
  }
  zeroize();
  key_ = key;
  bits_ = bits;
  name_ = std::move(name);
  pem_ = std::move(pem);
  generated_at_ = std::chrono::system_clock::now();
  return {};
}

void HostKey::zeroize() {
  if (key_) ssh_key_free(key_);
  key_ = nullptr;
  bits_ = 0;
  name_.clear();
  pem_.clear();
}

std::string HostKey::load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return {};
  std::string header;
  std::getline(file, header);
  std::istringstream words(header.starts_with(kHeader) ? header.substr(kHeader.size()) : "");
  std::string name;
  int bits = 0;
  long long seconds = 0;
  if (!(words >> name >> bits >> seconds)) return path + ": not a keys file";
  std::ostringstream rest;
  rest << file.rdbuf();
  std::string pem = rest.str();
  ssh_key key = nullptr;
  if (ssh_pki_import_privkey_base64(pem.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK ||
      !key || ssh_key_type(key) != SSH_KEYTYPE_RSA) {
    if (key) ssh_key_free(key);
    return path + ": no RSA private key in it";
  }
  zeroize();
  key_ = key;
  bits_ = bits;
  name_ = name;
  pem_ = std::move(pem);
  generated_at_ = std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
  return {};
}

std::string HostKey::save(const std::string& path) const {
  if (!key_) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return std::strerror(errno);
    return {};
  }
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(generated_at_.time_since_epoch()).count();
  std::string body = std::string(kHeader) + name_ + " " + std::to_string(bits_) + " " +
                     std::to_string(seconds) + "\n" + pem_;
  return App::write_file_atomically(path, body, 0600);
}

std::string HostKey::public_line() const {
  if (!key_) return {};
  char* text = nullptr;
  if (ssh_pki_export_pubkey_base64(key_, &text) != SSH_OK || !text) return {};
  std::string line = std::string("ssh-rsa ") + text;
  ssh_string_free_char(text);
  return line;
}

}  // namespace cmemu::cli
