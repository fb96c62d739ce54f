#pragma once
// What the command engine needs of the router: the running-config, and a way to make a changed
// copy of it the running one. runtime::Router implements it; config/ knows nothing above it.
#include <string_view>

namespace cmemu::runtime {

struct Config;

class ConfigStore {
 public:
  virtual ~ConfigStore() = default;
  virtual const Config& running() const = 0;
  /// Makes `next` the running-config; `by` names who changed it (empty for a file load).
  virtual void commit(Config next, std::string_view by = {}) = 0;
};

}  // namespace cmemu::runtime
