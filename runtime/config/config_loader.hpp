#pragma once
// Loading a startup-config: each line goes through CommandSet::execute, exactly as if typed in
// global configuration mode; a bad line is reported and loading goes on (docs/decisions.md #8).
#include <string>
#include <string_view>

namespace cmemu::runtime {

class CommandSet;
class ConfigStore;
struct Config;

struct LoadReport {
  std::size_t lines = 0;
  std::size_t errors = 0;
  std::string messages;  // `FILE:LINE: text` followed by the IOS error block, per bad line
};

/// Reads `text` into `config` (edited in place). `file_name` prefixes error reports.
LoadReport load_config_text(CommandSet& commands, ConfigStore& store, std::string_view text,
                            std::string_view file_name, Config& config);

}  // namespace cmemu::runtime
