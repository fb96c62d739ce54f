#include "runtime/render_config.hpp"

#include "runtime/config.hpp"

namespace cmemu::runtime {

std::string render_config_body(const Config& config, const RenderComments& comments) {
  std::string out = "!\n";
  if (!comments.last_change.empty()) out += "! " + comments.last_change + "\n";
  if (!comments.nvram_updated.empty()) out += "! " + comments.nvram_updated + "\n";
  out += "version 15.1\n!\nhostname " + config.hostname + "\n!\n";
  out += "end\n";
  return out;
}

std::string render_running_config(const Config& config, const RenderComments& comments) {
  std::string body = render_config_body(config, comments);
  return "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) +
         " bytes\n" + body;
}

}  // namespace cmemu::runtime
