#pragma once
// The phones' TFTP files as `create cnf-files` and `tftp-server` make them on a CME router
// (docs/sccp.md §12, docs/decisions.md #31-#32): SEPDEFAULT.cnf, XMLDefault.cnf.xml,
// ATADefault.cnf.xml and a SEP<MAC>.cnf.xml per ephone with a MAC, written from the running-config
// when asked for (so they follow every change), and the `tftp-server flash:NAME [alias X]` files
// read from the folder that stands for flash:.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/config/config.hpp"

namespace cmemu::sccp {

/// One file the TFTP server offers: where it is (`system:/its/X`, `flash:X`) and the name
/// clients ask for when it differs from the file's own (`alias`).
struct TftpBinding {
  std::string path;
  std::string alias;
  /// The name a client asks for: the alias, else the file's name after `system:/its/` or `flash:`.
  std::string served_name() const;
  bool operator==(const TftpBinding&) const = default;
};

/// The files telephony-service made, in `show telephony-service tftp-bindings` order; none without
/// telephony-service `ip source-address` (docs/decisions.md #32).
std::vector<TftpBinding> cme_tftp_bindings(const runtime::Config& config);
/// `show telephony-service tftp-bindings`: one `tftp-server PATH [alias NAME]` line each.
std::string show_tftp_bindings(const runtime::Config& config);
/// The configuration's `tftp-server flash:NAME [alias NAME]` lines (kept lines,
/// docs/commands.md §5); other file systems are not served.
std::vector<TftpBinding> flash_tftp_bindings(const runtime::Config& config);

/// The text of a telephony-service file by the name a client asks for (`SEPDEFAULT.cnf` or its
/// alias `SEPDefault.cnf`, `XMLDefault.cnf.xml`, `ATADefault.cnf.xml`, `SEP<MAC>.cnf.xml` of an
/// ephone); nullopt for none. Costs one pass over the ephones at most.
std::optional<std::string> cme_file(const runtime::Config& config, std::string_view name);

/// The TFTP server's files: telephony-service's, then the flash: ones from `flash_dir`.
class TftpFiles {
 public:
  /// A flash: file longer than this is not served (docs/decisions.md #31).
  static constexpr std::size_t kMaxFlashFile = 32u << 20;
  explicit TftpFiles(std::string flash_dir) : flash_dir_(std::move(flash_dir)) {}
  /// The file a client asks for by `name` (case-sensitive, as IOS's file systems are); null when
  /// none is bound, or a flash: file is missing, unreadable or too long.
  std::shared_ptr<const std::string> find(const runtime::Config& config,
                                          std::string_view name) const;

 private:
  std::shared_ptr<const std::string> read_flash(std::string_view file) const;
  std::string flash_dir_;
};

}  // namespace cmemu::sccp
