// The voice gateway modes in IOS rendering order (docs/commands.md §3.1, §3.2, §3.9, §3.10):
// voice service voip with its sip, h323, stun and trusted-list sub-modes, voice service pots,
// sip-ua, dial-peer voice, voice-port, voice translation-rule and -profile, voice class codec /
// h323 / sip / uri, dspfarm profile, presence, application, call-manager-fallback; and the checked
// top-level families. Source: the Cisco IOS Voice Command Reference (VCR) and the CME Command
// Reference (CR); the order where they are silent follows published configurations.
#include "runtime/config/grammar_tables.hpp"

namespace cmemu::runtime {
namespace {

#define CMEMU_DSCP                                                                          \
  "{<0-63> | af11 | af12 | af13 | af21 | af22 | af23 | af31 | af32 | af33 | af41 | af42 | " \
  "af43 | cs1 | cs2 | cs3 | cs4 | cs5 | cs6 | cs7 | default | ef}"
#define CMEMU_CODECS                                                                         \
  "{aacld | clear-channel | g711alaw | g711ulaw | g722-48 | g722-56 | g722-64 | g723ar53 | " \
  "g723ar63 | g723r53 | g723r63 | g726r16 | g726r24 | g726r32 | g728 | g729br8 | g729r8 | "  \
  "gsmamr-nb | gsmefr | gsmfr | ilbc | isac | mp4a-latm | opus | transparent}"
// The codecs a DSP farm profile offers (its own names: g729ar8 is G.729 Annex A).
#define CMEMU_DSPFARM_CODECS                                                                   \
  "{g711alaw | g711ulaw | g722-64 | g729abr8 | g729ar8 | g729br8 | g729r8 | gsmefr | gsmfr | " \
  "ilbc | isac | opus | pass-through}"
#define CMEMU_DTMF \
  "{cisco-rtp | h245-alphanumeric | h245-signal | rtp-nte | sip-info | sip-kpml | sip-notify}"
#define CMEMU_FAX_T38                                                                          \
  "t38 [nse [force]] [version {0 | 3}] [ls-redundancy <0-5> [hs-redundancy <0-2>]] [fallback " \
  "{cisco | none | pass-through {g711alaw | g711ulaw}}]"
#define CMEMU_FAX_PROTOCOL \
  "fax protocol {" CMEMU_FAX_T38 " | cisco | none | pass-through {g711alaw | g711ulaw} | system}"

// voice service voip (VCR). The modelled commands are docs/commands.md §3.1; `sip` is last.
constexpr ChildSpec kVoiceServiceOrder[] = {
    on("ip address trusted authenticate", "Authenticate the calls' addresses"),
    opens("ip address trusted list", "List of trusted addresses", kIpTrustList),
    {"address-hiding", "Hide the addresses of the signalling and media peers"},
    {"mode border-element [license capacity <1-100000>]", "Mode of the voice service"},
    {"media statistics", "Media settings"},
    {"media bulk-stats", ""},
    {"media disable-detailed-stats", ""},
    {"media anti-trombone", ""},
    {"media flow-around", ""},
    {"media flow-through", ""},
    {"notify redirect ip2ip", "Application notification on redirect"},
    {"notify redirect ip2pots", ""},
    {"allow-connections h323 to h323", "Allow call connection types"},
    {"allow-connections h323 to sip", ""},
    {"allow-connections sip to h323", ""},
    modelled("allow-connections sip to sip"),
    {"supplementary-service h450.2", "Config supplementary service features"},
    {"supplementary-service h450.3", ""},
    {"supplementary-service h450.12 [advertise-only]", ""},
    modelled("supplementary-service sip moved-temporarily"),
    modelled("supplementary-service sip refer"),
    {"supplementary-service media-renegotiate", ""},
    {"redirect ip2ip", "Redirect calls from IP to IP"},
    {CMEMU_FAX_PROTOCOL, "Fax protocol"},
    {"fax-relay ans-disable", "Fax relay"},
    {"fax-relay sg3-to-g3 [system]", ""},
    {"modem passthrough {nse | system} [payload-type <96-119>] codec {g711alaw | g711ulaw} "
     "[redundancy [maximum-sessions <1-100>]]",
     "Modem pass-through"},
    {"modem relay nse codec {g711alaw | g711ulaw} [gw-controlled]", ""},
    {"rtp-port range <2000-65535> <2000-65535>", "RTP port range"},
    {"dtmf-interworking {rtp-nte | standard | system}", "DTMF interworking"},
    {"signaling forward {conditional | none | unconditional}", "Signalling forwarding"},
    {"srtp [fallback | pass-thru]", "Secure RTP"},
    {"rtcp all-pass-through", "RTCP"},
    {"rtcp keepalive", ""},
    {"qsig decode", "QSIG"},
    {"trace", "Voice call tracing"},
    {"emergency response callback", ""},
    modelled("callmonitor"),
    modelled("gcid"),
    modelled("cti shutdown"),
    modelled("cti csta mode basic"),
    modelled("cti message device-id suppress-conversion"),
    {"shutdown [forced]", "Shut down the VoIP service"},
    opens("stun", "STUN configuration", kVoiceServiceStun),
    opens("h323", "H323 configuration commands", kVoiceServiceH323),
    modelled("sip"),
};

constexpr ChildSpec kIpTrustListOrder[] = {
    every("ipv4 A.B.C.D [A.B.C.D]", "A trusted IPv4 address or network"),
    every("ipv6 WORD", "A trusted IPv6 address or network"),
};

constexpr ChildSpec kVoiceServiceStunOrder[] = {
    {"stun flowdata agent-id <0-255> [boot-count <0-65535>]", "STUN flow data"},
    {"stun flowdata shared-secret <0-7> WORD", ""},
    {"stun flowdata catlife <10-180> keepalive <10-30>", ""},
    {"stun flowdata keepalive <10-30>", ""},
};

constexpr ChildSpec kVoiceServiceH323Order[] = {
    {"call start {fast | interwork | slow | system}", "Call start mode"},
    {"call preserve [limit-media-detection]", ""},
    {"h225 timeout setup <1-30>", "H.225 settings"},
    {"h225 timeout tcp establish <0-30>", ""},
    {"h225 timeout tcp call-idle {value <0-1440> | never}", ""},
    {"h225 id-passthru", ""},
    {"h225 signal overlap", ""},
    {"h245 passthru {tcsnonstd-passthru | all}", "H.245 settings"},
    {"h245 tunnel disable", ""},
    {"emptycapability", ""},
    {"ras timeout {all | arq | brq | drq | grq | irr | rai | rrq} <1-45>", ""},
    {"session transport {tcp | udp}", ""},
    {"telephony-service ccm-compatible", ""},
    {"hold {inactivity | nonstd-passthru}", ""},
};

// sip under voice service voip (VCR). registrar server is modelled (docs/commands.md §3.2).
constexpr ChildSpec kVoiceServiceSipOrder[] = {
    {"bind control source-interface WORD$ifname", "Bind the SIP signalling and media"},
    {"bind media source-interface WORD$ifname", ""},
    {"bind all source-interface WORD$ifname", ""},
    {"session transport {tcp [tls] | udp}", "Session transport"},
    {"url {sip | sips | tel}", "URL form of the calls"},
    {"early-offer forced", "Early offer"},
    {"header-passing", ""},
    {"error-passthru", ""},
    {"listen-port {secure | non-secure} <1-65535>", ""},
    {"midcall-signaling {block | passthru [media-change] | preserve-codec}", ""},
    {"asserted-id {pai | ppi}", ""},
    {"privacy {pstn | privacy-option}", ""},
    {"privacy-policy {passthru | strip {diversion | history-info}}", ""},
    every("rel1xx {disable | require WORD | supported WORD}", ""),
    {"min-se <90-86400> [session-expires <90-86400>]", "Minimum session expiry"},
    {"outbound-proxy WORD$sipaddr", ""},
    {"sip-profiles <1-10000> [inbound]", ""},
    {"transport {tcp | tcp-tls | udp} [tls v1.2]", ""},
    {"g729 annexb-all", ""},
    {"pass-thru {content {sdp | unsupp} | headers {list <1-10000> | unsupp}}", ""},
    {"localhost dns:WORD", ""},
    {"options-ping <60-1200>", ""},
    {"call-route {dest-route-string | history-info | p-called-party-id | url}", ""},
    {"silent-discard untrusted", ""},
    {"conn-reuse", ""},
    {"connection-reuse", ""},
    {"remote-party-id", ""},
    {"update-callerid", ""},
    {"srtp negotiate {cisco | rfc}", ""},
    {"anat", ""},
    {"audio forced", ""},
    {"trust-domain", ""},
    modelled("registrar server"),
};

constexpr ChildSpec kVoiceServicePotsOrder[] = {
    {"supplementary-service qsig call-forward", "Supplementary services"},
    {"fax protocol {cisco | none | system}", "Fax protocol"},
    {"modem passthrough {nse | system} codec {g711alaw | g711ulaw}", "Modem pass-through"},
    {"shutdown [forced]", "Shut down the POTS service"},
};

// sip-ua (VCR), in the order IOS prints it.
constexpr ChildSpec kSipUaOrder[] = {
    every("credentials {number WORD username WORD | username WORD} password [<0-7>] WORD realm "
          "WORD",
          "Credentials of registrations"),
    every("authentication username WORD password [<0-7>] WORD [realm WORD]",
          "Digest authentication"),
    on("remote-party-id", "Remote-Party-ID header"),
    {"handle-replaces", ""},
    {"reason-header override", ""},
    keyed("retry {bye | cancel | comet | info | invite | keepalive | notify | options | prack | "
          "refer | register | rel1xx | reliable-1xx | response | subscribe | update} <1-10>",
          "Retries of SIP messages", 1),
    keyed("timers {buffer-invite | comet | connect | disconnect | expires | hold | info | notify "
          "| prack | refer | register | rel1xx | trying} <1-900000>",
          "SIP timers", 1),
    {"timers dns registrar-cache ttl", ""},
    every("set pstn-cause <1-127> sip-status <400-699>", "Cause mapping"),
    every("set sip-status <400-699> pstn-cause <1-127>", ""),
    every("mwi-server WORD$sipaddr [expires <1-999999>] [port <1-65535>] [transport {tcp | udp}] "
          "[unsolicited]",
          "SIP server for message waiting"),
    every("registrar [<1-6>] WORD$sipaddr [expires <60-65535>] [tcp [tls] | udp] [scheme {sip | "
          "sips}] [auth-realm WORD] [secondary]",
          "SIP registrar"),
    {"registration spike <1-10000>", ""},
    {"sip-server WORD$sipaddr", "Default SIP server"},
    {"outbound-proxy WORD$sipaddr", ""},
    {"keepalive target WORD$sipaddr", ""},
    {"presence enable", "Presence"},
    {"nat symmetric role {active | passive}", ""},
    every("permit hostname dns:WORD", ""),
    {"xfer target {dial-peer | refer-to}", ""},
    {"calling-info pstn-to-sip from name set LINE", ""},
    {"disable-early-media 180", ""},
    {"max-forwards <1-70>", ""},
    {"privacy {pstn | privacy-option}", ""},
    {"notify telephone-event max-duration <500-3000>", ""},
    {"connection-reuse", ""},
    {"protocol mode {ipv4 | ipv6 | dual-stack [preference {ipv4 | ipv6}]}", "Protocol mode"},
    {"transport {tcp [tls [v1.2]] | udp}", "SIP transport"},
    {"g729 annexb-all", ""},
    {"bind {control | media} source-interface WORD$ifname", ""},
    {"secure-signaling", ""},
    every(
        "crypto signaling {default | remote-addr A.B.C.D A.B.C.D} trustpoint WORD [cn-san-validate "
        "server] [client-vtp WORD] [strict-cipher]",
        "TLS signalling"),
};

// dial-peer voice (VCR), in the order IOS prints it.
constexpr ChildSpec kDialPeerOrder[] = {
    {"description LINE", "Dial-peer specific description"},
    {"shutdown", "Change the Admin State of this dial-peer to down"},
    {"preference <0-10>", "Preference order of this dial-peer"},
    {"huntstop", "Stop hunting on dial-peers"},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"translate-outgoing called <1-2147483647>", ""},
    {"translate-outgoing calling <1-2147483647>", ""},
    {"destination-pattern WORD$dial", "A full E.164 telephone number prefix"},
    {"answer-address WORD$dial", "The call's originating E.164 number"},
    {"lpcor incoming WORD", "Logical partitioning class of restriction"},
    {"lpcor outgoing WORD", ""},
    {"corlist incoming WORD", "Class of restriction"},
    {"corlist outgoing WORD", ""},
    {"numbering-type {abbreviated | international | national | network | reserved | "
     "subscriber | unknown}",
     ""},
    {"session protocol {aal2-trunk | cisco | multicast | sipv2}", "The session protocol"},
    {"session target WORD$sipaddr", "The session target"},
    {"session transport {system | tcp [tls] | udp}", "The session transport"},
    {"session server-group <1-1000>", ""},
    {"destination e164-pattern-map <1-10000>", "Destination of the calls"},
    {"destination dpg <1-10000>", ""},
    {"destination uri WORD", ""},
    {"incoming called-number WORD$dial", "Incoming called number"},
    {"incoming uri from WORD", "Incoming URI"},
    {"incoming uri request WORD", ""},
    {"incoming uri to WORD", ""},
    {"incoming uri via WORD", ""},
    {"tech-prefix WORD", ""},
    {"trunkgroup WORD [<1-64>]", ""},
    {"max-conn <1-2147483647>", "Maximum connections"},
    {"max-redirects <1-10>", ""},
    {"application WORD", "The application of the dial-peer"},
    {"service WORD [out-bound]", ""},
    {"voice-class codec <1-10000> [offer-all]", "Codec class"},
    {"voice-class h323 <1-10000>", ""},
    {"voice-class sip outbound-proxy WORD$sipaddr", "SIP settings of the dial-peer"},
    {"voice-class sip srtp negotiate {cisco | rfc}", ""},
    {"voice-class sip url {sip | sips | system | tel}", ""},
    {"voice-class sip bind {control | media} source-interface WORD$ifname", ""},
    {"voice-class sip rel1xx {disable | require WORD | supported WORD}", ""},
    {"voice-class sip early-offer forced", ""},
    {"voice-class sip asserted-id {pai | ppi}", ""},
    {"voice-class sip privacy-policy {passthru | strip {diversion | history-info}}", ""},
    {"voice-class sip profiles <1-10000> [inbound]", ""},
    {"voice-class sip tenant <1-10000>", ""},
    {"voice-class sip srtp-crypto <1-10000>", ""},
    {"voice-class sip options-keepalive [up-interval <5-1200>] [down-interval <5-1200>] "
     "[retry <1-10>] [profile <1-10000>]",
     ""},
    {"voice-class sip transport switch udp tcp", ""},
    {"voice-class sip call-route {dest-route-string | history-info | p-called-party-id | url}", ""},
    {"voice-class stun-usage <1-10000>", "STUN usage class"},
    // The first method as a keyword (for `?`), any further ones checked as words.
    {"dtmf-relay " CMEMU_DTMF " [LINE$dtmf]", "Transport digits in the compressed voice stream"},
    {"srtp [fallback | pass-thru]", "Secure RTP"},
    {"fax-relay ecm disable", "Fax relay"},
    {"fax-relay sg3-to-g3 [system]", ""},
    {"fax-relay ans-disable", ""},
    {"fax rate {1200 | 2400 | 4800 | 7200 | 9600 | 12000 | 14400 | disable | system | voice} "
     "[bytes <20-48>]",
     "Fax transmission rate"},
    {CMEMU_FAX_PROTOCOL, "Fax protocol"},
    {"modem passthrough {nse | system} [payload-type <96-119>] codec {g711alaw | g711ulaw}", ""},
    {"clid strip [name | pi-restrict [all]]", "Calling line ID"},
    {"clid network-number WORD [second-number strip]", ""},
    {"clid restrict", ""},
    {"clid substitute name", ""},
    {"information-type {fax | voice}", ""},
    {"supplementary-service h450.2", "Supplementary services"},
    {"supplementary-service h450.3", ""},
    {"supplementary-service sip moved-temporarily", ""},
    {"supplementary-service sip refer", ""},
    {"media {anti-trombone | flow-around | flow-through}", ""},
    {"b2bua", ""},
    {"emergency response zone WORD", "Emergency response"},
    {"emergency response callback", ""},
    {"direct-inward-dial", "Direct Inward Dial"},
    {"port WORD$vport", "The voice port of this dial-peer"},
    {"forward-digits {<0-32> | all | extra}", "Digits forwarded to the port"},
    on("digit-strip", "Strip the matched digits"),
    {"prefix WORD", "Digits sent before the number"},
    {"codec " CMEMU_CODECS " [bytes <10-240>]", "The codec of this dial-peer"},
    every("ip qos dscp " CMEMU_DSCP " {media | signaling | video}", "IP quality of service"),
    {"playout-delay {maximum | minimum | nominal} <0-1500>", ""},
    {"progress_ind {alert | connect | disconnect | progress | setup} {enable | strip} [<0-127>]",
     ""},
    {"rtp payload-type {cisco-codec-fax-ind | cisco-fax-relay | nse | nte} <96-127>", ""},
    {"signaling forward {conditional | none | unconditional}", ""},
    on("vad [aggressive]", "Voice activity detection"),
};

// voice-port (VCR), in the order IOS prints it.
constexpr ChildSpec kVoicePortOrder[] = {
    {"description LINE", "Description of the voice port"},
    {"trunk-group WORD [<1-64>]", ""},
    {"lpcor incoming WORD", "Logical partitioning class of restriction"},
    {"lpcor outgoing WORD", ""},
    {"supervisory disconnect [anytone | dualtone {mid-call | pre-connect}]", "Supervisory"},
    {"supervisory answer dualtone", ""},
    {"signal {ground-start | loop-start | wink-start | immediate | delay-dial | lmr}",
     "Signalling type"},
    {"input gain <-60-14>", "Input gain"},
    {"output attenuation <-6-14>", "Output attenuation"},
    {"echo-cancel enable [type {hardware | software}]", "Echo cancellation"},
    {"echo-cancel coverage {8 | 16 | 24 | 32 | 48 | 64 | 128}", ""},
    on("non-linear", "Non-linear processing"),
    {"compand-type {a-law | u-law}", ""},
    {"cptone WORD", "Call progress tones of a country"},
    {"timeouts initial <0-120>", "Timeouts"},
    {"timeouts interdigit <0-120>", ""},
    {"timeouts ringing {<5-60000> | infinity}", ""},
    {"timeouts call-disconnect <0-120>", ""},
    {"timeouts wait-release {<3-3600> | infinity}", ""},
    {"timing hookflash-in <0-1550> [<0-1550>]", "Timing"},
    {"timing hookflash-out <50-1550>", ""},
    {"timing sup-disconnect <50-1500>", ""},
    {"timing guard-out <300-3000>", ""},
    {"impedance {600c | 600r | 900c | 900r | complex1 | complex2 | complex3 | complex4 | "
     "complex5 | complex6}",
     ""},
    {"ring cadence {pattern01 | pattern02 | pattern03 | pattern04 | pattern05 | pattern06 | "
     "pattern07 | pattern08 | pattern09 | pattern10 | pattern11 | pattern12 | define LINE}",
     "Ringing"},
    {"ring frequency {20 | 25 | 50}", ""},
    {"ring number <1-10>", ""},
    {"dial-type {dtmf | mf | pulse}", ""},
    {"connection {plar | plar-opx | tie-line | trunk} WORD$dial", "Connection mode"},
    {"station-id name LINE", "Station name of the port"},
    {"station-id number WORD$ext", ""},
    {"caller-id enable [type {1 | 2}]", "Caller ID"},
    {"caller-id alerting {line-reversal | pre-ring | ring <1-2>}", ""},
    {"music-threshold <-70--30>", ""},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"battery-reversal [answer]", ""},
    {"bearer-cap {3100hz | speech}", ""},
    {"busyout monitor [serial | ethernet] LINE", ""},
    {"disconnect-ack", ""},
    {"ren <1-5>", ""},
    {"playout-delay {maximum | minimum | nominal} <0-1500>", ""},
    {"auto-cut-through", ""},
    {"loop-length {long | short}", ""},
    {"pre-dial-delay <0-10>", ""},
    {"vad-time <250-65536>", ""},
    {"comfort-noise", ""},
    {"shutdown", "Take the voice port down"},
};

