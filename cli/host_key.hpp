#pragma once
// The router's RSA key pair (docs/cli.md §17): made by `crypto key generate rsa`, removed by
// `crypto key zeroize rsa`, kept beside the startup-config by `write memory` as IOS keeps it in
// private NVRAM (FILE.keys), read back at boot. SSH serves only while one exists.
#include <chrono>
#include <optional>
#include <string>

struct ssh_key_struct;

namespace cmemu::cli {

class HostKey {
 public:
  HostKey() = default;
  ~HostKey();
  HostKey(const HostKey&) = delete;
  HostKey& operator=(const HostKey&) = delete;

  bool present() const { return key_ != nullptr; }
  int bits() const { return bits_; }
  /// `HOST.DOMAIN`, the name IOS gives the keys.
  const std::string& name() const { return name_; }
  std::chrono::system_clock::time_point generated_at() const { return generated_at_; }

  /// Makes a new pair (replacing any); "" or why it failed.
  std::string generate(int bits, std::string name);
  void zeroize();

  /// Reads `path` (written by save()); "" when read or absent, else why it cannot be used.
  std::string load(const std::string& path);
  /// Writes the pair to `path` (mode 0600, atomically), or removes `path` when there is none.
  std::string save(const std::string& path) const;

  /// The private key in PEM form (for the SSH server, which needs its own copy).
  const std::string& private_pem() const { return pem_; }
  /// `ssh-rsa AAAA...`: the public key in the OpenSSH / SECSH one-line form.
  std::string public_line() const;

 private:
  ssh_key_struct* key_ = nullptr;
  int bits_ = 0;
  std::string name_;
  std::string pem_;
  std::chrono::system_clock::time_point generated_at_{};
};

}  // namespace cmemu::cli
