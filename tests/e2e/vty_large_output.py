#!/usr/bin/env python3
"""Large command output on the vty, over telnet and SSH: one `show running-config` of more than a
mebibyte arrives whole (a router with thousands of phones prints that much), and a client that
sends many such commands at once without reading keeps its session: the router holds the typed
input back while the output waits (VtyLimits in cli/vty_server_base.hpp), so it never holds the
output of all of them at once, and each command's output arrives complete and in order once the
client reads.

Usage: python3 vty_large_output.py BUILD_DIR
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import Reader, check  # noqa: E402
from ssh_lab import SshLab, read_until, system_python_modules  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"
DNS = 10000  # the most `max-dn` allows; each adds six lines: about 1.4 MiB in all
PIPELINED = 14  # commands sent at once: their output together (20 MiB) passes the 16 MiB bound
MIB = 1 << 20

CONFIG = ("hostname BIG\nip domain name lab.local\n"
          "username admin privilege 15 secret adminpw\n"
          "line vty 0 4\n login local\n transport input telnet ssh\n"
          f"telephony-service\n max-dn {DNS}\n" +
          "".join(f"ephone-dn {tag}\n number {100000 + tag}\n label Line {tag} of the large output"
                  f" test\n name Extension {100000 + tag} of the large output test\n"
                  f" description Directory entry {tag} of the large output test\n"
                  for tag in range(1, DNS + 1)) +
          "end\n")


END = b"end\r\nBIG#"  # the last line of a running-config, then the prompt


def whole_outputs(text, count):
    """Checks that `text` holds `count` complete running-configs, one after the other."""
    starts = text.count(b"Building configuration...")
    last_dn = f"ephone-dn  {DNS}".encode()
    dns = text.count(last_dn)
    ends = text.count(END)
    check(starts == count and dns == count and ends == count,
          f"{count} outputs expected: {starts} starts, {dns} with {last_dn!r}, {ends} ends")


def read_outputs(receive, count, what):
    """Reads with `receive` until `count` running-configs and their prompts came."""
    seen = b""
    deadline = time.time() + 120
    while seen.count(END) < count and time.time() < deadline:
        chunk = receive()
        check(chunk != b"", f"the router closed the {what} session of a client that read late")
        seen += chunk
    return seen


class Telnet(Reader):
    """A raw socket: the router's telnet negotiation comes first and is skipped by expect()."""

    def __init__(self, port):
        super().__init__()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)

    def read_some(self, seconds):
        self.sock.settimeout(max(0.01, seconds))
        try:
            return self.sock.recv(1 << 16)
        except socket.timeout:
            return None


def over_telnet(lab):
    vty = Telnet(lab.vty_port)
    vty.expect(b"Username: ")
    vty.sock.sendall(b"admin\r\n")
    vty.expect(b"Password: ")
    vty.sock.sendall(b"adminpw\r\n")
    vty.expect(b"BIG#")
    vty.sock.sendall(b"terminal length 0\r\n")
    vty.expect(b"BIG#")

    vty.sock.sendall(b"show running-config\r\n")
    one = vty.expect(END, timeout=60)
    check(len(one) > MIB, f"one show running-config: {len(one)} bytes, more than 1 MiB wanted")
    whole_outputs(one, 1)

    vty.sock.sendall(b"show running-config\r\n" * PIPELINED)
    time.sleep(2)  # the client reads nothing meanwhile
    lab.alive()
    whole_outputs(read_outputs(lambda: vty.read_some(60) or b"", PIPELINED, "telnet"), PIPELINED)
    vty.sock.sendall(b"exit\r\n")
    vty.sock.close()


def over_ssh(lab):
    client = lab.paramiko("admin", "adminpw")
    channel = client.invoke_shell(width=200)
    channel.settimeout(60)
    read_until(channel, b"BIG#")
    channel.sendall(b"terminal length 0\r")
    read_until(channel, b"BIG#")
    channel.sendall(b"show running-config\r" * PIPELINED)
    time.sleep(2)
    lab.alive()
    whole_outputs(read_outputs(lambda: channel.recv(1 << 16), PIPELINED, "SSH"), PIPELINED)
    client.close()


def main():
    system_python_modules("paramiko")
    lab = SshLab(BUILD_DIR, CONFIG)
    try:
        over_telnet(lab)
        over_ssh(lab)
        lab.alive()
    finally:
        lab.stop()
    print("vty_large_output: ok")


if __name__ == "__main__":
    main()
