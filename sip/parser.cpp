// The SIP grammar (RFC 3261 §25, RFC 3966 for tel:, RFC 4028 for Session-Expires) in Spirit X3,
// and the message parser around it. Every X3 rule of the SIP layer lives in this one translation
// unit: nothing X3 reaches a header.
//
// The grammar only recognizes; semantic actions store std::string_view ranges of the input into the
// attribute of the enclosing rule (x3::_val). A rule that fills a sub-structure is called with an
// action at its call site, so what a failed alternative filled in is thrown away with it.
//
// Message framing is plain code: lines are found with find("\r\n"), each bound is checked as soon
// as the bytes it covers are in, and only complete lines go to the grammar.
#include "sip/parser.hpp"

#include <boost/spirit/home/x3.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

namespace cmemu::sip {
namespace x3 = boost::spirit::x3;

namespace {

// ---------------------------------------------------------------------------------------------
// Character classes of RFC 3261 §25.1, one bit each, in one table indexed by the byte.

enum CharClass : std::uint32_t {
  kDigit = 1u << 0,
  kHex = 1u << 1,
  kToken = 1u << 2,          // alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
  kWord = 1u << 3,           // token chars and ( ) < > : \ DQUOTE / [ ] ? { }
  kUnreserved = 1u << 4,     // alphanum / mark
  kUser = 1u << 5,           // unreserved / user-unreserved (& = + $ , ; ? /)
  kUserBare = 1u << 6,       // kUser without ; ? , (addr-spec outside <>, RFC 3261 §20.10)
  kPassword = 1u << 7,       // unreserved / & = + $ ,
  kHostName = 1u << 8,       // alphanum / "-" / "." (hostname, IPv4address)
  kIpv6 = 1u << 9,           // HEXDIG / ":" / "."
  kParamChar = 1u << 10,     // unreserved / param-unreserved ([ ] / : & + $)
  kHeaderChar = 1u << 11,    // unreserved / hnv-unreserved ([ ] / ? : + $)
  kTelChar = 1u << 12,       // HEXDIG / * / # / + / visual separators (- . ( ))
  kWsp = 1u << 13,           // SP / HTAB
  kText = 1u << 14,          // SP, HTAB, VCHAR, UTF-8 bytes: a header value or reason phrase
  kQdText = 1u << 15,        // kText without DQUOTE and backslash
  kQuotedPair = 1u << 16,    // %x00-09 / %x0B-0C / %x0E-7F
  kVisible = 1u << 17,       // VCHAR: a Request-URI in the request line
  kGenValueChar = 1u << 18,  // token chars and : [ ] (gen-value = token / host)
};

constexpr bool is_alnum(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool in(int c, std::string_view set) {
  return set.find(static_cast<char>(c)) != set.npos;
}

constexpr std::array<std::uint32_t, 256> make_classes() {
  std::array<std::uint32_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    std::uint32_t bits = 0;
    bool unreserved = is_alnum(c) || in(c, "-_.!~*'()");
    bool token = is_alnum(c) || in(c, "-.!%*_+`'~");
    if (c >= '0' && c <= '9') bits |= kDigit;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) bits |= kHex;
    if (token) bits |= kToken | kGenValueChar;
    if (token || in(c, "()<>:\\\"/[]?{}")) bits |= kWord;
    if (unreserved) bits |= kUnreserved;
    if (unreserved || in(c, "&=+$,;?/")) bits |= kUser;
    if (unreserved || in(c, "&=+$/")) bits |= kUserBare;
    if (unreserved || in(c, "&=+$,")) bits |= kPassword;
    if (is_alnum(c) || in(c, "-.")) bits |= kHostName;
    if ((bits & kHex) || in(c, ":.")) bits |= kIpv6;
    if (unreserved || in(c, "[]/:&+$")) bits |= kParamChar;
    if (unreserved || in(c, "[]/?:+$")) bits |= kHeaderChar;
    if ((bits & kHex) || in(c, "*#+-.()")) bits |= kTelChar;
    if (c == ' ' || c == '\t') bits |= kWsp;
    if (c == ' ' || c == '\t' || (c > 0x20 && c < 0x7f) || c >= 0x80) bits |= kText;
    if ((bits & kText) && c != '"' && c != '\\') bits |= kQdText;
    if (c < 0x80 && c != '\r' && c != '\n') bits |= kQuotedPair;
    if (c > 0x20 && c < 0x7f) bits |= kVisible;
    if (in(c, ":[]")) bits |= kGenValueChar;
    table[static_cast<std::size_t>(c)] = bits;
  }
  return table;
}

constexpr std::array<std::uint32_t, 256> kClasses = make_classes();

bool has_class(char c, std::uint32_t mask) {
  return (kClasses[static_cast<unsigned char>(c)] & mask) != 0;
}

/// One byte of a character class, as an X3 primitive.
struct char_class : x3::char_parser<char_class> {
  using attribute_type = char;
  static bool const has_attribute = true;
  constexpr explicit char_class(std::uint32_t mask) : mask(mask) {}
  template <typename Char, typename Context>
  bool test(Char ch, const Context&) const {
    return has_class(static_cast<char>(ch), mask);
  }
  std::uint32_t mask;
};

/// A literal matched ignoring ASCII case (x3::no_case asks the C locale for each character).
struct ascii_no_case_lit : x3::parser<ascii_no_case_lit> {
  using attribute_type = x3::unused_type;
  constexpr explicit ascii_no_case_lit(std::string_view lower) : lower(lower) {}
  template <typename Iterator, typename Context, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, x3::unused_type,
             Attribute&) const {
    if (static_cast<std::size_t>(last - first) < lower.size()) return false;
    for (std::size_t i = 0; i < lower.size(); ++i)
      if (text::ascii_lower(first[i]) != lower[i]) return false;
    first += static_cast<std::ptrdiff_t>(lower.size());
    return true;
  }
  std::string_view lower;
};

