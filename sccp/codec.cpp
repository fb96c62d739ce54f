#include "sccp/codec.hpp"

#include <algorithm>
#include <array>
#include <concepts>
#include <string>
#include <type_traits>
#include <utility>

namespace cmemu::sccp {
namespace {

// ---------------------------------------------------------------------------------------------
// Walking a message description (messages.hpp, "Message descriptions") for its bytes. A member's
// type gives its wire kind; BodyIo maps every kind onto one byte-level primitive of the visitor.

template <class T>
concept WireNumber = std::integral<T> || std::is_enum_v<T>;

template <class T>
struct IsFixedString : std::false_type {};
template <std::size_t N>
struct IsFixedString<FixedString<N>> : std::true_type {};

template <class T>
struct IsArray : std::false_type {};
template <class T, std::size_t N>
struct IsArray<std::array<T, N>> : std::true_type {};

template <class T>
constexpr std::size_t wire_size();

/// The description's calls for the codec's visitors: every field, in the text form or not, is one
/// io(offset, member). `Self` handles numbers (number()) and strings (string()); io() takes
/// addresses, arrays and nested structs apart down to them.
template <class Self>
class BodyIo {
 public:
  template <class T, class... Format>
  constexpr void field(std::size_t at, std::string_view, T& value, const Format&...) {
    io(at, value);
  }
  template <class T>
  constexpr void wire(std::size_t at, T& value) {
    io(at, value);
  }
  template <class Entries, class Count, class Style>
  constexpr void list(std::size_t at, std::string_view, Entries& entries, Count&, const Style&) {
    io(at, entries);
  }
  template <class Entries, class Count, class Style>
  constexpr void variable_list(std::size_t at, std::string_view key, Entries& entries, Count& count,
                               const Style& style) {
    list(at, key, entries, count, style);
  }
  template <class Format, class... T>
  constexpr void text(std::string_view, const Format&, T&...) {}
  constexpr void extension(std::size_t) {}

 protected:
  template <class T>
  constexpr void io(std::size_t at, T& value) {
    using Plain = std::remove_const_t<T>;
    Self& self = static_cast<Self&>(*this);
    if constexpr (WireNumber<Plain>) {
      self.number(base_ + at, value);
    } else if constexpr (std::same_as<Plain, Ipv4Address>) {
      io(at, value.octets);
    } else if constexpr (IsFixedString<Plain>::value) {
      self.string(base_ + at, value);
    } else if constexpr (IsArray<Plain>::value) {
      constexpr std::size_t stride = wire_size<typename Plain::value_type>();
      for (std::size_t i = 0; i < value.size(); ++i) io(at + i * stride, value[i]);
    } else {
      const std::size_t outer = base_;
      base_ += at;
      Plain::describe(self, value);
      base_ = outer;
    }
  }

 private:
  std::size_t base_ = 0;  // offset of the struct being walked in the body
};

/// Reads fields from a received body: bytes past its end read as zero (short bodies), bytes past
/// the layout are never looked at (long bodies).
class BodyReader : public BodyIo<BodyReader> {
 public:
  explicit BodyReader(std::span<const std::uint8_t> body) : body_(body) {}

  /// Only `count` entries are part of the message: the count is brought back within the array
  /// and the entries past it (not encoded) are dropped.
  template <class Entries, class Count, class Style>
  void variable_list(std::size_t at, std::string_view, Entries& entries, Count& count,
                     const Style&) {
    io(at, entries);
    count = static_cast<Count>(std::min<std::size_t>(count, entries.size()));
    std::fill(entries.begin() + static_cast<std::ptrdiff_t>(count), entries.end(),
              typename Entries::value_type{});
  }

  template <class T>
  void number(std::size_t offset, T& field) const {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) value |= std::uint32_t{at(offset + i)} << (8 * i);
    field = static_cast<T>(value);
  }
  template <std::size_t N>
  void string(std::size_t offset, FixedString<N>& field) const {
    std::array<char, N> chars{};
    for (std::size_t i = 0; i < N; ++i) chars[i] = static_cast<char>(at(offset + i));
    field.assign_field(std::string_view(chars.data(), N));
  }

