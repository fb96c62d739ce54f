#include "cli/event_loop.hpp"

#include <cstdio>

namespace cmemu::cli {

// Placeholder until the console and vty server land: nothing interactive to serve yet.
int run_event_loop(App&) {
  std::fprintf(stderr, "cmemu: interactive console and vty are not built yet\n");
  return 1;
}

}  // namespace cmemu::cli