// ---------------------------------------------------------------------------------------------
// Semantic actions.

std::string_view to_view(const boost::iterator_range<const char*>& range) {
  return {range.begin(), static_cast<std::size_t>(range.end() - range.begin())};
}

template <typename To, typename From>
void assign(To& to, From&& from) {
  if constexpr (std::is_same_v<std::decay_t<From>, boost::iterator_range<const char*>>)
    to = to_view(from);
  else
    to = std::forward<From>(from);
}

/// _val = the matched text.
const auto self = [](auto& ctx) { x3::_val(ctx) = to_view(x3::_attr(ctx)); };

/// _val.*Member = _attr (a matched range becomes a view).
template <auto Member>
const auto set = [](auto& ctx) { assign(x3::_val(ctx).*Member, std::move(x3::_attr(ctx))); };

/// _val.*Member.push_back(_attr).
template <auto Member>
const auto push = [](auto& ctx) { (x3::_val(ctx).*Member).push_back(std::move(x3::_attr(ctx))); };

/// _val.*Member = _attr when it is a port number (0-65535); fails the parse otherwise.
template <auto Member>
const auto set_port = [](auto& ctx) {
  std::uint32_t port = x3::_attr(ctx);
  if (port > 65535)
    x3::_pass(ctx) = false;
  else
    x3::_val(ctx).*Member = static_cast<std::uint16_t>(port);
};

template <UriScheme Scheme>
const auto set_scheme = [](auto& ctx) { x3::_val(ctx).scheme = Scheme; };

/// Reads 1*DIGIT, saturating at 2**32-1.
std::uint32_t saturating_u32(std::string_view digits) {
  std::uint64_t value = 0;
  for (char c : digits) {
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value > std::numeric_limits<std::uint32_t>::max())
      return std::numeric_limits<std::uint32_t>::max();
  }
  return static_cast<std::uint32_t>(value);
}

// ---------------------------------------------------------------------------------------------
// Attributes that only the grammar sees.

struct UserInfo {
  std::string_view user;
  std::string_view password;
};

struct StartLine {
  std::string_view method;
  std::string_view request_uri;
  std::string_view version;
  unsigned status_code = 0;
  std::string_view reason;
};

struct HeaderLine {
  std::string_view name;
  std::string_view value;
};

/// The angle-bracket part of a name-addr: `"Display" <uri>`.
struct AngleAddr {
  std::string_view display_name;
  Uri uri;
};

// ---------------------------------------------------------------------------------------------
// The grammar.

