// The CME modes in IOS rendering order (docs/commands.md §3.3-§3.8, §3.11): telephony-service,
// ephone, ephone-dn and its template, ephone-template, ephone-hunt, ephone-type, voice register
// global / dn / pool / template / session-server, voice hunt-group, voice logout-profile and
// user-profile. Source: the Cisco Unified CME Command Reference (CR), one entry per command; the
// order where CR is silent follows published configurations (docs/commands.md §3).
#include "runtime/config/grammar_tables.hpp"

namespace cmemu::runtime {
namespace {

// Fragments shared by several commands (string literals joined by the preprocessor).
#define CMEMU_DSCP                                                                          \
  "{<0-63> | af11 | af12 | af13 | af21 | af22 | af23 | af31 | af32 | af33 | af41 | af42 | " \
  "af43 | cs1 | cs2 | cs3 | cs4 | cs5 | cs6 | cs7 | default | ef}"
#define CMEMU_DAYS "{Sun | Mon | Tue | Wed | Thu | Fri | Sat}"
#define CMEMU_MONTHS "{jan | feb | mar | apr | may | jun | jul | aug | sep | oct | nov | dec}"
#define CMEMU_LOCALES \
  "{AT | CA | CH | CN | DE | DK | ES | FR | GB | IN | IT | JP | NL | NO | PT | RU | SE | US}"
#define CMEMU_SIP_PHONES                                                                     \
  "{3905 | 3911 | 3951 | 6901 | 6911 | 6921 | 6941 | 6945 | 6961 | 7811 | 7821 | 7832 | "    \
  "7841 | 7861 | 7905 | 7906 | 7911 | 7912 | 7940 | 7941 | 7941GE | 7942 | 7945 | 7960 | "   \
  "7961 | 7961GE | 7962 | 7965 | 7970 | 7971 | 7975 | 8811 | 8821 | 8831 | 8841 | 8845 | "   \
  "8851 | 8851NR | 8861 | 8865 | 8865NR | 8941 | 8945 | 8961 | 9951 | 9971 | ATA | ATA-187 " \
  "| ATA-190 | ATA-191 | CIPC | DX650 | Jabber-Android | Jabber-CSF | Jabber-iPad | "        \
  "Jabber-iPhone | WebEx-SIP}"

constexpr ChildSpec kTelephonyServiceOrder[] = {
    keyed("sdspfarm units <0-5>", "Maximum number of DSP farms", 0),
    keyed("sdspfarm transcode sessions <1-128>", "", 0),
    keyed("sdspfarm tag <1-5> WORD", "", 1),
    keyed("sdspfarm conference mute-on WORD mute-off WORD", "", 0),
    {"video", "Enable video on the phones"},
    on("privacy", "Allow privacy on the phones"),
    {"privacy-on-hold", "Privacy for calls on hold"},
    {"conference {hardware | software}", "Conference resources"},
    {"conference transfer-pattern", ""},
    {"srst mode auto-provision {all | dn | none}", "SRST fallback mode of CME"},
    {"srst ephone template <1-20>", ""},
    {"srst ephone description LINE", ""},
    {"srst dn template <1-15>", ""},
    {"srst dn line-mode {dual | octo | single}", ""},
    modelled("em logout"),
    modelled("em external"),
    {"em keep-history", ""},
    on("auto-reg-ephone", "Register unknown phones"),
    keyed("load WORD$model WORD$file", "Phone firmware file per phone type", 1),
    every("load-cfg-file WORD alias WORD [sign] [create cnf]", "Load a configuration file"),
    modelled("max-ephones"),
    modelled("max-dn"),
    modelled("ip source-address"),
    every("ip qos dscp " CMEMU_DSCP " {media | service | signal | video}", ""),
    modelled("keepalive"),
    every("auto assign <1-10000> to <1-10000> [type WORD] [cfw WORD timeout <1-60000>]",
          "Assign DNs to phones that register"),
    {"auto-reg-ephone pool <1-10>", ""},
    keyed("service phone WORD WORD", "Phone services", 1),
    {"service dnis {dir-lookup | overlay name}", ""},
    {"service directed-pickup [gpickup]", ""},
    {"service dss", ""},
    {"service local-directory-lookup", ""},
    {"service setup-network-reg", ""},
    {"timeouts busy <0-30>", "Timeouts"},
    {"timeouts interdigit <2-120>", ""},
    {"timeouts ringing <5-60000>", ""},
    {"timeouts transfer-recall <0-3600>", ""},
    {"system message LINE", "Message shown on the idle phones"},
    modelled("url services"),
    {"url directories WORD", "Phone service URLs"},
    {"url idle WORD idle-timeout <0-10000>", ""},
    {"url information WORD", ""},
    {"url messages WORD", ""},
    {"url authentication WORD [WORD WORD]", ""},
    {"url proxy-server WORD", ""},
    modelled("cnf-file location"),
    modelled("cnf-file"),
    {"date-format {dd-mm-yy | mm-dd-yy | yy-dd-mm | yy-mm-dd}", "Date format on the phones"},
    {"time-format {12 | 24}", "Time format on the phones"},
    {"time-zone <1-53>", "Time zone of the phones"},
    keyed("network-locale <0-4> " CMEMU_LOCALES, "Network tones and cadences", 1),
    keyed("user-locale <0-4> " CMEMU_LOCALES " [load WORD]", "Language of the phones", 1),
    {"voicemail WORD$ext", "Voice-mail pilot number"},
    modelled("max-conferences"),
    {"max-redirect <5-20>", "Maximum redirects of a call"},
    {"call-forward pattern WORD$dial", "Call forwarding"},
    {"call-forward system redirecting-expanded", ""},
    {"call-park system {application | dedicated-slot | redirect}", "Call park"},
    {"hunt-group logout {DND | HLog}", "Hunt groups"},
    {"hunt-group report url WORD", ""},
    {"moh {WORD | enable-g711 WORD}", "Music on hold file"},
    {"moh-file-buffer <64-10000>", ""},
    {"multicast moh A.B.C.D port <2000-65535> [route A.B.C.D [A.B.C.D [A.B.C.D [A.B.C.D]]]]",
     "Multicast music on hold"},
    keyed("web admin {system | customer} name WORD [password WORD | secret <0-5> WORD]",
          "Web administration", 1),
    {"web customize load WORD", ""},
    {"dn-webedit", "Add directory numbers through the web"},
    {"time-webedit", "Set the time through the web"},
    modelled("transfer-system"),
    every("transfer-pattern WORD$dial [blind]", "Transfer to these numbers"),
    {"transfer-digit-collect {new-call | orig-call}", ""},
    {"secondary-dialtone WORD$dial", "Second dial tone after this prefix"},
    {"fac standard", "Feature access codes"},
    every("fac custom LINE", ""),
    {"directory {first-name-first | last-name-first}", "Local directory"},
    keyed("directory entry <1-250> WORD$ext name LINE", "", 1),
    keyed("dialplan-pattern <1-10> WORD$dial extension-length <1-32> [extension-pattern "
          "WORD$dial] [no-reg]",
          "Dial plan pattern", 1),
    {"caller-id block code WORD", "Caller ID"},
    {"calling-number initiator", "Calling number of transferred calls"},
    {"calling-number local [secondary]", ""},
    {"night-service bell", "Night service"},
    {"night-service code WORD", ""},
    every("night-service day " CMEMU_DAYS " H:MM H:MM", ""),
    every("night-service date " CMEMU_MONTHS " <1-31> H:MM H:MM", ""),
    {"night-service everyday H:MM H:MM", ""},
    {"night-service weekday H:MM H:MM", ""},
    {"night-service weekend H:MM H:MM", ""},
    keyed("after-hours block pattern <1-100> WORD$dial [7-24]", "After-hours call blocking", 1),
    every("after-hours day " CMEMU_DAYS " H:MM H:MM", ""),
    every("after-hours date " CMEMU_MONTHS " <1-31> H:MM H:MM", ""),
    {"after-hours override-code WORD", ""},
    keyed("after-hours pstn-prefix <1-4> WORD$dial", "", 1),
    {"mwi relay", "Message waiting indication"},
    {"mwi expires <600-99999>", ""},
    {"mwi prefix WORD", ""},
    {"mwi qsig", ""},
    {"mwi stutter", ""},
    {"mwi sip-server A.B.C.D [transport {tcp | udp}] [port <1-65535>]", ""},
    {"codec g722-64k", "Codec of the phones"},
    keyed("bulk-speed-dial list <1-10> WORD", "Bulk speed dial", 1),
    {"bulk-speed-dial prefix WORD", ""},
    {"application WORD", "Default application for the phones"},
    {"authentication credential WORD WORD", "Authentication of phone services"},
    {"tftp-path WORD", "Where the phones' files are"},
    {"device-security-mode {authenticated | encrypted | none}", "Security mode of the phones"},
    {"keep-conference [drop-last] [endcall] [local-only]",
     "Keep a conference when its creator hangs up"},
    {"phone-ui speeddial-fastdial", "Phone user interface"},
    {"phone-ui snr-feature", ""},
    {"fxo hook-flash", "FXO trunk lines"},
    {"live-record WORD$ext", "Live record number"},
    {"internal-call {privacy | no-caller-id}", ""},
    modelled("create cnf-files"),
};

constexpr ChildSpec kEphoneOrder[] = {
    {"provision-tag <1-4294967294>", "Provisioning tag of the phone"},
    {"lpcor type {local | remote}", "Logical partitioning class of restriction"},
    {"lpcor incoming WORD", ""},
    {"lpcor outgoing WORD", ""},
    {"voice-class stun-usage <1-10000>", "STUN usage class"},
    {"device-security-mode {authenticated | encrypted | none}", "Security mode of the phone"},
    on("multicast-moh", "Multicast music on hold"),
    {"username WORD [password WORD]", "Web login of the phone's user"},
    modelled("mac-address"),
    {"ephone-template <1-20>", "Apply an ephone template"},
    {"description LINE", "Description of the phone"},
    {"max-calls-per-button <1-8>", "Calls per line button"},
    {"busy-trigger-per-button <1-8>", "Busy after this many calls on a button"},
    keyed("speed-dial <1-33> WORD$ext [label LINE]", "Speed dial", 1),
    keyed("blf-speed-dial <1-33> WORD$ext [label LINE] [device]", "Busy lamp speed dial", 1),
    keyed("fastdial <1-99> WORD$ext [name LINE]", "Fast dial", 1),
    {"paging-dn <1-10000> [multicast | unicast]", "Paging directory number"},
    {"codec {g711ulaw | g722r64 | g729r8 | ilbc} [dspfarm-assist]", "Codec of the phone"},
    {"mtp", "Send media through the router"},
    modelled("type"),
    modelled("button"),
    {"after-hour exempt", "After-hours blocking"},
    {"auto-line [<1-42> [answer-incoming] | incoming]", "Line selected at off-hook"},
    {"dnd feature-ring", "Do not disturb"},
    {"keep-conference [drop-last] [endcall] [local-only]", ""},
    {"network-locale WORD", "Network locale"},
    {"user-locale WORD", "User locale"},
    {"pin WORD", "Personal identification number"},
    {"privacy {on | off}", "Privacy of the phone's calls"},
    {"privacy-button", ""},
    {"headset auto-answer line <1-42>", "Headset auto-answer"},
    {"nte-end-digit-delay <10-200>", "Delay of the end of a digit"},
    {"video", "Video on the phone"},
    {"vm-device-id WORD", "Voice-mail device ID"},
    {"presence call-list", "Presence"},
    keyed("feature-button <1-40> LINE", "Feature button", 1),
    {"conference add-mode [creator]", "Conference"},
    {"conference drop-mode [creator | local]", ""},
    {"conference admin", ""},
    {"emergency response location <1-65535>", "Emergency response location"},
    {"capf-auth-str WORD", "Certificate authority proxy string"},
    {"cert-oper {delete | install | upgrade} auth-mode {auth-string | LSC | MIC | null-str}", ""},
    {"transfer-max-length <3-16>", ""},
    {"transfer-park blocked", ""},
    {"transfer-pattern blocked", ""},
    {"mlpp indication", ""},
    {"phone-ui {speeddial-fastdial | snr-feature}", "Phone user interface"},
    modelled("logout-profile"),
};

// ephone-dn: CR `ephone-dn`. Order as published configurations print it.
constexpr ChildSpec kEphoneDnOrder[] = {
    modelled("number"),
    {"pickup-group WORD$ext", "Call pickup group"},
    {"session-server <1-8>", "Session server of the line (Unified CCX agent)"},
    modelled("label"),
    modelled("description"),
    modelled("name"),
    modelled("call-forward all"),
    {"call-forward busy WORD$ext [primary | secondary]", "Call forwarding"},
    {"call-forward noan WORD$ext timeout <3-60000> [primary | secondary]", ""},
    {"call-forward max-length <0-16>", ""},
    {"call-forward night-service WORD$ext", ""},
    modelled("ephone-dn-template"),
    {"allow watch", "Let phones watch this line"},
    {"application WORD", "Application for the line"},
    {"call-waiting {beep | ring} [accept | generate]", "Call waiting"},
    {"caller-id local", "Caller ID of local calls"},
    {"corlist incoming WORD", "Class of restriction"},
    {"corlist outgoing WORD", ""},
    {"lpcor type {local | remote}", "Logical partitioning class of restriction"},
    {"lpcor incoming WORD", ""},
    {"lpcor outgoing WORD", ""},
    {"feature-ring", "Feature ring"},
    {"hold-alert <15-300> {idle | originator | shared}", "Alert of a call left on hold"},
    {"intercom WORD$ext [barge-in | no-auto-answer | no-mute] [label LINE]", "Intercom"},
    {"loopback-dn <1-10000> [forward WORD$ext] [auto-con]", "Loopback directory number"},
    {"mailbox-selection [last-redirect-num]", "Mailbox of forwarded calls"},
    {"mobility", "Single number reach"},
    {"snr WORD$ext delay <0-30> timeout <5-60000> [cfwd-noan WORD$ext]", "Single number reach"},
    {"mwi {off | on | on-off | qsig | sip | unsolicited}", "Message waiting indication"},
    {"mwi-type {audio | both | visual}", ""},
    {"night-service bell", "Night service"},
    {"paging [ip A.B.C.D port <2000-65535>]", "Paging"},
    {"paging group WORD", ""},
    {"park-slot [reservation-group <1-10000>] [timeout <1-65535> limit <1-65535>] [notify "
     "WORD$ext [only]] [recall | transfer WORD$ext | alternate WORD$ext | retry <1-65535> "
     "limit <1-65535>]",
     "Park slot"},
    {"translate called <1-2147483647>", "Number translation"},
    {"translate calling <1-2147483647>", ""},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"trunk WORD$ext [timeout <3-30000>] [transfer-timeout <5-60000>] [monitor-port WORD]",
     "Trunk line"},
    {"transfer-mode {blind | consult}", "Transfer mode"},
    {"ring {feature | primary | secondary} [primary | secondary]", ""},
    {"conference {ad-hoc | meetme}", "Conference number"},
    {"preference <0-10> [secondary <0-10>]", "Dial-peer preference of the number"},
    on("huntstop [channel [<1-8>]]", "Stop hunting at this line"),
    {"video", "Video on the line"},
    {"moh WORD", "Music on hold"},
    {"digit collect kpml", ""},
    modelled("cti notify"),
    modelled("cti watch"),
};

// ephone-dn-template: CR `ephone-dn-template`, the DN commands a template may hold.
constexpr ChildSpec kEphoneDnTemplateOrder[] = {
    {"pickup-group WORD$ext", "Call pickup group"},
    {"label LINE", "Text shown on the phone for the line"},
    {"description LINE", "Description of the line"},
    {"name LINE", "Caller-ID name"},
    {"call-forward all WORD$ext", "Call forwarding"},
    {"call-forward busy WORD$ext [primary | secondary]", ""},
    {"call-forward noan WORD$ext timeout <3-60000> [primary | secondary]", ""},
    {"call-forward max-length <0-16>", ""},
    {"call-forward night-service WORD$ext", ""},
    {"call-waiting {beep | ring} [accept | generate]", "Call waiting"},
    {"caller-id local", "Caller ID of local calls"},
    {"corlist incoming WORD", "Class of restriction"},
    {"corlist outgoing WORD", ""},
    {"hold-alert <15-300> {idle | originator | shared}", "Alert of a call left on hold"},
    {"mailbox-selection [last-redirect-num]", "Mailbox of forwarded calls"},
    {"mwi {off | on | on-off | qsig | sip | unsolicited}", "Message waiting indication"},
    {"mwi-type {audio | both | visual}", ""},
    {"night-service bell", "Night service"},
    {"translate called <1-2147483647>", "Number translation"},
    {"translate calling <1-2147483647>", ""},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"transfer-mode {blind | consult}", "Transfer mode"},
    {"preference <0-10> [secondary <0-10>]", "Dial-peer preference of the number"},
    on("huntstop [channel [<1-8>]]", "Stop hunting at this line"),
    modelled("cti notify"),
    modelled("cti watch"),
};