 private:
  std::uint8_t at(std::size_t index) const { return index < body_.size() ? body_[index] : 0; }
  std::span<const std::uint8_t> body_;
};

/// Writes fields into a zero-filled body; a field (or part of one) past the body's end is not
/// written (CapabilitiesRes entries past count, RegisterReq extension when absent).
class BodyWriter : public BodyIo<BodyWriter> {
 public:
  explicit BodyWriter(std::span<std::uint8_t> body) : body_(body) {}

  template <class T>
  void number(std::size_t offset, const T& field) {
    const auto value = static_cast<std::uint32_t>(field);
    for (std::size_t i = 0; i < sizeof(T); ++i)
      set(offset + i, static_cast<std::uint8_t>(value >> (8 * i)));
  }
  template <std::size_t N>
  void string(std::size_t offset, const FixedString<N>& field) {
    for (std::size_t i = 0; i < N; ++i)
      set(offset + i, static_cast<std::uint8_t>(field.bytes()[i]));
  }

 private:
  void set(std::size_t index, std::uint8_t byte) {
    if (index < body_.size()) body_[index] = byte;
  }
  std::span<std::uint8_t> body_;
};

/// Compile-time facts of a layout: where it ends, whether two fields share a byte, and whether its
/// body size varies (an extension or a variable list).
class LayoutProbe : public BodyIo<LayoutProbe> {
 public:
  template <class Entries, class Count, class Style>
  constexpr void variable_list(std::size_t at, std::string_view, Entries& entries, Count&,
                               const Style&) {
    io(at, entries);
    variable = true;
  }
  constexpr void extension(std::size_t) { variable = true; }

  template <class T>
  constexpr void number(std::size_t offset, const T&) {
    cover(offset, sizeof(T));
  }
  template <std::size_t N>
  constexpr void string(std::size_t offset, const FixedString<N>&) {
    cover(offset, N);
  }

  std::size_t end = 0;
  bool overlap = false;
  bool variable = false;

 private:
  constexpr void cover(std::size_t offset, std::size_t width) {
    for (std::size_t i = offset; i < offset + width; ++i) {
      if (i >= used_.size() || used_[i]) {
        overlap = true;
        continue;
      }
      used_[i] = true;
    }
    end = std::max(end, offset + width);
  }
  std::array<bool, 1024> used_{};
};

template <class T>
constexpr LayoutProbe probe() {
  T value{};
  LayoutProbe probe;
  T::describe(probe, value);
  return probe;
}

template <class T>
constexpr std::size_t wire_size() {
  if constexpr (WireNumber<T>) {
    return sizeof(T);
  } else if constexpr (std::same_as<T, Ipv4Address>) {
    return 4;
  } else if constexpr (IsFixedString<T>::value) {
    return T::field_size();
  } else if constexpr (IsArray<T>::value) {
    return std::tuple_size_v<T> * wire_size<typename T::value_type>();
  } else {
    return probe<T>().end;
  }
}

/// The body size of a message whose size varies: the used entries of a variable list, and an
/// extension only when one of its fields is set.
class BodySize {
 public:
  template <class Entries, class Count, class Style>
  void variable_list(std::size_t at, std::string_view, const Entries& entries, const Count& count,
                     const Style&) {
    const std::size_t used = std::min<std::size_t>(count, entries.size());
    basic_ = std::max(basic_, at + used * wire_size<typename Entries::value_type>());
  }
  template <class Entries, class Count, class Style>
  void list(std::size_t at, std::string_view, const Entries& entries, const Count&, const Style&) {
    wire(at, entries);
  }
  void extension(std::size_t) { in_extension_ = true; }
  template <class T>
  void wire(std::size_t at, const T& value) {
    using Plain = std::remove_const_t<T>;
    const std::size_t end = at + wire_size<Plain>();
    if (!in_extension_) {
      basic_ = std::max(basic_, end);
    } else {
      extended_ = std::max(extended_, end);
      extension_set_ = extension_set_ || !(value == Plain{});
    }
  }
  template <class T, class... Format>
  void field(std::size_t at, std::string_view, const T& value, const Format&...) {
    wire(at, value);
  }
  template <class Format, class... T>
  void text(std::string_view, const Format&, const T&...) {}