namespace grammar {

using x3::lit;
using x3::raw;

const char_class digit{kDigit};
const char_class hex{kHex};
const char_class token_char{kToken};
const char_class word_char{kWord};
const char_class user_char{kUser};
const char_class user_bare_char{kUserBare};
const char_class password_char{kPassword};
const char_class hostname_char{kHostName};
const char_class ipv6_char{kIpv6};
const char_class param_char{kParamChar};
const char_class header_char{kHeaderChar};
const char_class tel_char{kTelChar};
const char_class wsp{kWsp};
const char_class text_char{kText};
const char_class qdtext{kQdText};
const char_class quoted_pair_char{kQuotedPair};
const char_class visible{kVisible};
const char_class gen_value_char{kGenValueChar};

const auto sws = *wsp;
const auto escaped = lit('%') >> hex >> hex;
const auto quoted_content = *(qdtext | (lit('\\') >> quoted_pair_char));
const x3::uint_parser<std::uint32_t, 10, 1, 5> port_number;
const x3::uint_parser<std::uint32_t, 10, 1, 10> cseq_number;
const x3::uint_parser<unsigned, 10, 3, 3> status_number;

const x3::rule<class token_id, std::string_view> token = "token";
const x3::rule<class quoted_string_id, std::string_view> quoted_string = "quoted-string";
const x3::rule<class gen_value_id, std::string_view> gen_value = "gen-value";
const x3::rule<class generic_param_id, Param> generic_param = "generic-param";
const x3::rule<class host_id, std::string_view> host = "host";
const x3::rule<class uri_param_id, Param> uri_param = "uri-parameter";
const x3::rule<class uri_header_id, Param> uri_header = "uri-header";
const x3::rule<class userinfo_id, UserInfo> userinfo = "userinfo";
const x3::rule<class bare_userinfo_id, UserInfo> bare_userinfo = "userinfo (addr-spec)";
const x3::rule<class sip_uri_id, Uri> sip_uri = "SIP-URI";
const x3::rule<class bare_sip_uri_id, Uri> bare_sip_uri = "SIP-URI (addr-spec)";
const x3::rule<class tel_uri_id, Uri> tel_uri = "tel URI";
const x3::rule<class bare_tel_uri_id, Uri> bare_tel_uri = "tel URI (addr-spec)";
const x3::rule<class uri_id, Uri> uri = "URI";
const x3::rule<class bare_uri_id, Uri> bare_uri = "addr-spec";
const x3::rule<class display_name_id, std::string_view> display_name = "display-name";
const x3::rule<class angle_addr_id, AngleAddr> angle_addr = "name-addr";
const x3::rule<class name_addr_id, NameAddr> name_addr = "name-addr or addr-spec";
const x3::rule<class via_parm_id, Via> via_parm = "via-parm";
const x3::rule<class cseq_id, CSeq> cseq = "CSeq";
const x3::rule<class delta_params_id, SessionExpires> delta_params = "delta-seconds";
const x3::rule<class call_id_id> call_id = "callid";
const x3::rule<class sip_version_id, std::string_view> sip_version = "SIP-Version";
const x3::rule<class request_line_id, StartLine> request_line = "Request-Line";
const x3::rule<class status_line_id, StartLine> status_line = "Status-Line";
const x3::rule<class header_line_id, HeaderLine> header_line = "message-header";

/// `*( SEMI generic-param )` into _val.*Member.
template <auto Member>
const auto params_of = *(sws >> ';' >> sws >> generic_param[push<Member>]);

const auto token_def = raw[+token_char][self];
const auto quoted_string_def = raw[lit('"') >> quoted_content >> '"'][self];
const auto gen_value_def = raw[quoted_string | +gen_value_char][self];
const auto generic_param_def = token[set<&Param::name>] >>
                               -(sws >> '=' >> sws >> gen_value[set<&Param::value>]);

// URIs (RFC 3261 §19.1.1, §25.1; RFC 3966 §3).
const auto host_def = raw[(lit('[') >> +ipv6_char >> ']') | +hostname_char][self];
const auto uri_param_def = raw[+(param_char | escaped)][set<&Param::name>] >>
                           -('=' >> raw[+(param_char | escaped)][set<&Param::value>]);
const auto uri_header_def = raw[+(header_char | escaped)][set<&Param::name>] >> '=' >>
                            raw[*(header_char | escaped)][set<&Param::value>];
const auto userinfo_def = raw[+(user_char | escaped)][set<&UserInfo::user>] >>
                          -(':' >> raw[*(password_char | escaped)][set<&UserInfo::password>]) >>
                          '@';
const auto bare_userinfo_def = raw[+(user_bare_char | escaped)][set<&UserInfo::user>] >>
                               -(':' >>
                                 raw[*(password_char | escaped)][set<&UserInfo::password>]) >>
                               '@';

const auto copy_userinfo = [](auto& ctx) {
  x3::_val(ctx).user = x3::_attr(ctx).user;
  x3::_val(ctx).password = x3::_attr(ctx).password;
};
const auto sip_scheme = ascii_no_case_lit("sips")[set_scheme<UriScheme::kSips>] |
                        ascii_no_case_lit("sip")[set_scheme<UriScheme::kSip>];
const auto sip_hostport = host[set<&Uri::host>] >> -(':' >> port_number[set_port<&Uri::port>]);
const auto tel_number =
    ascii_no_case_lit("tel")[set_scheme<UriScheme::kTel>] >> ':' >> raw[+tel_char][set<&Uri::user>];

const auto sip_uri_def = raw[sip_scheme >> ':' >> -userinfo[copy_userinfo] >> sip_hostport >>
                             *(';' >> uri_param[push<&Uri::params>]) >>
                             -('?' >> (uri_header[push<&Uri::headers>] % '&'))][set<&Uri::text>];
const auto bare_sip_uri_def =
    raw[sip_scheme >> ':' >> -bare_userinfo[copy_userinfo] >> sip_hostport][set<&Uri::text>];
const auto tel_uri_def =
    raw[tel_number >> *(';' >> uri_param[push<&Uri::params>])][set<&Uri::text>];
const auto bare_tel_uri_def = raw[tel_number][set<&Uri::text>];

const auto move_self = [](auto& ctx) { x3::_val(ctx) = std::move(x3::_attr(ctx)); };
const auto uri_def = sip_uri[move_self] | tel_uri[move_self];
const auto bare_uri_def = bare_sip_uri[move_self] | bare_tel_uri[move_self];

// name-addr / addr-spec (RFC 3261 §20.10, §25.1).
const auto display_name_def =
    (lit('"') >> raw[quoted_content][self] >> '"') | raw[token >> *(+wsp >> token)][self];
const auto angle_addr_def = -(display_name[set<&AngleAddr::display_name>] >> sws) >> '<' >>
                            uri[set<&AngleAddr::uri>] >> '>';
const auto copy_angle_addr = [](auto& ctx) {
  x3::_val(ctx).display_name = x3::_attr(ctx).display_name;
  x3::_val(ctx).uri = std::move(x3::_attr(ctx).uri);
  x3::_val(ctx).angle_brackets = true;
};
const auto name_addr_def = raw[(angle_addr[copy_angle_addr] | bare_uri[set<&NameAddr::uri>]) >>
                               params_of<&NameAddr::params>][set<&NameAddr::text>];

// Via (RFC 3261 §20.42): sent-protocol LWS sent-by *( SEMI via-params ).
const auto via_parm_def = raw[token[set<&Via::protocol_name>] >> sws >> '/' >> sws >>
                              token[set<&Via::protocol_version>] >> sws >> '/' >> sws >>
                              token[set<&Via::transport>] >> +wsp >> host[set<&Via::host>] >>
                              -(sws >> ':' >> sws >> port_number[set_port<&Via::port>]) >>
                              params_of<&Via::params>][set<&Via::text>];

// CSeq (§20.16): a number below 2**31, LWS, a method.
const auto set_cseq_number = [](auto& ctx) {
  std::uint32_t number = x3::_attr(ctx);
  if (number >= (1u << 31))
    x3::_pass(ctx) = false;
  else
    x3::_val(ctx).number = number;
};
const auto cseq_def = cseq_number[set_cseq_number] >> +wsp >> token[set<&CSeq::method>];

// delta-seconds *( SEMI generic-param ): Session-Expires, Min-SE (RFC 4028 §4, §5).
const auto set_delta = [](auto& ctx) {
  x3::_val(ctx).delta = saturating_u32(to_view(x3::_attr(ctx)));
};
const auto delta_params_def = raw[+digit][set_delta] >> params_of<&SessionExpires::params>;

const auto call_id_def = +word_char >> -('@' >> +word_char);

// Start lines and header lines (§7.1, §7.2, §7.3).
const auto sip_version_def = raw[ascii_no_case_lit("sip") >> '/' >> +digit >> '.' >> +digit][self];
const auto request_line_def = token[set<&StartLine::method>] >> ' ' >>
                              raw[+visible][set<&StartLine::request_uri>] >> ' ' >>
                              sip_version[set<&StartLine::version>];
const auto status_line_def = sip_version[set<&StartLine::version>] >> ' ' >>
                             status_number[set<&StartLine::status_code>] >>
                             -(' ' >> raw[*text_char][set<&StartLine::reason>]);
const auto header_line_def =
    token[set<&HeaderLine::name>] >> sws >> ':' >> sws >> raw[*text_char][set<&HeaderLine::value>];

BOOST_SPIRIT_DEFINE(token, quoted_string, gen_value, generic_param, host, uri_param, uri_header,
                    userinfo, bare_userinfo, sip_uri, bare_sip_uri, tel_uri, bare_tel_uri, uri,
                    bare_uri, display_name, angle_addr, name_addr, via_parm, cseq, delta_params,
                    call_id, sip_version, request_line, status_line, header_line)

}  // namespace grammar