constexpr ChildSpec kTranslationRuleOrder[] = {
    keyed("rule <1-100> {WORD$regex WORD$regex | reject WORD$regex} [type WORD$numtype "
          "WORD$numtype] [plan WORD$numplan WORD$numplan]",
          "Translation rule", 1),
};

constexpr ChildSpec kTranslationProfileOrder[] = {
    {"translate called <1-2147483647>", "Translation rules of the profile"},
    {"translate calling <1-2147483647>", ""},
    {"translate redirect-called <1-2147483647>", ""},
    {"translate redirect-called-number <1-2147483647>", ""},
    {"translate redirect-target <1-2147483647>", ""},
};

constexpr ChildSpec kVoiceClassCodecOrder[] = {
    {"description LINE", "Description of the codec class"},
    keyed("codec preference <1-14> " CMEMU_CODECS " [bytes <10-240>]", "Codec preferences", 1),
    keyed("video codec {h263 | h263+ | h264} [profile <0-255>]", "Video codecs", 1),
};

constexpr ChildSpec kVoiceClassH323Order[] = {
    {"call start {fast | interwork | slow | system}", "Call start mode"},
    {"call preserve [limit-media-detection]", ""},
    {"h225 timeout setup <1-30>", "H.225 settings"},
    {"h225 timeout tcp establish <0-30>", ""},
    {"h225 timeout tcp call-idle {value <0-1440> | never}", ""},
    {"h225 id-passthru", ""},
    {"h245 tunnel disable", "H.245 settings"},
    {"session transport {tcp | udp}", ""},
    {"telephony-service ccm-compatible", ""},
};

