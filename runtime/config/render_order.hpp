#pragma once
// The rows of the rendered running-config, in the order IOS prints them (docs/commands.md §4).
// A top-level command names the row its lines render in; a kept block read after it is placed at
// that row (PlacedOpaqueBlock). The renderer prints the rows in this order, so a row added here
// moves every later one with it and no number is kept in step by hand.
#include <cstddef>

namespace cmemu::runtime {

enum class ConfigRow : unsigned char {
  kBodyStart,            // the first `!` of the body and the change comments
  kVersionService,       // version, service ...
  kHostname,             // hostname
  kBoot,                 // boot-start-marker, boot system ..., boot-end-marker
  kLoggingEnable,        // logging ..., enable secret/password
  kAaa,                  // aaa ...
  kIpSourceRoute,        // ip source-route
  kIpCefDomain,          // ip cef, ip domain ...
  kDhcp,                 // ip dhcp excluded-address, ip dhcp pool
  kIpv6Multilink,        // ipv6 cef, multilink bundle-name authenticated
  kVoiceService,         // voice service voip
  kVoiceServicePots,     // voice service pots
  kVoiceClasses,         // voice class codec / h323 / sip / uri
  kVoiceRegisterGlobal,  // voice register global (its `!` even when empty)
  kVoiceRegisterDns,     // voice register dn
  kVoiceRegisterPools,   // voice register template, then voice register pool
  kVoiceHuntGroups,      // voice hunt-group
  kSessionServers,       // voice register session-server
  kEmpty,                // an empty row: only its `!`
  kVoiceProfiles,        // voice logout-profile, then voice user-profile
  kVoiceTranslation,     // voice translation-rule, then voice translation-profile
  kApplication,          // application
  kVoiceCards,           // voice-card
  kUsernames,            // username ...
  kArchive,              // archive
  kIpSsh,                // ip ssh ...
  kInterfaces,           // interface
  kForwardingRoutes,     // ip forward-protocol nd, ip route ...
  kIpHttpServer,         // ip http server
  kIxiTransport,         // ixi transport http
  kIxiApplication,       // ixi application cme
  kControlPlane,         // control-plane
  kVoicePorts,           // voice-port
  kMgcpFax,              // mgcp fax t38 ecm
  kDialPeers,            // dspfarm profile, then dial-peer voice
  kPresence,             // presence
  kSipUa,                // sip-ua
  kCallManagerFallback,  // call-manager-fallback
  kTelephonyService,     // telephony-service
  kEphoneTemplates,      // ephone-type, then ephone-template
  kEphoneDns,            // ephone-dn-template, then ephone-dn
  kEphones,              // ephone
  kEphoneHunts,          // ephone-hunt
  kLines,                // line con 0, line aux 0, line vty ... (`end` follows)
};

inline constexpr std::size_t kConfigRowCount = static_cast<std::size_t>(ConfigRow::kLines) + 1;

/// Where a typed kept block goes: just before the `line` blocks (docs/commands.md §4).
inline constexpr ConfigRow kTypedOpaqueRow = ConfigRow::kEphoneHunts;

}  // namespace cmemu::runtime
