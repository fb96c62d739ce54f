// sip_floor: the least a SIP UDP server can do per request, for bench/sip_bench.py's "floor" row
// (a benchmark tool, not part of the router, not a SIP implementation).
//
// It answers the CSTA request scenario (bench/sipp/csta_requests.xml) as cmemu's transport does:
// the socket in an epoll set, datagrams taken 16 at a time with recvmmsg, the answers of a batch
// sent in one sendmmsg, answers of the size cmemu sends. Per request it only copies the Via,
// From, To, Call-ID and CSeq lines into a 200 OK with a fixed CSTA body: no parsing beyond
// finding those lines, no transaction, dialog or CSTA work. Its CPU time per request is what the
// kernel and the event loop cost on this machine before any SIP work (bench/README.md).
//
// With GATHER_US, after a batch of 2 to 15 datagrams it sleeps that long before reading again
// instead of waiting in epoll_wait, so that the next batch is larger and the kernel wakes it less
// often (interrupt moderation): the share of the per-request cost that is waking up.
//
// Usage: sip_floor PORT [GATHER_US] (127.0.0.1; runs until SIGTERM)
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr unsigned kBatch = 16;
constexpr std::size_t kDatagramSize = 65536;

// The body of cmemu's SnapshotDevice answer to the benchmark's request, so that the answers
// have the size of the router's (the kernel's cost grows with the bytes copied).
constexpr std::string_view kBody =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<SnapshotDeviceResponse "
    "xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">"
    "<crossRefIDorSnapshotData><snapshotData/></crossRefIDorSnapshotData>"
    "</SnapshotDeviceResponse>";

volatile std::sig_atomic_t stopping = 0;

/// The header line starting with `name` (up to its CRLF), empty when none.
std::string_view line_of(std::string_view message, std::string_view name) {
  for (std::size_t at = message.find("\r\n"); at != message.npos;
       at = message.find("\r\n", at + 2)) {
    std::string_view rest = message.substr(at + 2);
    if (rest.starts_with("\r\n")) break;  // the end of the headers
    if (rest.starts_with(name)) return rest.substr(0, rest.find("\r\n"));
  }
  return {};
}

/// The 200 OK for `request`; empty for an ACK (not answered).
std::string answer(std::string_view request) {
  if (request.starts_with("ACK ")) return {};
  const bool invite = request.starts_with("INVITE ");
  const bool bye = request.starts_with("BYE ");
  std::string out;
  out.reserve(600);
  out += "SIP/2.0 200 OK\r\n";
  for (std::string_view name : {"Via:", "From:", "To:", "Call-ID:", "CSeq:"}) {
    out += line_of(request, name);
    if (invite && name == "To:") out += ";tag=floor";
    out += "\r\n";
  }
  if (invite) out += "Contact: <sip:floor@127.0.0.1>\r\n";
  if (bye) {
    out += "Content-Length: 0\r\n\r\n";
    return out;
  }
  out += "Content-Disposition: signal;handling=required\r\nServer: cmemu\r\n";
  out += "Content-Type: application/csta+xml\r\nContent-Length: ";
  out += std::to_string(kBody.size());
  out += "\r\n\r\n";
  out += kBody;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: sip_floor PORT [GATHER_US]\n");
    return 2;
  }
  const long gather_us = argc == 3 ? std::atol(argv[2]) : 0;
  std::signal(SIGTERM, [](int) { stopping = 1; });
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(std::atoi(argv[1])));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    std::perror("sip_floor: bind");
    return 1;
  }
  const int poller = ::epoll_create1(0);
  epoll_event interest{};
  interest.events = EPOLLIN;
  ::epoll_ctl(poller, EPOLL_CTL_ADD, fd, &interest);

  std::vector<char> datagrams(kBatch * kDatagramSize);
  std::array<sockaddr_in, kBatch> senders{};
  std::array<std::string, kBatch> answers;
  while (!stopping) {
    epoll_event ready{};
    if (::epoll_wait(poller, &ready, 1, 200) <= 0) continue;
    for (int round = 0; round < 4; ++round) {
      std::array<mmsghdr, kBatch> in{};
      std::array<iovec, kBatch> in_data{};
      for (unsigned i = 0; i < kBatch; ++i) {
        in_data[i] = {datagrams.data() + i * kDatagramSize, kDatagramSize};
        in[i].msg_hdr.msg_iov = &in_data[i];
        in[i].msg_hdr.msg_iovlen = 1;
        in[i].msg_hdr.msg_name = &senders[i];
        in[i].msg_hdr.msg_namelen = sizeof senders[i];
      }
      const int taken = ::recvmmsg(fd, in.data(), kBatch, MSG_DONTWAIT, nullptr);
      if (taken <= 0) break;
      std::array<mmsghdr, kBatch> out{};
      std::array<iovec, kBatch> out_data{};
      unsigned count = 0;
      for (int i = 0; i < taken; ++i) {
        answers[count] = answer({datagrams.data() + i * kDatagramSize, in[i].msg_len});
        if (answers[count].empty()) continue;
        out_data[count] = {answers[count].data(), answers[count].size()};
        out[count].msg_hdr.msg_iov = &out_data[count];
        out[count].msg_hdr.msg_iovlen = 1;
        out[count].msg_hdr.msg_name = &senders[i];
        out[count].msg_hdr.msg_namelen = in[i].msg_hdr.msg_namelen;
        ++count;
      }
      if (count > 0) ::sendmmsg(fd, out.data(), count, 0);
      if (gather_us > 0 && taken > 1 && taken < static_cast<int>(kBatch)) {
        const timespec pause{0, gather_us * 1000};
        ::nanosleep(&pause, nullptr);
        round = 0;  // a steady load keeps it reading and sleeping, out of epoll_wait
        continue;
      }
      if (taken < static_cast<int>(kBatch)) break;
    }
  }
  ::close(poller);
  ::close(fd);
  return 0;
}