// ephone-template: CR `ephone-template`; the softkey states in the order IOS prints them.
constexpr ChildSpec kEphoneTemplateOrder[] = {
    {"lpcor type {local | remote}", "Logical partitioning class of restriction"},
    {"lpcor incoming WORD", ""},
    {"lpcor outgoing WORD", ""},
    {"voice-class stun-usage <1-10000>", "STUN usage class"},
    {"device-security-mode {authenticated | encrypted | none}", "Security mode of the phones"},
    on("multicast-moh", "Multicast music on hold"),
    {"max-calls-per-button <1-8>", "Calls per line button"},
    {"busy-trigger-per-button <1-8>", "Busy after this many calls on a button"},
    {"codec {g711ulaw | g722r64 | g729r8 | ilbc} [dspfarm-assist]", "Codec of the phones"},
    {"mtp", "Send media through the router"},
    {"softkeys hold LINE$keylist", "Softkeys of a phone state"},
    {"softkeys idle LINE$keylist", ""},
    {"softkeys seized LINE$keylist", ""},
    {"softkeys alerting LINE$keylist", ""},
    {"softkeys connected LINE$keylist", ""},
    {"softkeys remote-in-use LINE$keylist", ""},
    {"softkeys ring-in LINE$keylist", ""},
    {"softkeys dnd LINE$keylist", ""},
    {"softkeys park LINE$keylist", ""},
    keyed("feature-button <1-40> LINE", "Feature button", 1),
    keyed("url-button <1-8> WORD [LINE]", "URL button", 1),
    {"after-hour exempt", "After-hours blocking"},
    {"keep-conference [drop-last] [endcall] [local-only]", "Keep a conference"},
    {"conference add-mode [creator]", "Conference"},
    {"conference drop-mode [creator | local]", ""},
    {"conference admin", ""},
    {"features blocked LINE", "Features blocked"},
    {"network-locale WORD", "Network locale"},
    {"user-locale WORD", "User locale"},
    {"night-service bell", "Night service"},
    {"privacy {on | off}", "Privacy of the phones' calls"},
    {"service phone WORD WORD", "Phone services"},
    {"transfer-max-length <3-16>", ""},
    {"transfer-park blocked", ""},
    {"transfer-pattern blocked", ""},
    {"video", "Video on the phones"},
    {"emergency response location <1-65535>", "Emergency response location"},
    {"phone-ui {speeddial-fastdial | snr-feature}", "Phone user interface"},
};

