#include "sip/message.hpp"

#include <array>
#include <limits>
#include <utility>

namespace cmemu::sip {
namespace {

struct KnownHeader {
  std::string_view name;
  char compact;  // RFC 3261 §7.3.3 and later RFCs' compact form, 0 when none
};

// Headers whose spelling cmemu normalizes. Compact forms: RFC 3261 (i f t v m l c k s e), RFC 6665
// (o u), RFC 3515 (r), RFC 3892 (b), RFC 4028 (x).
constexpr std::array kKnownHeaders{
    KnownHeader{"Accept", 0},
    KnownHeader{"Accept-Encoding", 0},
    KnownHeader{"Accept-Language", 0},
    KnownHeader{"Alert-Info", 0},
    KnownHeader{"Allow", 0},
    KnownHeader{"Allow-Events", 'u'},
    KnownHeader{"Authentication-Info", 0},
    KnownHeader{"Authorization", 0},
    KnownHeader{"Call-ID", 'i'},
    KnownHeader{"Call-Info", 0},
    KnownHeader{"Contact", 'm'},
    KnownHeader{"Content-Disposition", 0},
    KnownHeader{"Content-Encoding", 'e'},
    KnownHeader{"Content-Language", 0},
    KnownHeader{"Content-Length", 'l'},
    KnownHeader{"Content-Type", 'c'},
    KnownHeader{"CSeq", 0},
    KnownHeader{"Date", 0},
    KnownHeader{"Error-Info", 0},
    KnownHeader{"Event", 'o'},
    KnownHeader{"Expires", 0},
    KnownHeader{"From", 'f'},
    KnownHeader{"In-Reply-To", 0},
    KnownHeader{"Max-Forwards", 0},
    KnownHeader{"MIME-Version", 0},
    KnownHeader{"Min-Expires", 0},
    KnownHeader{"Min-SE", 0},
    KnownHeader{"Organization", 0},
    KnownHeader{"Priority", 0},
    KnownHeader{"Proxy-Authenticate", 0},
    KnownHeader{"Proxy-Authorization", 0},
    KnownHeader{"Proxy-Require", 0},
    KnownHeader{"Reason", 0},
    KnownHeader{"Record-Route", 0},
    KnownHeader{"Refer-To", 'r'},
    KnownHeader{"Referred-By", 'b'},
    KnownHeader{"Reply-To", 0},
    KnownHeader{"Require", 0},
    KnownHeader{"Retry-After", 0},
    KnownHeader{"Route", 0},
    KnownHeader{"Server", 0},
    KnownHeader{"Session-Expires", 'x'},
    KnownHeader{"Subject", 's'},
    KnownHeader{"Subscription-State", 0},
    KnownHeader{"Supported", 'k'},
    KnownHeader{"Timestamp", 0},
    KnownHeader{"To", 't'},
    KnownHeader{"Unsupported", 0},
    KnownHeader{"User-Agent", 0},
    KnownHeader{"Via", 'v'},
    KnownHeader{"Warning", 0},
    KnownHeader{"WWW-Authenticate", 0},
};

/// Reads 1*DIGIT, saturating at the maximum of T.
template <typename T>
std::optional<T> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  T value = 0;
  constexpr T kMax = std::numeric_limits<T>::max();
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    T digit = static_cast<T>(c - '0');
    value = (value > (kMax - digit) / 10) ? kMax : static_cast<T>(value * 10 + digit);
  }
  return value;
}

/// Every value of header `name` (in order, across fields), each read by `read`; nullopt when one
/// does not read.
template <class T>
std::optional<std::vector<T>> read_each(const Message& message, std::string_view name,
                                        std::optional<T> (*read)(std::string_view)) {
  std::vector<T> result;
  for (std::string_view element : message.values(name)) {
    auto value = read(element);
    if (!value) return std::nullopt;
    result.push_back(std::move(*value));
  }
  return result;
}

/// Header `name` read by `read` the first time it is asked for and kept in `slot` after that
/// (Message::Read: the transaction key, the dialog lookup and the answer each ask again).
template <class T>
const std::optional<T>& read_once(std::optional<std::optional<T>>& slot, const Message& message,
                                  std::string_view name,
                                  std::optional<T> (*read)(std::string_view)) {
  if (!slot) {
    auto text = message.value(name);
    slot = text ? read(*text) : std::nullopt;
  }
  return *slot;
}

/// The known headers grouped by the length and the first letter of their names, so that a
/// lookup compares a name with the one or two known names it may be (every message's header
/// lookups come through here, ten or more per message).
struct KnownByShape {
  static constexpr std::size_t kLongest = 24;
  static constexpr std::size_t kLetters = 27;  // a-z, then anything else
  static constexpr std::size_t kShapes = (kLongest + 1) * kLetters;
  static constexpr std::size_t shape(std::string_view name) {
    const char first = text::ascii_lower(name.front());
    const std::size_t letter =
        first >= 'a' && first <= 'z' ? static_cast<std::size_t>(first - 'a') : kLetters - 1;
    return name.size() * kLetters + letter;
  }

  std::array<std::uint8_t, kKnownHeaders.size()> order{};
  std::array<std::uint8_t, kShapes + 1> first{};  // order[first[s]..first[s+1]) have shape s