/// Parses all of `text` with `rule` into `attribute`.
template <typename Rule, typename Attribute>
bool parse_whole(std::string_view text, const Rule& rule, Attribute& attribute) {
  const char* first = text.data();
  const char* last = first + text.size();
  return x3::parse(first, last, rule, attribute) && first == last;
}

template <typename Rule>
bool matches_whole(std::string_view text, const Rule& rule) {
  const char* first = text.data();
  const char* last = first + text.size();
  return x3::parse(first, last, rule) && first == last;
}

template <typename T, typename Rule>
std::optional<T> parse_as(std::string_view text, const Rule& rule) {
  T value;
  if (!parse_whole(text, rule, value)) return std::nullopt;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Message framing.

constexpr std::string_view kCrlf = "\r\n";

bool parse_start_line(std::string_view line, Message& message) {
  StartLine start;
  bool response = line.size() >= 4 && iequals(line.substr(0, 4), "SIP/");
  bool parsed = response ? parse_whole(line, grammar::status_line, start)
                         : parse_whole(line, grammar::request_line, start);
  if (!parsed) return false;
  if (response && (start.status_code < 100 || start.status_code > 699)) return false;
  message.kind = response ? Message::Kind::kResponse : Message::Kind::kRequest;
  message.method = start.method;
  message.request_uri = start.request_uri;
  message.version = start.version;
  message.status_code = static_cast<int>(start.status_code);
  message.reason = start.reason;
  return true;
}

/// A folded header field (continuation lines inside) as one line in `message`'s storage: each
/// CRLF with the whitespace around it becomes one SP (RFC 3261 §7.3.1).
std::string_view unfold(std::string_view field, Message& message) {
  std::string text;
  text.reserve(field.size());
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = field.find(kCrlf, pos);
    std::string_view piece = field.substr(pos, eol == field.npos ? field.npos : eol - pos);
    if (pos > 0) {
      text.resize(text::trim_right(text, text::kBlanks).size());
      text += ' ';
      piece = text::trim_left(piece, text::kBlanks);
    }
    text += piece;
    if (eol == field.npos) break;
    pos = eol + kCrlf.size();
  }
  return message.store(text);
}

