#include "runtime/csta/codec.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "grammar/text.hpp"

namespace cmemu::runtime::csta {
namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

constexpr std::string_view kXmlWhitespace = " \t\r\n";  // XML 1.0's S

std::string_view local_name(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

std::string_view prefix_of(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qualified.substr(0, colon);
}

/// Calls `each(segment)` for every '/'-separated segment of `path`.
template <class Each>
void for_each_segment(std::string_view path, Each&& each) {
  while (true) {
    const auto slash = path.find('/');
    each(path.substr(0, slash));
    if (slash == std::string_view::npos) return;
    path.remove_prefix(slash + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

class XmlWriter {
 public:
  explicit XmlWriter(std::string& out) : out_(out) {}

  void open(std::string_view name, std::string_view attribute = {},
            std::string_view attribute_value = {}) {
    finish_start_tag();
    out_ += '<';
    out_ += name;
    if (!attribute.empty()) {
      out_ += ' ';
      out_ += attribute;
      out_ += "=\"";
      escape(attribute_value, true);
      out_ += '"';
    }
    start_tag_open_ = true;
  }

  void text(std::string_view value) {
    if (value.empty()) return;
    finish_start_tag();
    escape(value, false);
  }

  void close(std::string_view name) {
    if (start_tag_open_) {
      out_ += "/>";
      start_tag_open_ = false;
      return;
    }
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  void element(std::string_view name, std::string_view value) {
    open(name);
    text(value);
    close(name);
  }

 private:
  void finish_start_tag() {
    if (!start_tag_open_) return;
    out_ += '>';
    start_tag_open_ = false;
  }

  void escape(std::string_view value, bool attribute) {
    // The runs between characters to escape go in whole (most values have none). A plain loop:
    // find_first_of would call memchr on the set for every character.
    auto special = [attribute](char c) {
      return c == '&' || c == '<' || c == '>' || (attribute && c == '"');
    };
    while (!value.empty()) {
      std::size_t at = 0;
      while (at < value.size() && !special(value[at])) ++at;
      out_.append(value.substr(0, at));
      if (at == value.size()) return;
      switch (value[at]) {
        case '&':
          out_ += "&amp;";
          break;
        case '<':
          out_ += "&lt;";
          break;
        case '>':
          out_ += "&gt;";
          break;
        default:
          out_ += "&quot;";
      }
      value.remove_prefix(at + 1);
    }
  }

  std::string& out_;
  bool start_tag_open_ = false;
};

class FieldWriter {
 public:
  explicit FieldWriter(XmlWriter& xml) : xml_(xml) {}

  template <class T>
  void field(std::string_view path, const T& value, OperationError = {}) {
    if constexpr (IsOptional<T>::value) {
      if (value) field(path, *value);
    } else {
      const auto slash = path.rfind('/');
      const auto wrappers =
          slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
      open_wrappers(wrappers);
      write_element(path.substr(slash == std::string_view::npos ? 0 : slash + 1), value);
      close_wrappers(wrappers);
    }
  }

  template <class Item>
  void list(std::string_view path, std::string_view item, const std::vector<Item>& items) {
    open_wrappers(path);
    for (const auto& entry : items) write_element(item, entry);
    close_wrappers(path);
  }

  void features(std::string_view name, const std::vector<FeatureList>& lists) {
    xml_.open(name);
    for (const auto& list : lists) {
      xml_.open(list.name);
      for (const auto& item : list.items) {
        xml_.open(item);
        xml_.close(item);
      }
      xml_.close(list.name);
    }
    xml_.close(name);
  }

  template <class... Ts>
  void choice(std::string_view name, std::span<const std::string_view> names,
              const std::variant<Ts...>& value, OperationError) {
    xml_.open(name);
    std::visit([&](const auto& alternative) { write_element(names[value.index()], alternative); },
               value);
    xml_.close(name);
  }

  template <class Message>
  void root(const Message& message, std::string_view namespace_uri) {
    if (namespace_uri.empty()) {
      xml_.open(Message::kElement);
    } else {
      xml_.open(Message::kElement, "xmlns", namespace_uri);
    }
    Message::describe(*this, message);
    xml_.close(Message::kElement);
  }

 private:
  void open_wrappers(std::string_view wrappers) {
    if (wrappers.empty()) return;
    for_each_segment(wrappers, [&](std::string_view segment) { xml_.open(segment); });
  }

  void close_wrappers(std::string_view wrappers) {
    while (!wrappers.empty()) {
      const auto slash = wrappers.rfind('/');
      if (slash == std::string_view::npos) {
        xml_.close(wrappers);
        return;
      }
      xml_.close(wrappers.substr(slash + 1));
      wrappers = wrappers.substr(0, slash);
    }
  }

  void write_element(std::string_view name, const std::string& value) { xml_.element(name, value); }

  void write_element(std::string_view name, const DeviceId& value) {
    if (value.type_of_number.empty()) {
      xml_.open(name);
    } else {
      xml_.open(name, "typeOfNumber", value.type_of_number);
    }
    xml_.text(value.text);
    xml_.close(name);
  }

  void write_element(std::string_view name, const ConnectionId& value) {
    xml_.open(name);
    if (!value.call_id.empty()) xml_.element("callID", value.call_id);
    if (!value.device_id.empty()) xml_.element("deviceID", value.device_id);
    xml_.close(name);
  }

  void write_element(std::string_view name, const EventDevice& value) {
    write_device(name, value.kind, value.identifier);
  }

  void write_element(std::string_view name, const RedirectionDevice& value) {
    write_device(name, value.kind, value.number_dialed);
  }

  /// A device: one child named after `kind` (enum_names); the first kind's holds `text`.
  template <class Kind>
  void write_device(std::string_view name, Kind kind, std::string_view text) {
    xml_.open(name);
    xml_.element(to_string(kind), kind == Kind{} ? text : std::string_view{});
    xml_.close(name);
  }

  void write_element(std::string_view name, bool value) {
    xml_.element(name, value ? "true" : "false");
  }

  void write_element(std::string_view name, std::uint32_t value) {
    std::array<char, 16> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    xml_.element(name,
                 std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
  }

  template <class E>
  requires std::is_enum_v<E>
  void write_element(std::string_view name, E value) { xml_.element(name, to_string(value)); }

  void write_element(std::string_view name, const Extensions& value) {
    xml_.open(name);
    xml_.open("privateData");
    xml_.open("private");
    if (value.lcs_line) {
      xml_.open("lcs:line", "xmlns:lcs", kLcsNamespace);
      xml_.text(*value.lcs_line);
      xml_.close("lcs:line");
    }
    // Each cisco: element declares its prefix: docs/csta.md §10 puts the declaration on
    // lineInstance, which does not cover a sibling gcid.
    if (value.line_instance) {
      xml_.open("cisco:lineInstance", "xmlns:cisco", kCiscoPrivateNamespace);
      std::array<char, 16> digits{};
      const auto end =
          std::to_chars(digits.data(), digits.data() + digits.size(), *value.line_instance).ptr;
      xml_.text(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
      xml_.close("cisco:lineInstance");
    }
    if (value.gcid) {
      xml_.open("cisco:gcid", "xmlns:cisco", kCiscoPrivateNamespace);
      xml_.text(*value.gcid);
      xml_.close("cisco:gcid");
    }
    xml_.close("private");
    xml_.close("privateData");
    xml_.close(name);
  }

  template <class Compound>
  requires requires { &Compound::template describe<FieldWriter, const Compound>; }
  void write_element(std::string_view name, const Compound& value) {
    xml_.open(name);
    Compound::describe(*this, value);
    xml_.close(name);
  }

  XmlWriter& xml_;
};

void write_error_code(XmlWriter& xml, const CstaErrorCode& code, std::string_view namespace_uri) {
  if (namespace_uri.empty()) {
    xml.open(CstaErrorCode::kElement);
  } else {
    xml.open(CstaErrorCode::kElement, "xmlns", namespace_uri);
  }
  const auto category = kErrorCategoryNames[code.error.index()];
  std::visit(
      [&](const auto& value) {
        using Value = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<Value, UnspecifiedError>) {
          xml.element(category, {});
        } else {
          xml.element(category, to_string(value));
        }
      },
      code.error);
  xml.close(CstaErrorCode::kElement);
}

template <class Variant>
std::string write_any(const Variant& message, std::string_view namespace_uri) {
  std::string out;
  out.reserve(512);  // most answers and events fit: one allocation
  out = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  XmlWriter xml(out);
  std::visit(
      [&](const auto& alternative) {
        using Message = std::decay_t<decltype(alternative)>;
        if constexpr (std::is_same_v<Message, CstaErrorCode>) {
          write_error_code(xml, alternative, namespace_uri);
        } else {
          FieldWriter(xml).root(alternative, namespace_uri);
        }
      },
      message);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

/// True when `text` is UTF-8 without the control characters XML 1.0 forbids.
bool valid_xml_characters(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return false;
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto continuation = static_cast<unsigned char>(text[i + k]);
      if ((continuation & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (continuation & 0x3F);
    }
    constexpr std::array<std::uint32_t, 5> kSmallest{0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point == 0xFFFE ||
        code_point == 0xFFFF) {
      return false;
    }
    i += length;
  }
  return true;
}

/// Checks the bounds on the raw bytes, before any parser runs: nesting depth by counting start
/// and end tags (skipping comments, CDATA, processing instructions and quoted attribute
/// values), element count; and what pugixml lets through: a DOCTYPE (no entity declarations,
/// no external subsets), bad UTF-8 or control characters, text or a second element outside
/// the root.
ReadError prescan(std::string_view body, const CodecLimits& limits) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // UTF-8 byte order mark
  if (!valid_xml_characters(body)) return ReadError::kMalformed;
  std::size_t depth = 0;
  std::size_t elements = 0;
  bool root_seen = false;
  std::size_t i = 0;
  std::size_t text_start = 0;  // where the character data before the next markup starts
  const std::size_t size = body.size();
  auto skip_to = [&](std::size_t from, std::string_view terminator) {
    const auto end = body.find(terminator, from);
    return end == std::string_view::npos ? end : end + terminator.size();
  };
  auto text_outside_root = [&](std::size_t end) {
    return depth == 0 &&
           body.substr(text_start, end - text_start).find_first_not_of(kXmlWhitespace) !=
               std::string_view::npos;
  };
  while ((i = body.find('<', i)) != std::string_view::npos) {
    if (text_outside_root(i)) return ReadError::kMalformed;
    const auto rest = body.substr(i);
    std::size_t next = 0;
    if (rest.starts_with("<!--")) {
      next = skip_to(i + 4, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      if (depth == 0) return ReadError::kMalformed;
      next = skip_to(i + 9, "]]>");
    } else if (rest.starts_with("<?")) {
      next = skip_to(i + 2, "?>");
    } else if (rest.starts_with("<!")) {
      return ReadError::kMalformed;
    } else if (rest.starts_with("</")) {
      if (depth == 0) return ReadError::kMalformed;
      --depth;
      next = skip_to(i + 2, ">");
    } else {
      if (depth == 0) {
        if (root_seen) return ReadError::kMalformed;  // a second root element
        root_seen = true;
      }
      if (++elements > limits.max_elements) return ReadError::kTooManyElements;
      std::size_t j = i + 1;
      char quote = 0;
      for (; j < size; ++j) {
        const char c = body[j];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      if (j >= size) return ReadError::kMalformed;
      if (body[j - 1] != '/' && ++depth > limits.max_depth) return ReadError::kTooDeep;
      next = j + 1;
    }
    if (next == std::string_view::npos) return ReadError::kMalformed;
    i = text_start = next;
  }
  if (text_outside_root(size)) return ReadError::kMalformed;
  return ReadError::kNone;
}

/// The namespace URI bound to `prefix` where `node` is ("" for no prefix and no default
/// namespace); nullopt when the prefix is not declared.
std::optional<std::string_view> namespace_of(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  std::string attribute = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
  for (; node && node.type() == pugi::node_element; node = node.parent()) {
    if (const auto declared = node.attribute(attribute.c_str())) {
      const std::string_view uri = declared.value();
      if (uri.empty() && !prefix.empty()) return std::nullopt;  // xmlns:p="" is not allowed
      return uri;
    }
  }
  if (prefix.empty()) return std::string_view{};
  return std::nullopt;
}

/// Two attributes with one name: not well-formed, and pugixml does not check it.
bool has_duplicate_attribute(pugi::xml_node node) {
  // Most elements have none or one (a namespace declaration): nothing to compare, no vector.
  const auto first = node.first_attribute();
  if (!first || !first.next_attribute()) return false;
  std::vector<std::string_view> names;
  for (auto attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute()) {
    names.emplace_back(attribute.name());
  }
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) != names.end();
}

/// Every element's prefix is declared (kUnboundPrefix) and no element repeats an attribute
/// (kMalformed). The element count is bounded by the prescan.
ReadError check_names(pugi::xml_node root) {
  for (auto node = root; node;) {
    const std::string_view prefix = prefix_of(node.name());
    if (!prefix.empty() && !namespace_of(node, prefix)) return ReadError::kUnboundPrefix;
    if (has_duplicate_attribute(node)) return ReadError::kMalformed;
    // Depth-first, iteratively.
    if (auto child = node.first_child(); child) {
      while (child && child.type() != pugi::node_element) child = child.next_sibling();
      if (child) {
        node = child;
        continue;
      }
    }
    while (node) {
      if (node == root) return ReadError::kNone;
      auto sibling = node.next_sibling();
      while (sibling && sibling.type() != pugi::node_element) sibling = sibling.next_sibling();
      if (sibling) {
        node = sibling;
        break;
      }
      node = node.parent();
    }
  }
  return ReadError::kNone;
}

pugi::xml_node child_named(pugi::xml_node parent, std::string_view name) {
  for (auto child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && local_name(child.name()) == name) return child;
  }
  return {};
}

pugi::xml_node find_path(pugi::xml_node node, std::string_view path) {
  for_each_segment(path, [&](std::string_view segment) {
    if (node) node = child_named(node, segment);
  });
  return node;
}

std::string_view text_of(pugi::xml_node node) {
  return text::trim(node.text().get(), kXmlWhitespace);
}

template <class E>
std::optional<E> parse_enum(std::string_view text) {
  const auto names = enum_names(E{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (text::iequals(names[i], text)) return static_cast<E>(i);
  }
  return std::nullopt;
}

/// What went wrong while reading the fields; the first failure wins.
struct FieldFailure {
  ReadError error = ReadError::kNone;
  std::string element;
  OperationError csta_error = OperationError::kGeneric;
};

template <class T>
constexpr OperationError default_error() {
  if constexpr (std::is_same_v<T, ConnectionId> || std::is_same_v<T, std::optional<ConnectionId>>) {
    return OperationError::kInvalidConnectionId;
  } else if constexpr (std::is_same_v<T, DeviceId> || std::is_same_v<T, std::optional<DeviceId>>) {
    return OperationError::kInvalidDeviceId;
  } else {
    return OperationError::kInvalidParameterValue;
  }
}

class FieldReader {
 public:
  FieldReader(pugi::xml_node node, FieldFailure& failure, std::string prefix = {})
      : node_(node), failure_(failure), prefix_(std::move(prefix)) {}

  template <class T>
  void field(std::string_view path, T& value) {
    field(path, value, default_error<T>());
  }

  template <class T>
  void field(std::string_view path, T& value, OperationError error) {
    if (failed()) return;
    const auto child = find_path(node_, path);
    if constexpr (IsOptional<T>::value) {
      if (!child) {
        value.reset();
        return;
      }
      typename T::value_type inner{};
      if (read_element(child, path, inner, error)) value = std::move(inner);
    } else {
      if (!child) {
        fail(ReadError::kMissingElement, path, error);
        return;
      }
      read_element(child, path, value, error);
    }
  }

  template <class Item>
  void list(std::string_view path, std::string_view item, std::vector<Item>& items) {
    if (failed()) return;
    const auto wrapper = find_path(node_, path);
    if (!wrapper) {
      fail(ReadError::kMissingElement, path, OperationError::kInvalidParameterValue);
      return;
    }
    items.clear();
    for (auto child = wrapper.first_child(); child && !failed(); child = child.next_sibling()) {
      if (child.type() != pugi::node_element || local_name(child.name()) != item) continue;
      Item entry{};
      if (read_element(child, path, entry, OperationError::kInvalidParameterValue)) {
        items.push_back(std::move(entry));
      }
    }
  }

  void features(std::string_view name, std::vector<FeatureList>& lists) {
    lists.clear();
    const auto wrapper = child_named(node_, name);
    for (auto list = wrapper.first_child(); list; list = list.next_sibling()) {
      if (list.type() != pugi::node_element) continue;
      FeatureList entry{std::string(local_name(list.name())), {}};
      for (auto item = list.first_child(); item; item = item.next_sibling()) {
        if (item.type() == pugi::node_element) entry.items.emplace_back(local_name(item.name()));
      }
      lists.push_back(std::move(entry));
    }
  }

  template <class... Ts>
  void choice(std::string_view name, std::span<const std::string_view> names,
              std::variant<Ts...>& value, OperationError error) {
    if (failed()) return;
    const auto wrapper = child_named(node_, name);
    if (!wrapper) {
      fail(ReadError::kMissingElement, name, error);
      return;
    }
    const bool found =
        read_choice(wrapper, name, names, value, error, std::index_sequence_for<Ts...>{});
    if (!found && !failed()) fail(ReadError::kMissingElement, name, error);
  }

  bool failed() const { return failure_.error != ReadError::kNone; }

 private:
  template <class... Ts, std::size_t... I>
  bool read_choice(pugi::xml_node wrapper, std::string_view name,
                   std::span<const std::string_view> names, std::variant<Ts...>& value,
                   OperationError error, std::index_sequence<I...>) {
    auto try_one = [&]<std::size_t Index>(std::integral_constant<std::size_t, Index>) {
      const auto child = child_named(wrapper, names[Index]);
      if (!child) return false;
      std::variant_alternative_t<Index, std::variant<Ts...>> alternative{};
      if (read_element(child, name, alternative, error)) value = std::move(alternative);
      return true;
    };
    return (try_one(std::integral_constant<std::size_t, I>{}) || ...);
  }

  void fail(ReadError error, std::string_view path, OperationError csta_error) {
    if (failed()) return;
    failure_.error = error;
    failure_.element = prefix_;
    if (!failure_.element.empty()) failure_.element += '/';
    failure_.element += path;
    failure_.csta_error = csta_error;
  }

  bool read_element(pugi::xml_node node, std::string_view, std::string& value, OperationError) {
    value = std::string(text_of(node));
    return true;
  }

  bool read_element(pugi::xml_node node, std::string_view, DeviceId& value, OperationError) {
    value.text = std::string(text_of(node));
    value.type_of_number = node.attribute("typeOfNumber").value();
    return true;
  }

  bool read_element(pugi::xml_node node, std::string_view path, ConnectionId& value,
                    OperationError error) {
    // Empty elements count as absent: the writer leaves an empty value out.
    value.call_id = std::string(text_of(child_named(node, "callID")));
    value.device_id = std::string(text_of(child_named(node, "deviceID")));
    if (value.call_id.empty() && value.device_id.empty()) {
      fail(ReadError::kMissingElement, std::string(path) + "/callID", error);
      return false;
    }
    return true;
  }

  bool read_element(pugi::xml_node node, std::string_view path, EventDevice& value,
                    OperationError error) {
    return read_device(node, path, error, value.kind, value.identifier);
  }

  bool read_element(pugi::xml_node node, std::string_view path, RedirectionDevice& value,
                    OperationError error) {
    return read_device(node, path, error, value.kind, value.number_dialed);
  }

  /// A device: the first child named after a kind (enum_names, in their order) gives `kind`;
  /// the first kind's child holds `text`.
  template <class Kind>
  bool read_device(pugi::xml_node node, std::string_view path, OperationError error, Kind& kind,
                   std::string& text) {
    const auto names = enum_names(Kind{});
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (const auto child = child_named(node, names[i])) {
        kind = static_cast<Kind>(i);
        text = i == 0 ? std::string(text_of(child)) : std::string();
        return true;
      }
    }
    fail(ReadError::kBadValue, path, error);
    return false;
  }

  bool read_element(pugi::xml_node node, std::string_view path, bool& value, OperationError error) {
    const auto text = text_of(node);
    if (text == "true" || text == "1") {
      value = true;
    } else if (text == "false" || text == "0") {
      value = false;
    } else {
      fail(ReadError::kBadValue, path, error);
      return false;
    }
    return true;
  }

  bool read_element(pugi::xml_node node, std::string_view path, std::uint32_t& value,
                    OperationError error) {
    const auto text = text_of(node);
    const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || status != std::errc{} || end != text.data() + text.size()) {
      fail(ReadError::kBadValue, path, error);
      return false;
    }
    return true;
  }

  template <class E>
  requires std::is_enum_v<E>
  bool read_element(pugi::xml_node node, std::string_view path, E& value, OperationError error) {
    const auto parsed = parse_enum<E>(text_of(node));
    if (!parsed) {
      fail(ReadError::kBadValue, path, error);
      return false;
    }
    value = *parsed;
    return true;
  }

  /// Private data never fails a request (docs/csta.md §10): what cmemu does not know is skipped.
  bool read_element(pugi::xml_node node, std::string_view, Extensions& value, OperationError) {
    value = {};
    const auto data = find_path(node, "privateData/private");
    for (auto item = data.first_child(); item; item = item.next_sibling()) {
      if (item.type() != pugi::node_element) continue;
      const auto name = local_name(item.name());
      const auto text = text_of(item);
      if (name == "line") {
        value.lcs_line = std::string(text);
      } else if (name == "lineInstance") {
        std::uint32_t instance = 0;
        const auto [end, status] =
            std::from_chars(text.data(), text.data() + text.size(), instance);
        if (!text.empty() && status == std::errc{} && end == text.data() + text.size()) {
          value.line_instance = instance;
        }
      } else if (name == "gcid") {
        value.gcid = std::string(text);
      }
    }
    return true;
  }

  template <class Compound>
  requires requires { &Compound::template describe<FieldReader, Compound>; }
  bool read_element(pugi::xml_node node, std::string_view path, Compound& value, OperationError) {
    std::string nested = prefix_;
    if (!nested.empty()) nested += '/';
    nested += path;
    FieldReader reader(node, failure_, std::move(nested));
    Compound::describe(reader, value);
    return !failed();
  }

  pugi::xml_node node_;
  FieldFailure& failure_;
  std::string prefix_;  // path of node_ below the root, for error reports
};

template <class Result>
void fail_with(Result& result, ReadError error, std::string element, OperationError csta_error) {
  result.error = error;
  result.element = std::move(element);
  result.csta_error = CstaErrorCode{csta_error};
}

/// A category's value read from `text`: one of the enumeration's names, or for unspecified
/// anything; nullopt when it is none of them.
template <class Category>
std::optional<ErrorValue> read_category(std::string_view text) {
  if constexpr (std::is_enum_v<Category>) {
    if (const auto parsed = parse_enum<Category>(text)) return ErrorValue(*parsed);
    return std::nullopt;
  } else {
    return ErrorValue(Category{});
  }
}

/// The value of the category at `index` (ErrorValue's, kErrorCategoryNames') read from `text`.
template <std::size_t... I>
std::optional<ErrorValue> read_category_at(std::size_t index, std::string_view text,
                                           std::index_sequence<I...>) {
  std::optional<ErrorValue> value;
  ((index == I ? void(value = read_category<std::variant_alternative_t<I, ErrorValue>>(text))
               : void()),
   ...);
  return value;
}

bool read_error_code(pugi::xml_node root, CstaErrorCode& code, FieldFailure& failure) {
  for (auto child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const auto category = local_name(child.name());
    const auto found = std::find(kErrorCategoryNames.begin(), kErrorCategoryNames.end(), category);
    if (found == kErrorCategoryNames.end()) continue;
    const auto value = read_category_at(
        static_cast<std::size_t>(found - kErrorCategoryNames.begin()), text_of(child),
        std::make_index_sequence<std::variant_size_v<ErrorValue>>{});
    if (!value) {
      failure = {ReadError::kBadValue, std::string(category),
                 OperationError::kInvalidParameterValue};
      return false;
    }
    code.error = *value;
    return true;
  }
  failure = {ReadError::kMissingElement, "operation", OperationError::kInvalidParameterValue};
  return false;
}

template <class Variant, std::size_t... I>
bool read_alternative(std::string_view name, pugi::xml_node root, ReadResult<Variant>& result,
                      std::index_sequence<I...>) {
  auto try_one = [&]<std::size_t Index>(std::integral_constant<std::size_t, Index>) {
    using Message = std::variant_alternative_t<Index, Variant>;
    if (name != Message::kElement) return false;
    Message message{};
    FieldFailure failure;
    if constexpr (std::is_same_v<Message, CstaErrorCode>) {
      read_error_code(root, message, failure);
    } else {
      FieldReader reader(root, failure);
      Message::describe(reader, message);
    }
    if (failure.error != ReadError::kNone) {
      fail_with(result, failure.error, std::move(failure.element), failure.csta_error);
    } else {
      result.message = std::move(message);
    }
    return true;
  };
  return (try_one(std::integral_constant<std::size_t, I>{}) || ...);
}

template <class Variant>
ReadResult<Variant> read_any(std::string_view body, const CodecLimits& limits) {
  ReadResult<Variant> result;
  if (body.size() > limits.max_body_size) {
    result.error = ReadError::kBodyTooLarge;
    return result;
  }
  if (const auto bound = prescan(body, limits); bound != ReadError::kNone) {
    result.error = bound;
    return result;
  }
  // pugixml parses a copy in place; the copy's room is kept for the next body (bounded by
  // max_body_size above) rather than allocated per request.
  thread_local std::string copy;
  copy.assign(body);
  pugi::xml_document document;
  const auto parsed = document.load_buffer_inplace(copy.data(), copy.size(), pugi::parse_default,
                                                   pugi::encoding_utf8);
  if (!parsed) {
    result.error = ReadError::kMalformed;
    return result;
  }
  pugi::xml_node root;
  for (auto node = document.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element) {
      if (root) {
        result.error = ReadError::kMalformed;  // two root elements
        return result;
      }
      root = node;
    } else if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      result.error = ReadError::kMalformed;  // text outside the root element
      return result;
    }
  }
  if (!root) {
    result.error = ReadError::kMalformed;
    return result;
  }
  const std::string_view qualified = root.name();
  const auto root_namespace = namespace_of(root, prefix_of(qualified));
  if (const auto names = check_names(root); names != ReadError::kNone) {
    result.error = names;
    return result;
  }
  if (!root_namespace) {
    result.error = ReadError::kUnboundPrefix;
    return result;
  }
  result.namespace_uri = std::string(*root_namespace);
  result.root = std::string(local_name(qualified));
  if (!read_alternative(result.root, root, result,
                        std::make_index_sequence<std::variant_size_v<Variant>>{})) {
    fail_with(result, ReadError::kUnknownMessage, result.root,
              OperationError::kServiceNotSupported);
  }
  return result;
}

}  // namespace

Answer answer(ReadError error) noexcept {
  switch (error) {
    case ReadError::kUnknownMessage:
    case ReadError::kMissingElement:
    case ReadError::kBadValue:
      return Answer::kCstaErrorCode;
    default:
      return Answer::kSipStatus;
  }
}

int sip_status(ReadError error) noexcept {
  return error == ReadError::kNone || answer(error) == Answer::kCstaErrorCode ? 200 : 400;
}

std::string_view to_string(ReadError error) noexcept {
  // Indexed by the enumerator, in ReadError's order.
  static constexpr std::array<std::string_view, 9> kNames{"none",
                                                          "body too large",
                                                          "XML nested too deeply",
                                                          "too many XML elements",
                                                          "malformed XML",
                                                          "undeclared namespace prefix",
                                                          "unknown CSTA message",
                                                          "missing element",
                                                          "bad value"};
  const auto index = static_cast<std::size_t>(error);
  return index < kNames.size() ? kNames[index] : "unknown";
}

ReadResult<Request> read_request(std::string_view body, const CodecLimits& limits) {
  return read_any<Request>(body, limits);
}

ReadResult<Response> read_response(std::string_view body, const CodecLimits& limits) {
  return read_any<Response>(body, limits);
}

ReadResult<Event> read_event(std::string_view body, const CodecLimits& limits) {
  return read_any<Event>(body, limits);
}

std::string write(const Request& message, std::string_view namespace_uri) {
  return write_any(message, namespace_uri);
}

std::string write(const Response& message, std::string_view namespace_uri) {
  return write_any(message, namespace_uri);
}

std::string write(const Event& message, std::string_view namespace_uri) {
  return write_any(message, namespace_uri);
}

}  // namespace cmemu::runtime::csta
