// Global configuration commands (commands.md §2) and kept-not-modelled families (§5).
#include "runtime/config.hpp"
#include "runtime/config_commands.hpp"

namespace cmemu::runtime {
namespace {

void add_opaque_family(CommandSet& commands, const std::string& family, std::string prompt) {
  std::vector<std::string> help;
  for (std::size_t i = 0, n = 1 + std::count(family.begin(), family.end(), ' '); i < n; ++i)
    help.push_back("(kept, not modelled)");
  help.push_back("(kept, not modelled)");
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = family + " [LINE$rest]",
      .help = help,
      .handler =
          [prompt](CommandContext& c) {
            auto& blocks = c.config->opaque_blocks;
            std::string text = std::string(c.args.rest(c.args.tokens().front().node->token.name));
            if (negated(c)) {
              // `no FAMILY ARGS` removes the kept block with that header, if any.
              std::string header = text.substr(text.find(' ') + 1);
              std::erase_if(blocks, [&](const PlacedOpaqueBlock& b) { return b.block.line == header; });
              c.config_changed = true;
              return;
            }
            int slot = c.session.loading ? c.session.render_slot : 29;
            std::size_t index = blocks.size();
            for (std::size_t i = 0; i < blocks.size(); ++i)
              if (blocks[i].block.line == text) index = i;
            if (index == blocks.size()) blocks.push_back({slot, OpaqueBlock{text, {}}});
            enter_mode(c, kOpaqueBlock, std::to_string(index), prompt);
            c.config_changed = true;
          },
  });
}

}  // namespace

void register_global_commands(CommandSet& commands) {
  commands.add_config({
      .mode = kGlobalConfig,
      .syntax = "hostname WORD$name",
      .help = {"Set system's network name", "This system's network name"},
      .handler =
          [](CommandContext& c) {
            c.config->hostname = negated(c) ? "Router" : std::string(c.args.get("name"));
            c.config_changed = true;
          },
      .no_syntax = "hostname [WORD$name]",
      .slot = 3,
  });
  add_opaque_family(commands, "dial-peer", "config-dial-peer");
}

}  // namespace cmemu::runtime