  std::size_t size() const { return extension_set_ ? std::max(basic_, extended_) : basic_; }

 private:
  std::size_t basic_ = 0;
  std::size_t extended_ = 0;
  bool in_extension_ = false;
  bool extension_set_ = false;
};

// ---------------------------------------------------------------------------------------------
// Per-message sizes and compile-time checks: every layout ends exactly at its (largest) body size
// with no overlapping fields, and no two messages share an ID.

template <class M>
constexpr std::size_t max_body_size() {
  if constexpr (requires { M::kExtendedBodySize; }) {
    return M::kExtendedBodySize;
  } else {
    return M::kBodySize;
  }
}

template <class M>
std::size_t body_size(const M& m) {
  if constexpr (probe<M>().variable) {
    BodySize size;
    M::describe(size, m);
    return size.size();
  } else {
    return M::kBodySize;
  }
}
std::size_t body_size(const UnknownMessage& m) {
  return m.body.size();
}

template <class M>
constexpr bool layout_fits() {
  constexpr LayoutProbe layout = probe<M>();
  return layout.end == max_body_size<M>() && !layout.overlap;
}

constexpr std::size_t kKnownCount = std::variant_size_v<Message> - 1;
template <std::size_t I>
using Known = std::variant_alternative_t<I, Message>;

static_assert(std::same_as<Known<kKnownCount>, UnknownMessage>);

template <std::size_t... I>
constexpr bool all_layouts_fit(std::index_sequence<I...>) {
  return (layout_fits<Known<I>>() && ...);
}
static_assert(all_layouts_fit(std::make_index_sequence<kKnownCount>{}),
              "a layout does not match its Basic body size, or two fields overlap");

template <std::size_t... I>
constexpr bool ids_unique(std::index_sequence<I...>) {
  constexpr std::array<MessageId, sizeof...(I)> ids{Known<I>::kId...};
  for (std::size_t a = 0; a < ids.size(); ++a) {
    for (std::size_t b = a + 1; b < ids.size(); ++b) {
      if (ids[a] == ids[b]) return false;
    }
  }
  return true;
}
static_assert(ids_unique(std::make_index_sequence<kKnownCount>{}), "two messages share an ID");

// ---------------------------------------------------------------------------------------------
// Dispatch by ID

template <std::size_t I>
void decode_as(std::span<const std::uint8_t> body, Message& out) {
  auto& message = out.emplace<I>();
  BodyReader reader(body);
  Known<I>::describe(reader, message);
}

template <std::size_t... I>
bool decode_known(MessageId id, std::span<const std::uint8_t> body, Message& out,
                  std::index_sequence<I...>) {
  return ((Known<I>::kId == id && (decode_as<I>(body, out), true)) || ...);
}

template <std::size_t... I>
std::string_view name_of(MessageId id, std::index_sequence<I...>) {
  std::string_view name;
  (void)((Known<I>::kId == id && (name = Known<I>::kName, true)) || ...);
  return name;
}

void put_le32(std::uint8_t* out, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint32_t get_le32(const std::uint8_t* in) {
  return std::uint32_t{in[0]} | std::uint32_t{in[1]} << 8 | std::uint32_t{in[2]} << 16 |
         std::uint32_t{in[3]} << 24;
}

class CodecCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "sccp.codec"; }
  std::string message(int value) const override {
    switch (static_cast<CodecError>(value)) {
      case CodecError::kLengthTooLarge:
        return "SCCP message length above the limit";
      case CodecError::kLengthTooSmall:
        return "SCCP message length below 4";
    }
    return "unknown SCCP codec error";
  }
};

}  // namespace

