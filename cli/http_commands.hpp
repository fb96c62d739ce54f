#pragma once
// The shell's side of the web server (docs/xml-api.md): `show ip http server status`, and the
// XML API's configuration lines run through the same command path as a vty line.
#include <string>
#include <vector>

#include "http/xml_api.hpp"

namespace cmemu::cli {

class App;

/// `show ip http server status`.
void register_http_commands(App& app);

/// ISexecCLI: `lines` in global configuration mode, in a shell of their own, as `who`; stops at the
/// first line the router refuses (docs/xml-api.md §2).
http::CliResult run_xml_cli(App& app, const std::vector<std::string>& lines,
                            const std::string& who);

}  // namespace cmemu::cli
