#include "runtime/config/config_loader.hpp"

#include "grammar/text.hpp"
#include "runtime/config/command_set.hpp"
#include "runtime/config/config.hpp"

namespace cmemu::runtime {
namespace {

// Lines a loader skips: comments, and the header of a pasted `show running-config` (docs/cli.md
// §9).
bool skipped(std::string_view line) {
  line = text::trim_left(line, text::kBlanks);
  if (line.empty()) return true;
  return line.front() == '!' || line.starts_with("Building configuration...") ||
         line.starts_with("Current configuration :") ||
         (line.starts_with("Using ") && line.find(" bytes") != std::string_view::npos);
}

}  // namespace

LoadReport load_config_text(CommandSet& commands, ConfigStore& store, std::string_view text,
                            std::string_view file_name, Config& config) {
  LoadReport report;
  CommandSession session;
  session.loading = true;
  session.origin.clear();
  session.modes = {ModeFrame{kPrivilegedExec, {}, {}}, ModeFrame{kGlobalConfig, {}, {}}};
  std::string output;
  std::size_t number = 0;
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++number;
    line = text::trim_right(line, text::kLineEndBlanks);
    if (skipped(line)) continue;
    ++report.lines;
    if (session.modes.size() < 2) session.modes.push_back(ModeFrame{kGlobalConfig, {}, {}});
    std::string prefix = std::string(file_name) + ":" + std::to_string(number) + ": ";
    output.clear();
    auto result = commands.execute(session, store, line, output, prefix.size(), &config);
    if (result.outcome == LineOutcome::kError) {
      ++report.errors;
      report.messages += prefix;
      report.messages += line;
      report.messages += '\n';
      report.messages += output;
    }
    if (result.stop_loading) break;
  }
  return report;
}

}  // namespace cmemu::runtime