const std::error_category& codec_category() noexcept {
  static const CodecCategory category;
  return category;
}

std::error_code make_error_code(CodecError error) noexcept {
  return {static_cast<int>(error), codec_category()};
}

bool msg::RegisterReq::has_extension() const {
  return body_size(*this) > kBodySize;
}

MessageId message_id(const Message& message) {
  return std::visit(
      [](const auto& m) -> MessageId {
        if constexpr (std::same_as<std::decay_t<decltype(m)>, UnknownMessage>) {
          return m.id;
        } else {
          return std::decay_t<decltype(m)>::kId;
        }
      },
      message);
}

std::string_view message_name(MessageId id) {
  return name_of(id, std::make_index_sequence<kKnownCount>{});
}

bool is_known(MessageId id) {
  return !message_name(id).empty();
}

std::size_t encoded_body_size(const Message& message) {
  return std::visit([](const auto& m) { return body_size(m); }, message);
}

void encode(const Message& message, std::vector<std::uint8_t>& out) {
  const std::size_t body = encoded_body_size(message);
  const std::size_t start = out.size();
  out.resize(start + kHeaderSize + body, 0);
  std::uint8_t* frame = out.data() + start;
  put_le32(frame, static_cast<std::uint32_t>(kMinLength + body));
  put_le32(frame + 4, kBasicHeaderVersion);
  put_le32(frame + 8, static_cast<std::uint32_t>(message_id(message)));
  std::span<std::uint8_t> body_bytes(frame + kHeaderSize, body);
  std::visit(
      [&](const auto& m) {
        if constexpr (std::same_as<std::decay_t<decltype(m)>, UnknownMessage>) {
          std::copy(m.body.begin(), m.body.end(), body_bytes.begin());
        } else {
          BodyWriter writer(body_bytes);
          std::decay_t<decltype(m)>::describe(writer, m);
        }
      },
      message);
}

std::vector<std::uint8_t> encode(const Message& message) {
  std::vector<std::uint8_t> out;
  out.reserve(kHeaderSize + encoded_body_size(message));
  encode(message, out);
  return out;
}

Message decode_body(MessageId id, std::span<const std::uint8_t> body) {
  Message out;
  if (!decode_known(id, body, out, std::make_index_sequence<kKnownCount>{})) {
    out = UnknownMessage{id, std::vector<std::uint8_t>(body.begin(), body.end())};
  }
  return out;
}

DecodeResult decode(std::span<const std::uint8_t> bytes, std::uint32_t max_length) {
  DecodeResult result;
  if (bytes.size() < 4) return result;
  const std::uint32_t length = get_le32(bytes.data());
  if (length < kMinLength || length > max_length) {
    result.status = DecodeStatus::kError;
    result.error = length < kMinLength ? CodecError::kLengthTooSmall : CodecError::kLengthTooLarge;
    return result;
  }
  const std::size_t frame_size = std::size_t{length} + 8;
  if (bytes.size() < frame_size) return result;
  result.header_version = get_le32(bytes.data() + 4);
  const auto id = static_cast<MessageId>(get_le32(bytes.data() + 8));
  result.message = decode_body(id, bytes.subspan(kHeaderSize, length - kMinLength));
  result.status = DecodeStatus::kMessage;
  result.length = length;
  result.consumed = frame_size;
  return result;
}

void FrameReader::append(std::span<const std::uint8_t> bytes) {
  if (start_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

DecodeResult FrameReader::next() {
  if (error_) {
    DecodeResult result;
    result.status = DecodeStatus::kError;
    result.error = error_;
    return result;
  }
  DecodeResult result = decode(std::span(buffer_).subspan(start_), max_length_);
  switch (result.status) {
    case DecodeStatus::kMessage:
      start_ += result.consumed;
      if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
      }
      break;
    case DecodeStatus::kError:
      error_ = result.error;
      buffer_.clear();
      start_ = 0;
      break;
    case DecodeStatus::kNeedMore:
      break;
  }
  return result;
}

}  // namespace cmemu::sccp