constexpr ChildSpec kVoiceClassSipOrder[] = {
    {"bind {control | media} source-interface WORD$ifname", "Bind the SIP signalling and media"},
    {"early-offer forced", ""},
    {"rel1xx {disable | require WORD | supported WORD}", ""},
    {"url {sip | sips | tel}", ""},
    {"asserted-id {pai | ppi}", ""},
    {"outbound-proxy WORD$sipaddr", ""},
    {"transport switch udp tcp", ""},
};

constexpr ChildSpec kVoiceClassUriOrder[] = {
    {"pattern WORD", "A regular expression the URI matches"},
    {"host WORD", "The host part of the URI"},
    {"user-id WORD", "The user part of the URI"},
    {"phone number WORD", "The phone number of a tel URI"},
    {"phone context WORD", ""},
};

constexpr ChildSpec kDspfarmProfileOrder[] = {
    {"description LINE", "Description of the profile"},
    every("codec " CMEMU_DSPFARM_CODECS, "Codecs of the profile"),
    {"maximum sessions [hardware | software] <1-256>", "Maximum sessions"},
    {"maximum conference-participants <3-32>", ""},
    {"conference-join custom-cptone WORD", ""},
    {"conference-leave custom-cptone WORD", ""},
    {"stun firewall-traversal flowdata", ""},
    {"associate application {CUBE | SCCP}", "The application using the profile"},
    {"shutdown", "Take the profile down"},
};

