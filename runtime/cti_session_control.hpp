#pragma once
// What `clear cti session` asks of the CTI listener (docs/decisions.md #21): end a session with
// BYE. Declared here so that the shell reaches it without knowing the SIP layer.

namespace cmemu::runtime {

class CtiSessionControl {
 public:
  virtual ~CtiSessionControl() = default;
  /// Sends BYE and removes session `id`; false when there is no such session.
  virtual bool end_session(int id) = 0;
};

}  // namespace cmemu::runtime
