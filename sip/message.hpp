#pragma once
// A parsed SIP message (RFC 3261 §7) as views into the receive buffer, and the typed header values
// parsed from it on demand. Nothing here copies the buffer: every std::string_view points into the
// bytes given to sip::parse() (or, for a folded header value, into storage the Message owns), so a
// Message is valid only while that buffer is alive and unchanged.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "grammar/text.hpp"

namespace cmemu::sip {

/// A temporary std::string. The parsers refuse one (deleted overloads), since what they return
/// would point into it.
template <typename T>
concept TemporaryString = std::same_as<std::remove_const_t<T>, std::string>;

/// One `name[=value]` parameter (URI, Via, name-addr, Session-Expires). `value` is empty for a bare
/// flag (`;lr`, `;rport`); a quoted value keeps its quotes.
struct Param {
  std::string_view name;
  std::string_view value;
};

/// The value of the first parameter called `name` (case-insensitive), "" for a flag; nullopt when
/// absent.
std::optional<std::string_view> find_param(const std::vector<Param>& params, std::string_view name);

enum class UriScheme { kSip, kSips, kTel };

/// A SIP, SIPS (RFC 3261 §19.1) or tel (RFC 3966) URI. Escapes (%XX) are kept as written.
struct Uri {
  UriScheme scheme = UriScheme::kSip;
  /// sip/sips: the user part ("" when there is none); tel: the telephone-subscriber number.
  std::string_view user;
  std::string_view password;
  /// sip/sips: hostname, IPv4 address or IPv6 reference (with its brackets); tel: "".
  std::string_view host;
  std::optional<std::uint16_t> port;
  /// `;name[=value]` in order (tel: `phone-context`, `ext`, ...).
  std::vector<Param> params;
  /// `?name=value&...` in order (sip/sips only, and only inside <> in a name-addr).
  std::vector<Param> headers;
  /// The whole URI as written.
  std::string_view text;

  std::optional<std::string_view> param(std::string_view name) const {
    return find_param(params, name);
  }
};

/// From, To, Contact, Refer-To, Route...: `"Display" <uri>;params` (name-addr) or `uri;params`
/// (addr-spec, where every `;param` belongs to the header, RFC 3261 §20.10).
struct NameAddr {
  /// Without its quotes; escapes (\") kept as written; "" when absent.
  std::string_view display_name;
  /// Whether the URI was written inside <>.
  bool angle_brackets = false;
  Uri uri;
  /// Header parameters after the address: tag, expires, q, ...
  std::vector<Param> params;
  std::string_view text;

  /// The `tag` parameter, "" when absent.
  std::string_view tag() const { return find_param(params, "tag").value_or(std::string_view{}); }
  std::optional<std::string_view> param(std::string_view name) const {
    return find_param(params, name);
  }
};

/// One via-parm: `SIP/2.0/UDP host:port;branch=...;received=...;rport`.
struct Via {
  std::string_view protocol_name;            // "SIP"
  std::string_view protocol_version;         // "2.0"
  std::string_view transport;                // "UDP", "TCP", "TLS", ... as written
  std::string_view host;                     // sent-by host (IPv6 with brackets)
  std::optional<std::uint16_t> port;         // sent-by port
  std::string_view branch;                   // "" when absent
  std::string_view received;                 // "" when absent
  bool rport = false;                        // an rport parameter is present (RFC 3581)
  std::optional<std::uint16_t> rport_value;  // rport=N
  /// Every parameter in order, the ones above included.
  std::vector<Param> params;
  std::string_view text;

  std::optional<std::string_view> param(std::string_view name) const {
    return find_param(params, name);
  }
};

struct CSeq {
  std::uint32_t number = 0;  // below 2**31 (RFC 3261 §8.1.1.5)
  std::string_view method;
};

enum class Refresher { kNone, kUac, kUas };

/// Session-Expires (RFC 4028 §4): `delta[;refresher=uac|uas][;other]`.
struct SessionExpires {
  std::uint32_t delta = 0;
  Refresher refresher = Refresher::kNone;
  std::vector<Param> params;  // every parameter, refresher included
};

/// One header field. Values never contain CR or LF.
struct Header {
  /// The canonical long name for a known header ("Call-ID" for `i`, `call-id`, `CALL-ID`), else
  /// the name as received.
  std::string_view name;
  /// Without leading and trailing whitespace. A folded value is unfolded (each line break and the
  /// whitespace around it become one SP) into storage the Message owns.
  std::string_view value;
  /// The name as received (`i`, `call-id`).
  std::string_view raw_name;
};

/// The canonical long name of a header name or compact form (case-insensitive); `name` itself when
/// unknown.
std::string_view canonical_header_name(std::string_view name);

/// Whether two tokens are equal ignoring ASCII case.
using text::iequals;

/// Calls `take(element)` for each element of a comma-separated header value, trimmed, ignoring
/// commas inside quoted strings (with \ escapes) and inside <...>; empty elements are skipped.
/// Stops early when `take` returns false; returns false then.
template <class Take>
bool for_each_value(std::string_view value, Take&& take) {
  bool quoted = false;
  int angle_depth = 0;
  std::size_t start = 0;
  auto element_to = [&](std::size_t end) {
    std::string_view element = text::trim(value.substr(start, end - start), text::kBlanks);
    start = end + 1;
    return element.empty() || take(element);
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (quoted) {
      if (c == '\\')
        ++i;  // quoted-pair: the next character is literal
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      ++angle_depth;
    } else if (c == '>') {
      if (angle_depth > 0) --angle_depth;
    } else if (c == ',' && angle_depth == 0) {
      if (!element_to(i)) return false;
    }
  }
  return element_to(value.size());
}

/// The elements of a comma-separated header value, as for_each_value() finds them.
std::vector<std::string_view> split_values(std::string_view value);

/// A request or a response, parsed by sip::parse().
class Message {
 public:
  enum class Kind { kRequest, kResponse };