constexpr ChildSpec kPresenceOrder[] = {
    {"allow subscribe", "Allow presence subscriptions"},
    {"server A.B.C.D", "Presence server"},
    {"max-subscription <0-1000>", "Maximum watch sessions"},
    {"sccp blf-speed-dial limit <1-100>", ""},
    {"watcher all", ""},
    {"presence call-list", ""},
};

constexpr ChildSpec kApplicationOrder[] = {
    opens("service WORD WORD", "Define a service", kAppService, 1),
    opens("package WORD", "Configure a package", kAppPackage, 1),
    {"global", ""},
};

constexpr ChildSpec kAppServiceOrder[] = {
    {"description LINE", "Description of the service"},
    every("paramspace WORD {index <0-999> | language WORD | location WORD | prefix WORD}",
          "Parameter space"),
    keyed("param WORD WORD", "A parameter of the service", 1),
};

constexpr ChildSpec kAppPackageOrder[] = {
    keyed("param WORD WORD", "A parameter of the package", 1),
    every("paramspace WORD {index <0-999> | language WORD | location WORD | prefix WORD}", ""),
};

// call-manager-fallback (CR), in the order IOS prints it.
constexpr ChildSpec kCallManagerFallbackOrder[] = {
    {"ip source-address A.B.C.D [port <2000-9999>] [any-match | strict-match]",
     "Address the phones register to"},
    {"max-ephones <1-5000>", "Maximum number of ephones"},
    {"max-dn <1-10000> [dual-line | octo-line] [preference <0-10>]",
     "Maximum number of directory numbers"},
    {"limit-dn {7910 | 7935 | 7940 | 7960} <1-6>", ""},
    {"keepalive <10-65535>", ""},
    {"max-conferences <1-64> [gain {-6 | 0 | 6}]", "Maximum number of conferences"},
    keyed("dialplan-pattern <1-5> WORD$dial extension-length <1-32> [extension-pattern "
          "WORD$dial] [no-reg]",
          "Dial plan pattern", 1),
    keyed("alias <1-50> WORD$dial to WORD$ext [preference <0-10>] [cfw WORD$ext timeout "
          "<3-60000>]",
          "Alias numbers", 1),
    {"secondary-dialtone WORD$dial", "Second dial tone after this prefix"},
    every("transfer-pattern WORD$dial", "Transfer to these numbers"),
    {"transfer-system {blind | full-blind | full-consult [dss] | local-consult}", ""},
    {"call-forward busy WORD$ext", "Call forwarding"},
    {"call-forward noan WORD$ext timeout <3-60000>", ""},
    {"call-forward pattern WORD$dial", ""},
    {"moh WORD", "Music on hold file"},
    {"multicast moh A.B.C.D port <2000-65535> [route A.B.C.D [A.B.C.D [A.B.C.D [A.B.C.D]]]]", ""},
    {"system message [primary | secondary] LINE", "Message shown on the idle phones"},
    {"timeouts busy <0-30>", "Timeouts"},
    {"timeouts interdigit <2-120>", ""},
    {"timeouts ringing <5-60000>", ""},
    {"voicemail WORD$ext", "Voice-mail pilot number"},
    {"default-destination WORD$ext", ""},
    {"pickup WORD$ext", ""},
    {"huntstop", ""},
    {"cor incoming WORD [<1-10000>]", "Class of restriction"},
    {"cor outgoing WORD [<1-10000>]", ""},
    {"translate called <1-2147483647>", "Number translation"},
    {"translate calling <1-2147483647>", ""},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"user-locale WORD", ""},
    {"network-locale WORD", ""},
    {"date-format {dd-mm-yy | mm-dd-yy | yy-dd-mm | yy-mm-dd}", ""},
    {"time-format {12 | 24}", ""},
    {"url {directories | idle | information | services} WORD", ""},
    {"video", ""},
};

