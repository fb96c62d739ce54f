// Fuzzes the CSTA XML reader (runtime/csta/codec.hpp): the body is read as a request, a response
// and an event. What reads must be written and read back to the same message and namespace, and
// writing that again must give the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "runtime/csta/codec.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace cmemu::runtime::csta;

using cmemu::fuzz::check;

/// Written text may be longer than what was read (`>` in text becomes `&gt;`) and may add
/// elements the reader filled in: it is read back with room for that.
CodecLimits relaxed() {
  CodecLimits limits;
  limits.max_body_size *= 8;
  limits.max_depth *= 2;
  limits.max_elements *= 4;
  return limits;
}

template <class Message, class Read>
void read_and_write_back(std::string_view body, Read read) {
  ReadResult<Message> first = read(body, CodecLimits{});
  if (!first.ok()) {
    check(first.error != ReadError::kNone, "an error is named");
    return;
  }
  std::string text = write(first.message, first.namespace_uri);
  ReadResult<Message> again = read(text, relaxed());
  if (!again.ok()) std::fprintf(stderr, "written: %s\n", text.c_str());
  check(again.ok(), "a written message reads back");
  check(again.message == first.message, "the same message reads back");
  check(again.namespace_uri == first.namespace_uri, "the same namespace reads back");
  check(again.root == first.root, "the same root reads back");
  check(write(again.message, again.namespace_uri) == text, "writing is stable");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Past the body bound the reader refuses before parsing: nothing more to learn.
  if (size > CodecLimits{}.max_body_size + 16) return 0;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  read_and_write_back<Request>(
      body, [](std::string_view b, const CodecLimits& l) { return read_request(b, l); });
  read_and_write_back<Response>(
      body, [](std::string_view b, const CodecLimits& l) { return read_response(b, l); });
  read_and_write_back<Event>(
      body, [](std::string_view b, const CodecLimits& l) { return read_event(b, l); });
  return 0;
}