  constexpr KnownByShape() {
    std::size_t at = 0;
    for (std::size_t one = 0; one < kShapes; ++one) {
      first[one] = static_cast<std::uint8_t>(at);
      for (std::size_t i = 0; i < kKnownHeaders.size(); ++i)
        if (shape(kKnownHeaders[i].name) == one) order[at++] = static_cast<std::uint8_t>(i);
    }
    first[kShapes] = static_cast<std::uint8_t>(at);
  }
};
constexpr KnownByShape kKnownByShape;
static_assert(kKnownByShape.first[KnownByShape::kShapes] == kKnownHeaders.size(),
              "every known header name is at most kLongest long");

}  // namespace

std::optional<std::string_view> find_param(const std::vector<Param>& params,
                                           std::string_view name) {
  for (const Param& param : params)
    if (iequals(param.name, name)) return param.value;
  return std::nullopt;
}

std::string_view canonical_header_name(std::string_view name) {
  if (name.size() == 1) {
    char compact = text::ascii_lower(name.front());
    for (const KnownHeader& known : kKnownHeaders)
      if (known.compact == compact) return known.name;
    return name;
  }
  if (name.empty() || name.size() > KnownByShape::kLongest) return name;
  const std::size_t shape = KnownByShape::shape(name);
  for (std::size_t at = kKnownByShape.first[shape]; at < kKnownByShape.first[shape + 1]; ++at) {
    std::string_view known = kKnownHeaders[kKnownByShape.order[at]].name;
    if (iequals(known, name)) return known;
  }
  return name;
}

std::vector<std::string_view> split_values(std::string_view value) {
  std::vector<std::string_view> elements;
  for_each_value(value, [&](std::string_view element) {
    elements.push_back(element);
    return true;
  });
  return elements;
}

const Header* Message::header(std::string_view name) const {
  // The parser wrote known names in their canonical spelling, and callers mostly ask by that
  // spelling: an exact match first spares the name lookup (ten or more per message).
  for (const Header& field : headers)
    if (field.name == name) return &field;
  std::string_view canonical = canonical_header_name(name);
  // A known name asked in its canonical spelling: the pass above would have found it.
  if (canonical.data() != name.data() && canonical == name) return nullptr;
  for (const Header& field : headers)
    if (iequals(field.name, canonical)) return &field;
  return nullptr;
}

std::optional<std::string_view> Message::value(std::string_view name) const {
  if (const Header* field = header(name)) return field->value;
  return std::nullopt;
}

std::size_t Message::count(std::string_view name) const {
  std::string_view canonical = canonical_header_name(name);
  std::size_t n = 0;
  for (const Header& field : headers)
    if (iequals(field.name, canonical)) ++n;
  return n;
}

std::vector<std::string_view> Message::values(std::string_view name) const {
  std::string_view canonical = canonical_header_name(name);
  std::vector<std::string_view> all;
  for (const Header& field : headers) {
    if (!iequals(field.name, canonical)) continue;
    for (std::string_view element : split_values(field.value)) all.push_back(element);
  }
  return all;
}

const std::optional<CSeq>& Message::cseq() const {
  return read_once<CSeq>(read_.cseq, *this, "CSeq", parse_cseq);
}

std::optional<std::vector<Via>> Message::vias() const {
  return read_each<Via>(*this, "Via", parse_via);
}

const std::optional<Via>& Message::top_via() const {
  if (!read_.top_via) {
    // The first element of the first Via field (the fields are not split into a vector).
    std::optional<std::string_view> first;
    for (const Header& field : headers) {
      if (!iequals(field.name, "Via")) continue;
      for_each_value(field.value, [&](std::string_view element) {
        first = element;
        return false;
      });
      if (first) break;
    }
    read_.top_via = first ? parse_via(*first) : std::nullopt;
  }
  return *read_.top_via;
}

const std::optional<NameAddr>& Message::from() const {
  return read_once<NameAddr>(read_.from, *this, "From", parse_name_addr);
}

const std::optional<NameAddr>& Message::to() const {
  return read_once<NameAddr>(read_.to, *this, "To", parse_name_addr);
}

std::optional<std::vector<NameAddr>> Message::contacts() const {
  return read_each<NameAddr>(*this, "Contact", parse_name_addr);
}

std::optional<std::size_t> Message::content_length() const {
  if (auto text = value("Content-Length")) return parse_digits<std::size_t>(*text);
  return std::nullopt;
}

std::optional<std::uint32_t> Message::expires() const {
  if (auto text = value("Expires")) return parse_digits<std::uint32_t>(*text);
  return std::nullopt;
}

std::optional<SessionExpires> Message::session_expires() const {
  if (auto text = value("Session-Expires")) return parse_session_expires(*text);
  return std::nullopt;
}

std::optional<std::uint32_t> Message::min_se() const {
  if (auto text = value("Min-SE")) return parse_delta_seconds(*text);
  return std::nullopt;
}

std::optional<std::uint32_t> Message::max_forwards() const {
  if (auto text = value("Max-Forwards")) return parse_digits<std::uint32_t>(*text);
  return std::nullopt;
}

std::string_view Message::store(std::string_view text) {
  storage_.push_back(std::make_shared<const std::string>(text));
  return *storage_.back();
}

}  // namespace cmemu::sip