std::string_view reason_for(ParseError error) {
  switch (error) {
    case ParseError::kTruncated:
      return "Truncated Message";
    case ParseError::kBadStartLine:
      return "Bad Request Line";
    case ParseError::kVersionNotSupported:
      return "Version Not Supported";
    case ParseError::kBadRequestUri:
      return "Bad Request-URI";
    case ParseError::kUnsupportedUriScheme:
      return "Unsupported URI Scheme";
    case ParseError::kBadHeaderLine:
      return "Bad Header Line";
    case ParseError::kHeaderLineTooLong:
      return "Header Line Too Long";
    case ParseError::kTooManyHeaders:
      return "Too Many Headers";
    case ParseError::kMessageTooLarge:
      return "Message Too Large";
    case ParseError::kBodyTooLarge:
      return "Request Entity Too Large";
    case ParseError::kMissingContentLength:
      return "Missing Content-Length";
    case ParseError::kContentLengthMismatch:
      return "Body Shorter Than Content-Length";
    case ParseError::kMissingHeader:
      return "Missing";
    case ParseError::kDuplicateHeader:
      return "Duplicate";
    case ParseError::kBadHeaderValue:
      return "Bad";
    case ParseError::kCSeqMethodMismatch:
      return "CSeq Method Mismatch";
  }
  return "Bad Request";
}

class ParseCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "sip.parse"; }
  std::string message(int value) const override {
    auto error = static_cast<ParseError>(value);
    switch (error) {
      case ParseError::kMissingHeader:
        return "missing mandatory header";
      case ParseError::kDuplicateHeader:
        return "duplicate header";
      case ParseError::kBadHeaderValue:
        return "malformed header value";
      default:
        break;
    }
    if (value < 1 || value > kLastParseError) return "unknown SIP parse error";
    return std::string(reason_for(error));
  }
};

ParseResult& fail(ParseResult& result, ParseError error, std::string_view header = {}) {
  result.status = ParseStatus::kError;
  result.error = error;
  result.status_code = status_code(error);
  result.header = header;
  result.reason = reason_for(error);
  if (!header.empty()) {
    result.reason += ' ';
    result.reason += header;
    result.reason += " Header";
  }
  return result;
}

/// The first error among the mandatory headers (RFC 3261 §8.1.1, §20): Via, From, To, Call-ID and
/// CSeq present, single (but Via) and well formed; Max-Forwards numeric when present.
ParseResult& check_mandatory_headers(ParseResult& result) {
  const Message& message = result.message;
  // One pass over the fields, whose known names the parser made canonical: exact comparisons.
  constexpr std::array<std::string_view, 5> kMandatory{"Via", "From", "To", "Call-ID", "CSeq"};
  std::array<std::size_t, kMandatory.size()> counts{};
  for (const Header& field : message.headers)
    for (std::size_t i = 0; i < kMandatory.size(); ++i)
      if (field.name == kMandatory[i]) ++counts[i];
  for (std::size_t i = 0; i < kMandatory.size(); ++i) {
    if (counts[i] == 0) return fail(result, ParseError::kMissingHeader, kMandatory[i]);
    if (counts[i] > 1 && kMandatory[i] != "Via")
      return fail(result, ParseError::kDuplicateHeader, kMandatory[i]);
  }
  bool first_via = true;
  for (const Header& field : message.headers) {
    if (field.name != "Via") continue;
    bool any = false;
    const bool all_valid = for_each_value(field.value, [&](std::string_view via) {
      any = true;
      if (first_via) {  // the top Via, read once and kept for the transaction layer
        first_via = false;
        return message.top_via().has_value();
      }
      return parse_via(via).has_value();
    });
    if (!any || !all_valid) return fail(result, ParseError::kBadHeaderValue, "Via");
  }
  if (!message.from()) return fail(result, ParseError::kBadHeaderValue, "From");
  if (!message.to()) return fail(result, ParseError::kBadHeaderValue, "To");
  if (!is_valid_call_id(message.call_id()))
    return fail(result, ParseError::kBadHeaderValue, "Call-ID");
  const auto& sequence = message.cseq();
  if (!sequence) return fail(result, ParseError::kBadHeaderValue, "CSeq");
  if (message.is_request() && sequence->method != message.method)
    return fail(result, ParseError::kCSeqMethodMismatch);
  if (message.header("Max-Forwards") && !message.max_forwards())
    return fail(result, ParseError::kBadHeaderValue, "Max-Forwards");
  return result;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Header value parsers (declared in message.hpp).

std::optional<Uri> parse_uri(std::string_view text) {
  return parse_as<Uri>(text, grammar::uri);
}

std::optional<NameAddr> parse_name_addr(std::string_view text) {
  return parse_as<NameAddr>(text, grammar::name_addr);
}

std::optional<Via> parse_via(std::string_view text) {
  auto via = parse_as<Via>(text, grammar::via_parm);
  if (!via) return std::nullopt;
  for (const Param& param : via->params) {
    if (iequals(param.name, "branch")) {
      if (via->branch.empty()) via->branch = param.value;
    } else if (iequals(param.name, "received")) {
      if (via->received.empty()) via->received = param.value;
    } else if (iequals(param.name, "rport")) {
      via->rport = true;
      if (!param.value.empty()) {
        std::uint32_t port = 0;
        if (!parse_whole(param.value, grammar::port_number, port) || port > 65535)
          return std::nullopt;
        via->rport_value = static_cast<std::uint16_t>(port);
      }
    }
  }
  return via;
}

std::optional<CSeq> parse_cseq(std::string_view text) {
  return parse_as<CSeq>(text, grammar::cseq);
}

std::optional<SessionExpires> parse_session_expires(std::string_view text) {
  auto expires = parse_as<SessionExpires>(text, grammar::delta_params);
  if (!expires) return std::nullopt;
  if (auto refresher = find_param(expires->params, "refresher")) {
    if (iequals(*refresher, "uac"))
      expires->refresher = Refresher::kUac;
    else if (iequals(*refresher, "uas"))
      expires->refresher = Refresher::kUas;
    else
      return std::nullopt;
  }
  return expires;
}

std::optional<std::uint32_t> parse_delta_seconds(std::string_view text) {
  auto value = parse_as<SessionExpires>(text, grammar::delta_params);
  if (!value) return std::nullopt;
  return value->delta;
}

bool is_valid_call_id(std::string_view text) {
  return matches_whole(text, grammar::call_id);
}

// ---------------------------------------------------------------------------------------------
// Errors.

const std::error_category& parse_category() noexcept {
  static const ParseCategory category;
  return category;
}

std::error_code make_error_code(ParseError error) noexcept {
  return {static_cast<int>(error), parse_category()};
}

int status_code(ParseError error) noexcept {
  switch (error) {
    case ParseError::kVersionNotSupported:
      return 505;
    case ParseError::kUnsupportedUriScheme:
      return 416;
    case ParseError::kMessageTooLarge:
      return 513;
    case ParseError::kBodyTooLarge:
      return 413;
    default:
      return 400;
  }
}

// ---------------------------------------------------------------------------------------------
// The message parser.

ParseResult parse(std::string_view bytes, Framing framing, const Limits& limits) {
  ParseResult result;
  const bool stream = framing == Framing::kStream;
  if (bytes.empty()) {
    if (stream) return result;
    return fail(result, ParseError::kTruncated);
  }

  // CRLFs before a start line: keep-alive pings (CRLFCRLF) and pongs (CRLF).
  std::size_t crlfs = 0;
  while (bytes.substr(crlfs, 2) == kCrlf) crlfs += 2;
  if (crlfs > 0) {
    std::string_view rest = bytes.substr(crlfs);
    // A lone CRLF on a stream may be the first half of a ping.
    if (stream && crlfs == 2 && (rest.empty() || rest == "\r")) return result;
    result.status = ParseStatus::kKeepAlive;
    result.consumed = crlfs;
    result.ping = crlfs >= 4;
    return result;
  }

  // Header section: find its end, checking every bound on the way and the start line as soon as
  // it is complete, so garbage is refused without waiting for more of it.
  Message& message = result.message;
  std::size_t pos = 0;
  std::size_t fields = 0;
  std::size_t field_length = 0;  // the current header field with its continuation lines
  std::size_t header_end = 0;    // after the empty line
  std::size_t first_header = 0;
  for (;;) {
    std::size_t eol = bytes.find(kCrlf, pos);
    if (eol == bytes.npos) {
      std::size_t partial = bytes.size() - pos;
      bool continuation =
          first_header != 0 && fields > 0 && partial > 0 && text::is_blank(bytes[pos]);
      if ((continuation ? field_length + kCrlf.size() + partial : partial) > limits.max_header_line)
        return fail(result, ParseError::kHeaderLineTooLong);
      if (bytes.size() > limits.max_message_size) return fail(result, ParseError::kMessageTooLarge);
      if (stream) {
        result = ParseResult{};
        return result;
      }
      return fail(result, ParseError::kTruncated);
    }
    std::string_view line = bytes.substr(pos, eol - pos);
    if (first_header == 0) {
      if (line.size() > limits.max_header_line) return fail(result, ParseError::kHeaderLineTooLong);
      if (!parse_start_line(line, message)) return fail(result, ParseError::kBadStartLine);
      first_header = eol + kCrlf.size();
    } else if (line.empty()) {
      header_end = eol + kCrlf.size();
      break;
    } else if (text::is_blank(line.front())) {
      if (fields == 0) return fail(result, ParseError::kBadHeaderLine);  // folded start line
      field_length += kCrlf.size() + line.size();
    } else {
      if (++fields > limits.max_headers) return fail(result, ParseError::kTooManyHeaders);
      field_length = line.size();
    }
    if (field_length > limits.max_header_line) return fail(result, ParseError::kHeaderLineTooLong);
    if (eol + kCrlf.size() > limits.max_message_size)
      return fail(result, ParseError::kMessageTooLarge);
    pos = eol + kCrlf.size();
  }
  if (header_end > limits.max_message_size) return fail(result, ParseError::kMessageTooLarge);

  // Header fields: a bad line is remembered and skipped, so an error answer can still copy the
  // good ones.
  std::optional<ParseError> header_error;
  const std::size_t headers_stop = header_end - kCrlf.size();  // the empty line
  message.headers.reserve(fields);
  for (pos = first_header; pos < headers_stop;) {
    std::size_t eol = bytes.find(kCrlf, pos);
    std::size_t field_end = eol;
    while (field_end + kCrlf.size() < headers_stop &&
           text::is_blank(bytes[field_end + kCrlf.size()]))
      field_end = bytes.find(kCrlf, field_end + kCrlf.size());
    std::string_view text = bytes.substr(pos, field_end - pos);
    if (field_end != eol) text = unfold(text, message);
    HeaderLine line;
    if (parse_whole(text, grammar::header_line, line)) {
      message.headers.push_back(Header{canonical_header_name(line.name),
                                       text::trim_right(line.value, text::kBlanks), line.name});
    } else if (!header_error) {
      header_error = ParseError::kBadHeaderLine;
    }
    pos = field_end + kCrlf.size();
  }
  result.answerable = message.is_request();

  // Body framing (RFC 3261 §18.3). Until it is known where the message ends, an error leaves a
  // stream that cannot be followed (consumed stays 0).
  std::optional<std::size_t> content_length;
  for (const Header& field : message.headers) {
    if (field.name != "Content-Length") continue;
    // Saturates: a huge value is a body over the bound, not a malformed header.
    if (field.value.empty() || !matches_whole(field.value, +grammar::digit))
      return fail(result, ParseError::kBadHeaderValue, "Content-Length");
    std::size_t value = saturating_u32(field.value);
    if (content_length && *content_length != value)
      return fail(result, ParseError::kDuplicateHeader, "Content-Length");
    content_length = value;
  }
  std::size_t available = bytes.size() - header_end;
  std::size_t body_size = 0;
  if (content_length) {
    body_size = *content_length;
    if (body_size > limits.max_body_size) return fail(result, ParseError::kBodyTooLarge);
    if (header_end + body_size > limits.max_message_size)
      return fail(result, ParseError::kMessageTooLarge);
    if (available < body_size) {
      if (stream) {
        result = ParseResult{};
        return result;
      }
      return fail(result, ParseError::kContentLengthMismatch);
    }
  } else {
    if (stream) return fail(result, ParseError::kMissingContentLength);
    body_size = available;
    if (body_size > limits.max_body_size) return fail(result, ParseError::kBodyTooLarge);
    if (header_end + body_size > limits.max_message_size)
      return fail(result, ParseError::kMessageTooLarge);
  }
  message.body = bytes.substr(header_end, body_size);
  message.bytes = bytes.substr(0, header_end + body_size);
  // A datagram is one message: bytes past Content-Length are dropped (§18.3).
  result.consumed = stream ? header_end + body_size : bytes.size();

  // The message is framed: from here on an error can be answered and the stream goes on.
  if (!iequals(message.version, "SIP/2.0")) return fail(result, ParseError::kVersionNotSupported);
  if (header_error) return fail(result, *header_error);
  if (message.is_request() && !parse_uri(message.request_uri)) {
    std::string_view scheme = message.request_uri.substr(0, message.request_uri.find(':'));
    bool known = iequals(scheme, "sip") || iequals(scheme, "sips") || iequals(scheme, "tel");
    bool absolute = scheme.size() < message.request_uri.size() && !scheme.empty();
    return fail(result, known || !absolute ? ParseError::kBadRequestUri
                                           : ParseError::kUnsupportedUriScheme);
  }
  check_mandatory_headers(result);
  if (result.status == ParseStatus::kError) return result;
  result.status = ParseStatus::kMessage;
  result.answerable = false;
  return result;
}

}  // namespace cmemu::sip