#undef CMEMU_DSCP
#undef CMEMU_CODECS
#undef CMEMU_DSPFARM_CODECS
#undef CMEMU_DTMF
#undef CMEMU_FAX_T38
#undef CMEMU_FAX_PROTOCOL

// The checked top-level families (docs/commands.md §3.10), in rendering order.
constexpr FamilySpec kFamilies[] = {
    {"voice service pots", "Global voice services for POTS", kVoiceServicePots,
     ConfigRow::kVoiceServicePots, 0},
    {"voice class codec <1-10000>", "Voice class: codec preferences", kVoiceClassCodec,
     ConfigRow::kVoiceClasses},
    {"voice class h323 <1-10000>", "Voice class: H.323 settings", kVoiceClassH323,
     ConfigRow::kVoiceClasses},
    {"voice class sip <1-10000>", "Voice class: SIP settings", kVoiceClassSip,
     ConfigRow::kVoiceClasses},
    {"voice class uri WORD {sip | tel}", "Voice class: URI match", kVoiceClassUri,
     ConfigRow::kVoiceClasses, 1, false},
    {"voice register dn <1-10000>", "SIP directory number", kVoiceRegisterDn,
     ConfigRow::kVoiceRegisterDns, 1, true, 2},
    {"voice register template <1-10>", "SIP phone template", kVoiceRegisterTemplate,
     ConfigRow::kVoiceRegisterPools, 1, true, 2},
    {"voice register pool <1-5000>", "SIP phone", kVoiceRegisterPool,
     ConfigRow::kVoiceRegisterPools, 1, true, 2},
    {"voice hunt-group <1-100> {longest-idle | parallel | peer | sequential}",
     "Hunt group of SIP and SCCP phones", kVoiceHuntGroup, ConfigRow::kVoiceHuntGroups},
    {"voice translation-rule <1-2147483647>", "Translation rule", kTranslationRule,
     ConfigRow::kVoiceTranslation},
    {"voice translation-profile WORD", "Translation profile", kTranslationProfile,
     ConfigRow::kVoiceTranslation, 1, false},
    {"application", "Define call applications", kApplication, ConfigRow::kApplication, 0},
    {"dspfarm profile <1-65535> {conference | mtp | transcode} [security | universal | video]",
     "DSP farm profile", kDspfarmProfile, ConfigRow::kDialPeers},
    {"dial-peer voice <1-2147483647> {mmoip | pots | voatm | vofr | voip}", "Voice dial-peer",
     kDialPeer, ConfigRow::kDialPeers, 1, false},
    {"presence", "Presence service", kPresence, ConfigRow::kPresence, 0},
    {"call-manager-fallback", "Cisco Unified SRST configuration", kCallManagerFallback,
     ConfigRow::kCallManagerFallback, 0},
    {"ephone-type WORD [addon]", "A phone model CME does not know", kEphoneType,
     ConfigRow::kEphoneTemplates, 1, false},
    {"ephone-template <1-20>", "Ephone template", kEphoneTemplate, ConfigRow::kEphoneTemplates, 1,
     true, 2, 2},
    {"ephone-hunt <1-100> {longest-idle | peer | sequential}", "Ephone hunt group", kEphoneHunt,
     ConfigRow::kEphoneHunts, 1, true, 1, 2},
};

}  // namespace