  Kind kind = Kind::kRequest;
  std::string_view method;       // request: the method token (case-sensitive)
  std::string_view request_uri;  // request: as written
  int status_code = 0;           // response: 100-699
  std::string_view reason;       // response: the reason phrase (may be empty)
  std::string_view version;      // "SIP/2.0" as written
  std::vector<Header> headers;   // in the order received
  std::string_view body;
  std::string_view bytes;  // the whole message, start line to the end of the body

  bool is_request() const { return kind == Kind::kRequest; }
  bool is_response() const { return kind == Kind::kResponse; }

  /// The first header called `name` (case-insensitive; a compact form finds its long name too),
  /// nullptr when absent.
  const Header* header(std::string_view name) const;
  /// The value of the first header called `name`.
  std::optional<std::string_view> value(std::string_view name) const;
  /// How many header fields are called `name`.
  std::size_t count(std::string_view name) const;
  /// Every value of every header called `name`, in order, each field split by split_values().
  std::vector<std::string_view> values(std::string_view name) const;

  /// The Call-ID value, "" when absent.
  std::string_view call_id() const { return value("Call-ID").value_or(std::string_view{}); }
  /// CSeq, the top Via, From and To are read once (the parser checks them all) and kept: the
  /// references stay valid as long as the message.
  const std::optional<CSeq>& cseq() const;
  /// Every Via value in order (several per field and several fields); nullopt when one is
  /// malformed.
  std::optional<std::vector<Via>> vias() const;
  /// The first Via value.
  const std::optional<Via>& top_via() const;
  const std::optional<NameAddr>& from() const;
  const std::optional<NameAddr>& to() const;
  /// Every Contact value; nullopt when one is malformed or the value is `*` (check
  /// value("Contact") == "*" for a REGISTER that removes every binding).
  std::optional<std::vector<NameAddr>> contacts() const;
  std::optional<std::size_t> content_length() const;
  std::optional<std::uint32_t> expires() const;
  std::optional<SessionExpires> session_expires() const;
  std::optional<std::uint32_t> min_se() const;
  std::optional<std::uint32_t> max_forwards() const;

  /// Copies `text` into storage owned by this message (and shared by its copies); the view stays
  /// valid as long as any copy lives. The parser keeps unfolded header values here.
  std::string_view store(std::string_view text);

 private:
  std::vector<std::shared_ptr<const std::string>> storage_;
  /// The typed values above, once read. Only the parser adds headers, before any is read.
  struct Read {
    std::optional<std::optional<CSeq>> cseq;
    std::optional<std::optional<Via>> top_via;
    std::optional<std::optional<NameAddr>> from, to;
  };
  mutable Read read_;
};

// Parsers of one header value (or URI), used by the accessors above; each takes the whole text and
// fails (nullopt) unless all of it matches. Defined with the X3 grammar in sip/parser.cpp.

/// A sip:, sips: or tel: URI with its parameters and headers.
std::optional<Uri> parse_uri(std::string_view text);
/// A name-addr or addr-spec with header parameters.
std::optional<NameAddr> parse_name_addr(std::string_view text);
/// One via-parm (one element of a Via value).
std::optional<Via> parse_via(std::string_view text);
std::optional<CSeq> parse_cseq(std::string_view text);
std::optional<SessionExpires> parse_session_expires(std::string_view text);
/// delta-seconds with optional generic parameters (Min-SE); values past 2**32-1 saturate.
std::optional<std::uint32_t> parse_delta_seconds(std::string_view text);
template <TemporaryString T>
std::optional<Uri> parse_uri(T&&) = delete;
template <TemporaryString T>
std::optional<NameAddr> parse_name_addr(T&&) = delete;
template <TemporaryString T>
std::optional<Via> parse_via(T&&) = delete;
template <TemporaryString T>
std::optional<CSeq> parse_cseq(T&&) = delete;
template <TemporaryString T>
std::optional<SessionExpires> parse_session_expires(T&&) = delete;
/// A Call-ID: word ["@" word].
bool is_valid_call_id(std::string_view text);

}  // namespace cmemu::sip