// ephone-hunt: CR `ephone-hunt` and its sub-commands.
constexpr ChildSpec kEphoneHuntOrder[] = {
    {"description LINE", "Description of the hunt group"},
    {"pilot WORD$ext [secondary WORD$ext]", "Pilot number of the hunt group"},
    {"list LINE$extlist", "Member numbers, separated by commas"},
    {"final WORD$ext", "Number the last member forwards to"},
    {"fwd-final {orig-phone | WORD$ext}", ""},
    {"preference <0-10> [secondary <0-10>]", "Dial-peer preference of the pilot"},
    {"hops <2-20>", "Members tried before the final number"},
    {"timeout LINE", "Seconds each member rings (comma separated)"},
    {"max-timeout <3-60000>", "Total time a call hunts"},
    {"no-reg [both | pilot]", "Do not register the pilot with the gatekeeper"},
    {"from-ring", "Members rung once per call"},
    {"auto logout [<1-100>] [dnd | hlog]", "Log out a member that does not answer"},
    {"present-call {any-phone | idle-phone | onhook-phone}", ""},
    {"display-logout LINE", "Text shown when every member is logged out"},
    {"emergency hunt-group WORD", ""},
    {"statistics collect", "Collect hunt-group statistics"},
};

// ephone-type: CR `ephone-type`, for phone models CME does not know.
constexpr ChildSpec kEphoneTypeOrder[] = {
    {"device-id <1-65535>", "Device ID of the phone model"},
    {"device-name LINE", "Name of the phone model"},
    {"device-type WORD", "Phone type the model behaves as"},
    {"num-buttons <1-100>", "Line buttons"},
    {"max-presentation <1-100>", "Call presentations"},
    {"addon", "The model is an add-on module"},
    {"utf8", "The model displays UTF-8"},
    {"security", "The model supports security"},
    {"phoneload", "The model takes a firmware load"},
    {"transport {tcp | udp}", ""},
};

