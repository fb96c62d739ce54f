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
  // The checked voice families (docs/commands.md §3.10-§3.16): their lines are kept as text.
  kVoiceServiceH323,       // h323 (under voice service voip)
  kVoiceServiceStun,       // stun (under voice service voip)
  kIpTrustList,            // ip address trusted list (under voice service voip)
  kVoiceServicePots,       // voice service pots
  kVoiceClassCodec,        // voice class codec N
  kVoiceClassH323,         // voice class h323 N
  kVoiceClassSip,          // voice class sip N
  kVoiceClassUri,          // voice class uri NAME {sip | tel}
  kTranslationRule,        // voice translation-rule N
  kTranslationProfile,     // voice translation-profile NAME
  kVoiceRegisterDn,        // voice register dn N
  kVoiceRegisterPool,      // voice register pool N
  kVoiceRegisterTemplate,  // voice register template N
  kVoiceHuntGroup,         // voice hunt-group N TYPE
  kEphoneTemplate,         // ephone-template N
  kEphoneHunt,             // ephone-hunt N TYPE
  kEphoneType,             // ephone-type NAME
  kDialPeer,               // dial-peer voice N TYPE
  kDspfarmProfile,         // dspfarm profile N TYPE
  kPresence,               // presence
  kApplication,            // application
  kAppService,             // service NAME URL (under application)
  kAppPackage,             // package NAME (under application)
  kCallManagerFallback,    // call-manager-fallback
  kOpaqueBlock,  // children of a kept-not-modelled block (docs/decisions.md #6b); prompt set per
                 // block
  kModeCount
};

/// True for the configuration modes (everything from global configuration down).
inline bool is_config_mode(grammar::ModeId mode) {
  return mode >= kGlobalConfig;
}

}  // namespace cmemu::runtime