std::span<const ChildSpec> voip_children(grammar::ModeId mode) {
  switch (mode) {
    case kVoiceService:
      return kVoiceServiceOrder;
    case kIpTrustList:
      return kIpTrustListOrder;
    case kVoiceServiceStun:
      return kVoiceServiceStunOrder;
    case kVoiceServiceH323:
      return kVoiceServiceH323Order;
    case kVoiceServiceSip:
      return kVoiceServiceSipOrder;
    case kVoiceServicePots:
      return kVoiceServicePotsOrder;
    case kSipUa:
      return kSipUaOrder;
    case kDialPeer:
      return kDialPeerOrder;
    case kVoicePort:
      return kVoicePortOrder;
    case kTranslationRule:
      return kTranslationRuleOrder;
    case kTranslationProfile:
      return kTranslationProfileOrder;
    case kVoiceClassCodec:
      return kVoiceClassCodecOrder;
    case kVoiceClassH323:
      return kVoiceClassH323Order;
    case kVoiceClassSip:
      return kVoiceClassSipOrder;
    case kVoiceClassUri:
      return kVoiceClassUriOrder;
    case kDspfarmProfile:
      return kDspfarmProfileOrder;
    case kPresence:
      return kPresenceOrder;
    case kApplication:
      return kApplicationOrder;
    case kAppService:
      return kAppServiceOrder;
    case kAppPackage:
      return kAppPackageOrder;
    case kCallManagerFallback:
      return kCallManagerFallbackOrder;
    default:
      return {};
  }
}

std::span<const FamilySpec> family_specs() {
  return kFamilies;
}

std::span<const ChildSpec> mode_children(grammar::ModeId mode) {
  if (auto children = cme_children(mode); !children.empty()) return children;
  return voip_children(mode);
}

}  // namespace cmemu::runtime