constexpr ChildSpec kVoiceRegisterGlobalOrder[] = {
    modelled("mode"),
    modelled("source-address"),
    on("privacy", "Privacy on the SIP phones"),
    {"timeouts interdigit <2-120>", "Timeouts"},
    on("allow-hash-in-dn", "Allow # in directory numbers"),
    {"system message LINE", "Message shown on the idle phones"},
    {"max-dn <1-10000>", "Maximum number of SIP directory numbers"},
    {"max-pool <1-5000>", "Maximum number of SIP phones"},
    {"max-redirect <1-20>", ""},
    {"phone-redirect-limit <1-20>", ""},
    keyed("load WORD$model WORD$file", "Phone firmware file per phone type", 1),
    {"voicemail WORD$ext", "Voice-mail pilot number"},
    {"authenticate realm WORD", "Authentication"},
    {"authenticate register", ""},
    {"authenticate presence", ""},
    {"authenticate ood-refer", ""},
    {"authenticate all", ""},
    {"authenticate credential <1-5> WORD", ""},
    {"tftp-path WORD", "Where the phones' files are"},
    {"telnet level <0-4>", ""},
    {"timezone <1-53>", "Time zone of the phones"},
    {"date-format {d/m/y | m/d/y | y/d/m | y/m/d | y-d-m | y-m-d | yy-m-d}", ""},
    {"time-format {12 | 24}", ""},
    keyed("dialplan-pattern <1-5> WORD$dial extension-length <1-32> [extension-pattern "
          "WORD$dial] [no-reg] [demote]",
          "Dial plan pattern", 1),
    keyed("url {authentication | directory | idle | information | messages | proxy-server | "
          "service} WORD",
          "Phone service URLs", 1),
    {"external-ring {bellcore-dr1 | bellcore-dr2 | bellcore-dr3 | bellcore-dr4 | bellcore-dr5}",
     ""},
    {"hold-alert {idle | originator | shared | none}", ""},
    {"ntp-server A.B.C.D [mode {anycast | directedbroadcast | multicast | unicast}]", ""},
    {"dst auto-adjust", ""},
    {"dst start " CMEMU_MONTHS " day <1-31> time H:MM", ""},
    {"dst stop " CMEMU_MONTHS " day <1-31> time H:MM", ""},
    {"mwi stutter", ""},
    {"mwi reg-e164", ""},
    {"hunt-group logout {DND | HLog}", ""},
    {"logo WORD", ""},
    {"application WORD", ""},
    {"bulk WORD", ""},
    {"camera", ""},
    {"video", ""},
    {"forwarding local", ""},
    {"create profile [sync WORD]", "Create the phones' configuration files"},
    {"conference hardware", "Conference resources"},
    {"phone-mode phone-only", "Phones only, no session servers"},
};

