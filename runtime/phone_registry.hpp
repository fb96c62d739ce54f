#pragma once
// What the shell asks of the SCCP phone controller (`show ephone`, `emadmin`), declared here so
// that the shell reaches it without knowing the SCCP layer.
#include <cstdint>
#include <string>
#include <vector>

namespace cmemu::runtime {

/// One registered phone, for `show ephone`.
struct PhoneStatus {
  int ephone_tag = 0;
  std::string device_name;  // SEP001E4A34A35F
  std::uint32_t device_type = 0;
  std::string model_name;  // "Telecaster 7960", "7961"
  int protocol_version = 0;
  int negotiated_version = 0;
  std::string ip;
  int port = 0;
  int socket = 0;  // the connection's number
  int keepalives = 0;
  int max_streams = 0;
  int max_lines = 0;  // line buttons the model has
  struct Button {
    int button = 0;
    std::vector<int> dn_tags;
    char separator = ':';
  };
  std::vector<Button> buttons;
};

class PhoneRegistry {
 public:
  virtual ~PhoneRegistry() = default;
  /// Registered phones, by ephone tag.
  virtual std::vector<PhoneStatus> registered() const = 0;
  /// Open SCCP connections (registered or not yet).
  virtual std::size_t sockets() const = 0;
  /// Re-provisions ephone `tag` after an extension-mobility login or logout (docs/decisions.md
  /// #30).
  virtual void reprovision(int ephone_tag) = 0;
};

}  // namespace cmemu::runtime
