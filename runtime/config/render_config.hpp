#pragma once
// Rendering the typed Config as IOS text, in IOS order (docs/commands.md §4, docs/cli.md §10).
#include <string>

namespace cmemu::runtime {

struct Config;

struct RenderComments {
  std::string last_change;    // `! Last configuration change at ...` (without the "! "), or ""
  std::string nvram_updated;  // `! NVRAM config last updated at ...`, or ""
};

/// The saved form: from the first `!` through `end\n`.
std::string render_config_body(const Config& config, const RenderComments& comments = {});

/// `show running-config`: `Building configuration...`, the byte count, then the body.
std::string render_running_config(const Config& config, const RenderComments& comments = {});

}  // namespace cmemu::runtime