constexpr ChildSpec kVoiceRegisterDnOrder[] = {
    {"number WORD$ext", "Extension number of this directory number"},
    {"pickup-group WORD$ext", "Call pickup group"},
    {"call-forward b2bua all WORD$ext", "Call forwarding"},
    {"call-forward b2bua busy WORD$ext", ""},
    {"call-forward b2bua mailbox WORD$ext", ""},
    {"call-forward b2bua noan WORD$ext timeout <3-60000>", ""},
    {"call-forward b2bua unreachable WORD$ext", ""},
    {"name LINE", "Caller-ID name"},
    {"label LINE", "Text shown on the phone for the line"},
    {"huntstop [channel <1-50>]", "Stop hunting at this line"},
    {"preference <0-10>", "Dial-peer preference of the number"},
    {"after-hour exempt", ""},
    {"allow watch", "Let phones watch this line"},
    {"auto-answer", ""},
    {"corlist incoming WORD", "Class of restriction"},
    {"corlist outgoing WORD", ""},
    {"lpcor type {local | remote}", "Logical partitioning class of restriction"},
    {"lpcor incoming WORD", ""},
    {"lpcor outgoing WORD", ""},
    {"intercom WORD$ext [barge-in | no-auto-answer] [label LINE]", "Intercom"},
    {"mailbox-selection [last-redirect-num]", ""},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"shared-line [max-calls <1-16>]", "A line shared by several phones"},
    {"refer target {call-transferee | current-call}", ""},
    {"application WORD", ""},
    {"park reservation-group WORD$ext", ""},
    {"mwi", "Message waiting indication"},
};

