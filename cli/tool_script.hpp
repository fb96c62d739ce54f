#pragma once
// What cmemu-phone and cmemu-csta share in their mains: where a script's text comes from.
// Header-only, so that neither tool links the router's shell.
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace cmemu::cli {

/// The actions a tool runs: the text given with `-e`, or the whole `--script` file when one is
/// named. An unreadable file is told on `err` as `TOOL: cannot read FILE` and gives nothing.
inline std::optional<std::string> script_text(const std::string& actions, const std::string& file,
                                              std::string_view tool, std::ostream& err) {
  if (file.empty()) return actions;
  std::ifstream in(file);
  if (!in) {
    err << tool << ": cannot read " << file << "\n";
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace cmemu::cli
