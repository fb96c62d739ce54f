#pragma once
// The router's modes, in the order CommandSet registers them (so the ids are fixed).
#include "grammar/command_tree.hpp"

namespace cmemu::runtime {

enum Mode : grammar::ModeId {
  kUserExec,
  kPrivilegedExec,
  kGlobalConfig,
  kVoiceService,     // voice service voip
  kVoiceServiceSip,  // sip (under voice service voip)
  kVoiceRegisterGlobal,
  kSessionServer,  // voice register session-server N
  kLogoutProfile,
  kUserProfile,
  kEphoneDn,
  kEphoneDnTemplate,
  kEphone,
  kTelephonyService,
  kInterface,
  kDhcpPool,
  kLine,
  kArchive,
  kArchiveLog,
  kIxiTransport,
  kIxiApplication,
  kControlPlane,
  kVoicePort,
  kVoiceCard,
  kSipUa,
  kOpaqueBlock,  // children of a kept-not-modelled block (docs/decisions.md #6b); prompt set per
                 // block
  kModeCount
};

/// True for the configuration modes (everything from global configuration down).
inline bool is_config_mode(grammar::ModeId mode) {
  return mode >= kGlobalConfig;
}

}  // namespace cmemu::runtime