constexpr ChildSpec kVoiceRegisterPoolOrder[] = {
    {"lpcor type {local | remote}", "Logical partitioning class of restriction"},
    {"lpcor incoming WORD", ""},
    {"lpcor outgoing WORD", ""},
    {"busy-trigger-per-button <1-50>", "Busy after this many calls on a button"},
    {"park reservation-group WORD$ext", "Call park"},
    {"id {mac H.H.H | ip A.B.C.D mask A.B.C.D | network A.B.C.D mask A.B.C.D | device-id-name "
     "WORD}",
     "Identify the SIP phone"},
    {"type " CMEMU_SIP_PHONES, "Phone model"},
    keyed("number <1-10> dn <1-10000>", "Line buttons of the phone", 1),
    {"template <1-10>", "Apply a voice register template"},
    {"voice-class stun-usage <1-10000>", "STUN usage class"},
    {"dtmf-relay {rtp-nte | sip-kpml | sip-notify} [LINE$dtmf]", "DTMF relay methods"},
    {"voice-class codec <1-10000>", "Codec class"},
    {"username WORD password WORD", "SIP digest credentials of the phone"},
    {"codec {g711alaw | g711ulaw | g722-64 | g729r8 | ilbc}", "Codec of the phone"},
    {"description LINE", "Description of the phone"},
    {"preference <0-10>", "Dial-peer preference"},
    {"session-transport {tcp | udp}", "SIP transport"},
    {"dnd [dnd-feature-ring]", "Do not disturb"},
    {"dnd-control", ""},
    {"call-forward b2bua all WORD$ext", "Call forwarding"},
    {"call-forward b2bua busy WORD$ext", ""},
    {"call-forward b2bua noan WORD$ext timeout <3-60000>", ""},
    keyed("speed-dial <1-75> WORD$ext [label LINE]", "Speed dial", 1),
    keyed("blf-speed-dial <1-75> WORD$ext label LINE [device]", "Busy lamp speed dial", 1),
    {"paging-dn <1-10000>", "Paging directory number"},
    {"presence call-list", "Presence"},
    {"translation-profile incoming WORD", "Translation profile"},
    {"translation-profile outgoing WORD", ""},
    {"cor incoming WORD [<1-10000>]", "Class of restriction"},
    {"cor outgoing WORD [<1-10000>]", ""},
    {"application WORD", ""},
    on("call-waiting", "Call waiting"),
    {"camera", ""},
    {"video", ""},
    {"keep-conference", ""},
    {"digit collect kpml", ""},
    {"max-calls <1-50>", ""},
    {"mobility", ""},
    {"phone-redirect-limit <1-20>", ""},
    {"registration-timer max <1-600> min <1-600>", ""},
    {"emergency response location <1-65535>", "Emergency response location"},
    on("vad", "Voice activity detection"),
};

