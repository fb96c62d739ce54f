#pragma once
// One-line text of an SCCP message and names of the docs/sccp.md §5 enumerations, for logs, the
// cmemu-phone transcript and tests. Pure functions: no I/O.
//
// Line format of describe(): the docs/sccp.md message name, then `field=value` pairs separated by
// one space, e.g. `CallState state=RingIn line=1 ref=16777217`: the fields each message's
// description (sccp/messages.hpp) gives a key, in its order. Enumerations print by name (a value
// without a name prints as its decimal number), numbers in decimal, IP addresses as dotted quads,
// strings in double quotes through quoted_text(). Fields without a key (reserved words, encryption
// blocks, statistics cmemu ignores) and unused template slots are left out. message_from_text()
// reads such a line back.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sccp/codec.hpp"
#include "sccp/messages.hpp"

namespace cmemu::sccp {

/// `Name field=value ...` (see the file comment).
std::string describe(const Message& message);
/// The message a describe() line shows: the fields the line has are set from it, the others are
/// zero, so describe() of the result is `line` again. `Unknown id=0x145 bytes=3` gives an
/// UnknownMessage with that many zero bytes (as many as kDefaultMaxLength allows). nullopt when the
/// line is not one describe() prints: an unknown name or key, a key twice, or a value out of range.
std::optional<Message> message_from_text(std::string_view line);

/// A string field as it prints: in double quotes; a localized label (byte 0x80 then the label
/// number, docs/sccp.md §5.1) as `<Label text>` when the number is known (`\x80\x20` -> `<Enter
/// number>`), else as the escape `\x80\xNN`; `"` and `\` escaped with a backslash; other bytes
/// outside printable ASCII as `\xNN`.
std::string quoted_text(std::string_view text);
/// The text of a quoted_text() string (a `<Label text>` of a known label back to 0x80 and its
/// number); nullopt if `quoted` is not one.
std::optional<std::string> unquoted_text(std::string_view quoted);
/// The text a phone would show: localized labels replaced by their text, followed by a space when
/// other text follows (`"\x80\x17" "201"` -> `From 201`); other bytes unchanged.
std::string display_text(std::string_view text);
/// The text of a localized label number (0x20 -> "Enter number"); "" if unknown.
std::string_view label_text(std::uint8_t label);

// Names of enumeration values, as docs/sccp.md §5 spells them ("RingIn", "InsideDialTone", "Blink",
// "VoiceMail", "Answer", "OffHook" ...); "" for a value without a name.
std::string_view call_state_name(CallState state);
std::string_view tone_name(Tone tone);
std::string_view lamp_mode_name(LampMode mode);
std::string_view stimulus_name(Stimulus stimulus);
std::string_view soft_key_event_name(SoftKeyEvent event);
std::string_view soft_key_set_name(SoftKeySet set);
std::string_view ring_mode_name(RingMode mode);
std::string_view codec_name(Codec codec);
std::string_view media_status_name(MediaStatus status);
std::string_view button_definition_name(ButtonDefinition definition);
std::string_view call_type_name(CallType type);

/// The call state named `name`, case-insensitive: the §5 names ("RingIn", "connected") and the
/// WS-only "Idle".
std::optional<CallState> call_state_from_name(std::string_view name);
/// The softkey event named `name`, case-insensitive ("Answer", "dnd"): the standard codes 1-18
/// and DND 63.
std::optional<SoftKeyEvent> soft_key_event_from_name(std::string_view name);
/// The lamp mode named `name`, case-insensitive ("off", "on", "wink", "flash", "blink").
std::optional<LampMode> lamp_mode_from_name(std::string_view name);
/// The tone named `name`, case-insensitive: the §5 names ("InsideDialTone", "AlertingTone") and
/// the short names dial, outsidedial, busy, alerting (ringback), reorder, callwaiting, hold,
/// confirmation, silence, zip, zipzip.
std::optional<Tone> tone_from_name(std::string_view name);

}  // namespace cmemu::sccp
