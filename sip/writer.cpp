#include "sip/writer.hpp"

#include <optional>

namespace cmemu::sip {
namespace {

constexpr std::string_view kCrlf = "\r\n";

void add_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += kCrlf;
}

void add_headers_and_body(std::string& out, const std::vector<HeaderField>& headers,
                          std::string_view content_type, std::string_view body) {
  for (const HeaderField& field : headers) {
    if (iequals(field.name, "Content-Length") || iequals(field.name, "l")) continue;
    add_header(out, field.name, field.value);
  }
  if (!content_type.empty()) add_header(out, "Content-Type", content_type);
  add_header(out, "Content-Length", std::to_string(body.size()));
  out += kCrlf;
  out += body;
}

/// Copies every field called `name` from `request`, in order.
void copy_fields(std::string& out, const Message& request, std::string_view name) {
  for (const Header& field : request.headers)
    if (field.name == name) add_header(out, name, field.value);
}

}  // namespace

std::string_view reason_phrase(int status_code) {
  switch (status_code) {
    case 100:
      return "Trying";
    case 180:
      return "Ringing";
    case 181:
      return "Call Is Being Forwarded";
    case 182:
      return "Queued";
    case 183:
      return "Session Progress";
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Moved Temporarily";
    case 305:
      return "Use Proxy";
    case 380:
      return "Alternative Service";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Timeout";
    case 410:
      return "Gone";
    case 413:
      return "Request Entity Too Large";
    case 414:
      return "Request-URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Unsupported URI Scheme";
    case 420:
      return "Bad Extension";
    case 421:
      return "Extension Required";
    case 422:
      return "Session Interval Too Small";
    case 423:
      return "Interval Too Brief";
    case 480:
      return "Temporarily Unavailable";
    case 481:
      return "Call/Transaction Does Not Exist";
    case 482:
      return "Loop Detected";
    case 483:
      return "Too Many Hops";
    case 484:
      return "Address Incomplete";
    case 485:
      return "Ambiguous";
    case 486:
      return "Busy Here";
    case 487:
      return "Request Terminated";
    case 488:
      return "Not Acceptable Here";
    case 489:
      return "Bad Event";
    case 491:
      return "Request Pending";
    case 493:
      return "Undecipherable";
    case 500:
      return "Server Internal Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Server Time-out";
    case 505:
      return "Version Not Supported";
    case 513:
      return "Message Too Large";
    case 600:
      return "Busy Everywhere";
    case 603:
      return "Decline";
    case 604:
      return "Does Not Exist Anywhere";
    case 606:
      return "Not Acceptable";
    default:
      return "Unknown";
  }
}

std::string write_response(const Message& request, const ResponseSpec& spec) {
  std::string out;
  out.reserve(512 + spec.body.size());
  out += "SIP/2.0 ";
  out += std::to_string(spec.status_code);
  out += ' ';
  out += spec.reason.empty() ? reason_phrase(spec.status_code) : std::string_view(spec.reason);
  out += kCrlf;

  copy_fields(out, request, "Via");
  copy_fields(out, request, "From");
  for (const Header& field : request.headers) {
    if (field.name != "To") continue;
    out += "To: ";
    out += field.value;
    if (!spec.to_tag.empty()) {
      auto address = parse_name_addr(field.value);
      if (address && !address->param("tag")) {
        out += ";tag=";
        out += spec.to_tag;
      }
    }
    out += kCrlf;
  }
  copy_fields(out, request, "Call-ID");
  copy_fields(out, request, "CSeq");
  if (spec.copy_record_route) copy_fields(out, request, "Record-Route");
  if (spec.status_code == 100) copy_fields(out, request, "Timestamp");

  add_headers_and_body(out, spec.headers, spec.content_type, spec.body);
  return out;
}

std::string write_request(const RequestSpec& spec) {
  std::string out;
  out.reserve(512 + spec.body.size());
  out += spec.method;
  out += ' ';
  out += spec.request_uri;
  out += " SIP/2.0";
  out += kCrlf;
  add_headers_and_body(out, spec.headers, spec.content_type, spec.body);
  return out;
}

std::string format_via(std::string_view transport, std::string_view host, std::uint16_t port,
                       std::string_view branch, bool rport) {
  std::string via = "SIP/2.0/";
  via += transport;
  via += ' ';
  via += host;
  via += ':';
  via += std::to_string(port);
  via += ";branch=";
  via += branch;
  if (rport) via += ";rport";
  return via;
}

std::string stamp_via(std::string_view via_value, std::string_view source_address,
                      std::uint16_t source_port) {
  auto via = parse_via(via_value);
  if (!via) return std::string(via_value);
  // Everything before the first parameter: protocol and sent-by.
  std::size_t params_start = via->text.size();
  if (!via->params.empty()) {
    params_start = static_cast<std::size_t>(via->params.front().name.data() - via->text.data());
    params_start = via->text.rfind(';', params_start);
  }
  std::string_view sent_by = via->text.substr(0, params_start);
  while (!sent_by.empty() && (sent_by.back() == ' ' || sent_by.back() == '\t'))
    sent_by.remove_suffix(1);

  std::string out(sent_by);
  for (const Param& param : via->params) {
    if (iequals(param.name, "received")) continue;
    out += ';';
    out += param.name;
    if (iequals(param.name, "rport")) {
      out += '=';
      out += param.value.empty() ? std::to_string(source_port) : std::string(param.value);
    } else if (!param.value.empty()) {
      out += '=';
      out += param.value;
    }
  }
  if (via->rport || via->host != source_address) {
    out += ";received=";
    out += source_address;
  }
  return out;
}

}  // namespace cmemu::sip