constexpr ChildSpec kVoiceRegisterTemplateOrder[] = {
    {"voice-class stun-usage <1-10000>", "STUN usage class"},
    {"softkeys idle LINE$sipkeylist", "Softkeys of a phone state"},
    {"softkeys ringIn LINE$sipkeylist", ""},
    {"softkeys connected LINE$sipkeylist", ""},
    {"softkeys hold LINE$sipkeylist", ""},
    {"softkeys seized LINE$sipkeylist", ""},
    {"softkeys alerting LINE$sipkeylist", ""},
    {"softkeys remote-in-use LINE$sipkeylist", ""},
    {"anonymous block", ""},
    {"caller-id block", ""},
    {"conference {add-mode | drop-mode} [creator]", ""},
    {"dnd-control", ""},
    {"forward {all | busy | noan} WORD$ext", ""},
    {"keep-conference", ""},
    {"privacy", ""},
    {"semi-attended enable", ""},
    {"session-transport {tcp | udp}", "SIP transport"},
    {"transfer-attended", ""},
    {"transfer-blind", ""},
    keyed("url {directory | idle | information | messages | service} WORD", "Phone service URLs",
          1),
    {"voicemail WORD$ext", ""},
};

constexpr ChildSpec kSessionServerOrder[] = {
    modelled("keepalive"),
    modelled("register-id"),
    modelled("cti-aware"),
};

