#!/usr/bin/env python3
"""The vty's telnet protocol, byte by byte, from a raw socket: the router's opening negotiation
(WILL ECHO, WILL SGA, DO NAWS), Enter as CR NUL, the window width from NAWS (a long line scrolls
sideways with `$`), IAC IAC as a data byte, `?` and TAB without Enter, and garbage or a client
that leaves in the middle of a subnegotiation not hurting the router.

Usage: python3 vty_telnet_protocol.py BUILD_DIR
"""
import os
import random
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from e2e_support import Reader, check, vty_router  # noqa: E402

BUILD_DIR = sys.argv[1] if len(sys.argv) > 1 else "build"

IAC, SB, SE, WILL, WONT, DO, DONT = 255, 250, 240, 251, 252, 253, 254
ECHO, SGA, NAWS = 1, 3, 31

CONFIG = """hostname PROTO
line vty 0 4
 password vtypass
 login
end
"""


class Client(Reader):
    def __init__(self, port):
        super().__init__()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)

    def send(self, data):
        self.sock.sendall(data)

    def read_some(self, seconds):
        self.sock.settimeout(max(0.01, seconds))
        try:
            return self.sock.recv(65536)
        except socket.timeout:
            return None

    def close(self):
        self.sock.close()


def main():
    with vty_router(BUILD_DIR, CONFIG, "cmemu-telnetproto-") as router:
        port = router.port
        c = Client(port)
        opening = c.expect(b"Password: ")
        check(opening.startswith(bytes([IAC, WILL, ECHO, IAC, WILL, SGA, IAC, DO, NAWS])),
              f"opening negotiation: {opening!r}")
        check(opening.endswith(b"\r\nUser Access Verification\r\n\r\nPassword: "),
              f"login banner: {opening!r}")
        # The client agrees and reports a 40-column window.
        c.send(bytes([IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, NAWS,
                      IAC, SB, NAWS, 0, 40, 0, 30, IAC, SE]))
        # Enter as CR NUL (a telnet client in character mode).
        c.send(b"vtypass\r\0")
        shown = c.expect(b"PROTO>")
        check(b"vtypass" not in shown, f"password echoed: {shown!r}")

        # `?` and TAB act at once.
        c.send(b"sh?")
        shown = c.expect(b"PROTO>sh")
        check(shown.startswith(b"sh?\r\nshow  "), f"`sh?`: {shown!r}")
        c.send(b"\t")
        c.expect(b"ow ")
        c.send(b"\x15")  # Ctrl-U

        # 40 columns: `PROTO>` + 33 columns; the 34th character scrolls the line ten to the left.
        c.send(b"x" * 33)
        c.expect(b"x" * 33)
        c.send(b"y")
        shown = c.expect(b"y")
        check(shown == b"\b" * 33 + b"$" + b"x" * 22 + b"y", f"scroll: {shown!r}")
        c.send(b"\x15")

        # IAC IAC is one 0xFF data byte: not printable, ignored by the editor.
        c.send(bytes([IAC, IAC]) + b"\r\n")
        c.expect(b"\r\nPROTO>")

        # A wider window: no scrolling for the same line.
        c.send(bytes([IAC, SB, NAWS, 0, 200, 0, 30, IAC, SE]))
        c.send(b"z" * 60)
        shown = c.expect(b"z" * 60)
        check(b"$" not in shown and b"\b" not in shown, f"wide window: {shown!r}")
        c.send(b"\x15\r")
        c.expect(b"PROTO>")

        # Clients that misbehave or vanish.
        for junk in [bytes([IAC, SB, NAWS, 0]),                  # cut in a subnegotiation
                     bytes([IAC, SB]) + b"\xff" * 3000,         # runaway subnegotiation
                     bytes(random.getrandbits(8) for _ in range(20000)),
                     b"show run" + bytes([IAC])]:                # cut after IAC
            bad = socket.create_connection(("127.0.0.1", port), timeout=5)
            bad.sendall(junk)
            bad.close()
        time.sleep(0.3)
        check(router.process.poll() is None, "cmemu died on bad telnet input")

        # The first session still answers.
        c.send(b"show version\r\n")
        shown = c.expect(b"PROTO>")
        check(b"Cisco IOS Software" in shown, f"show version: {shown!r}")
        c.send(b"exit\r\n")
        c.expect(b"exit\r\n")
        c.sock.settimeout(5)
        rest = c.sock.recv(100)
        check(rest == b"", f"closed after exit: {rest!r}")
        c.close()
        print("vty_telnet_protocol: ok")


if __name__ == "__main__":
    main()