// voice hunt-group: CR `voice hunt-group`; published configurations print the pilot last.
constexpr ChildSpec kVoiceHuntGroupOrder[] = {
    {"description LINE", "Description of the hunt group"},
    {"list LINE$extlist", "Member numbers, separated by commas"},
    {"final WORD$ext", "Number the last member forwards to"},
    {"preference <0-10> [secondary <0-10>]", "Dial-peer preference of the pilot"},
    {"hops <2-32>", "Members tried before the final number"},
    {"timeout <1-60000>", "Seconds each member rings"},
    {"max-timeout <3-60000>", ""},
    {"statistics collect", "Collect hunt-group statistics"},
    {"pilot WORD$ext [secondary WORD$ext]", "Pilot number of the hunt group"},
    {"name LINE", ""},
    {"fwd-final orig-phone", ""},
    {"voice-class sip asserted-id {pai | ppi}", ""},
};

constexpr ChildSpec kProfileOrder[] = {
    {"pin WORD", "Personal identification number"},
    modelled("user"),
    modelled("number"),
    keyed("speed-dial <1-33> WORD$ext [label LINE] [blf]", "Speed dial", 1),
    keyed("blf-speed-dial <1-33> WORD$ext [label LINE] [device]", "Busy lamp speed dial", 1),
    keyed("fastdial <1-99> WORD$ext [name LINE]", "Fast dial", 1),
    keyed("feature-button <1-40> LINE", "Feature button", 1),
    {"name LINE", "Name of the profile"},
};

#undef CMEMU_DSCP
#undef CMEMU_DAYS
#undef CMEMU_MONTHS
#undef CMEMU_LOCALES
#undef CMEMU_SIP_PHONES

}  // namespace

std::span<const ChildSpec> cme_children(grammar::ModeId mode) {
  switch (mode) {
    case kTelephonyService:
      return kTelephonyServiceOrder;
    case kEphone:
      return kEphoneOrder;
    case kEphoneDn:
      return kEphoneDnOrder;
    case kEphoneDnTemplate:
      return kEphoneDnTemplateOrder;
    case kEphoneTemplate:
      return kEphoneTemplateOrder;
    case kEphoneHunt:
      return kEphoneHuntOrder;
    case kEphoneType:
      return kEphoneTypeOrder;
    case kVoiceRegisterGlobal:
      return kVoiceRegisterGlobalOrder;
    case kVoiceRegisterDn:
      return kVoiceRegisterDnOrder;
    case kVoiceRegisterPool:
      return kVoiceRegisterPoolOrder;
    case kVoiceRegisterTemplate:
      return kVoiceRegisterTemplateOrder;
    case kSessionServer:
      return kSessionServerOrder;
    case kVoiceHuntGroup:
      return kVoiceHuntGroupOrder;
    case kLogoutProfile:
    case kUserProfile:
      return kProfileOrder;
    default:
      return {};
  }
}

}  // namespace cmemu::runtime
